/**
 * Import du ROME 4.0 (fichiers RefRomeCsv de France Travail) vers data/build/metiers.json.
 * Voir --help.
 */
import { parseArgs } from 'node:util';
import { ReportBuilder } from '../src/ingest/report';
import { finishImport, runCli } from '../src/ingest/cli';
import { importRome } from '../src/ingest/rome';

const HELP = `Usage : tsx scripts/import-rome.ts --dir DOSSIER --out FICHIER.json [--report RAPPORT.json]

Importe le ROME 4.0 (fichiers unix_*_v*_utf8.csv du « RefRomeCsv » de France Travail,
quel que soit le numéro de version) et écrit les fiches métiers (Metier[]) en JSON.

  --dir DOSSIER      dossier contenant au moins unix_referentiel_code_rome_v*_utf8.csv
  --out FICHIER      fichier JSON des métiers, ex. data/build/metiers.json
  --report RAPPORT   rapport d'import JSON (par défaut : reports/rome.json à côté de --out)
  -h, --help         cette aide

Codes de sortie : 0 import complet ; 1 erreur fatale (arguments, dossier ou fichier illisible,
format inattendu) ; 2 import effectué mais des enregistrements ont été rejetés (voir le rapport).`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { dir: { type: 'string' }, out: { type: 'string' }, report: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (!values.dir || !values.out) {
    console.error('Erreur : les options --dir et --out sont obligatoires (voir --help).');
    return 1;
  }
  const report = new ReportBuilder('rome');
  console.error(`Import du ROME depuis ${values.dir}…`);
  const metiers = await importRome(values.dir, report);
  const appellations = metiers.reduce((n, m) => n + m.appellations.length, 0);
  return finishImport({ out: values.out, reportFile: values.report, data: metiers, report, done: `ROME : ${metiers.length} fiches et ${appellations} appellations écrites` });
}

runCli(main, HELP);
