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
 *
 * Ce que fait le serveur n'a été vérifié qu'en LISANT son code (meilisearch/meilisearch, tag
 * v1.50.0) et celui du client officiel (meilisearch-js 0.62.0, node_modules/meilisearch) :
 * aucun serveur ne tourne sur nos machines. Les fichiers lus sont cités à chaque règle.
 */
import { Meilisearch, type EnqueuedTask, type FacetDistribution, type IndexesQuery, type IndexesResults, type IndexObject, type IndexOptions, type IndexSwap, type Key, type Settings, type Task, type Version } from 'meilisearch';
import { haversineKm } from '../domain/geo';
import { FACETS, SearchQuery as SearchQuerySchema, type CountFacetName, type CountQuery, type CountResult, type FacetName, type Facets, type OfferFacetName, type SearchQuery } from './query';
import type { ActionDocument, SearchEngine, SearchHit, SearchResult } from './port';
import { buildFilter, buildSort, dayNumber, meilisearchQueryText } from './meilisearch-filters';
import { MAX_TOTAL_HITS, MAX_VALUES_PER_FACET, buildMeilisearchSettings } from './meilisearch-settings';
import { facetValues, offerFacetValues } from './facets';

export const MEILI_DEFAULT_INDEX = 'actions';

/**
 * Document indexé : l'ActionDocument (`document`, seul champ affiché) et, au premier niveau, les
 * champs cherchables, les facettes (valeurs de `facetValues`, en chaînes : les MÊMES clés que le
 * moteur embarqué, « 3 », « true »…) et les champs numériques de filtre et de tri.
 */
