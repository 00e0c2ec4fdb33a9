/**
 * Jambe Meilisearch de la suite de conformité : ne tourne que contre un VRAI serveur
 * (`MEILI_URL`, et `MEILI_MASTER_KEY` s'il en exige une). Sans serveur, elle est ignorée
 * bruyamment (avertissement + test marqué « skipped » dans le rapport).
 *
 *   MEILI_URL=http://127.0.0.1:7700 MEILI_MASTER_KEY=… npx vitest run --config tests/vitest.config.ts tests/integration/search/meilisearch.test.ts
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Meilisearch } from 'meilisearch';
import { defineConformanceSuite } from './conformance';
import { createMeilisearchEngine, ensureSearchKey, reindex } from '../../../src/search/meilisearch';
import type { ActionDocument } from '../../../src/search/port';
import { SearchQuery } from '../../../src/search/query';
import { actionDocument } from '../../support/action-document';

const url = process.env.MEILI_URL;
const masterKey = process.env.MEILI_MASTER_KEY;

if (url === undefined || url === '') {
  console.warn(
    '⚠ [SKIP] Suite de conformance Meilisearch IGNORÉE : MEILI_URL non défini (aucun serveur Meilisearch sur cette machine).',
  );
  describe('Meilisearch', () => {
    it.skip('Meilisearch : MEILI_URL non défini — jambe ignorée', () => {});
  });
} else {
  const host = url;
  const client = new Meilisearch({ host, apiKey: masterKey });
  const run = `test_${process.pid}_${Date.now()}`;
  const indexes: string[] = [];
  const keys: string[] = [];

  /** Index neuf, rempli par `reindex`, interrogé avec la clé « recherche seule » (si le serveur a une clé maître). */
  async function engineOn(documents: ActionDocument[]) {
    const indexUid = `${run}_${indexes.length}`;
    indexes.push(indexUid);
    await reindex(client, indexUid, documents);
    let apiKey: string | undefined;
    if (masterKey !== undefined) {
      const key = await ensureSearchKey(client, indexUid);
      keys.push(key.uid);
      apiKey = key.key;
    }
    return { indexUid, apiKey, engine: createMeilisearchEngine({ url: host, apiKey, indexUid }) };
  }

  afterAll(async () => {
    for (const uid of keys) await client.deleteKey(uid);
    for (const uid of indexes) await client.deleteIndex(uid).waitTask();
  });

  defineConformanceSuite('Meilisearch', async (documents) => (await engineOn(documents)).engine);

  describe('Meilisearch : réindexation et clés', () => {
    const doc = (id: string, title: string): ActionDocument =>
      actionDocument({ id, title, organismeName: 'Organisme de test', permanentEntry: true, certifying: false, durationHours: null });

    it('remplace le contenu par échange atomique, garde la clé valable et ne laisse aucun index temporaire', async () => {
      const { indexUid, engine } = await engineOn([doc('AF/1:a', 'Cuisinier'), doc('AF/1:b', 'Boulanger')]);
      expect((await engine.search(SearchQuery.parse({}))).total).toBe(2);

      await reindex(client, indexUid, [doc('AF/2 c', 'Soudeur')]);
      const after = await engine.search(SearchQuery.parse({}));
      expect(after.hits.map((h) => h.document.id)).toEqual(['AF/2 c']);

      const { results } = await client.getRawIndexes({ limit: 1000 });
      expect(results.map((i) => i.uid).filter((uid) => uid.startsWith(`${indexUid}_tmp_`))).toEqual([]);
    });

    it.skipIf(masterKey === undefined)('la clé « recherche seule » ne permet pas d’écrire', async () => {
      const { indexUid, apiKey } = await engineOn([doc('A', 'Cuisinier')]);
      const searchOnly = new Meilisearch({ host, apiKey });
      await expect(searchOnly.index(indexUid).deleteAllDocuments()).rejects.toThrow();
      await expect(searchOnly.createIndex(`${indexUid}_pirate`)).rejects.toThrow();
    });
  });
}
