/**
 * Import d'un ou plusieurs flux LHEO (2.2 ou 2.3) vers data/build/offre.json. Voir --help.
 */
import { resolveReferenceDate } from '../src/clock';
import { parseArgs } from 'node:util';
import path from 'node:path';
import type { Offer } from '../src/domain/offer';
import { loadGeoReferentiel } from '../src/geo/referentiel';
import { resolveDataDir } from '../src/catalog/files';
import { importLheo, mergeOffers } from '../src/ingest/lheo';
import { geoLocator } from '../src/ingest/lheo-locator';
import { ReportBuilder } from '../src/ingest/report';
import { finishImport, runCli } from '../src/ingest/cli';

const HELP = `Usage : tsx scripts/import-lheo.ts --out FICHIER.json [--report RAPPORT.json] [--geo-dir DOSSIER] [--reference-date AAAA-MM-JJ] FICHIER.xml...

Importe l'offre de formation au format LHEO 2.2 ou 2.3 (XML, lu en flux ; encodage détecté par
la BOM ou la déclaration XML, UTF-8 par défaut) et écrit l'offre normalisée
{ organismes, formations, actions } en JSON. Plusieurs fichiers sont réunis : organismes
dédoublonnés, une formation déjà lue dans un fichier précédent est rejetée.

  --out FICHIER      offre produite, ex. data/build/offre.json
  --report RAPPORT   rapport d'import JSON (par défaut : reports/lheo.json à côté de --out)
  --geo-dir DOSSIER  référentiel géographique construit (par défaut : celui de data/build, ou DATA_DIR) ;
                     sert à placer les lieux sans coordonnées au centre de leur commune
  -h, --help         cette aide

Codes de sortie : 0 import complet ; 1 erreur fatale (arguments, fichier illisible, vide, non XML,
autre format que LHEO, XML mal formé avant la première formation) ; 2 import effectué mais des
enregistrements ont été rejetés ou un fichier est tronqué (voir le rapport).`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      report: { type: 'string' },
      'geo-dir': { type: 'string' },
      'reference-date': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length === 0 || !values.out) {
    console.error('Erreur : indiquez --out et au moins un fichier LHEO à importer (voir --help).');
    return 1;
  }
  const locateCommune = geoLocator(loadGeoReferentiel(values['geo-dir'] ?? path.join(resolveDataDir(), 'geo')));

  // Les sessions terminées depuis plus d'un an avant ce jour sont rejetées (README).
  const referenceDate = resolveReferenceDate(values['reference-date']);
  const report = new ReportBuilder('lheo');
  const parts: Array<{ file: string; offer: Offer }> = [];
  for (const file of positionals) {
    const started = Date.now();
    const onProgress = (n: number) => process.stderr.write(`\r${file} : ${n} formations lues…`);
    const { complete, ...offer } = await importLheo({ path: file }, { locateCommune, report, onProgress, referenceDate });
    const seconds = (Date.now() - started) / 1000;
    process.stderr.write(`\r${file} : ${offer.formations.length} formations, ${offer.actions.length} actions en ${seconds.toFixed(1)} s${complete ? '' : ' (fichier tronqué)'}\n`);
    parts.push({ file, offer });
  }
  const offer = mergeOffers(parts, report);
  return finishImport({
    out: values.out,
    reportFile: values.report,
    data: offer,
    report,
    done: `LHEO : ${offer.formations.length} formations, ${offer.actions.length} actions, ${offer.organismes.length} organismes écrits`,
  });
}

runCli(main, HELP);
