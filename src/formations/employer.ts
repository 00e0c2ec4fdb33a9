/**
 * « Recruter : trouvez les formations de votre territoire » (page /entreprises et son export CSV).
 *
 * L'employeur choisit les métiers qu'il recrute (cases cochées, et/ou un texte « Ajouter un
 * métier » qui peut en nommer plusieurs, séparés par des virgules) et sa commune (nom ou code
 * postal, avec un rayon) OU un territoire EFOP. On lui montre les sessions en cours et à venir, sur
 * place, des formations qui préparent à ces métiers, regroupées par organisme, avec leurs dates de
 * fin et l'état des inscriptions ; et la même liste par date de fin (« qui finit bientôt »),
 * éventuellement limitée aux sessions qui se terminent dans les 3, 6 ou 12 mois (`fin`).
 *
 * Paramètres (GET, un formulaire sans JavaScript) : `metier` (code ROME, répétable), `ajout`,
 * `commune` (texte), `code_commune` (code INSEE, dans nos liens), `territoire` (slug), `rayon`
 * (un palier de src/domain/radius.ts), `fin` (3, 6 ou 12 mois), `vue=impression`. Tout est validé ici ; rien ne lève d'exception.
 */
import { enrolmentFieldsOf } from '../http/formation-detail';
import type { Commune, TerritoireEfop } from '../domain/geo';
import type { Metier } from '../domain/metier';
import type { FormationDetail, FormationResult } from '../http/schemas';
import { cleanText } from '../http/params';
import { DEFAULT_RADIUS_KM, RADIUS_STEPS, isRadiusStep } from '../domain/radius';
import { formationsQuery } from './search';
import type { SearchQuery } from '../search/query';
import { groupSessionEnds, type EndDateSummary } from '../offer-stats/end-dates';
import { resolveCommuneCode, resolveCommuneText } from '../territories/place';
import { acceptsEnrolment, sessionProgress } from '../domain/sessions';
import { addMonths } from '../domain/calendar';
import type { LocalSearchServices, OrganismeDetail } from './services';

export const MAX_EMPLOYER_METIERS = 20;
export const MAX_AJOUT_LENGTH = 200;
/** Au plus 10 pages de 50 actions : au-delà, on demande de préciser. */
export const MAX_RESULT_PAGES = 10;
const PER_PAGE = 50;

export type EmployerField = 'metier' | 'ajout' | 'commune' | 'territoire' | 'rayon' | 'fin';

/** « Sessions qui se terminent dans les … mois » : les choix du formulaire. */
export const END_WITHIN_MONTHS = [3, 6, 12] as const;
export type EndWithinMonths = (typeof END_WITHIN_MONTHS)[number];

export interface EmployerForm {
  /** Codes des métiers retenus (cases cochées). */
  metiers: Metier[];
  ajout: string;
  commune: string;
  territoire: string;
  rayon: number;
  /** Seulement les sessions qui se terminent dans ce nombre de mois ; null : toutes. */
  fin: EndWithinMonths | null;
}

export interface MetierSuggestions {
  query: string;
  metiers: { code: string; label: string; appellation: string | null }[];
}

export type EmployerPlace = { kind: 'commune'; commune: Commune; alternatives: Commune[]; radiusKm: number } | { kind: 'territoire'; territoire: TerritoireEfop };

export interface EmployerRequest {
  /**
   * Vrai si le formulaire a été envoyé (il envoie toujours le champ `ajout`, même vide) : les champs
   * manquants sont alors signalés. Un lien (`?territoire=…`) ne fait que pré-remplir le formulaire.
   */
  submitted: boolean;
  form: EmployerForm;
  /** Autres métiers proches de ce qui a été tapé dans « Ajouter un métier », à cocher. */
  suggestions: MetierSuggestions[];
  place: EmployerPlace | null;
  errors: Partial<Record<EmployerField, string>>;
  print: boolean;
}

const ROME_CODE = /^[A-N]\d{4}$/;

