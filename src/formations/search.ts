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
import type { SearchEngine, SearchResult } from '../search/port';
import { SearchQuery, type SearchQueryInput } from '../search/query';

export interface FormationSearch extends SearchResult {
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
  return { ...result, radiusKm, widened: radiusKm !== query.radiusKm };
}

/** Distance arrondie au dixième de km (celle que l'on affiche et que l'API publie). */
export function roundKm(km: number | null): number | null {
  return km === null ? null : Math.round(km * 10) / 10;
}
