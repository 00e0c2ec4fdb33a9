/** Les services réels (données construites, moteur embarqué chargé depuis son fichier d'index). */
import { createApiServices } from '../../../src/http/services';
import { loadCatalog } from '../../../src/catalog/catalog';
import { resolveDataDir } from '../../../src/catalog/files';
import { loadEmbeddedEngine } from '../../../src/search/embedded';
import { createLocalSearchServices, type LocalSearchServices } from '../../../src/local-search/services';

let services: Promise<LocalSearchServices> | null = null;

export function realServices(): Promise<LocalSearchServices> {
  services ??= loadEmbeddedEngine(resolveDataDir()).then((engine) => {
    const catalog = loadCatalog();
    return createLocalSearchServices(createApiServices(), engine, (code) => catalog.getMetier(code));
  });
  return services;
}