/** Découpe « soudeur, chaudronnier ; cariste » en métiers à chercher. */
export function splitMetierQueries(text: string): string[] {
  return [...new Set(text.split(/[,;\n]+/).map((part) => cleanText(part)).filter((part) => part !== ''))];
}

export function parseEmployerRequest(services: Pick<LocalSearchServices, 'geo' | 'searchMetiers' | 'getMetier'>, params: URLSearchParams): EmployerRequest {
  const errors: EmployerRequest['errors'] = {};
  const submitted = params.has('ajout');
  const first = (name: string) => params.get(name) ?? '';

  // Métiers cochés : des codes ROME connus.
  const metiers: Metier[] = [];
  const add = (m: Metier) => {
    if (!metiers.some((x) => x.code === m.code)) metiers.push(m);
  };
  const codes = params.getAll('metier').map((c) => c.trim().toUpperCase()).filter((c) => c !== '');
  const unknown: string[] = [];
  for (const code of codes.slice(0, MAX_EMPLOYER_METIERS + 1)) {
    const metier = ROME_CODE.test(code) ? services.getMetier(code) : undefined;
    if (metier) add(metier);
    else unknown.push(code);
  }
  if (unknown.length > 0) errors.metier = `Métier inconnu : ${unknown.slice(0, 3).map((c) => `« ${c.slice(0, 20)} »`).join(', ')}. Choisissez un métier de la liste, ou tapez son nom.`;

  // Métiers tapés : le meilleur métier de chaque morceau est ajouté, les autres sont proposés.
  const ajout = first('ajout').slice(0, MAX_AJOUT_LENGTH * 2);
  const suggestions: MetierSuggestions[] = [];
  let ajoutKept = '';
  if (ajout.length > MAX_AJOUT_LENGTH) {
    errors.ajout = `Le texte ne doit pas dépasser ${MAX_AJOUT_LENGTH} caractères.`;
    ajoutKept = ajout.slice(0, MAX_AJOUT_LENGTH);
  } else {
    const missing: string[] = [];
    for (const query of splitMetierQueries(ajout)) {
      const found = query.length >= 2 ? services.searchMetiers(query) : [];
      const [best, ...others] = found;
      const metier = best && services.getMetier(best.code);
      if (!metier) {
        missing.push(query);
        continue;
      }
      add(metier);
      suggestions.push({ query, metiers: others.map((o) => ({ code: o.code, label: o.libelle, appellation: o.appellation })) });
    }
    if (missing.length > 0) {
      errors.ajout = `Aucun métier ne correspond à ${missing.map((q) => `« ${q.slice(0, 60)} »`).join(', ')}. Vérifiez l’orthographe ou essayez un autre mot.`;
      ajoutKept = missing.join(', ');
    }
  }
  // Les métiers proposés : ni déjà retenus, ni déjà proposés pour un autre morceau ; 5 au plus par morceau.
  const proposed = new Set(metiers.map((m) => m.code));
  for (const s of suggestions) {
    s.metiers = s.metiers.filter((m) => !proposed.has(m.code)).slice(0, 5);
    for (const m of s.metiers) proposed.add(m.code);
  }
  suggestions.splice(0, suggestions.length, ...suggestions.filter((s) => s.metiers.length > 0));
  if (metiers.length > MAX_EMPLOYER_METIERS) {
    errors.metier = `Choisissez ${MAX_EMPLOYER_METIERS} métiers au plus.`;
    metiers.length = MAX_EMPLOYER_METIERS;
  }

  // Rayon.
  const rayonText = first('rayon').trim();
  let rayon: number = DEFAULT_RADIUS_KM;
  if (rayonText !== '') {
    const n = Number(rayonText);
    if (isRadiusStep(n)) rayon = n;
    else errors.rayon = `Le rayon doit être de ${RADIUS_STEPS.join(', ')} km.`;
  }

  // Fin des sessions : 3, 6 ou 12 mois, ou toutes.
  const finText = first('fin').trim();
  let fin: EndWithinMonths | null = null;
  if (finText !== '') {
    const n = Number(finText);
    const allowed = END_WITHIN_MONTHS.find((m) => m === n);
    if (allowed !== undefined) fin = allowed;
    else errors.fin = `Choisissez des sessions qui se terminent dans les ${END_WITHIN_MONTHS.slice(0, -1).join(', ')} ou ${END_WITHIN_MONTHS.at(-1)} mois, ou toutes.`;
  }

  // Lieu : une commune (texte ou code INSEE) OU un territoire.
  const communeText = first('commune').slice(0, 200);
  const communeCode = first('code_commune').trim();
  const territoireSlug = first('territoire').trim();
  let place: EmployerPlace | null = null;
  let territoire: TerritoireEfop | undefined;
  if (territoireSlug !== '') {
    territoire = services.geo.territoireBySlug(territoireSlug);
    if (!territoire) errors.territoire = 'Territoire inconnu : choisissez-en un dans la liste.';
  }
  const hasCommune = communeText.trim() !== '' || communeCode !== '';
  if (hasCommune && territoireSlug !== '') {
    errors.territoire = 'Choisissez une commune OU un territoire, pas les deux : videz l’un des deux champs.';
  } else if (hasCommune) {
    const resolved = communeCode !== '' ? resolveCommuneCode(services.geo, communeCode) : resolveCommuneText(services.geo, communeText);
    if (resolved.ok) place = { kind: 'commune', commune: resolved.commune, alternatives: resolved.alternatives, radiusKm: rayon };
    else errors.commune = resolved.message;
  } else if (territoire) {
    place = { kind: 'territoire', territoire };
  }

  if (submitted && Object.keys(errors).length === 0) {
    if (metiers.length === 0) errors.metier = 'Choisissez au moins un métier : tapez son nom dans « Ajouter un métier ».';
    if (!place) errors.commune = 'Indiquez votre commune (ou son code postal), ou choisissez un territoire.';
  }

  return {
    submitted,
    form: {
      metiers,
      ajout: ajoutKept,
      commune: place?.kind === 'commune' && communeCode !== '' ? place.commune.name : communeText,
      territoire: territoireSlug,
      rayon,
      fin,
    },
    suggestions,
    place,
    errors,
    print: first('vue') === 'impression',
  };
}

