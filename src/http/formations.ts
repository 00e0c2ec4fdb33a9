/**
 * `GET /api/formations` : la réponse publique du cas d'usage « chercher des formations »
 * (src/formations/search.ts, élargissement du rayon compris), au format de l'API.
 * Réponse : `rayon_km` = le rayon réellement utilisé, `elargi` = vrai s'il a changé (même si
 * rien n'est trouvé au dernier palier) ; `a_distance: true` pour une formation entièrement à distance.
 */
import { SITUATION_FIELDS, type SituationField } from '../lib/situation';
import { apiPlainText } from './api-text';
import { insertionHeadline, type InsertionStat } from '../domain/insertion';
import { roundKm, searchFormations as runSearch, type FormationHit, type FormationSearch, type QueryUnderstanding } from '../formations/search';
import type { IntentIndex } from '../metiers/intent';
import type { UnderstandingChoice } from './params';
import type { ActionDocument, DocumentVariant, SearchEngine, SearchHit } from '../search/port';
import { bestVerdict, costFor, COST_SOURCES, situationConflicts, type CostVerdict, type Situation } from '../domain/costs';
import type { Enrolment } from '../domain/sessions';
import { variantLabels } from '../formations/variants';
import type { FacetName, Facets, SearchQuery } from '../search/query';
import type { CostOut, FacetteName, FormationResult, FormationsResponse } from './schemas';

/** La statistique du taux d'insertion publiable d'une action (celui de `insertionRate`). */
export type InsertionOrigin = (actionId: string) => InsertionStat | null;

const FACET_NAMES: Record<FacetteName, FacetName> = {
  niveau: 'level',
  modalite: 'teachingMode',
  financement: 'financing',
  public: 'publics',
  departement: 'departement',
  territoire: 'territoire',
  entree_permanente: 'permanentEntry',
  handicap: 'handicapAccessible',
  certifiante: 'certifying',
  debut: 'startMonth',
  duree: 'durationBucket',
  gratuit_pour: 'freeFor',
};

function facettes(facets: Facets): FormationsResponse['facettes'] {
  return Object.fromEntries(Object.entries(FACET_NAMES).map(([out, name]) => [out, facets[name]])) as FormationsResponse['facettes'];
}

function insertionOf(doc: ActionDocument, origin: InsertionOrigin): FormationResult['insertion'] {
  const stat = doc.insertionRate === null ? null : origin(doc.id);
  if (!stat || doc.insertionRate === null) return undefined;
  return { taux_emploi: doc.insertionRate, libelle: insertionHeadline(stat), source: stat.source, demonstration: stat.demo, millesime: stat.vintage, perimetre: stat.scope };
}

export const ENROLMENT_WORDS = { open: 'ouvertes', soon: 'bientot', closed: 'fermees', none: 'aucune-session' } as const satisfies Record<Enrolment, string>;

export function costOut(verdict: CostVerdict): CostOut {
  return {
    type: verdict.kind,
    phrase: verdict.sentence,
    paye_pendant: verdict.pay,
    reste: verdict.remaining,
    remarque: verdict.note,
    sources: [...new Set(verdict.sources)].map((id) => ({ libelle: COST_SOURCES[id].label, url: COST_SOURCES[id].url })),
  };
}

/** Les variantes d'un document ; un document d'avant (sans variantes) en a une, tirée de ses champs. */
export function variantsOf(doc: ActionDocument): DocumentVariant[] {
  if (doc.variants && doc.variants.length > 0) return doc.variants;
  return [{ actionIds: [doc.id], publics: doc.publics, financing: { funders: [], programme: null, cpfEligible: doc.financing.includes('cpf') }, priceEuros: null, remainingCosts: null, rhythm: null, durationHours: doc.durationHours, freeFor: doc.freeFor ?? [], enrolment: doc.enrolment ?? 'open' }];
}

export function toFormationResult({ document: doc, distanceKm, missing, intent }: FormationHit, origin: InsertionOrigin, situation: Situation = {}): FormationResult {
  const insertion = insertionOf(doc, origin);
  const variants = variantsOf(doc);
  const labels = variantLabels(variants);
  const verdicts = variants.map((v) => costFor(v, situation));
  const best = bestVerdict(verdicts);
  return {
    id: doc.id,
    actions: doc.actionIds ?? [doc.id],
    correspondance: intent ? 'metier' : missing && missing.length > 0 ? 'partielle' : 'complete',
    metier_compris: intent ? { code: intent.code, libelle: intent.label } : null,
    mots_absents: missing ?? [],
    intitule: apiPlainText(doc.title),
    organisme: apiPlainText(doc.organismeName),
    lieu: { commune: doc.city, code_insee: doc.inseeCode, site: doc.site ?? null, lat: doc.lat, lon: doc.lon },
    distance_km: roundKm(distanceKm),
    a_distance: doc.distanceLearning,
    sessions: doc.sessions.map((s) => ({ debut: s.start, fin: s.end, en_cours: s.underway === true, complete: s.full === true, inscriptions_ouvrent_le: s.opens ?? null, variante: s.variant ?? 0 })),
    inscriptions: ENROLMENT_WORDS[doc.enrolment ?? 'open'],
    inscriptions_ouvrent_le: doc.enrolmentOpens ?? null,
    reunion_information: doc.nextInformation ?? null,
    variantes: variants.map((v, i) => ({
      actions: v.actionIds,
      libelle: labels[i] ?? '',
      publics: v.publics,
      rythme: v.rhythm,
      prix_euros: v.priceEuros,
      duree_heures: v.durationHours,
      inscriptions: ENROLMENT_WORDS[v.enrolment],
      cout: costOut(verdicts[i] as CostVerdict),
    })),
    cout: costOut((best as { verdict: CostVerdict }).verdict),
    niveau_sortie: doc.level,
    modalite: doc.teachingMode,
    duree_heures: doc.durationHours,
    metiers: doc.romeCodes,
    ...(insertion && { insertion }),
    ...(doc.reviewCount > 0 && doc.reviewScore !== null && { avis: { note_globale: doc.reviewScore, nombre: doc.reviewCount } }),
  };
}

