/**
 * L'adaptateur Meilisearch : les requêtes qu'il CONSTRUIT (texte envoyé, page, total calculé,
 * appels de réindexation et leur ordre, délai HTTP).
 *
 * Les doubles utilisés ici remplacent les MÉTHODES de l'objet client (`index.search`,
 * `createIndex`, `addDocuments`, `tasks.waitForTask`…) pour relever les appels que fait notre
 * code et leur donner une réponse : ce n'est pas un faux serveur (aucune requête HTTP, aucun
 * comportement de Meilisearch simulé au-delà de la forme de ses réponses). Ce que le serveur
 * fait de ces requêtes n'est vérifié qu'en lisant son code (fichiers cités dans
 * src/search/meilisearch*.ts) ; la jambe Meilisearch de la suite de conformité le vérifiera
 * contre un vrai serveur (MEILI_URL).
 */
import { describe, expect, it } from 'vitest';
import type { EnqueuedTask, IndexSwap, Settings, Task } from 'meilisearch';
import {
  DEFAULT_SEARCH_TIMEOUT_MS,
  MIN_MEILISEARCH_VERSION,
  checkServerVersion,
  createSearchClient,
  buildCountRequest,
  exactTotal,
  meilisearchEngine,
  toMeiliDocument,
  type MeiliCountRequest,
  reindex,
  type AdminClient,
  type MeiliDocument,
  type MeiliSearchRequest,
  type MeiliSearchResponse,
} from '../../../src/search/meilisearch';
import { MAX_TOTAL_HITS, MAX_VALUES_PER_FACET } from '../../../src/search/meilisearch-settings';
import { CountQuery, MAX_PAGE, MAX_PER_PAGE, SearchQuery, type CountQueryInput, type SearchQueryInput } from '../../../src/search/query';
import type { ActionDocument } from '../../../src/search/port';
import { actionDocument } from '../../support/action-document';

// ---------------------------------------------------------------------------------------------
// Recherche
// ---------------------------------------------------------------------------------------------

/** Un index dont `search` relève chaque appel et rend la réponse donnée. */
function recordingIndex(response: Partial<MeiliSearchResponse> = {}) {
  const calls: { q: string; request: MeiliSearchRequest }[] = [];
  const index = {
    search(q: string, request: MeiliSearchRequest | MeiliCountRequest): Promise<MeiliSearchResponse> {
      calls.push({ q, request: request as MeiliSearchRequest });
      return Promise.resolve({ hits: [], totalHits: 0, ...response });
    },
  };
  return { calls, engine: meilisearchEngine(index, 'index de test') };
}

const query = (input: SearchQueryInput = {}) => SearchQuery.parse(input);

describe('recherche : la requête envoyée', () => {
  it('envoie le texte analysé (sans mot vide final ni opérateur), pas le texte brut', async () => {
    const { calls, engine } = recordingIndex();
    await engine.search(query({ text: 'Fleuriste de' }));
    await engine.search(query({ text: '"technicien" -fleuriste' }));
    await engine.search(query({ text: 'aide à domicile' }));
    expect(calls.map((c) => c.q)).toEqual(['fleuriste', 'technicien fleuriste', 'aide domicile ']);
  });

  it('demande la page et le nombre par page, toutes les facettes, tous les mots requis', async () => {
    const { calls, engine } = recordingIndex();
    await engine.search(query({ page: 3, perPage: 7 }));
    expect(calls[0]?.request).toMatchObject({ page: 3, hitsPerPage: 7, matchingStrategy: 'all' });
    expect(calls[0]?.request.facets).toContain('teachingMode');
  });

  it('la dernière page demandable reste sous le plafond du serveur (page × par page ≤ maxTotalHits)', async () => {
    const { calls, engine } = recordingIndex();
    await engine.search(query({ page: MAX_PAGE, perPage: MAX_PER_PAGE }));
    const { page, hitsPerPage } = calls[0]?.request ?? { page: 0, hitsPerPage: 0 };
    expect(page * hitsPerPage).toBeLessThanOrEqual(MAX_TOTAL_HITS);
    expect(() => query({ page: MAX_PAGE + 1 })).toThrow();
  });
});

