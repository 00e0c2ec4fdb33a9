/**
 * Les documents de l'offre tels que l'API de recherche les voit : relus dans le fichier d'index du
 * moteur embarqué (`<données>/search/embedded-index.json`, écrit par `npm run data:build`), avec
 * leur date de référence. Les pages statiques (fiches métiers, territoires) comptent sur ces
 * documents : leurs chiffres sont ceux que `/api/formations` renvoie.
 */
import { resolveDataDir } from '../catalog/files';
import { readEmbeddedIndexFile } from '../search/index-file';
import type { ActionDocument } from '../search/port';
import { documentsByRomeCode } from './aggregate';

export interface OfferSnapshot {
  /** Date de référence des documents (AAAA-MM-JJ) : les sessions commencées avant sont retirées. */
  today: string;
  documents: readonly ActionDocument[];
  /** Les documents de chaque code ROME. */
  byRomeCode: ReadonlyMap<string, readonly ActionDocument[]>;
  /** Les documents de chaque territoire EFOP (slug). */
  byTerritoire: ReadonlyMap<string, readonly ActionDocument[]>;
}

/** Relit les documents de l'index embarqué de `dataDir` (la racine de composition, src/app/, le fait une fois). */
export async function loadOfferSnapshot(dataDir?: string): Promise<OfferSnapshot> {
  const { today, documents } = await readEmbeddedIndexFile(resolveDataDir(dataDir));
  return {
    today,
    documents,
    byRomeCode: documentsByRomeCode(documents),
    byTerritoire: Map.groupBy(
      documents.filter((d) => d.territoire !== null),
      (d) => d.territoire as string,
    ),
  };
}
