/**
 * Le moteur de recherche du serveur, choisi par l'environnement, chargé UNE fois par processus
 * par la racine de composition (src/app/ : `npm start` le fait au démarrage par /api/sante,
 * voir scripts/serve.mjs), jamais reconstruit à chaque requête :
 *
 *   SEARCH_ENGINE=embedded (défaut)  index construit par `npm run data:build` dans DATA_DIR/search ;
 *   SEARCH_ENGINE=meilisearch        MEILI_URL, MEILI_SEARCH_KEY (la clé « recherche seule »
 *                                    affichée par `npm run index:meilisearch`), MEILI_INDEX
 *                                    (défaut « actions »), MEILI_TIMEOUT_MS (délai maximal d'une
 *                                    recherche, 2 000 ms par défaut : au-delà, l'API répond 503).
 *
 * Le serveur web n'utilise JAMAIS la clé maître : avec MEILI_MASTER_KEY sans MEILI_SEARCH_KEY,
 * il refuse de démarrer la recherche (message en français) au lieu de s'en servir. Sans aucune
 * clé, il interroge un serveur de développement qui n'en demande pas.
 *
 * Aucune clé ne quitte le serveur. Un échec de chargement est journalisé et rejoué à l'appel
 * suivant (Meilisearch peut redémarrer après le site) ; les routes répondent 503 en attendant.
 */
import { resolveDataDir } from '../catalog/files';
import { loadEmbeddedEngine } from '../search/embedded';
import { DEFAULT_SEARCH_TIMEOUT_MS, MEILI_DEFAULT_INDEX, createMeilisearchEngine } from '../search/meilisearch';
import type { SearchEngine } from '../search/port';

export type EngineConfig =
  | { kind: 'embedded'; dataDir: string }
  | { kind: 'meilisearch'; url: string; indexUid: string; searchKey: string | null; timeoutMs: number };

type Env = Record<string, string | undefined>;

const value = (env: Env, name: string): string | null => {
  const v = env[name]?.trim();
  return v ? v : null;
};

/** Bornes de MEILI_TIMEOUT_MS (ms). */
const MIN_TIMEOUT_MS = 100;
const MAX_TIMEOUT_MS = 60_000;

/** Lit la configuration ; une configuration incohérente est une erreur en français. */
export function engineConfigFromEnv(env: Env = process.env): EngineConfig {
  const kind = value(env, 'SEARCH_ENGINE') ?? 'embedded';
  if (kind === 'embedded') return { kind, dataDir: resolveDataDir(value(env, 'DATA_DIR') ?? undefined) };
  if (kind !== 'meilisearch') throw new Error(`SEARCH_ENGINE=« ${kind} » inconnu : « embedded » (défaut) ou « meilisearch » attendu.`);
  const url = value(env, 'MEILI_URL');
  if (!url) throw new Error('SEARCH_ENGINE=meilisearch demande MEILI_URL (adresse du serveur Meilisearch).');
  const searchKey = value(env, 'MEILI_SEARCH_KEY');
  if (searchKey === null && value(env, 'MEILI_MASTER_KEY') !== null) {
    throw new Error(
      'SEARCH_ENGINE=meilisearch : le serveur web n’utilise jamais la clé maître (MEILI_MASTER_KEY). Définir MEILI_SEARCH_KEY, la clé « recherche seule » créée par `npm run index:meilisearch`, et retirer la clé maître de l’environnement du site.',
    );
  }
  const timeout = value(env, 'MEILI_TIMEOUT_MS');
  const timeoutMs = timeout === null ? DEFAULT_SEARCH_TIMEOUT_MS : Number(timeout);
  if (!(Number.isInteger(timeoutMs) && timeoutMs >= MIN_TIMEOUT_MS && timeoutMs <= MAX_TIMEOUT_MS)) {
    throw new Error(`MEILI_TIMEOUT_MS=« ${timeout} » invalide : un nombre entier de millisecondes de ${MIN_TIMEOUT_MS} à ${MAX_TIMEOUT_MS} est attendu.`);
  }
  return { kind, url, indexUid: value(env, 'MEILI_INDEX') ?? MEILI_DEFAULT_INDEX, searchKey, timeoutMs };
}

export async function createEngine(config: EngineConfig): Promise<SearchEngine> {
  if (config.kind === 'embedded') return loadEmbeddedEngine(config.dataDir);
  const { url, indexUid, searchKey, timeoutMs } = config;
  // Sans clé : serveur Meilisearch de développement, sans clé maître.
  return createMeilisearchEngine({ url, apiKey: searchKey ?? '', indexUid, timeoutMs });
}
