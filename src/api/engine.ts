/**
 * Le moteur de recherche du serveur, choisi par l'environnement, chargé UNE fois par processus
 * (au premier appel de `getSearchEngine` : `npm start` le fait au démarrage par /api/sante,
 * voir scripts/serve.mjs), jamais reconstruit à chaque requête :
 *
 *   SEARCH_ENGINE=embedded (défaut)  index construit par `npm run data:build` dans DATA_DIR/search ;
 *   SEARCH_ENGINE=meilisearch        MEILI_URL, et MEILI_SEARCH_KEY (clé « recherche seule »)
 *                                    ou, à défaut, MEILI_MASTER_KEY : la clé maître ne sert alors
 *                                    qu'à obtenir la clé « recherche seule » de l'index, seule
 *                                    utilisée ensuite ; MEILI_INDEX (défaut « actions »).
 *
 * Aucune clé ne quitte le serveur. Un échec de chargement est journalisé et rejoué à l'appel
 * suivant (Meilisearch peut redémarrer après le site) ; les routes répondent 503 en attendant.
 */
import { Meilisearch } from 'meilisearch';
import { resolveDataDir } from '../catalog/files';
import { loadEmbeddedEngine } from '../search/embedded';
import { MEILI_DEFAULT_INDEX, createMeilisearchEngine, ensureSearchKey } from '../search/meilisearch';
import type { SearchEngine } from '../search/port';

export type EngineConfig =
  | { kind: 'embedded'; dataDir: string }
  | { kind: 'meilisearch'; url: string; indexUid: string; searchKey: string | null; masterKey: string | null };

type Env = Record<string, string | undefined>;

const value = (env: Env, name: string): string | null => {
  const v = env[name]?.trim();
  return v ? v : null;
};

/** Lit la configuration ; une configuration incohérente est une erreur en français. */
export function engineConfigFromEnv(env: Env = process.env): EngineConfig {
  const kind = value(env, 'SEARCH_ENGINE') ?? 'embedded';
  if (kind === 'embedded') return { kind, dataDir: resolveDataDir(value(env, 'DATA_DIR') ?? undefined) };
  if (kind !== 'meilisearch') throw new Error(`SEARCH_ENGINE=« ${kind} » inconnu : « embedded » (défaut) ou « meilisearch » attendu.`);
  const url = value(env, 'MEILI_URL');
  if (!url) throw new Error('SEARCH_ENGINE=meilisearch demande MEILI_URL (adresse du serveur Meilisearch).');
  const searchKey = value(env, 'MEILI_SEARCH_KEY');
  const masterKey = value(env, 'MEILI_MASTER_KEY');
  return { kind, url, indexUid: value(env, 'MEILI_INDEX') ?? MEILI_DEFAULT_INDEX, searchKey, masterKey };
}

export async function createEngine(config: EngineConfig): Promise<SearchEngine> {
  if (config.kind === 'embedded') return loadEmbeddedEngine(config.dataDir);
  const { url, indexUid, searchKey, masterKey } = config;
  if (searchKey) return createMeilisearchEngine({ url, apiKey: searchKey, indexUid });
  if (masterKey) {
    const key = await ensureSearchKey(new Meilisearch({ host: url, apiKey: masterKey }), indexUid);
    return createMeilisearchEngine({ url, apiKey: key.key, indexUid });
  }
  // Serveur Meilisearch sans clé maître (développement local) : aucune clé n'est demandée.
  return createMeilisearchEngine({ url, apiKey: '', indexUid });
}

let engine: Promise<SearchEngine> | null = null;

/** Le moteur du processus (chargé au premier appel, puis partagé par toutes les requêtes). */
export function getSearchEngine(): Promise<SearchEngine> {
  engine ??= Promise.resolve()
    .then(() => createEngine(engineConfigFromEnv()))
    .then(
      (loaded) => {
        console.info(`[api] moteur de recherche « ${loaded.name} » prêt`);
        return loaded;
      },
      (error: unknown) => {
        engine = null;
        throw error;
      },
    );
  return engine;
}
