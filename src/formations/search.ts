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
import { coverageOf } from '../search/match-coverage';
import { buildTextQuery } from '../search/embedded-query';

/** Un résultat, et les mots cherchés qu'il n'a ni dans son intitulé ni dans ses métiers (« correspond en partie »). */
export type FormationHit = SearchHit & { missing?: string[] };

export interface FormationSearch extends SearchResult {
  hits: FormationHit[];
  /** Le rayon réellement utilisé (null sans lieu). */
  radiusKm: number | null;
  /** Vrai si le rayon a été élargi (même si rien n'est trouvé au dernier palier). */
  widened: boolean;
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

export async function searchFormations(engine: SearchEngine, query: SearchQuery): Promise<FormationSearch> {
  let result = await engine.search(query);
  let radiusKm = query.radiusKm;
  const modes = onSiteModes(query);
  if (query.origin !== null && radiusKm !== null && modes.length > 0) {
    for (const wider of widerRadii(radiusKm)) {
      if (onSiteCount(result, modes) > 0) break;
      radiusKm = wider;
      result = await engine.search({ ...query, radiusKm: wider });
    }
  }
  const ranked = await fullMatchesFirst(engine, { ...query, radiusKm }, result);
  return { ...ranked, radiusKm, widened: radiusKm !== query.radiusKm };
}

/** Au tri « pertinence », on relit au plus ce nombre de pages de MAX_PER_PAGE résultats pour mettre les correspondances complètes d'abord. */
export const RERANK_MAX_PAGES = 20;

/**
 * « Correspond en partie » (src/search/match-coverage.ts) : chaque résultat dit les mots cherchés
 * qu'il n'a pas dans son intitulé ni ses métiers ; au tri « pertinence », ces résultats passent
 * après TOUTES les correspondances complètes (l'ordre du moteur est gardé dans chaque groupe).
 * On lit les résultats par pages de MAX_PER_PAGE jusqu'à avoir assez de correspondances complètes
 * pour la page demandée, ou tous les résultats (au plus RERANK_MAX_PAGES pages : au-delà, l'ordre du moteur).
 */
export async function fullMatchesFirst(engine: Pick<SearchEngine, 'search'>, query: SearchQuery, first: SearchResult): Promise<Omit<SearchResult, 'hits'> & { hits: FormationHit[] }> {
  const plan = query.text === '' ? null : buildTextQuery(query.text);
  if (plan === null) return first;
  const annotate = (hit: SearchHit): FormationHit => {
    const coverage = coverageOf(hit.document, plan);
    return coverage.full ? hit : { ...hit, missing: coverage.missing };
  };
  if (query.sort !== 'pertinence') return { ...first, hits: first.hits.map(annotate) };
  const start = (query.page - 1) * query.perPage;
  const needed = start + query.perPage;
  const full: FormationHit[] = [];
  const partial: FormationHit[] = [];
  // Première page qui contient déjà tous les résultats (le cas le plus courant) : rien à relire.
  if (query.page === 1 && first.hits.length >= first.total) {
    for (const hit of first.hits.map(annotate)) (hit.missing ? partial : full).push(hit);
    return { ...first, hits: [...full, ...partial] };
  }
  let exhausted = false;
  for (let page = 1; page <= RERANK_MAX_PAGES; page++) {
    const chunk = await engine.search({ ...query, page, perPage: MAX_PER_PAGE });
    for (const hit of chunk.hits.map(annotate)) (hit.missing ? partial : full).push(hit);
    exhausted = page * MAX_PER_PAGE >= chunk.total || chunk.hits.length === 0;
    if (exhausted || full.length >= needed) break;
  }
  const ordered = [...full, ...partial];
  if (!exhausted && full.length < needed && ordered.length < needed) return { ...first, hits: first.hits.map(annotate) };
  return { ...first, hits: ordered.slice(start, needed) };
}

/** Distance arrondie au dixième de km (celle que l'on affiche et que l'API publie). */
export function roundKm(km: number | null): number | null {
  return km === null ? null : Math.round(km * 10) / 10;
}