/** Une session pas encore finie : en cours ou à venir, et si l'on peut encore s'y inscrire. */
export interface EmployerSession {
  id: string;
  start: string | null;
  end: string | null;
  progress: 'upcoming' | 'under-way';
  /** On peut s'y inscrire (`acceptsEnrolment` du domaine : session ouverte, recrutement que l'organisme dit ouvert, période d'inscription en cours). */
  open: boolean;
  /** L'action de la session (une carte en réunit parfois plusieurs) ; absent : celle de la formation. */
  actionId?: string;
}

/** Une formation dans un lieu (une carte de la recherche) avec ses sessions en cours et à venir. */
export interface EmployerTraining {
  /** Identifiant de la carte (sa première action). */
  actionId: string;
  title: string;
  /** Codes des métiers recherchés que cette formation prépare. */
  metiers: string[];
  city: string;
  distanceKm: number | null;
  sessions: EmployerSession[];
}

/** Une ligne de la liste « par date de fin ». */
export interface EmployerSessionRow {
  group: OrganismeGroup;
  training: EmployerTraining;
  session: EmployerSession;
}

export interface OrganismeGroup {
  organisme: OrganismeDetail;
  trainings: EmployerTraining[];
  sessions: number;
  nearestKm: number | null;
  ends: EndDateSummary;
}

export interface EmployerResult {
  organismes: OrganismeGroup[];
  trainings: number;
  sessions: number;
  ends: EndDateSummary;
  /** Rayon réellement utilisé (élargi par la recherche si rien n'était trouvé sur place). */
  radiusKm: number | null;
  widened: boolean;
  /** Formations entièrement à distance, non listées (aucun lieu près de l'entreprise). */
  distanceLearning: number;
  /** Vrai si la liste a été coupée à MAX_RESULT_PAGES pages. */
  truncated: boolean;
  /** Toutes les sessions, par date de fin (les plus proches d'abord ; sans date de fin à la fin). */
  byEnd: EmployerSessionRow[];
}

