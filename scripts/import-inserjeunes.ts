/**
 * Import des taux d'insertion InserJeunes (fichiers open data officiels) vers data/build/insertion.json.
 * Voir --help.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { Offer } from '../src/domain/offer';
import { ReportBuilder, ImportFatalError } from '../src/ingest/report';
import { finishImport, runCli } from '../src/ingest/cli';
import { importInserJeunesFiles, PAYS_DE_LA_LOIRE } from '../src/ingest/inserjeunes';

const HELP = `Usage : tsx scripts/import-inserjeunes.ts --out FICHIER.json [--report RAPPORT.json] [--offre OFFRE.json] [--all-regions] FICHIER.csv…

Importe un ou plusieurs fichiers InserJeunes et écrit les statistiques d'insertion (InsertionStat[])
en JSON. Les deux formes officielles sont reconnues d'après la ligne d'en-tête :
  - par établissement (fr-en-inserjeunes-cfa.csv) : Année;UAI;Libellé;Région;…;Taux emploi 6 mois;…
  - par région × formation × voie (ij_region_data.csv) : id;millesime;code_region_ij;code_region;voie;cfd;mefstat11;…
Séparateur « ; » ou « , », UTF-8 avec ou sans BOM, CRLF ou LF ; « nd », « na », « * » ou vide = absent.
Détail des colonnes : src/ingest/inserjeunes.ts.

  --out FICHIER      fichier JSON produit, ex. data/build/insertion.json
  --report RAPPORT   rapport d'import JSON (par défaut : reports/inserjeunes.json à côté de --out)
  --offre OFFRE      offre construite (data/build/offre.json) : le rapport compte ce qui s'y rattache
  --all-regions      garder toutes les régions (par défaut : Pays de la Loire, code ${PAYS_DE_LA_LOIRE.join(', ')})
  -h, --help         cette aide

Codes de sortie : 0 import complet ; 1 erreur fatale (arguments, fichier illisible, en-tête
inconnu) ; 2 import effectué mais des lignes ont été rejetées (voir le rapport).`;

async function readOffer(file: string): Promise<Offer> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ImportFatalError(`Offre illisible : ${file} (${error instanceof Error ? error.message : String(error)}).`, file);
  }
  const parsed = Offer.safeParse(data);
  if (!parsed.success) throw new ImportFatalError(`Offre illisible : ${file} n’est pas une offre construite (data/build/offre.json).`, file);
  return parsed.data;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      report: { type: 'string' },
      offre: { type: 'string' },
      'all-regions': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length === 0 || !values.out) {
    console.error('Erreur : indiquez --out et au moins un fichier CSV à importer (voir --help).');
    return 1;
  }
  const report = new ReportBuilder('inserjeunes');
  const offer = values.offre ? await readOffer(values.offre) : undefined;
  const stats = await importInserJeunesFiles(positionals, report, { regions: values['all-regions'] ? null : PAYS_DE_LA_LOIRE, offer });
  return finishImport({ out: values.out, reportFile: values.report, data: stats, report, done: `InserJeunes : ${stats.length} statistiques écrites` });
}

runCli(main, HELP);