describe('recherche : le total', () => {
  const modes = (presentiel: number, distance: number, mixte: number) => ({ teachingMode: { presentiel, distance, mixte } });

  it('au-delà du plafond du serveur, le total vient de la facette « modalité » (une par action)', async () => {
    // Le serveur plafonne totalHits à maxTotalHits mais compte les facettes sur tous les résultats.
    const { engine } = recordingIndex({ totalHits: MAX_TOTAL_HITS, facetDistribution: modes(61_000, 9_000, 28_000) });
    const result = await engine.search(query());
    expect(result.total).toBe(98_000);
    expect(Object.values(result.facets.teachingMode).reduce((a, b) => a + b, 0)).toBe(result.total);
  });

  it('sous le plafond, totalHits (exact) est repris tel quel', async () => {
    const { engine } = recordingIndex({ totalHits: 1_234, facetDistribution: modes(1_000, 200, 34) });
    expect((await engine.search(query())).total).toBe(1_234);
    expect(exactTotal(0, undefined)).toBe(0);
    expect(exactTotal(MAX_TOTAL_HITS, undefined)).toBe(MAX_TOTAL_HITS);
  });

  it('une erreur du serveur devient une erreur en français qui nomme l’index', async () => {
    const engine = meilisearchEngine({ search: () => Promise.reject(new Error('socket hang up')) }, 'index « actions » sur http://meili');
    await expect(engine.search(query())).rejects.toThrow(/Recherche Meilisearch impossible \(index « actions » sur http:\/\/meili\) : socket hang up/);
  });
});

describe('comptage (countFacets) : la requête envoyée et sa lecture', () => {
  const count = (input: CountQueryInput) => CountQuery.parse(input);

  it('aucun document rendu, aucun texte, les filtres de la recherche, les facettes demandées et la modalité (total exact)', async () => {
    const { calls, engine } = recordingIndex({ totalHits: 3, facetDistribution: { teachingMode: { presentiel: 3 }, formationId: { F1: 2, F2: 1 } } });
    const result = await engine.countFacets(count({ romeCodes: ['J1501'], filters: { territoires: ['mayenne-centre'] }, facets: ['formationId', 'sessionSlots'] }));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.q).toBe('');
    expect(calls[0]?.request).toEqual({
      filter: ['romeCodes IN ["J1501"]', 'territoire IN ["mayenne-centre"]'],
      facets: ['formationId', 'sessionSlots', 'teachingMode'],
      page: 1,
      hitsPerPage: 0,
    });
    // Les facettes demandées seulement, vides si le serveur n'en rend rien.
    expect(result).toEqual({ total: 3, facets: { formationId: { F1: 2, F2: 1 }, sessionSlots: {} } });
  });

  it('ne demande pas deux fois la modalité', () => {
    expect(buildCountRequest(count({ facets: ['teachingMode', 'place'] })).facets).toEqual(['teachingMode', 'place']);
  });

  it('au-delà du plafond du serveur, le total vient de la facette « modalité »', async () => {
    const { engine } = recordingIndex({ totalHits: MAX_TOTAL_HITS, facetDistribution: { teachingMode: { presentiel: 60_000, distance: 1 } } });
    expect((await engine.countFacets(count({ facets: ['place'] }))).total).toBe(60_001);
  });

  it('une facette qui atteint maxValuesPerFacet (peut-être coupée) est une erreur, jamais un compte faux', async () => {
    const many = Object.fromEntries(Array.from({ length: MAX_VALUES_PER_FACET }, (_, i) => [`F${i}`, 1]));
    const { engine } = recordingIndex({ totalHits: 10, facetDistribution: { formationId: many } });
    await expect(engine.countFacets(count({ facets: ['formationId'] }))).rejects.toThrow(/maxValuesPerFacet/);
  });

  it('une erreur du serveur devient une erreur en français qui nomme l’index', async () => {
    const engine = meilisearchEngine({ search: () => Promise.reject(new Error('socket hang up')) }, 'index « actions » sur http://meili');
    await expect(engine.countFacets(count({ facets: ['place'] }))).rejects.toThrow(/Comptage Meilisearch impossible \(index « actions » sur http:\/\/meili\) : socket hang up/);
  });

  it('le document indexé porte les facettes de comptage de l’offre', () => {
    const doc = actionDocument({ id: 'A1', formationId: 'F1', organismeId: 'O9', romeCodes: ['J1501', 'J1304', 'H2913'], level: null, territoire: 'mayenne-centre', inseeCode: null, city: 'Laval', sessions: [{ start: '2027-01-04', end: null }, { start: '2027-03-01', end: null }] });
    expect(toMeiliDocument(doc)).toMatchObject({
      formationId: ['F1'],
      organismeId: ['O9'],
      romeDomain: ['J', 'H'],
      levelGroup: ['-'],
      place: ['nom:Laval'],
      sessionSlots: ['1', '2'],
      territoireSessionSlots: ['mayenne-centre#1', 'mayenne-centre#2'],
      romeDomainSessionSlots: ['J#1', 'J#2', 'H#1', 'H#2'],
      levelGroupSessionSlots: ['-#1', '-#2'],
      placeSessionSlots: ['nom:Laval#1', 'nom:Laval#2'],
    });
  });
});

