/**
 * Les données de l'API, chargées une fois par processus (au premier appel) puis gardées en
 * mémoire : référentiel géographique, catalogue (fiches détaillées, métiers), schéma des
 * paramètres. Le moteur de recherche, lui, vient de `engine.ts`.
 */
import path from 'node:path';
import { loadCatalog } from '../catalog/catalog';
import { resolveDataDir } from '../catalog/files';
import { loadGeoReferentiel, type GeoReferentiel } from '../geo/referentiel';
import { createFormationDetails, type FormationDetails } from './formation-detail';
import { createInsertionIndex, type InsertionIndex } from './insertion';
import { createMetierIndex, type MetierIndex } from './metiers';
import { formationsParamsSchema, type FormationsParamsSchema } from './params';
import { getSearchEngine } from './engine';

export interface ApiServices {
  geo: GeoReferentiel;
  formationsParams: FormationsParamsSchema;
  metiers: MetierIndex;
  details: FormationDetails;
  insertion: InsertionIndex;
}

/** Construit les services à partir du dossier de données (argument, sinon `DATA_DIR`, sinon `data/build`). */
export function createApiServices(dataDir?: string): ApiServices {
  const catalog = loadCatalog(dataDir);
  const geo = loadGeoReferentiel(path.join(resolveDataDir(dataDir), 'geo'));
  const offer = catalog.offer();
  const insertion = createInsertionIndex(offer, catalog.insertionStats());
  return {
    geo,
    formationsParams: formationsParamsSchema(geo),
    metiers: createMetierIndex(catalog.listMetiers()),
    details: createFormationDetails({
      ...offer,
      reviews: catalog.reviews(),
      getMetier: (code) => catalog.getMetier(code),
      insertionFigures: insertion.figuresOf,
    }),
    insertion,
  };
}

let services: ApiServices | null = null;

export function getApiServices(): ApiServices {
  services ??= createApiServices();
  return services;
}

/**
 * Lance le chargement des données et du moteur dès qu'une route de l'API est chargée, sans
 * attendre qu'une requête en ait besoin. Un échec est journalisé ; l'appel suivant réessaie.
 */
export function preloadApi(): void {
  try {
    getApiServices();
  } catch (error) {
    console.error('[api] données de l’API illisibles', error);
  }
  getSearchEngine().catch((error: unknown) => console.error('[api] moteur de recherche indisponible', error));
}
