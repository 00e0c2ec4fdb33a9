/**
 * Ce dont les parcours « formations près de chez vous » et « recruter » ont besoin : la recherche
 * typée (cas d'usage src/formations/search.ts, même élargissement du rayon que `GET /api/formations`),
 * la carte d'un résultat (celle de la recherche et de l'API), les coordonnées des organismes.
 */
import { toFormationResult } from '../http/formations';
import type { FormationDetail, FormationResult } from '../http/schemas';
import type { ApiServices } from '../http/services';
import type { Metier } from '../domain/metier';
import { searchFormations, type FormationSearch } from './search';
import type { SearchEngine, SearchHit } from '../search/port';
import type { SearchQuery } from '../search/query';

export type OrganismeDetail = FormationDetail['organisme'];

export interface LocalSearchServices {
  geo: ApiServices['geo'];
  /** Autocomplétion des métiers (celle de `/api/metiers`). */
  searchMetiers: ApiServices['metiers']['search'];
  getMetier(code: string): Metier | undefined;
  /** La recherche de formations, élargissement du rayon compris. */
  search(query: SearchQuery): Promise<FormationSearch>;
  /** La carte d'un résultat (celle de la page de recherche et de l'API). */
  card(hit: SearchHit): FormationResult;
  /** L'organisme d'une action et le contact de l'action, depuis la fiche détaillée. */
  detailOf(actionId: string): Pick<FormationDetail, 'id' | 'organisme' | 'contact' | 'entree_permanente' | 'sessions'> | undefined;
}

export function createLocalSearchServices(api: ApiServices, engine: SearchEngine, getMetier: (code: string) => Metier | undefined): LocalSearchServices {
  return {
    geo: api.geo,
    searchMetiers: (q) => api.metiers.search(q),
    getMetier,
    search: (query) => searchFormations(engine, query),
    card: (hit) => toFormationResult(hit, api.insertion.originOf),
    detailOf: (actionId) => api.details.get(actionId),
  };
}