describe('délai HTTP du client de recherche', () => {
  it('le client du serveur web a toujours un délai (2 s par défaut, réglable)', () => {
    expect(createSearchClient({ url: 'http://127.0.0.1:7700', apiKey: 'cle' }).config.timeout).toBe(DEFAULT_SEARCH_TIMEOUT_MS);
    expect(DEFAULT_SEARCH_TIMEOUT_MS).toBe(2_000);
    expect(createSearchClient({ url: 'http://127.0.0.1:7700', timeoutMs: 750 }).config.timeout).toBe(750);
    expect(() => createSearchClient({ url: 'http://127.0.0.1:7700', timeoutMs: 0 })).toThrow(/Délai Meilisearch invalide/);
  });
});

// ---------------------------------------------------------------------------------------------
// Réindexation
// ---------------------------------------------------------------------------------------------

type Call = { method: string; args: unknown[] };

interface AdminDouble {
  client: AdminClient;
  calls: Call[];
  /** Appels dans l'ordre, sous la forme « méthode argument ». */
  log: string[];
}

/**
 * Double des méthodes du client d'administration. Chaque méthode qui crée une tâche renvoie un
 * numéro de tâche ; `waitForTask` rend l'état demandé par `outcome` (réussie par défaut).
 */
function adminDouble(options: {
  version?: string;
  indexes?: string[];
  outcome?: (call: Call) => Pick<Task, 'status' | 'error'> | 'reject';
  documents?: (total: number) => number;
} = {}): AdminDouble {
  const calls: Call[] = [];
  const log: string[] = [];
  const tasks = new Map<number, Call>();
  let added = 0;
  const enqueue = (method: string, ...args: unknown[]): Promise<EnqueuedTask> => {
    const call = { method, args };
    calls.push(call);
    const uid = tasks.size + 1;
    tasks.set(uid, call);
    log.push(`${method} ${typeof args[0] === 'string' ? args[0] : ''}`.trim());
    return Promise.resolve({ taskUid: uid, indexUid: null, status: 'enqueued', type: 'indexCreation', enqueuedAt: '' } as EnqueuedTask);
  };
  const client: AdminClient = {
    getVersion: () => Promise.resolve({ pkgVersion: options.version ?? '1.50.0' }),
    getRawIndexes: ({ offset = 0, limit = 20 } = {}) => {
      const all = (options.indexes ?? []).map((uid) => ({ uid }));
      return Promise.resolve({ results: all.slice(offset, offset + limit), total: all.length });
    },
    createIndex: (uid) => enqueue('createIndex', uid),
    deleteIndex: (uid) => enqueue('deleteIndex', uid),
    swapIndexes: (params: IndexSwap[]) => enqueue('swapIndexes', params),
    index: (uid) => ({
      updateSettings: (settings: Settings) => enqueue('updateSettings', uid, settings),
      addDocuments: (documents: MeiliDocument[]) => {
        added += documents.length;
        return enqueue('addDocuments', uid, documents.length);
      },
      getStats: () => {
        log.push(`getStats ${uid}`);
        return Promise.resolve({ numberOfDocuments: options.documents?.(added) ?? added });
      },
    }),
    tasks: {
      waitForTask: (uid: number) => {
        const call = tasks.get(uid) as Call;
        log.push(`wait ${call.method}`);
        const outcome = options.outcome?.(call) ?? { status: 'succeeded', error: null };
        if (outcome === 'reject') return Promise.reject(new Error('connexion perdue'));
        return Promise.resolve({ uid, ...outcome });
      },
    },
  };
  return { client, calls, log };
}

