/**
 * Choix du moteur par l'environnement, chargement unique, et réponses HTTP de l'API (en-têtes,
 * 400, 503 quand le moteur est injoignable : VRAI adaptateur Meilisearch vers un port fermé).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { resolveDataDir } from '../../../src/catalog/files';
import { embeddedIndexPath } from '../../../src/search/index-file';
import { SearchQuery } from '../../../src/search/query';
import { createEngine, engineConfigFromEnv, getSearchEngine } from '../../../src/api/engine';
import { searchFormations } from '../../../src/api/formations';
import { JSON_CONTENT_TYPE, PUBLIC_CACHE, guard, invalidParams, json, notFound } from '../../../src/api/http';

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

  it('meilisearch : adresse, index, clés', () => {
    expect(engineConfigFromEnv({ SEARCH_ENGINE: 'meilisearch', MEILI_URL: 'http://meili:7700', MEILI_SEARCH_KEY: 'cle' })).toEqual({
      kind: 'meilisearch',
      url: 'http://meili:7700',
      indexUid: 'actions',
      searchKey: 'cle',
      masterKey: null,
    });
    expect(engineConfigFromEnv({ SEARCH_ENGINE: 'meilisearch', MEILI_URL: 'http://m', MEILI_MASTER_KEY: 'maitre', MEILI_INDEX: 'essai' })).toMatchObject({
      indexUid: 'essai',
      searchKey: null,
      masterKey: 'maitre',
    });
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
    vi.stubEnv('SEARCH_ENGINE', 'meilisearch');
    vi.stubEnv('MEILI_URL', CLOSED_URL);
    vi.stubEnv('MEILI_MASTER_KEY', 'cle-maitre');
    vi.stubEnv('MEILI_SEARCH_KEY', '');
    await expect(getSearchEngine()).rejects.toThrow();
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
    const engine = await createEngine({ kind: 'meilisearch', url: CLOSED_URL, indexUid: 'actions', searchKey: 'cle', masterKey: null });
    const response = await guard('GET /api/formations', async () => json(await searchFormations(engine, SearchQuery.parse({}), () => null)));
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe(JSON_CONTENT_TYPE);
    expect((await response.json()) as unknown).toEqual({ erreur: expect.stringMatching(/indisponible/) });
    expect(logged).toHaveBeenCalledOnce();
    expect(String(logged.mock.calls[0]?.[0])).toMatch(/GET \/api\/formations/);
  });

  it('données absentes : 503 aussi, jamais une exception', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = await guard('GET /api/formations', () => createEngine({ kind: 'embedded', dataDir: path.join(resolveDataDir(), 'nulle-part') }).then(() => json([])));
    expect(response.status).toBe(503);
  });
});
