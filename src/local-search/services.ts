/**
 * Ce dont les parcours « formations près de chez vous » et « recruter » ont besoin, branché sur
 * les services de l'API publique : la recherche passe par `parseFormationsParams` puis
 * `searchFormations`, exactement comme `GET /api/formations` (mêmes paramètres, même
 * élargissement du rayon) ; les coordonnées des organismes viennent de la fiche détaillée.
 */
import { getSearchEngine } from '../http/engine';
import { searchFormations } from '../http/formations';
import { parseFormationsParams } from '../http/params';
import type { FormationDetail, FormationsResponse } from '../http/schemas';
import { getApiServices, type ApiServices } from '../http/services';
import { loadCatalog } from '../catalog';
import type { Metier } from '../domain/metier';
import type { SearchEngine } from '../search/port';

export type OrganismeDetail = FormationDetail['organisme'];

export interface LocalSearchServices {
  geo: ApiServices['geo'];
  /** Autocomplétion des métiers (celle de `/api/metiers`). */
  searchMetiers: ApiServices['metiers']['search'];
  getMetier(code: string): Metier | undefined;
  /** `GET /api/formations` avec ces paramètres ; des paramètres invalides sont une erreur de programmation. */
  searchFormations(params: URLSearchParams): Promise<FormationsResponse>;
  /** L'organisme d'une action et le contact de l'action, depuis la fiche détaillée. */
  detailOf(actionId: string): Pick<FormationDetail, 'organisme' | 'contact'> | undefined;
}

export function createLocalSearchServices(api: ApiServices, engine: SearchEngine, getMetier: (code: string) => Metier | undefined): LocalSearchServices {
  return {
    geo: api.geo,
    searchMetiers: (q) => api.metiers.search(q),
    getMetier,
    async searchFormations(params) {
      const parsed = parseFormationsParams(api.formationsParams, params);
      if (!parsed.ok) throw new Error(`Paramètres de recherche invalides : ${JSON.stringify(parsed.champs)}`);
      return searchFormations(engine, parsed.query, api.insertion.originOf);
    },
    detailOf: (actionId) => api.details.get(actionId),
  };
}

/** Les services du processus serveur (données et moteur chargés une fois). */
export async function getLocalSearchServices(): Promise<LocalSearchServices> {
  const catalog = loadCatalog();
  return createLocalSearchServices(getApiServices(), await getSearchEngine(), (code) => catalog.getMetier(code));
}