/** La recherche de formations qui correspond à la demande (une page de résultats). */
export function employerSearchQuery(metiers: readonly Pick<Metier, 'code'>[], place: EmployerPlace, page = 1): SearchQuery {
  const romeCodes = metiers.map((m) => m.code);
  return place.kind === 'commune'
    ? formationsQuery({ romeCodes, origin: { lat: place.commune.lat, lon: place.commune.lon }, radiusKm: place.radiusKm, sort: 'distance', page, perPage: PER_PAGE })
    : formationsQuery({ romeCodes, filters: { territoires: [place.territoire.slug] }, sort: 'date', page, perPage: PER_PAGE });
}

/**
 * Les sessions d'une action que l'employeur voit : toutes celles qui ne sont pas finies (en cours,
 * même fermées aux inscriptions : ce sont les futurs diplômés les plus proches ; et à venir), et,
 * avec `endBy`, seulement celles qui se terminent au plus tard ce jour-là (date de fin connue).
 */
export function employerSessions(
  detail: { entree_permanente: boolean; sessions: readonly Pick<FormationDetail['sessions'][number], 'id' | 'debut' | 'fin' | 'recrutement' | 'periode_inscription'>[] },
  today: string,
  endBy: string | null,
): EmployerSession[] {
  const out: EmployerSession[] = [];
  for (const s of detail.sessions) {
    const session = enrolmentFieldsOf(s);
    const progress = sessionProgress(session, today);
    if (progress === 'ended') continue;
    if (endBy !== null && (session.end === null || session.end > endBy)) continue;
    out.push({ id: s.id, start: s.debut, end: s.fin, progress, open: acceptsEnrolment(session, detail.entree_permanente, today) });
  }
  return out;
}

/**
 * Regroupe des résultats de recherche par organisme. `today` (AAAA-MM-JJ) sert aux périodes de fin.
 * Les formations à distance et celles sans session en cours ou à venir (dans la période `endBy`)
 * sont écartées ; un résultat dont la fiche détaillée est introuvable aussi.
 */
export function groupByOrganisme(
  results: readonly FormationResult[],
  wanted: ReadonlySet<string>,
  detailOf: LocalSearchServices['detailOf'],
  today: string,
  endBy: string | null = null,
): { groups: OrganismeGroup[]; distanceLearning: number } {
  const groups = new Map<string, { organisme: OrganismeDetail; trainings: EmployerTraining[] }>();
  let distanceLearning = 0;
  for (const r of results) {
    if (r.a_distance) {
      distanceLearning += 1;
      continue;
    }
    // Une carte réunit parfois plusieurs actions (même formation, même lieu) : toutes leurs sessions.
    const details = (r.actions ?? [r.id]).map((id) => detailOf(id)).filter((d) => d !== undefined);
    const detail = details[0];
    if (!detail) continue;
    const sessions = details.flatMap((d) => employerSessions(d, today, endBy).map((s) => ({ ...s, actionId: d.id }))).sort((a, b) => (a.end ?? '9999').localeCompare(b.end ?? '9999'));
    if (sessions.length === 0) continue;
    const organisme = withActionContact(detail.organisme, detail.contact);
    const group = groups.get(organisme.id) ?? { organisme, trainings: [] };
    group.trainings.push({
      actionId: r.id,
      title: r.intitule,
      metiers: r.metiers.filter((code) => wanted.has(code)),
      city: r.lieu.commune,
      distanceKm: r.distance_km,
      sessions,
    });
    groups.set(organisme.id, group);
  }
  const out = [...groups.values()].map(({ organisme, trainings }) => {
    const distances = trainings.map((t) => t.distanceKm).filter((d): d is number => d !== null);
    return {
      organisme,
      trainings,
      sessions: trainings.reduce((n, t) => n + t.sessions.length, 0),
      nearestKm: distances.length > 0 ? Math.min(...distances) : null,
      ends: groupSessionEnds(
        trainings.flatMap((t) => t.sessions.map((s) => s.end)),
        today,
      ),
    };
  });
  out.sort((a, b) => (a.nearestKm ?? Infinity) - (b.nearestKm ?? Infinity) || a.organisme.nom.localeCompare(b.organisme.nom, 'fr'));
  return { groups: out, distanceLearning };
}

