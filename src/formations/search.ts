/**
 * Cas d'usage « chercher des formations » : la recherche du moteur, avec élargissement du rayon.
 * Prend la requête typée (`SearchQuery`, le modèle zod de src/search/query.ts), jamais une chaîne
 * de requête ; la couche HTTP (src/http/formations.ts) traduit le résultat au format public.
 *
 * Élargissement : avec un lieu, si AUCUNE formation sur place (présentiel ou mixte) n'est trouvée
 * dans le rayon demandé, on réessaie aux paliers suivants (`RADIUS_STEPS`, src/domain/radius.ts :
 * 30 → 50 → 100 par défaut), et on s'arrête au premier palier qui trouve, ou au dernier.
 * Les formations entièrement à distance ne sont jamais limitées par le rayon et ne comptent PAS
 * comme « trouvé près de chez vous » : l'usager qui donne un lieu cherche d'abord une formation
 * où se rendre. Elles restent dans les résultats de chaque palier.
 * Si l'usager ne veut QUE des formations à distance, rien n'est élargi.
 */
import { widerRadii } from '../domain/radius';
import { TEACHING_MODES, type TeachingMode } from '../domain/offer';
import type { SearchEngine, SearchHit, SearchResult } from '../search/port';
import { MAX_PER_PAGE, SearchQuery, type SearchQueryInput } from '../search/query';
import { coverageOf, matchesAnywhere } from '../search/match-coverage';
import { buildTextQuery } from '../search/embedded-query';
import { emptyFacets, facetValues } from '../search/facets';
import { FACETS, type Facets } from '../search/query';
import type { IntentIndex, Understanding, UnderstoodMetier } from '../metiers/intent';

/**
 * Un résultat, et les mots cherchés qu'il n'a ni dans son intitulé ni dans ses métiers (« correspond
 * en partie ») ; `intent` : il ne contient pas les mots, il vient d'un métier compris.
 */
export type FormationHit = SearchHit & { missing?: string[]; intent?: UnderstoodMetier };

export interface FormationSearch extends SearchResult {
  hits: FormationHit[];
  /** Le rayon réellement utilisé (null sans lieu). */
  radiusKm: number | null;
  /** Vrai si le rayon a été élargi (même si rien n'est trouvé au dernier palier). */
  widened: boolean;
  /** Ce que la recherche a compris du texte ; null sans texte ou sans lecture des fiches. */
  understanding: QueryUnderstanding | null;
}

/** Une requête complète à partir de ses seuls champs utiles (valeurs par défaut du modèle pour les autres). */
export function formationsQuery(input: SearchQueryInput): SearchQuery {
  return SearchQuery.parse(input);
}

const ON_SITE_MODES = TEACHING_MODES.filter((m) => m !== 'distance');

/** Les modalités « sur place » que la requête peut rendre (aucune : pas d'élargissement). */
function onSiteModes(query: SearchQuery): TeachingMode[] {
  const wanted = query.filters.teachingModes;
  return wanted.length === 0 ? ON_SITE_MODES : wanted.filter((m) => m !== 'distance');
}

/**
 * Nombre de formations sur place du résultat, lu dans la facette « modalité » : pour les valeurs
 * demandées, son compte est celui du résultat, que le moteur calcule ses facettes de façon
 * disjonctive ou non.
 */
function onSiteCount(result: SearchResult, modes: readonly TeachingMode[]): number {
  return modes.reduce((sum, mode) => sum + (result.facets.teachingMode[mode] ?? 0), 0);
}

/**
 * Ce que la recherche a compris du texte (src/metiers/intent.ts) : les métiers dont les fiches
 * parlent comme la personne, et ce que la personne a choisi d'en retirer.
 */
export interface QueryUnderstanding extends Understanding {
  /** Codes ROME retirés par la personne (« Retirer ce métier »). */
  removed: string[];
  /** « Chercher seulement les mots » : aucun métier compris n'est utilisé. */
  wordsOnly: boolean;
  /** Nombre de formations ajoutées par les métiers compris (celles qui ne contiennent pas les mots). */
  added: number;
}

export interface SearchOptions {
  /** La lecture des fiches métiers ; absente : la recherche ne porte que sur les mots. */
  intent?: IntentIndex | null;
  /** Codes ROME que la personne a retirés de ce qui a été compris. */
  removedMetiers?: readonly string[];
  /** Vrai : ne chercher que les mots (aucun métier compris). */
  wordsOnly?: boolean;
}