export type MeiliDocument = Record<FacetName | OfferFacetName, readonly string[]> & {
  /** Clé primaire : `id` de l'action encodé en base64url (voir `encodeDocumentId`). */
  id: string;
  document: ActionDocument;
  title: string;
  metierLabels: string[];
  organismeName: string;
  description: string;
  romeCodes: string[];
  distanceLearning: boolean;
  /** 0 sur place (présentiel, mixte), 1 entièrement à distance : tri « distance » (un nombre, pas le booléen). */
  distanceLearningRank: 0 | 1;
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
    ...offerFacetValues(doc),
    id: encodeDocumentId(doc.id),
    document: doc,
    title: doc.title,
    metierLabels: doc.metierLabels,
    organismeName: doc.organismeName,
    description: doc.description,
    romeCodes: doc.romeCodes,
    distanceLearning: doc.distanceLearning,
    distanceLearningRank: doc.distanceLearning ? 1 : 0,
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

/**
 * Le total exact d'une recherche. Meilisearch plafonne `totalHits` à `pagination.maxTotalHits`
 * (`number_of_hits = min(candidates, max_total_hits)`, crates/meilisearch/src/search/mod.rs,
 * v1.50.0) mais compte les facettes sur TOUS les résultats (`compute_facet_distribution_stats`
 * reçoit `candidates`, même fichier). Chaque action a exactement une modalité
 * (`facetValues(doc).teachingMode = [doc.teachingMode]`) : la somme de la facette
 * `teachingMode` est donc le nombre exact de résultats, quelle que soit leur quantité.
 */
export function exactTotal(totalHits: number, distribution: FacetDistribution | undefined): number {
  if (totalHits < MAX_TOTAL_HITS) return totalHits;
  const byMode = Object.values(distribution?.teachingMode ?? {}).reduce((sum, count) => sum + count, 0);
  return Math.max(totalHits, byMode);
}

/** Ce que renvoie Meilisearch pour un résultat : le seul champ affiché. */
export interface MeiliHit {
  document: ActionDocument;
}

/** La requête de recherche que construit l'adaptateur (corps de POST /indexes/{uid}/search, sans `q`). */
export interface MeiliSearchRequest {
  filter: string[];
  sort: string[];
  facets: FacetName[];
  page: number;
  hitsPerPage: number;
  matchingStrategy: 'all';
}

/** Ce que l'adaptateur lit de la réponse (pagination « finie » : page et hitsPerPage envoyés). */
export interface MeiliSearchResponse {
  hits: MeiliHit[];
  totalHits: number;
  facetDistribution?: FacetDistribution;
}

/**
 * La requête d'un comptage (`countFacets`) : aucun document rendu (`hitsPerPage: 0` : le serveur
 * calcule le total et les facettes sur tout l'ensemble, sans renvoyer de résultat), les facettes
 * demandées et toujours `teachingMode` (total exact au-delà de `maxTotalHits`, `exactTotal`).
 */
export interface MeiliCountRequest {
  filter: string[];
  facets: CountFacetName[];
  page: 1;
  hitsPerPage: 0;
}

/** Un index interrogeable : celui du client officiel (`Meilisearch#index`), ou son double dans les tests. */
export interface SearchableIndex {
  search(q: string, request: MeiliSearchRequest | MeiliCountRequest): Promise<MeiliSearchResponse>;
}

/** La requête Meilisearch d'un comptage : filtres de la recherche (sans texte ni lieu), facettes demandées. */
export function buildCountRequest(query: CountQuery): MeiliCountRequest {
  const search = SearchQuerySchema.parse({ romeCodes: query.romeCodes, filters: query.filters });
  return {
    filter: buildFilter(search),
    facets: [...new Set<CountFacetName>([...query.facets, 'teachingMode'])],
    page: 1,
    hitsPerPage: 0,
  };
}

/**
 * Les comptes d'une réponse de comptage. Meilisearch ne rend que `maxValuesPerFacet` valeurs par
 * facette (`faceting.maxValuesPerFacet`, réglé à `MAX_VALUES_PER_FACET`) : une facette qui en
 * rend autant a peut-être été coupée, et ses comptes (nombre de formations, somme des sessions)
 * seraient faux : c'est une erreur, jamais un chiffre tronqué.
 */
export function toCountResult(query: CountQuery, response: Pick<MeiliSearchResponse, 'totalHits' | 'facetDistribution'>): CountResult {
  const facets: CountResult['facets'] = {};
  for (const name of query.facets) {
    const values = { ...response.facetDistribution?.[name] };
    if (Object.keys(values).length >= MAX_VALUES_PER_FACET) {
      throw new Error(`Meilisearch : la facette « ${name} » atteint ${MAX_VALUES_PER_FACET} valeurs (faceting.maxValuesPerFacet) ; ses comptes seraient tronqués. Relever MAX_VALUES_PER_FACET (meilisearch-settings.ts) et réindexer.`);
    }
    facets[name] = values;
  }
  return { total: exactTotal(response.totalHits, response.facetDistribution), facets };
}

/** La requête Meilisearch d'une SearchQuery : texte (`meilisearchQueryText`), filtres, tris, facettes, page. */
export function buildSearchRequest(query: SearchQuery): { q: string; request: MeiliSearchRequest } {
  return {
    q: meilisearchQueryText(query.text),
    request: {
      filter: buildFilter(query),
      sort: buildSort(query),
      facets: [...FACETS],
      page: query.page,
      hitsPerPage: query.perPage,
      // Tous les mots cherchables sont requis (ET), comme dans le moteur embarqué.
      matchingStrategy: 'all',
    },
  };
}

/**
 * Délai maximal d'une recherche (ms) : au-delà, la requête HTTP est abandonnée et l'API répond
 * 503 (option `timeout` du client, qui couvre l'envoi ET la lecture de la réponse :
 * `HttpRequests#request`, node_modules/meilisearch/src/http-requests.ts, 0.62.0). Sans lui, un
 * serveur qui ne répond plus bloquerait chaque requête du site indéfiniment.
 */
export const DEFAULT_SEARCH_TIMEOUT_MS = 2_000;

export interface MeilisearchEngineOptions {
  url: string;
  /** Clé « recherche seule » (voir `ensureSearchKey`), jamais la clé maître ; absente pour un serveur de développement sans clé. */
  apiKey?: string;
  indexUid?: string;
  /** Délai maximal d'une recherche, en ms (`DEFAULT_SEARCH_TIMEOUT_MS` par défaut). */
  timeoutMs?: number;
}

/** Le client HTTP du serveur web : clé « recherche seule », délai maximal. */
export function createSearchClient({ url, apiKey, timeoutMs = DEFAULT_SEARCH_TIMEOUT_MS }: MeilisearchEngineOptions): Meilisearch {
  if (!(Number.isInteger(timeoutMs) && timeoutMs > 0)) throw new Error(`Délai Meilisearch invalide (${String(timeoutMs)} ms) : un nombre entier de millisecondes est attendu.`);
  return new Meilisearch({ host: url, apiKey, timeout: timeoutMs });
}

export function createMeilisearchEngine(options: MeilisearchEngineOptions): SearchEngine {
  const indexUid = options.indexUid ?? MEILI_DEFAULT_INDEX;
  const index = createSearchClient(options).index(indexUid);
  const searchable: SearchableIndex = { search: (q, request) => index.search<MeiliHit, MeiliSearchRequest | MeiliCountRequest>(q, request) };
  return meilisearchEngine(searchable, `index « ${indexUid} » sur ${options.url}`);
}

/** Le moteur sur un index donné ; `where` nomme l'index et le serveur dans les erreurs. */
export function meilisearchEngine(index: SearchableIndex, where: string): SearchEngine {
  return {
    name: 'meilisearch',
    async search(query: SearchQuery): Promise<SearchResult> {
      const { q, request } = buildSearchRequest(query);
      let response: MeiliSearchResponse;
      try {
        response = await index.search(q, request);
      } catch (error) {
        throw new Error(`Recherche Meilisearch impossible (${where}) : ${errorMessage(error)}`, { cause: error });
      }
      const hits: SearchHit[] = response.hits.map((hit) => ({
        document: hit.document,
        // Calculée ici comme dans le moteur embarqué (haversine) : `_geoDistance` n'est renvoyé
        // par Meilisearch que si le tri contient `_geoPoint`, ce qui n'est pas toujours le cas.
        distanceKm: query.origin === null ? null : haversineKm(query.origin, hit.document),
      }));
      return {
        total: exactTotal(response.totalHits, response.facetDistribution),
        page: query.page,
        perPage: query.perPage,
        hits,
        facets: toFacets(response.facetDistribution),
      };
    },
    async countFacets(query: CountQuery): Promise<CountResult> {
      let response: MeiliSearchResponse;
      try {
        response = await index.search('', buildCountRequest(query));
      } catch (error) {
        throw new Error(`Comptage Meilisearch impossible (${where}) : ${errorMessage(error)}`, { cause: error });
      }
      return toCountResult(query, response);
    },
  };
}

function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return message + cause;
}

