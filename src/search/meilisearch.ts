/**
 * Adaptateur Meilisearch du port de recherche (moteur de production).
 *
 * Clés : la clé maître (`MEILI_MASTER_KEY`) ne sert qu'aux scripts d'administration côté
 * serveur (`scripts/index-meilisearch.ts` : réindexation, création de la clé de recherche).
 * Le serveur web interroge Meilisearch avec la clé « recherche seule » d'`ensureSearchKey`
 * (action `search`, sur cet index uniquement) : même divulguée, elle ne permet ni d'écrire, ni
 * de lire un autre index, ni de créer des clés. Aucune clé n'est jamais envoyée au navigateur :
 * le navigateur appelle l'API du site, qui appelle Meilisearch.
 *
 * Réindexation sans coupure (`reindex`) : index temporaire complet, puis échange atomique
 * (`swapIndexes`) avec l'index servi ; la clé de recherche, liée au NOM de l'index, reste valable.
 */
import { Meilisearch, type EnqueuedTaskPromise, type FacetDistribution, type Key } from 'meilisearch';
import { haversineKm } from '../domain/geo';
import { FACETS, type FacetName, type Facets, type SearchQuery } from './query';
import type { ActionDocument, SearchEngine, SearchHit, SearchResult } from './port';
import { buildFilter, buildSort, dayNumber, searchableText } from './meilisearch-filters';
import { buildMeilisearchSettings } from './meilisearch-settings';
import { facetValues } from './facets';

export const MEILI_DEFAULT_INDEX = 'actions';

/**
 * Document indexé : l'ActionDocument (`document`, seul champ affiché) et, au premier niveau, les
 * champs cherchables, les facettes (valeurs de `facetValues`, en chaînes : les MÊMES clés que le
 * moteur embarqué, « 3 », « true »…) et les champs numériques de filtre et de tri.
 */
export type MeiliDocument = Record<FacetName, readonly string[]> & {
  /** Clé primaire : `id` de l'action encodé en base64url (voir `encodeDocumentId`). */
  id: string;
  document: ActionDocument;
  title: string;
  metierLabels: string[];
  organismeName: string;
  description: string;
  romeCodes: string[];
  distanceLearning: boolean;
  durationHours: number | null;
  /** Débuts de session en jours depuis le 1970-01-01 : Meilisearch ne compare que des nombres. */
  sessionStartDays: number[];
  nextStartDay: number | null;
  insertionRate: number | null;
  reviewScore: number | null;
  reviewCount: number;
  _geo: { lat: number; lng: number };
};

/** Meilisearch limite la clé primaire à 511 octets de [a-zA-Z0-9_-]. */
const MAX_PRIMARY_KEY_BYTES = 511;

/**
 * Clé primaire Meilisearch d'une action. Les identifiants LHEO peuvent contenir des caractères
 * refusés (« / », « . », « : », espaces…) : on encode TOUJOURS en base64url (injectif, réversible,
 * alphabet [A-Za-z0-9_-]), sans jamais laisser passer un identifiant « déjà valide » tel quel,
 * qui pourrait coïncider avec l'encodage d'un autre.
 */
export function encodeDocumentId(id: string): string {
  const encoded = Buffer.from(id, 'utf8').toString('base64url');
  if (encoded.length === 0) throw new Error('Identifiant d’action vide : impossible de l’indexer dans Meilisearch.');
  if (encoded.length > MAX_PRIMARY_KEY_BYTES) {
    throw new Error(`Identifiant d’action trop long pour Meilisearch (${encoded.length} octets encodés, ${MAX_PRIMARY_KEY_BYTES} au plus) : « ${id.slice(0, 80)}… ».`);
  }
  return encoded;
}

export function toMeiliDocument(doc: ActionDocument): MeiliDocument {
  return {
    ...facetValues(doc),
    id: encodeDocumentId(doc.id),
    document: doc,
    title: doc.title,
    metierLabels: doc.metierLabels,
    organismeName: doc.organismeName,
    description: doc.description,
    romeCodes: doc.romeCodes,
    distanceLearning: doc.distanceLearning,
    durationHours: doc.durationHours,
    sessionStartDays: doc.sessionStarts.map(dayNumber),
    nextStartDay: doc.nextStart === null ? null : dayNumber(doc.nextStart),
    insertionRate: doc.insertionRate,
    reviewScore: doc.reviewScore,
    reviewCount: doc.reviewCount,
    _geo: { lat: doc.lat, lng: doc.lon },
  };
}

/** `facetDistribution` de Meilisearch → facettes du port (toutes les clés présentes, vides au besoin). */
export function toFacets(distribution: FacetDistribution | undefined): Facets {
  const facets = {} as Facets;
  for (const name of FACETS) facets[name] = { ...distribution?.[name] };
  return facets;
}

/** Ce que renvoie Meilisearch pour un résultat : le seul champ affiché. */
interface MeiliHit {
  document: ActionDocument;
}

export interface MeilisearchEngineOptions {
  url: string;
  /** Clé « recherche seule » (voir `ensureSearchKey`), jamais la clé maître ; absente pour un serveur de développement sans clé. */
  apiKey?: string;
  indexUid?: string;
}