/**
 * Ce que la recherche comprend du texte, quel que soit le tri ; aucun métier compris quand la personne
 * a déjà choisi des métiers (`romeCodes`) ou demandé les mots seuls ; null sans texte.
 */
export function understandQuery(query: SearchQuery, options: SearchOptions): QueryUnderstanding | null {
  if (query.text === '' || !options.intent) return null;
  const removed = [...new Set(options.removedMetiers ?? [])];
  const understood = options.intent.understand(query.text, removed);
  const wordsOnly = options.wordsOnly === true;
  const metiers = wordsOnly || query.romeCodes.length > 0 ? [] : understood.metiers;
  return { ...understood, metiers, removed, wordsOnly, added: 0 };
}

/** Au plus ce nombre de formations par métier compris (les premières dans l'ordre du moteur). */
export const INTENT_PER_METIER = MAX_PER_PAGE;

/**
 * Les formations des métiers compris qui ne contiennent PAS les mots cherchés (celles qui les
 * contiennent sont déjà des résultats « par les mots ») : métier par métier, dans l'ordre du moteur.
 */
export async function intentHits(engine: Pick<SearchEngine, 'search'>, query: SearchQuery, understood: readonly UnderstoodMetier[]): Promise<FormationHit[]> {
  if (understood.length === 0) return [];
  const plan = buildTextQuery(query.text);
  const seen = new Set<string>();
  const out: FormationHit[] = [];
  for (const metier of understood) {
    const found = await engine.search({ ...query, text: '', romeCodes: [metier.code], page: 1, perPage: INTENT_PER_METIER });
    for (const hit of found.hits) {
      if (seen.has(hit.document.id)) continue;
      seen.add(hit.document.id);
      if (plan !== null && matchesAnywhere(hit.document, plan)) continue;
      out.push({ ...hit, intent: metier });
    }
  }
  return out;
}

function onSiteIntent(hits: readonly FormationHit[], modes: readonly TeachingMode[]): number {
  return hits.filter((h) => modes.includes(h.document.teachingMode)).length;
}

export async function searchFormations(engine: SearchEngine, query: SearchQuery, options: SearchOptions = {}): Promise<FormationSearch> {
  const understanding = understandQuery(query, options);
  const understood = understanding?.metiers ?? [];
  let result = await engine.search(query);
  let intent = await intentHits(engine, query, understood);
  let radiusKm = query.radiusKm;
  const modes = onSiteModes(query);
  if (query.origin !== null && radiusKm !== null && modes.length > 0) {
    for (const wider of widerRadii(radiusKm)) {
      if (onSiteCount(result, modes) + onSiteIntent(intent, modes) > 0) break;
      radiusKm = wider;
      result = await engine.search({ ...query, radiusKm: wider });
      intent = await intentHits(engine, { ...query, radiusKm: wider }, understood);
    }
  }
  const ranked = await fullMatchesFirst(engine, { ...query, radiusKm }, result, intent, understood);
  return { ...ranked, radiusKm, widened: radiusKm !== query.radiusKm, understanding: understanding && { ...understanding, added: intent.length } };
}

/**
 * Après les correspondances complètes : métier compris par métier compris, ses correspondances
 * partielles (elles ont les mots ET le métier) puis ses formations venues du seul métier ; enfin les
 * autres correspondances partielles.
 */
function byUnderstoodMetier(partial: readonly FormationHit[], intent: readonly FormationHit[], understood: readonly UnderstoodMetier[]): FormationHit[] {
  const direct = new Set(partial.map((h) => h.document.id));
  const placed = new Set<string>();
  const out: FormationHit[] = [];
  for (const metier of understood) {
    for (const hit of partial) if (!placed.has(hit.document.id) && hit.document.romeCodes.includes(metier.code)) (placed.add(hit.document.id), out.push(hit));
    for (const hit of intent) if (hit.intent?.code === metier.code && !direct.has(hit.document.id) && !placed.has(hit.document.id)) (placed.add(hit.document.id), out.push(hit));
  }
  for (const hit of intent) if (!direct.has(hit.document.id) && !placed.has(hit.document.id)) (placed.add(hit.document.id), out.push(hit));
  for (const hit of partial) if (!placed.has(hit.document.id)) out.push(hit);
  return out;
}