/** Complète le contact de l'organisme par celui de l'action quand il manque. */
function withActionContact(organisme: OrganismeDetail, action: { nom: string | null; telephone: string | null; email: string | null; site_web: string | null } | null): OrganismeDetail {
  if (!action) return organisme;
  const c = organisme.contact;
  return {
    ...organisme,
    contact: {
      nom: c.nom ?? action.nom,
      telephone: c.telephone ?? action.telephone,
      email: c.email ?? action.email,
      site_web: c.site_web ?? action.site_web,
    },
  };
}

/** Lance la recherche (toutes les pages, MAX_RESULT_PAGES au plus) et regroupe par organisme. */
export async function runEmployerSearch(
  services: Pick<LocalSearchServices, 'search' | 'card' | 'detailOf'>,
  metiers: readonly Pick<Metier, 'code'>[],
  place: EmployerPlace,
  today: string,
  endWithin: EndWithinMonths | null = null,
): Promise<EmployerResult> {
  const results: FormationResult[] = [];
  let first: Awaited<ReturnType<LocalSearchServices['search']>> | null = null;
  for (let page = 1; page <= MAX_RESULT_PAGES; page += 1) {
    const found = await services.search(employerSearchQuery(metiers, place, page));
    first ??= found;
    results.push(...found.hits.map((hit) => services.card(hit)));
    if (page * PER_PAGE >= found.total) break;
  }
  const endBy = endWithin === null ? null : addMonths(today, endWithin);
  const { groups, distanceLearning } = groupByOrganisme(results, new Set(metiers.map((m) => m.code)), services.detailOf, today, endBy);
  return {
    organismes: groups,
    trainings: groups.reduce((n, g) => n + g.trainings.length, 0),
    sessions: groups.reduce((n, g) => n + g.sessions, 0),
    ends: groupSessionEnds(
      groups.flatMap((g) => g.trainings.flatMap((t) => t.sessions.map((s) => s.end))),
      today,
    ),
    radiusKm: first?.radiusKm ?? null,
    widened: first?.widened ?? false,
    distanceLearning,
    truncated: first !== null && first.total > MAX_RESULT_PAGES * PER_PAGE,
    byEnd: sessionsByEnd(groups),
  };
}

/** Toutes les sessions, de celle qui se termine la première à la dernière ; sans date de fin à la fin ; puis par début. */
export function sessionsByEnd(groups: readonly OrganismeGroup[]): EmployerSessionRow[] {
  const rows = groups.flatMap((group) => group.trainings.flatMap((training) => training.sessions.map((session) => ({ group, training, session }))));
  const key = (d: string | null) => d ?? '9999-12-31';
  return rows.sort((a, b) => key(a.session.end).localeCompare(key(b.session.end)) || key(a.session.start).localeCompare(key(b.session.start)) || a.training.title.localeCompare(b.training.title, 'fr'));
}

/** La demande est complète et valide : la recherche peut être lancée. */
export function isSearchable(request: EmployerRequest): request is EmployerRequest & { place: EmployerPlace } {
  return Object.keys(request.errors).length === 0 && request.place !== null && request.form.metiers.length > 0;
}

/** Les paramètres d'une demande valide, pour un lien (export CSV, version imprimable) : codes résolus. */
export function employerQuery(metiers: readonly Pick<Metier, 'code'>[], place: EmployerPlace, extra: Record<string, string> = {}, endWithin: EndWithinMonths | null = null): string {
  const params = new URLSearchParams();
  for (const m of metiers) params.append('metier', m.code);
  if (place.kind === 'commune') {
    params.set('code_commune', place.commune.inseeCode);
    params.set('rayon', String(place.radiusKm));
  } else {
    params.set('territoire', place.territoire.slug);
  }
  if (endWithin !== null) params.set('fin', String(endWithin));
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}
