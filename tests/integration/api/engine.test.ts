/**
 * Choix du moteur par l'environnement, chargement unique, et réponses HTTP de l'API (en-têtes,
 * 400, 503 quand le moteur est injoignable, lent ou en erreur : VRAI adaptateur Meilisearch
 * vers un port fermé, vers un serveur TCP qui accepte la connexion et ne répond jamais, et vers
 * un serveur TCP qui coupe la connexion. Ce sont des pannes réseau, pas un faux Meilisearch :
 * aucune réponse HTTP n'est jamais écrite).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { resolveDataDir } from '../../../src/catalog/files';
import { embeddedIndexPath } from '../../../src/search/index-file';
import { SearchQuery } from '../../../src/search/query';
import { createEngine, engineConfigFromEnv } from '../../../src/http/engine';
import { createAppServices } from '../../../src/app/services';
import { searchFormations } from '../../../src/http/formations';
import { JSON_CONTENT_TYPE, PUBLIC_CACHE, guard, invalidParams, json, notFound } from '../../../src/http/http';

/** Aucun serveur n'écoute sur le port 9 (discard) : connexion refusée aussitôt. */
const CLOSED_URL = 'http://127.0.0.1:9';
const hasIndex = existsSync(embeddedIndexPath(resolveDataDir()));

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('choix du moteur (SEARCH_ENGINE, MEILI_*)', () => {
  it('embarqué par défaut, sur le dossier de données', () => {
    expect(engineConfigFromEnv({})).toEqual({ kind: 'embedded', dataDir: resolveDataDir() });
    expect(engineConfigFromEnv({ SEARCH_ENGINE: 'embedded', DATA_DIR: 'autre' })).toEqual({ kind: 'embedded', dataDir: resolveDataDir('autre') });
  });

  it('meilisearch : adresse, index, clé « recherche seule », délai', () => {
    expect(engineConfigFromEnv({ SEARCH_ENGINE: 'meilisearch', MEILI_URL: 'http://meili:7700', MEILI_SEARCH_KEY: 'cle' })).toEqual({
      kind: 'meilisearch',
      url: 'http://meili:7700',
      indexUid: 'actions',
      searchKey: 'cle',
      timeoutMs: 2_000,
    });
    expect(engineConfigFromEnv({ SEARCH_ENGINE: 'meilisearch', MEILI_URL: 'http://m', MEILI_SEARCH_KEY: 'cle', MEILI_INDEX: 'essai', MEILI_TIMEOUT_MS: '500' })).toMatchObject({
      indexUid: 'essai',
      searchKey: 'cle',
      timeoutMs: 500,
    });
    // Serveur de développement sans clé maître : aucune clé.
    expect(engineConfigFromEnv({ SEARCH_ENGINE: 'meilisearch', MEILI_URL: 'http://m' })).toMatchObject({ searchKey: null });
  });

  it('le serveur web n’utilise jamais la clé maître : sans clé « recherche seule », il refuse en français', () => {
    expect(() => engineConfigFromEnv({ SEARCH_ENGINE: 'meilisearch', MEILI_URL: 'http://m', MEILI_MASTER_KEY: 'maitre' })).toThrow(/n’utilise jamais la clé maître.*MEILI_SEARCH_KEY/);
    // Avec les deux (scripts d'administration sur la même machine) : la clé « recherche seule », seule.
    const config = engineConfigFromEnv({ SEARCH_ENGINE: 'meilisearch', MEILI_URL: 'http://m', MEILI_MASTER_KEY: 'maitre', MEILI_SEARCH_KEY: 'cle' });
    expect(config).toMatchObject({ searchKey: 'cle' });
    expect(JSON.stringify(config)).not.toContain('maitre');
  });

  it('délai invalide : erreur en français', () => {
    for (const bad of ['0', '-5', 'abc', '1.5', '999999']) {
      expect(() => engineConfigFromEnv({ SEARCH_ENGINE: 'meilisearch', MEILI_URL: 'http://m', MEILI_TIMEOUT_MS: bad }), bad).toThrow(/MEILI_TIMEOUT_MS=« .* » invalide/);
    }
  });

  it('configuration incohérente : erreur en français', () => {
    expect(() => engineConfigFromEnv({ SEARCH_ENGINE: 'elastic' })).toThrow(/SEARCH_ENGINE=« elastic » inconnu/);
    expect(() => engineConfigFromEnv({ SEARCH_ENGINE: 'meilisearch' })).toThrow(/demande MEILI_URL/);
  });

  it.skipIf(!hasIndex)('le moteur embarqué se charge depuis l’index construit', async () => {
    const engine = await createEngine({ kind: 'embedded', dataDir: resolveDataDir() });
    expect(engine.name).toBe('embedded');
    expect((await engine.search(SearchQuery.parse({ text: 'aide soignant' }))).total).toBeGreaterThan(0);
  });

  it.skipIf(!hasIndex)('un seul moteur par processus ; après un échec de chargement, l’appel suivant réessaie', async () => {
    vi.spyOn(console, 'info').mockImplementation(() => {});
    const { engine: getSearchEngine } = createAppServices();
    vi.stubEnv('SEARCH_ENGINE', 'meilisearch');
    vi.stubEnv('MEILI_URL', CLOSED_URL);
    vi.stubEnv('MEILI_MASTER_KEY', 'cle-maitre');
    vi.stubEnv('MEILI_SEARCH_KEY', '');
    await expect(getSearchEngine()).rejects.toThrow(/clé maître/);
    vi.stubEnv('SEARCH_ENGINE', 'embedded');
    const first = await getSearchEngine();
    expect(first.name).toBe('embedded');
    expect(await getSearchEngine()).toBe(first);
  });
});

