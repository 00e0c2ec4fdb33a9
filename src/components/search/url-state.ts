/**
 * L'état de la page de recherche ⇄ son adresse (URL), et l'état → paramètres de l'API.
 *
 * L'URL contient TOUT l'état (adresse partageable, retour arrière) : les paramètres de l'API
 * (`q`, `metier`, `commune` ou `lat`+`lon`, `rayon`, filtres, `tri`, `page`), plus trois
 * paramètres de la page : `ou` (le texte du champ « Où ? »), `a_distance=oui` (inclure les
 * formations entièrement à distance) et `mois` (AAAA-MM, traduit en `debut_min`/`debut_max`).
 *
 * Ce module ne valide rien (le serveur valide avec le schéma de l'API) et n'importe rien :
 * il part aussi dans le JavaScript du navigateur.
 */
import { DEFAULT_RADIUS } from '../map/map';
import { SITUATION_FIELDS, type SituationField } from '../../lib/situation';

export const LIST_FILTERS = ['niveau', 'modalite', 'financement', 'public', 'departement', 'territoire'] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];
export const YES_FILTERS = ['entree_permanente', 'handicap', 'certifiante'] as const;
export type YesFilter = (typeof YES_FILTERS)[number];
/** « Ma situation » (facultatif, dans l'adresse seulement) : oui / non, ou une tranche d'âge. */
export { SITUATION_FIELDS, type SituationField };
export const SORT_VALUES = ['pertinence', 'distance', 'date', 'insertion', 'note'] as const;
export const PER_PAGE = 20;

export interface SearchState {
  q: string;
  metier: string[];
  /** Texte du champ « Où ? » (nom de commune, code postal, « Ma position »…). */
  ou: string;
  commune: string | null;
  lat: number | null;
  lon: number | null;
  rayon: number;
  /** Inclure les formations entièrement à distance quand un lieu est donné. */
  aDistance: boolean;
  filters: Record<ListFilter, string[]>;
  yes: Record<YesFilter, boolean>;
  /** Mois de début « AAAA-MM ». */
  mois: string | null;
  /** Durée maximale en heures. */
  dureeMax: number | null;
  /** Réponses de « Ma situation » telles que tapées ('' : sans réponse). */
  situation: Record<SituationField, string>;
  /** « Gratuit pour moi ». */
  gratuit: boolean;
  /** Métiers compris que la personne a retirés (codes ROME, `sans_metier`). */
  sansMetier: string[];
  /** « Chercher seulement les mots » (`mots_seuls=oui`) : aucun métier compris. */
  motsSeuls: boolean;
  tri: string;
  page: number;
}

export function emptyState(): SearchState {
  return {
    q: '',
    metier: [],
    ou: '',
    commune: null,
    lat: null,
    lon: null,
    rayon: DEFAULT_RADIUS,
    aDistance: false,
    filters: { niveau: [], modalite: [], financement: [], public: [], departement: [], territoire: [] },
    yes: { entree_permanente: false, handicap: false, certifiante: false },
    mois: null,
    dureeMax: null,
    situation: { inscrit_ft: '', age: '', salarie: '', rqth: '', rsa: '' },
    gratuit: false,
    sansMetier: [],
    motsSeuls: false,
    tri: 'pertinence',
    page: 1,
  };
}

const YES = new Set(['oui', 'true', '1', 'on']);
const first = (p: URLSearchParams, name: string): string => (p.get(name) ?? '').trim();
const num = (value: string): number | null => (value === '' || !Number.isFinite(Number(value)) ? null : Number(value));
const uniq = (values: string[]): string[] => [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))];

/** Lit l'adresse telle quelle (sans valider : une valeur inconnue est gardée, le serveur la refusera). */
export function stateFromParams(p: URLSearchParams): SearchState {
  const s = emptyState();
  s.q = first(p, 'q');
  s.metier = uniq(p.getAll('metier'));
  s.ou = first(p, 'ou');
  s.commune = first(p, 'commune') || null;
  s.lat = num(first(p, 'lat'));
  s.lon = num(first(p, 'lon'));
  const rayon = num(first(p, 'rayon'));
  if (rayon !== null) s.rayon = rayon;
  s.aDistance = YES.has(first(p, 'a_distance').toLowerCase());
  for (const f of LIST_FILTERS) s.filters[f] = uniq(p.getAll(f));
  for (const f of YES_FILTERS) s.yes[f] = YES.has(first(p, f).toLowerCase());
  s.mois = first(p, 'mois') || null;
  s.dureeMax = num(first(p, 'duree_max'));
  for (const f of SITUATION_FIELDS) s.situation[f] = first(p, f).toLowerCase();
  s.gratuit = YES.has(first(p, 'gratuit').toLowerCase());
  s.sansMetier = uniq(p.getAll('sans_metier'));
  s.motsSeuls = YES.has(first(p, 'mots_seuls').toLowerCase());
  s.tri = first(p, 'tri') || 'pertinence';
  const page = num(first(p, 'page'));
  if (page !== null) s.page = page;
  return s;
}

