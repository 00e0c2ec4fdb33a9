/**
 * Import des avis Anotéa (export JSON de l'API publique v1) vers data/build/avis.json.
 * Voir --help.
 */
import { parseArgs } from 'node:util';
import { ReportBuilder } from '../src/ingest/report';
import { finishImport, runCli } from '../src/ingest/cli';
import { importAnotea } from '../src/ingest/anotea';

const HELP = `Usage : tsx scripts/import-anotea.ts --out FICHIER.json [--report RAPPORT.json] FICHIER.json

Importe des avis de stagiaires Anotéa : réponse JSON de GET /api/v1/avis ({ "avis": [...], "meta": … })
ou tableau d'avis, et écrit les avis (Review[]) en JSON.

  --out FICHIER      fichier JSON produit, ex. data/build/avis.json
  --report RAPPORT   rapport d'import JSON (par défaut : reports/anotea.json à côté de --out)
  -h, --help         cette aide

Codes de sortie : 0 import complet ; 1 erreur fatale (arguments, fichier illisible, JSON mal formé,
format inattendu) ; 2 import effectué mais des avis ont été rejetés (voir le rapport).`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      report: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const [input] = positionals;
  if (!input || positionals.length > 1 || !values.out) {
    console.error('Erreur : indiquez --out et un seul fichier JSON à importer (voir --help).');
    return 1;
  }
  const report = new ReportBuilder('anotea');
  const reviews = await importAnotea(input, report);
  return finishImport({ out: values.out, reportFile: values.report, data: reviews, report, done: `Anotéa : ${reviews.length} avis écrits` });
}

runCli(main, HELP);