// ---------------------------------------------------------------------------------------------
// Administration (clé maître, côté serveur uniquement)
// ---------------------------------------------------------------------------------------------

/**
 * Version minimale du serveur. La plus récente des fonctions utilisées : `rename` dans
 * `swapIndexes` (1.18.0 : crates/meilisearch/src/routes/swap_indexes.rs ; le corps y est lu
 * avec `deny_unknown_fields`, un serveur 1.17 refuse donc le champ) ; puis les règles de
 * filtre fines (1.14 : crates/milli/src/filterable_attributes_rules.rs), `facetSearch` (1.12),
 * `localizedAttributes` (1.10).
 */
export const MIN_MEILISEARCH_VERSION = '1.18.0';

function versionParts(version: string): [number, number, number] | null {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version.trim());
  return match === null ? null : [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** Lève une erreur en français si le serveur est trop ancien (ou sa version illisible). */
export function checkServerVersion(pkgVersion: string): void {
  const found = versionParts(pkgVersion);
  const minimum = versionParts(MIN_MEILISEARCH_VERSION) as [number, number, number];
  if (found === null) throw new Error(`Version de Meilisearch illisible (« ${pkgVersion} ») : ${MIN_MEILISEARCH_VERSION} ou plus récente attendue.`);
  for (const [i, part] of found.entries()) {
    const min = minimum[i] as number;
    if (part > min) return;
    if (part < min) {
      throw new Error(`Meilisearch ${pkgVersion} est trop ancien : ${MIN_MEILISEARCH_VERSION} au moins est nécessaire (échange d’index avec « rename », filtres par opérateur). Mettre le serveur à jour ; aucun index n’a été modifié.`);
    }
  }
}

/** Les tâches d'indexation de quelques milliers d'actions prennent quelques secondes ; marge large. */
const TASK_TIMEOUT_MS = 10 * 60_000;
const TASK_POLL_MS = 250;
export const DOCUMENT_BATCH_SIZE = 1_000;

/**
 * Ce dont `reindex` a besoin du client d'administration : le `Meilisearch` du client officiel
 * convient tel quel ; les tests unitaires passent un double de ces méthodes pour relever les
 * appels que construit `reindex` (pas un faux serveur : aucune requête HTTP).
 */
export interface AdminClient {
  getVersion(): Promise<Pick<Version, 'pkgVersion'>>;
  getRawIndexes(parameters?: IndexesQuery): Promise<Pick<IndexesResults<Pick<IndexObject, 'uid'>[]>, 'results' | 'total'>>;
  createIndex(uid: string, options?: IndexOptions): Promise<EnqueuedTask>;
  deleteIndex(uid: string): Promise<EnqueuedTask>;
  swapIndexes(params: IndexSwap[]): Promise<EnqueuedTask>;
  index(uid: string): {
    updateSettings(settings: Settings): Promise<EnqueuedTask>;
    addDocuments(documents: MeiliDocument[], options?: { primaryKey?: string }): Promise<EnqueuedTask>;
    getStats(): Promise<{ numberOfDocuments: number }>;
  };
  readonly tasks: { waitForTask(task: number, options?: { timeout?: number; interval?: number }): Promise<Pick<Task, 'uid' | 'status' | 'error'>> };
}

/** Attend une tâche Meilisearch ; un échec est une erreur qui dit quoi et pourquoi. */
async function waitSucceeded(client: AdminClient, enqueued: EnqueuedTask, what: string, tolerated?: string): Promise<void> {
  const done = await client.tasks.waitForTask(enqueued.taskUid, { timeout: TASK_TIMEOUT_MS, interval: TASK_POLL_MS });
  if (done.status === 'succeeded' || (tolerated !== undefined && done.error?.code === tolerated)) return;
  throw new Error(`Meilisearch : échec de ${what} (tâche ${done.uid}, ${done.status}) : ${done.error?.message ?? 'raison non précisée'}`);
}

/** Préfixe des index temporaires d'`indexUid` (`<uid>_tmp_<horodatage>`). */
export function temporaryIndexPrefix(indexUid: string): string {
  return `${indexUid}_tmp_`;
}

/** Les index temporaires laissés par une réindexation interrompue (tuée, coupure réseau…). */
async function leftoverIndexes(client: AdminClient, indexUid: string): Promise<string[]> {
  const prefix = temporaryIndexPrefix(indexUid);
  const found: string[] = [];
  const limit = 100;
  for (let offset = 0; ; offset += limit) {
    const page = await client.getRawIndexes({ offset, limit });
    found.push(...page.results.map((i) => i.uid).filter((uid) => uid.startsWith(prefix)));
    if (page.results.length === 0 || offset + limit >= page.total) return found;
  }
}

export interface ReindexOptions {
  /** Une ligne de progression en français (le script l'affiche). */
  onProgress?: (message: string) => void;
  /** Horodatage du nom de l'index temporaire (ms) ; `Date.now()` par défaut. */
  now?: () => number;
  batchSize?: number;
}

export interface ReindexReport {
  indexUid: string;
  documents: number;
  batches: number;
  /** Index temporaires d'une réindexation précédente interrompue, supprimés avant de commencer. */
  removedLeftovers: string[];
  /** Index temporaire (l'ancien contenu) que la suppression finale n'a pas pu retirer ; null sinon. */
  notRemoved: string | null;
}

/**
 * Réindexe sans coupure :
 *  1. vérifie la version du serveur (`MIN_MEILISEARCH_VERSION`) avant toute écriture ;
 *  2. supprime les index temporaires d'une réindexation précédente interrompue (une seule
 *     réindexation à la fois : une autre en cours perdrait son index temporaire et échouerait,
 *     sans toucher à l'index servi) ;
 *  3. index temporaire `<uid>_tmp_<horodatage>` : réglages, puis TOUS les lots de documents
 *     envoyés d'affilée, puis l'attente de toutes leurs tâches : le serveur regroupe les ajouts
 *     consécutifs d'un même index en un seul lot d'indexation (crates/index-scheduler/src/
 *     scheduler/autobatcher.rs, v1.50.0) au lieu d'une passe par lot ;
 *  4. vérifie le nombre de documents, puis échange atomiquement avec `indexUid`.
 * Un échec avant l'échange (ou un arrêt du processus) laisse l'index servi intact : seul
 * l'échange, dernière étape, le remplace. L'index temporaire est ensuite supprimé ; si cette
 * suppression échoue aussi, l'erreur levée reste celle d'origine (la seconde y est ajoutée).
 */
export async function reindex(client: AdminClient, indexUid: string, docs: readonly ActionDocument[], options: ReindexOptions = {}): Promise<ReindexReport> {
  const progress = options.onProgress ?? (() => {});
  const batchSize = options.batchSize ?? DOCUMENT_BATCH_SIZE;
  checkServerVersion((await client.getVersion()).pkgVersion);
  if (docs.length === 0) throw new Error(`Aucune action à indexer : l’index « ${indexUid} » est laissé tel quel.`);
  const documents = docs.map(toMeiliDocument);

  const removedLeftovers = await leftoverIndexes(client, indexUid);
  for (const uid of removedLeftovers) {
    progress(`Index temporaire « ${uid} » d’une réindexation interrompue : suppression.`);
    await waitSucceeded(client, await client.deleteIndex(uid), `la suppression de l’index « ${uid} »`, 'index_not_found');
  }

  const tmpUid = `${temporaryIndexPrefix(indexUid)}${(options.now ?? Date.now)()}`;
  // L'échange exige que les deux index existent : au premier déploiement, on crée l'index servi.
  await waitSucceeded(client, await client.createIndex(indexUid, { primaryKey: 'id' }), `la création de l’index « ${indexUid} »`, 'index_already_exists');
  await waitSucceeded(client, await client.createIndex(tmpUid, { primaryKey: 'id' }), `la création de l’index « ${tmpUid} »`);

  const batches = Math.ceil(documents.length / batchSize);
  let failure: unknown = null;
  try {
    const tmp = client.index(tmpUid);
    await waitSucceeded(client, await tmp.updateSettings(buildMeilisearchSettings()), `l’application des réglages à « ${tmpUid} »`);
    progress(`Réglages appliqués à « ${tmpUid} ».`);
    const enqueued: { task: EnqueuedTask; what: string }[] = [];
    for (let start = 0; start < documents.length; start += batchSize) {
      const batch = documents.slice(start, start + batchSize);
      enqueued.push({ task: await tmp.addDocuments(batch, { primaryKey: 'id' }), what: `l’ajout des documents ${start + 1} à ${start + batch.length}` });
      progress(`Lot ${enqueued.length}/${batches} envoyé (${start + batch.length} documents sur ${documents.length}).`);
    }
    for (const [i, { task, what }] of enqueued.entries()) {
      await waitSucceeded(client, task, what);
      progress(`Lot ${i + 1}/${batches} indexé.`);
    }
    const { numberOfDocuments } = await tmp.getStats();
    if (numberOfDocuments !== docs.length) {
      throw new Error(`Meilisearch : ${numberOfDocuments} documents indexés au lieu de ${docs.length} (identifiants en double ?) ; index « ${indexUid} » inchangé.`);
    }
    await waitSucceeded(client, await client.swapIndexes([{ indexes: [indexUid, tmpUid], rename: false }]), `l’échange « ${indexUid} » ↔ « ${tmpUid} »`);
    progress(`Échange atomique fait : « ${indexUid} » sert les ${docs.length} nouvelles actions.`);
  } catch (error) {
    failure = error;
  }

  // Après l'échange, `tmpUid` porte l'ancien contenu ; avant, un index incomplet : dans les deux cas, à supprimer.
  let notRemoved: string | null = null;
  try {
    await waitSucceeded(client, await client.deleteIndex(tmpUid), `la suppression de l’index « ${tmpUid} »`);
  } catch (cleanupError) {
    if (failure !== null) {
      throw new Error(`${errorMessage(failure)} — de plus, l’index temporaire « ${tmpUid} » n’a pas pu être supprimé (${errorMessage(cleanupError)}) ; la prochaine réindexation le supprimera.`, { cause: failure });
    }
    notRemoved = tmpUid;
    progress(`Attention : l’index temporaire « ${tmpUid} » (ancien contenu) n’a pas pu être supprimé (${errorMessage(cleanupError)}) ; la prochaine réindexation le supprimera.`);
  }
  if (failure !== null) throw failure;
  return { indexUid, documents: docs.length, batches, removedLeftovers, notRemoved };
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