export function hasPlace(s: SearchState): boolean {
  return s.commune !== null || (s.lat !== null && s.lon !== null);
}

/** L'adresse de la page pour cet état (valeurs par défaut omises : adresses courtes). */
export function stateToParams(s: SearchState): URLSearchParams {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  for (const m of s.metier) p.append('metier', m);
  if (s.ou) p.set('ou', s.ou);
  if (s.commune) p.set('commune', s.commune);
  else if (s.lat !== null && s.lon !== null) {
    p.set('lat', String(Math.round(s.lat * 1e5) / 1e5));
    p.set('lon', String(Math.round(s.lon * 1e5) / 1e5));
  }
  if (hasPlace(s) && s.rayon !== DEFAULT_RADIUS) p.set('rayon', String(s.rayon));
  if (s.aDistance) p.set('a_distance', 'oui');
  for (const f of LIST_FILTERS) for (const v of s.filters[f]) p.append(f, v);
  for (const f of YES_FILTERS) if (s.yes[f]) p.set(f, 'oui');
  if (s.mois) p.set('mois', s.mois);
  if (s.dureeMax !== null) p.set('duree_max', String(s.dureeMax));
  for (const f of SITUATION_FIELDS) if (s.situation[f]) p.set(f, s.situation[f]);
  if (s.gratuit) p.set('gratuit', 'oui');
  // Ce que la personne a changé dans ce qui a été compris ne vaut que pour ce texte.
  if (s.q) for (const code of s.sansMetier) p.append('sans_metier', code);
  if (s.q && s.motsSeuls) p.set('mots_seuls', 'oui');
  if (s.tri !== 'pertinence') p.set('tri', s.tri);
  if (s.page !== 1) p.set('page', String(s.page));
  return p;
}

/** « 2026-09 » → premier et dernier jour du mois ; null si ce n'est pas un mois valide. */
export function monthRange(month: string): { from: string; to: string } | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) return null;
  const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** Les paramètres de `GET /api/formations` pour cet état. */
export function apiParams(s: SearchState, perPage = PER_PAGE): URLSearchParams {
  const p = stateToParams(s);
  for (const name of ['ou', 'a_distance', 'mois']) p.delete(name);
  if (hasPlace(s)) p.set('rayon', String(s.rayon));
  const range = s.mois ? monthRange(s.mois) : null;
  if (range) {
    p.set('debut_min', range.from);
    p.set('debut_max', range.to);
  }
  // Sans « à distance », un lieu donné ne ramène que des formations où se rendre.
  if (hasPlace(s) && !s.aDistance && s.filters.modalite.length === 0) {
    p.append('modalite', 'presentiel');
    p.append('modalite', 'mixte');
  }
  p.set('par_page', String(perPage));
  return p;
}

/** Le nom du paramètre de la page qui porte un paramètre invalide de l'API. */
export function pageParamOf(apiParam: string): string {
  return apiParam === 'debut_min' || apiParam === 'debut_max' ? 'mois' : apiParam;
}

/** Retire de l'état un paramètre (invalide) : il reprend sa valeur par défaut. */
export function withoutParam(s: SearchState, name: string): SearchState {
  const d = emptyState();
  const next: SearchState = { ...s, filters: { ...s.filters }, yes: { ...s.yes }, situation: { ...s.situation } };
  if ((LIST_FILTERS as readonly string[]).includes(name)) next.filters[name as ListFilter] = [];
  else if ((YES_FILTERS as readonly string[]).includes(name)) next.yes[name as YesFilter] = false;
  else if (name === 'commune' || name === 'lat' || name === 'lon') Object.assign(next, { commune: null, lat: null, lon: null });
  else if (name === 'duree_max') next.dureeMax = null;
  else if (name === 'sans_metier') next.sansMetier = [];
  else if (name === 'mots_seuls') next.motsSeuls = false;
  else if ((SITUATION_FIELDS as readonly string[]).includes(name)) next.situation[name as SituationField] = '';
  else if (Object.hasOwn(d, name)) Object.assign(next, { [name]: d[name as keyof SearchState] });
  return next;
}

/** Pages à proposer autour de la page courante : 1 … 4 5 6 … 20 (null = points de suspension). */
export function pageNumbers(current: number, last: number): (number | null)[] {
  const wanted = new Set([1, last, current - 1, current, current + 1].filter((n) => n >= 1 && n <= last));
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const n of sorted) {
    const prev = out.at(-1);
    if (typeof prev === 'number' && n - prev > 1) out.push(n - prev === 2 ? n - 1 : null);
    out.push(n);
  }
  return out;
}
