/** Les services réels (données construites, moteur embarqué chargé depuis son fichier d'index). */
import { createApiServices } from '../../../src/http/services';
import { searchFormations } from '../../../src/http/formations';
import { parseFormationsParams } from '../../../src/http/params';
import type { FormationsResponse } from '../../../src/http/schemas';
import { loadCatalog } from '../../../src/catalog/catalog';
import { resolveDataDir } from '../../../src/catalog/files';
import { loadEmbeddedEngine } from '../../../src/search/embedded';
import { createLocalSearchServices, type LocalSearchServices } from '../../../src/formations/services';

/** Les services, et `GET /api/formations` avec ces paramètres (pour comparer aux résultats de l'API). */
export type TestServices = LocalSearchServices & { searchFormations(params: URLSearchParams): Promise<FormationsResponse> };

let services: Promise<TestServices> | null = null;

export function realServices(): Promise<TestServices> {
  services ??= loadEmbeddedEngine(resolveDataDir()).then((engine) => {
    const catalog = loadCatalog();
    const api = createApiServices();
    return Object.assign(createLocalSearchServices(api, engine, (code) => catalog.getMetier(code)), {
      async searchFormations(params: URLSearchParams) {
        const parsed = parseFormationsParams(api.formationsParams, params);
        if (!parsed.ok) throw new Error(`Paramètres de recherche invalides : ${JSON.stringify(parsed.champs)}`);
        return searchFormations(engine, parsed.query, api.insertion.originOf);
      },
    });
  });
  return services;
}