const docs = (n: number): ActionDocument[] => Array.from({ length: n }, (_, i) => actionDocument({ id: `A${i}` }));
const failed = (message: string) => ({ status: 'failed' as const, error: { message, code: 'invalid_document_fields', type: 'invalid_request', link: '' } });

describe('reindex : envoi des lots', () => {
  it('envoie TOUS les lots avant d’attendre le premier (le serveur les indexe en un seul lot)', async () => {
    const { client, log } = adminDouble();
    const report = await reindex(client, 'actions', docs(2_500), { batchSize: 1_000, now: () => 7 });
    expect(report).toMatchObject({ indexUid: 'actions', documents: 2_500, batches: 3, removedLeftovers: [], notRemoved: null });
    const sequence = log.filter((l) => l.includes('addDocuments'));
    expect(sequence).toEqual(['addDocuments actions_tmp_7', 'addDocuments actions_tmp_7', 'addDocuments actions_tmp_7', 'wait addDocuments', 'wait addDocuments', 'wait addDocuments']);
    // Ordre complet : réglages attendus, lots envoyés puis attendus, comptage, échange, suppression.
    expect(log.slice(log.indexOf('updateSettings actions_tmp_7'))).toEqual([
      'updateSettings actions_tmp_7',
      'wait updateSettings',
      'addDocuments actions_tmp_7',
      'addDocuments actions_tmp_7',
      'addDocuments actions_tmp_7',
      'wait addDocuments',
      'wait addDocuments',
      'wait addDocuments',
      'getStats actions_tmp_7',
      'swapIndexes',
      'wait swapIndexes',
      'deleteIndex actions_tmp_7',
      'wait deleteIndex',
    ]);
  });

  it('échange avec « rename: false » (index servi ↔ index temporaire), après les réglages du code', async () => {
    const { client, calls } = adminDouble();
    await reindex(client, 'actions', docs(3), { now: () => 42 });
    expect(calls.find((c) => c.method === 'swapIndexes')?.args[0]).toEqual([{ indexes: ['actions', 'actions_tmp_42'], rename: false }]);
    const settings = calls.find((c) => c.method === 'updateSettings')?.args[1] as Settings;
    expect(settings.stopWords).toEqual([]);
    expect(settings.facetSearch).toBe(false);
  });

  it('dit où il en est', async () => {
    const { client } = adminDouble();
    const lines: string[] = [];
    await reindex(client, 'actions', docs(3), { batchSize: 2, onProgress: (line) => lines.push(line) });
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Réglages appliqués/),
        'Lot 1/2 envoyé (2 documents sur 3).',
        'Lot 2/2 envoyé (3 documents sur 3).',
        'Lot 1/2 indexé.',
        'Lot 2/2 indexé.',
        expect.stringMatching(/^Échange atomique fait/),
      ]),
    );
  });
});

describe('reindex : version du serveur', () => {
  it(`refuse un serveur antérieur à ${MIN_MEILISEARCH_VERSION} AVANT toute écriture`, async () => {
    const { client, calls } = adminDouble({ version: '1.17.1' });
    await expect(reindex(client, 'actions', docs(2))).rejects.toThrow(/Meilisearch 1\.17\.1 est trop ancien : 1\.18\.0 au moins/);
    expect(calls).toEqual([]);
  });

  it('compare les versions nombre par nombre', () => {
    for (const ok of ['1.18.0', '1.18.2', '1.50.0', 'v1.20.0-rc.1', '2.0.0']) expect(() => checkServerVersion(ok), ok).not.toThrow();
    for (const old of ['1.17.9', '1.9.0', '0.30.5']) expect(() => checkServerVersion(old), old).toThrow(/trop ancien/);
    expect(() => checkServerVersion('inconnue')).toThrow(/illisible/);
  });
});