/** Le résultat du cas d'usage, au format de l'API. */
/** Moins de résultats que ce nombre : on propose des métiers proches. */
export const FEW_RESULTS = 5;

/** La lecture des fiches métiers (src/metiers/intent.ts), par l'index des métiers de l'API. */
export type UnderstandText = IntentIndex['understand'];

/** Le texte ne contient que des mots de la demande : ce qu'on dit à la personne. */
export const ONLY_FILLERS_MESSAGE = 'Dites-nous ce que vous aimeriez faire ou le métier qui vous attire, par exemple « m’occuper d’enfants », « réparer des voitures » ou « cuisinier ». En attendant, voici toutes les formations.';

/** `compris` de la réponse : ce que la recherche a compris du texte. */
export function understandingOut(u: QueryUnderstanding | null): FormationsResponse['compris'] {
  if (u === null) return null;
  const onlyFillers = u.words.length === 0 && u.fillers.length > 0;
  return {
    mots: u.words,
    mots_ignores: u.fillers,
    metiers: u.metiers.map((m) => ({ code: m.code, libelle: m.label })),
    metiers_retires: u.removed,
    mots_seuls: u.wordsOnly,
    formations_ajoutees: u.added,
    message: onlyFillers ? ONLY_FILLERS_MESSAGE : null,
  };
}

/** Les métiers proches à proposer (src/http/metiers.ts `related`). */
export type RelatedMetiers = (codes: readonly string[], q: string) => { code: string; libelle: string }[];
/** La correction proposée du texte tapé (src/http/metiers.ts `closest`). */
export type ClosestMetier = (q: string) => string | null;
export interface FewResultsHelp {
  related: RelatedMetiers;
  closest: ClosestMetier;
  /** Les métiers qu'un texte désigne ; absent : la recherche ne porte que sur les mots. */
  understand?: UnderstandText;
}

export function toFormationsResponse(search: FormationSearch, origin: InsertionOrigin, situation: Situation = {}, related: { codes: readonly string[]; text: string; of: FewResultsHelp } | null = null): FormationsResponse {
  const few = related !== null && search.total < FEW_RESULTS;
  return {
    total: search.total,
    page: search.page,
    par_page: search.perPage,
    rayon_km: search.radiusKm,
    elargi: search.widened,
    resultats: search.hits.map((hit) => toFormationResult(hit, origin, situation)),
    facettes: facettes(search.facets),
    compris: understandingOut(search.understanding),
    vouliez_vous_dire: few && related.text !== '' ? related.of.closest(related.text) : null,
    metiers_proches: few && (related.codes.length > 0 || related.text !== '') ? related.of.related(related.codes, related.text) : [],
    situation: { reponses: situationAnswers(situation), remarques: situationConflicts(situation) },
  };
}

/** `GET /api/formations` pour une requête déjà analysée. */
export async function searchFormations(
  engine: SearchEngine,
  query: SearchQuery,
  origin: InsertionOrigin,
  situation: Situation = {},
  related: FewResultsHelp | null = null,
  choice: UnderstandingChoice = { removedMetiers: [], wordsOnly: false },
): Promise<FormationsResponse> {
  const understand = related?.understand;
  const intent = understand ? { understand } : null;
  const search = await runSearch(engine, query, { intent, removedMetiers: choice.removedMetiers, wordsOnly: choice.wordsOnly });
  // Peu de résultats : les métiers proches de ceux que la personne a choisis, à défaut de ceux compris.
  const codes = query.romeCodes.length > 0 ? query.romeCodes : (search.understanding?.metiers.map((m) => m.code) ?? []);
  const text = search.understanding ? search.understanding.words.join(' ') : query.text;
  return toFormationsResponse(search, origin, situation, related && { codes, text, of: related });
}

/** Les réponses de « Ma situation », au format des paramètres (oui / non, tranche d'âge). */
/** Les réponses de « Ma situation » pour remplir ses champs (chaque question, '' sans réponse). */
export function situationFieldValues(s: Situation): Record<SituationField, string> {
  const answers = situationAnswers(s);
  return Object.fromEntries(SITUATION_FIELDS.map((name) => [name, answers[name] ?? ''])) as Record<SituationField, string>;
}

export function situationAnswers(s: Situation): Record<string, string> {
  const yes = (v: boolean) => (v ? 'oui' : 'non');
  const out: Record<string, string> = {};
  if (s.franceTravail !== undefined) out.inscrit_ft = yes(s.franceTravail);
  if (s.age !== undefined) out.age = s.age;
  if (s.employed !== undefined) out.salarie = yes(s.employed);
  if (s.disability !== undefined) out.rqth = yes(s.disability);
  if (s.rsa !== undefined) out.rsa = yes(s.rsa);
  return out;
}