describe('réponses HTTP', () => {
  it('JSON UTF-8, cache d’une minute, CORS ouvert', async () => {
    const response = json({ a: 'é' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(JSON_CONTENT_TYPE);
    expect(response.headers.get('cache-control')).toBe(PUBLIC_CACHE);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.json()).toEqual({ a: 'é' });
  });

  it('400 et 404 : corps d’erreur en français, jamais mis en cache', async () => {
    const bad = invalidParams({ rayon: 'Le rayon doit être un nombre entre 1 et 200 km.' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('cache-control')).toBe('no-store');
    expect(await bad.json()).toEqual({ erreur: 'Paramètres invalides', champs: { rayon: 'Le rayon doit être un nombre entre 1 et 200 km.' } });
    const missing = notFound('Formation introuvable');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ erreur: 'Formation introuvable' });
  });

  it('moteur injoignable (vrai adaptateur Meilisearch, port fermé) : 503 en français, erreur journalisée', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const engine = await createEngine({ kind: 'meilisearch', url: CLOSED_URL, indexUid: 'actions', searchKey: 'cle', timeoutMs: 2_000 });
    const response = await guard('GET /api/formations', async () => json(await searchFormations(engine, SearchQuery.parse({}), () => null)));
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe(JSON_CONTENT_TYPE);
    expect((await response.json()) as unknown).toEqual({ erreur: expect.stringMatching(/indisponible/) });
    expect(logged).toHaveBeenCalledOnce();
    expect(String(logged.mock.calls[0]?.[0])).toMatch(/GET \/api\/formations/);
  });

  /** Un serveur TCP local (127.0.0.1, port libre) : `onConnection` décide du sort de chaque connexion. */
  async function tcpServer(onConnection: (socket: net.Socket) => void): Promise<{ url: string; close: () => Promise<void> }> {
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {});
      onConnection(socket);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      close: () => {
        for (const socket of sockets) socket.destroy();
        return new Promise<void>((resolve) => server.close(() => resolve()));
      },
    };
  }

  /** La réponse de l'API avec un vrai adaptateur Meilisearch vers `url`, et le temps qu'elle a pris. */
  async function apiAgainst(url: string, timeoutMs: number) {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const engine = await createEngine({ kind: 'meilisearch', url, indexUid: 'actions', searchKey: 'cle', timeoutMs });
    const started = performance.now();
    const response = await guard('GET /api/formations', async () => json(await searchFormations(engine, SearchQuery.parse({ text: 'cuisinier' }), () => null)));
    return { response, elapsedMs: performance.now() - started };
  }

  it('serveur qui accepte la connexion et ne répond jamais : 503 en français dès le délai écoulé, jamais bloqué', async () => {
    let connections = 0;
    const hanging = await tcpServer(() => {
      connections += 1; // connexion acceptée, requête lue, aucune réponse
    });
    try {
      const { response, elapsedMs } = await apiAgainst(hanging.url, 300);
      expect(connections).toBe(1);
      expect(response.status).toBe(503);
      expect((await response.json()) as unknown).toEqual({ erreur: expect.stringMatching(/indisponible/) });
      // Le délai est tenu : bien avant les 60 s du test, et pas avant le délai lui-même.
      expect(elapsedMs).toBeGreaterThanOrEqual(250);
      expect(elapsedMs).toBeLessThan(10_000);
    } finally {
      await hanging.close();
    }
  });

  it('serveur qui coupe la connexion : 503 en français aussi', async () => {
    const resetting = await tcpServer((socket) => socket.resetAndDestroy());
    try {
      const { response } = await apiAgainst(resetting.url, 2_000);
      expect(response.status).toBe(503);
      expect((await response.json()) as unknown).toEqual({ erreur: expect.stringMatching(/indisponible/) });
    } finally {
      await resetting.close();
    }
  });

  it('données absentes : 503 aussi, jamais une exception', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = await guard('GET /api/formations', () => createEngine({ kind: 'embedded', dataDir: path.join(resolveDataDir(), 'nulle-part') }).then(() => json([])));
    expect(response.status).toBe(503);
  });
});
