/**
 * Import des taux d'insertion InserJeunes (CSV open data DEPP / Dares) vers data/build/insertion.json.
 * Voir --help.
 */
import { parseArgs } from 'node:util';
import { ReportBuilder } from '../src/ingest/report';
import { finishImport, runCli } from '../src/ingest/cli';
import { importInserJeunes, PAYS_DE_LA_LOIRE } from '../src/ingest/inserjeunes';

const HELP = `Usage : tsx scripts/import-inserjeunes.ts --out FICHIER.json [--report RAPPORT.json] [--all-regions] FICHIER.csv

Importe un fichier InserJeunes (séparateur « ; », UTF-8, virgule décimale, « nd »/« na » = absent)
et écrit les statistiques d'insertion (InsertionStat[]) en JSON. Colonnes attendues (casse et accents
ignorés, alias documentés dans src/ingest/inserjeunes.ts) :
millesime;uai;code_certification;libelle_formation;region;nb_sortant;taux_en_emploi_6_mois;taux_en_emploi_12_mois;taux_en_formation

  --out FICHIER      fichier JSON produit, ex. data/build/insertion.json
  --report RAPPORT   rapport d'import JSON (par défaut : reports/inserjeunes.json à côté de --out)
  --all-regions      garder toutes les régions (par défaut : ${PAYS_DE_LA_LOIRE.join(' / ')} seulement)
  -h, --help         cette aide

Codes de sortie : 0 import complet ; 1 erreur fatale (arguments, fichier illisible, colonnes
manquantes) ; 2 import effectué mais des lignes ont été rejetées (voir le rapport).`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      report: { type: 'string' },
      'all-regions': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const [input] = positionals;
  if (!input || positionals.length > 1 || !values.out) {
    console.error('Erreur : indiquez --out et un seul fichier CSV à importer (voir --help).');
    return 1;
  }
  const report = new ReportBuilder('inserjeunes');
  const stats = await importInserJeunes(input, report, { regions: values['all-regions'] ? null : PAYS_DE_LA_LOIRE });
  return finishImport({ out: values.out, reportFile: values.report, data: stats, report, done: `InserJeunes : ${stats.length} statistiques écrites` });
}

runCli(main, HELP);
