/**
 * Construit l'index du moteur de recherche embarqué à partir des données construites.
 * Voir --help.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildSearchIndex } from '../src/search/embedded';
import { embeddedIndexPath } from '../src/search/index-file';
import { currentGeneration } from '../src/catalog/files';

const HELP = `Usage : npx tsx scripts/build-search-index.ts [options]

Lit les données construites (offre, métiers, taux d'insertion, avis, référentiel géographique),
en fait un document de recherche par action et écrit l'index du moteur embarqué dans
DOSSIER/search/embedded-index.json (documents compris) ; si DOSSIER a une génération en service
(lien « current », écrit par npm run data:build), dans celle-ci. L'index garde l'identifiant de
construction de offre.json.

  --data-dir DOSSIER   données construites (data/build par défaut)
  --today AAAA-MM-JJ   date de référence : les sessions commencées avant sont écartées
                       (aujourd'hui à Paris par défaut)`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string', default: 'data/build' },
      today: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const dataDir = currentGeneration(path.resolve(values['data-dir']));
  if (!existsSync(path.join(dataDir, 'offre.json'))) {
    console.error(`Erreur : pas de données construites dans ${dataDir} (offre.json absent). Lancez d’abord « npm run data:build ».`);
    return 1;
  }
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) {
    console.error(`Erreur : --today attend une date AAAA-MM-JJ (reçu « ${values.today} »).`);
    return 1;
  }
  try {
    const { documents, bytes, seconds } = await buildSearchIndex(dataDir, { today: values.today });
    const megabytes = (bytes / 1024 / 1024).toFixed(1);
    console.log(`Index de recherche construit : ${documents} actions, ${megabytes} Mo, ${seconds.toFixed(2)} s → ${embeddedIndexPath(dataDir)}`);
    return 0;
  } catch (error) {
    console.error(`Erreur : ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

process.exitCode = await main();
