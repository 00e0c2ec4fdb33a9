/**
 * Les données de l'API : référentiel géographique, catalogue (fiches détaillées, métiers), schéma
 * des paramètres. Construites une fois par processus par la racine de composition (src/app/) ;
 * le moteur de recherche, lui, vient de `engine.ts`.
 */
import path from 'node:path';
import { loadCatalog, type Catalog } from '../catalog/catalog';
import { loadGeoReferentiel, type GeoReferentiel } from '../geo/referentiel';
import { createFormationDetails, type FormationDetails } from './formation-detail';
import { createInsertionIndex, type InsertionIndex } from './insertion';
import { createMetierIndex, type MetierIndex } from './metiers';
import { formationsParamsSchema, type FormationsParamsSchema } from './params';

export interface ApiServices {
  geo: GeoReferentiel;
  formationsParams: FormationsParamsSchema;
  metiers: MetierIndex;
  details: FormationDetails;
  insertion: InsertionIndex;
  /** Dossier de la génération lue, et l'identifiant de construction du manifeste et de l'offre. */
  data: { dir: string; manifestBuildId: string | null; offerBuildId: string | null };
}

/**
 * Construit les services à partir du catalogue et du référentiel déjà chargés, ou du dossier de
 * données (argument, sinon `DATA_DIR`, sinon `data/build`).
 */
export function createApiServices(source?: string | Catalog, loadedGeo?: GeoReferentiel): ApiServices {
  const catalog = typeof source === 'object' ? source : loadCatalog(source);
  // Tout vient de la même génération : celle que le catalogue a résolue pour le processus.
  const geo = loadedGeo ?? loadGeoReferentiel(path.join(catalog.dataDir, 'geo'));
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
    data: { dir: catalog.dataDir, manifestBuildId: catalog.manifest().buildId ?? null, offerBuildId: catalog.offerBuildId() },
  };
}

/**
 * Ce qui empêche de servir des données cohérentes, en français, ou null : le manifeste, l'offre
 * et l'index de recherche embarqué doivent venir de la même construction (même identifiant).
 * `indexBuildId` : undefined pour un moteur sans index local (Meilisearch), non comparé.
 */
export function dataConsistencyProblem(data: ApiServices['data'], indexBuildId: string | null | undefined): string | null {
  const rebuild = 'Relancez « npm run data:build ».';
  if (data.manifestBuildId === null) return `Données sans identifiant de construction dans ${data.dir} (construites par une version précédente ?). ${rebuild}`;
  if (data.offerBuildId !== data.manifestBuildId) {
    return `L’offre (offre.json, construction ${data.offerBuildId ?? 'inconnue'}) ne vient pas de la même construction que le manifeste (${data.manifestBuildId}) dans ${data.dir}. ${rebuild}`;
  }
  if (indexBuildId !== undefined && indexBuildId !== data.manifestBuildId) {
    return `L’index de recherche (construction ${indexBuildId ?? 'inconnue'}) ne vient pas de la même construction que le manifeste (${data.manifestBuildId}) dans ${data.dir}. ${rebuild}`;
  }
  return null;
}