/** Les facettes des résultats par les mots, plus celles des formations venues des métiers compris. */
function withIntentFacets(facets: Facets, hits: readonly FormationHit[]): Facets {
  if (hits.length === 0) return facets;
  const out = emptyFacets();
  for (const name of FACETS) Object.assign(out[name], facets[name]);
  for (const hit of hits) {
    const values = facetValues(hit.document);
    for (const name of FACETS) for (const value of values[name]) out[name][value] = (out[name][value] ?? 0) + 1;
  }
  return out;
}

/** Au tri « pertinence », on relit au plus ce nombre de pages de MAX_PER_PAGE résultats pour mettre les correspondances complètes d'abord. */
export const RERANK_MAX_PAGES = 20;

/**
 * L'ordre des résultats. « Correspond en partie » (src/search/match-coverage.ts) : chaque résultat
 * dit les mots cherchés qu'il n'a pas dans son intitulé ni ses métiers. Au tri « pertinence » :
 * d'abord TOUTES les correspondances complètes, puis les formations des métiers compris (`intent`,
 * qui ne contiennent pas les mots), puis les correspondances partielles ; l'ordre du moteur est gardé
 * dans chaque groupe. À un autre tri : les résultats par les mots dans l'ordre du moteur, puis ceux
 * des métiers compris. On lit les résultats par pages de MAX_PER_PAGE jusqu'à avoir assez de
 * correspondances complètes pour la page demandée, ou tous les résultats (au plus RERANK_MAX_PAGES
 * pages : au-delà, l'ordre du moteur, les métiers compris après).
 */
export async function fullMatchesFirst(
  engine: Pick<SearchEngine, 'search'>,
  query: SearchQuery,
  first: SearchResult,
  intent: readonly FormationHit[] = [],
  understood: readonly UnderstoodMetier[] = [],
): Promise<Omit<SearchResult, 'hits'> & { hits: FormationHit[] }> {
  const plan = query.text === '' ? null : buildTextQuery(query.text);
  if (plan === null) return first;
  const annotate = (hit: SearchHit): FormationHit => {
    const coverage = coverageOf(hit.document, plan);
    return coverage.full ? hit : { ...hit, missing: coverage.missing };
  };
  const start = (query.page - 1) * query.perPage;
  const needed = start + query.perPage;
  const total = first.total + intent.length;
  const facets = withIntentFacets(first.facets, intent);
  const base = { ...first, total, facets };
  /** Les résultats des métiers compris qui tombent sur la page, après `before` résultats par les mots. */
  const intentSlice = (before: number) => intent.slice(Math.max(0, start - before), Math.max(0, needed - before));
  if (query.sort !== 'pertinence') return { ...base, hits: [...first.hits.map(annotate), ...intentSlice(first.total)] };
  const full: FormationHit[] = [];
  const partial: FormationHit[] = [];
  // Première page qui contient déjà tous les résultats (le cas le plus courant) : rien à relire.
  if (query.page === 1 && first.hits.length >= first.total) {
    for (const hit of first.hits.map(annotate)) (hit.missing ? partial : full).push(hit);
    return { ...base, hits: [...full, ...byUnderstoodMetier(partial, intent, understood)].slice(0, needed) };
  }
  let exhausted = false;
  for (let page = 1; page <= RERANK_MAX_PAGES; page++) {
    const chunk = await engine.search({ ...query, page, perPage: MAX_PER_PAGE });
    for (const hit of chunk.hits.map(annotate)) (hit.missing ? partial : full).push(hit);
    exhausted = page * MAX_PER_PAGE >= chunk.total || chunk.hits.length === 0;
    if (exhausted || full.length >= needed) break;
  }
  if (!exhausted && full.length < needed) return { ...base, hits: [...first.hits.map(annotate), ...intentSlice(first.total)] };
  const ordered = exhausted ? [...full, ...byUnderstoodMetier(partial, intent, understood)] : full;
  return { ...base, hits: ordered.slice(start, needed) };
}

/** Distance arrondie au dixième de km (celle que l'on affiche et que l'API publie). */
export function roundKm(km: number | null): number | null {
  return km === null ? null : Math.round(km * 10) / 10;
}
