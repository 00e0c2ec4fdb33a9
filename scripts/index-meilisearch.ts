/**
 * Réindexe Meilisearch à partir de data/build (voir --help). Administration côté serveur :
 * utilise la clé maître, ne l'affiche jamais.
 */
import { parseArgs } from 'node:util';
import { Meilisearch } from 'meilisearch';
import path from 'node:path';
import { Catalog } from '../src/catalog/index';
import { isIsoDate } from '../src/domain/calendar';
import { loadActionDocuments } from '../src/search/documents';
import { MEILI_DEFAULT_INDEX, MIN_MEILISEARCH_VERSION, checkServerVersion, ensureSearchKey, reindex, temporaryIndexPrefix } from '../src/search/meilisearch';

const HELP = `Usage : npm run index:meilisearch -- [options]

Construit les documents de recherche depuis data/build, les indexe dans un index temporaire,
puis l'échange atomiquement avec l'index servi (aucune coupure) ; crée au besoin la clé
« recherche seule » de l'index et affiche son identifiant.

Demande Meilisearch ${MIN_MEILISEARCH_VERSION} ou plus récent (vérifié avant toute écriture).
Supprime d'abord les index temporaires (« <index>_tmp_… ») qu'une réindexation interrompue
aurait laissés : ne lancer qu'une réindexation à la fois. Un échec (ou un arrêt) avant
l'échange laisse l'index servi intact.

Variables d'environnement :
  MEILI_URL          adresse du serveur (ex. http://127.0.0.1:7700) — obligatoire
  MEILI_MASTER_KEY   clé maître du serveur — obligatoire, jamais affichée

  --index NOM        index servi (« ${MEILI_DEFAULT_INDEX} » par défaut)
  --data-dir DOSSIER données construites (data/build par défaut)
  --reference-date AAAA-MM-JJ  date de référence : les sessions commencées avant sont écartées
                     (par défaut celle des données, écrite dans manifest.json) ; --today : même option

Codes de sortie : 0 index à jour ; 1 erreur (configuration, serveur injoignable, indexation).`;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      index: { type: 'string', default: MEILI_DEFAULT_INDEX },
      'data-dir': { type: 'string', default: 'data/build' },
      'reference-date': { type: 'string' },
      today: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const given = values['reference-date'] ?? values.today;
  if (given !== undefined && !isIsoDate(given)) {
    console.error(`Erreur : --reference-date attend une date AAAA-MM-JJ (reçu « ${given} »).`);
    return 1;
  }
  const url = process.env.MEILI_URL?.trim();
  const masterKey = process.env.MEILI_MASTER_KEY;
  if (!url) {
    console.error('Erreur : MEILI_URL non défini. Indiquer l’adresse du serveur Meilisearch, ex. MEILI_URL=http://127.0.0.1:7700');
    return 1;
  }
  if (!masterKey) {
    console.error('Erreur : MEILI_MASTER_KEY non défini. La réindexation et la création de la clé de recherche demandent la clé maître.');
    return 1;
  }

  const client = new Meilisearch({ host: url, apiKey: masterKey, timeout: 60_000 });
  try {
    await client.health();
  } catch (error) {
    console.error(`Erreur : serveur Meilisearch injoignable à ${url} (${message(error)}). Est-il démarré ?`);
    return 1;
  }
  let version: string;
  try {
    version = (await client.getVersion()).pkgVersion;
  } catch (error) {
    console.error(`Erreur : le serveur Meilisearch (${url}) refuse MEILI_MASTER_KEY (${message(error)}).`);
    return 1;
  }
  try {
    checkServerVersion(version);
  } catch (error) {
    console.error(`Erreur : ${message(error)}`);
    return 1;
  }

  try {
    const today = given ?? new Catalog(path.resolve(values['data-dir'])).manifest().referenceDate;
    const documents = await loadActionDocuments(values['data-dir'], today);
    console.log(`Meilisearch ${version} (${url}) : indexation de ${documents.length} actions dans « ${values.index} »…`);
    const report = await reindex(client, values.index, documents, { onProgress: (line) => console.log(`  ${line}`) });
    const old = report.notRemoved === null ? 'ancien index supprimé' : `ancien contenu encore dans « ${report.notRemoved} »`;
    console.log(`Index « ${report.indexUid} » à jour : ${report.documents} actions en ${report.batches} lots (échange atomique, ${old}).`);
    if (report.removedLeftovers.length > 0) console.log(`Index temporaires ${temporaryIndexPrefix(values.index)}… d’une réindexation interrompue supprimés : ${report.removedLeftovers.join(', ')}.`);
    const key = await ensureSearchKey(client, values.index);
    console.log(`Clé « recherche seule » : uid ${key.uid} (« ${key.name ?? 'sans nom'} », actions ${key.actions.join(', ')}, index ${key.indexes.join(', ')}).`);
    console.log(`Sa valeur se lit avec la clé maître (GET ${url.replace(/\/$/, '')}/keys/${key.uid}) ; c’est elle, jamais la clé maître, que le serveur web utilise.`);
    return 0;
  } catch (error) {
    console.error(`Erreur : ${message(error)}`);
    return 1;
  }
}

process.exitCode = await main();
