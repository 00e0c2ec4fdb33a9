/**
 * Construit l'index du moteur de recherche embarqué à partir des données construites.
 * Voir --help.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Catalog } from '../src/catalog/index';
import { isIsoDate } from '../src/domain/calendar';
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
  --reference-date AAAA-MM-JJ   date de référence : les sessions commencées avant sont écartées
                       (par défaut celle des données, écrite dans manifest.json) ; --today : même option`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
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
  const dataDir = currentGeneration(path.resolve(values['data-dir']));
  if (!existsSync(path.join(dataDir, 'offre.json'))) {
    console.error(`Erreur : pas de données construites dans ${dataDir} (offre.json absent). Lancez d’abord « npm run data:build ».`);
    return 1;
  }
  const given = values['reference-date'] ?? values.today;
  if (given !== undefined && !isIsoDate(given)) {
    console.error(`Erreur : --reference-date attend une date AAAA-MM-JJ (reçu « ${given} »).`);
    return 1;
  }
  try {
    const today = given ?? new Catalog(dataDir).manifest().referenceDate;
    const { documents, bytes, seconds } = await buildSearchIndex(dataDir, { today });
    const megabytes = (bytes / 1024 / 1024).toFixed(1);
    console.log(`Index de recherche construit : ${documents} actions, ${megabytes} Mo, ${seconds.toFixed(2)} s → ${embeddedIndexPath(dataDir)}`);
    return 0;
  } catch (error) {
    console.error(`Erreur : ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

process.exitCode = await main();