export function createMeilisearchEngine({ url, apiKey, indexUid = MEILI_DEFAULT_INDEX }: MeilisearchEngineOptions): SearchEngine {
  const index = new Meilisearch({ host: url, apiKey }).index(indexUid);
  return {
    name: 'meilisearch',
    async search(query: SearchQuery): Promise<SearchResult> {
      const options = {
        filter: buildFilter(query),
        sort: buildSort(query),
        facets: [...FACETS],
        page: query.page,
        hitsPerPage: query.perPage,
        // Tous les mots cherchables sont requis (ET), comme dans le moteur embarqué.
        matchingStrategy: 'all' as const,
      };
      let response;
      try {
        response = await index.search<MeiliHit, typeof options>(searchableText(query.text), options);
      } catch (error) {
        throw new Error(`Recherche Meilisearch impossible (index « ${indexUid} » sur ${url}) : ${errorMessage(error)}`, { cause: error });
      }
      const hits: SearchHit[] = response.hits.map((hit) => ({
        document: hit.document,
        // Calculée ici comme dans le moteur embarqué (haversine) : `_geoDistance` n'est renvoyé
        // par Meilisearch que si le tri contient `_geoPoint`, ce qui n'est pas toujours le cas.
        distanceKm: query.origin === null ? null : haversineKm(query.origin, hit.document),
      }));
      return { total: response.totalHits, page: query.page, perPage: query.perPage, hits, facets: toFacets(response.facetDistribution) };
    },
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------------------------
// Administration (clé maître, côté serveur uniquement)
// ---------------------------------------------------------------------------------------------

/** Les tâches d'indexation de quelques milliers d'actions prennent quelques secondes ; marge large. */
const TASK_TIMEOUT_MS = 10 * 60_000;
const DOCUMENT_BATCH_SIZE = 1_000;

/** Attend une tâche Meilisearch ; un échec est une erreur qui dit quoi et pourquoi. */
async function waitSucceeded(task: EnqueuedTaskPromise, what: string, tolerated?: string): Promise<void> {
  const done = await task.waitTask({ timeout: TASK_TIMEOUT_MS });
  if (done.status === 'succeeded' || (tolerated !== undefined && done.error?.code === tolerated)) return;
  throw new Error(`Meilisearch : échec de ${what} (tâche ${done.uid}, ${done.status}) : ${done.error?.message ?? 'raison non précisée'}`);
}

export interface ReindexReport {
  indexUid: string;
  documents: number;
}

/**
 * Réindexe sans coupure : index temporaire `<uid>_tmp_<horodatage>` (réglages, puis documents par
 * lots), vérification du nombre de documents, échange atomique avec `indexUid`, suppression de
 * l'ancien. En cas d'échec, l'index servi reste intact et l'index temporaire est supprimé.
 */
export async function reindex(client: Meilisearch, indexUid: string, docs: readonly ActionDocument[]): Promise<ReindexReport> {
  if (docs.length === 0) throw new Error(`Aucune action à indexer : l’index « ${indexUid} » est laissé tel quel.`);
  const documents = docs.map(toMeiliDocument);
  const tmpUid = `${indexUid}_tmp_${Date.now()}`;

  // L'échange exige que les deux index existent : au premier déploiement, on crée l'index servi.
  await waitSucceeded(client.createIndex(indexUid, { primaryKey: 'id' }), `la création de l’index « ${indexUid} »`, 'index_already_exists');
  await waitSucceeded(client.createIndex(tmpUid, { primaryKey: 'id' }), `la création de l’index « ${tmpUid} »`);
  try {
    const tmp = client.index<MeiliDocument>(tmpUid);
    await waitSucceeded(tmp.updateSettings(buildMeilisearchSettings()), `l’application des réglages à « ${tmpUid} »`);
    for (let start = 0; start < documents.length; start += DOCUMENT_BATCH_SIZE) {
      const batch = documents.slice(start, start + DOCUMENT_BATCH_SIZE);
      await waitSucceeded(tmp.addDocuments(batch, { primaryKey: 'id' }), `l’ajout des documents ${start + 1} à ${start + batch.length}`);
    }
    const { numberOfDocuments } = await tmp.getStats();
    if (numberOfDocuments !== docs.length) {
      throw new Error(`Meilisearch : ${numberOfDocuments} documents indexés au lieu de ${docs.length} (identifiants en double ?) ; index « ${indexUid} » inchangé.`);
    }
    await waitSucceeded(client.swapIndexes([{ indexes: [indexUid, tmpUid], rename: false }]), `l’échange « ${indexUid} » ↔ « ${tmpUid} »`);
  } finally {
    // Après l'échange, `tmpUid` porte l'ancien contenu ; avant, un index incomplet : dans les deux cas, à supprimer.
    await waitSucceeded(client.deleteIndex(tmpUid), `la suppression de l’index « ${tmpUid} »`);
  }
  return { indexUid, documents: docs.length };
}

/** Nom donné à la clé « recherche seule » d'un index (pour la reconnaître dans la console). */
function searchKeyName(indexUid: string): string {
  return `versmonmetier-recherche-${indexUid}`;
}

/**
 * Trouve ou crée la clé « recherche seule » de l'index : actions ['search'], index [indexUid],
 * sans expiration. Demande la clé maître (ou une clé `keys.*`).
 */
export async function ensureSearchKey(client: Meilisearch, indexUid: string): Promise<Key> {
  const limit = 100;
  for (let offset = 0; ; offset += limit) {
    const page = await client.getKeys({ offset, limit });
    const found = page.results.find((key) => isSearchOnlyKey(key, indexUid));
    if (found !== undefined) return found;
    if (offset + limit >= page.total) break;
  }
  return client.createKey({
    name: searchKeyName(indexUid),
    description: `versmonmétier : recherche seule sur l’index « ${indexUid} » (utilisée par le serveur web).`,
    actions: ['search'],
    indexes: [indexUid],
    expiresAt: null,
  });
}

export function isSearchOnlyKey(key: Pick<Key, 'actions' | 'indexes' | 'expiresAt'>, indexUid: string): boolean {
  return key.actions.length === 1 && key.actions[0] === 'search' && key.indexes.length === 1 && key.indexes[0] === indexUid && key.expiresAt === null;
}