describe('reindex : index temporaires laissés par une réindexation interrompue', () => {
  it('les supprime avant de commencer, sans toucher aux autres index', async () => {
    const indexes = ['actions', 'actions_tmp_1', 'autre', 'actions_tmp_2', 'autre_tmp_3', ...Array.from({ length: 150 }, (_, i) => `x${i}`), 'actions_tmp_9'];
    const { client, log } = adminDouble({ indexes });
    const report = await reindex(client, 'actions', docs(1), { now: () => 10 });
    expect(report.removedLeftovers).toEqual(['actions_tmp_1', 'actions_tmp_2', 'actions_tmp_9']);
    const deletions = log.filter((l) => l.startsWith('deleteIndex'));
    expect(deletions).toEqual(['deleteIndex actions_tmp_1', 'deleteIndex actions_tmp_2', 'deleteIndex actions_tmp_9', 'deleteIndex actions_tmp_10']);
    expect(log.indexOf('deleteIndex actions_tmp_9')).toBeLessThan(log.indexOf('createIndex actions_tmp_10'));
  });
});

describe('reindex : un échec ne remplace jamais l’index servi', () => {
  it('un lot refusé : pas d’échange, index temporaire supprimé, erreur d’origine', async () => {
    let batch = 0;
    const { client, calls } = adminDouble({ outcome: (call) => (call.method === 'addDocuments' && ++batch === 2 ? failed('document invalide') : { status: 'succeeded', error: null }) });
    await expect(reindex(client, 'actions', docs(5), { batchSize: 2, now: () => 1 })).rejects.toThrow(/échec de l’ajout des documents 3 à 4 .*document invalide/);
    expect(calls.some((c) => c.method === 'swapIndexes')).toBe(false);
    expect(calls.filter((c) => c.method === 'deleteIndex').map((c) => c.args[0])).toEqual(['actions_tmp_1']);
  });

  it('un nombre de documents inattendu (identifiants en double) : pas d’échange', async () => {
    const { client, calls } = adminDouble({ documents: (n) => n - 1 });
    await expect(reindex(client, 'actions', docs(4))).rejects.toThrow(/3 documents indexés au lieu de 4/);
    expect(calls.some((c) => c.method === 'swapIndexes')).toBe(false);
  });

  it('si la suppression de l’index temporaire échoue aussi, l’erreur d’origine reste visible', async () => {
    const { client } = adminDouble({
      outcome: (call) => (call.method === 'updateSettings' ? failed('réglage refusé') : call.method === 'deleteIndex' ? 'reject' : { status: 'succeeded', error: null }),
    });
    const error = await reindex(client, 'actions', docs(2), { now: () => 5 }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^Meilisearch : échec de l’application des réglages à « actions_tmp_5 ».*réglage refusé/);
    expect((error as Error).message).toMatch(/l’index temporaire « actions_tmp_5 » n’a pas pu être supprimé \(connexion perdue\)/);
    expect(((error as Error).cause as Error).message).toMatch(/réglage refusé/);
  });

  it('échange fait mais ancien contenu non supprimé : succès, signalé (la prochaine réindexation le supprimera)', async () => {
    const { client } = adminDouble({ outcome: (call) => (call.method === 'deleteIndex' ? 'reject' : { status: 'succeeded', error: null }) });
    const lines: string[] = [];
    const report = await reindex(client, 'actions', docs(2), { now: () => 3, onProgress: (l) => lines.push(l) });
    expect(report.notRemoved).toBe('actions_tmp_3');
    expect(lines.at(-1)).toMatch(/n’a pas pu être supprimé/);
  });

  it('aucune action : rien n’est écrit', async () => {
    const { client, calls } = adminDouble();
    await expect(reindex(client, 'actions', [])).rejects.toThrow(/Aucune action à indexer/);
    expect(calls).toEqual([]);
  });
});
