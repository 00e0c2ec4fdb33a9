/**
 * Les documents de l'offre tels que l'API de recherche les voit : relus dans le fichier d'index du
 * moteur embarqué (`<données>/search/embedded-index.json`, écrit par `npm run data:build`), avec
 * leur date de référence. Les pages statiques (fiches métiers, territoires) comptent sur ces
 * documents : leurs chiffres sont ceux que `/api/formations` renvoie.
 * Lu une fois par dossier de données et par processus.
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

const snapshots = new Map<string, Promise<OfferSnapshot>>();

export function loadOfferSnapshot(dataDir?: string): Promise<OfferSnapshot> {
  const dir = resolveDataDir(dataDir);
  let snapshot = snapshots.get(dir);
  if (!snapshot) {
    snapshot = readEmbeddedIndexFile(dir).then(({ today, documents }) => ({
      today,
      documents,
      byRomeCode: documentsByRomeCode(documents),
      byTerritoire: Map.groupBy(
        documents.filter((d) => d.territoire !== null),
        (d) => d.territoire as string,
      ),
    }));
    snapshot.catch(() => snapshots.delete(dir));
    snapshots.set(dir, snapshot);
  }
  return snapshot;
}
