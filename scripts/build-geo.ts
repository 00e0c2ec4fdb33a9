/**
 * Construit le référentiel géographique des Pays de la Loire dans data/build/geo
 * (communes.json, epci.json, territoires.json, aliases.json, meta.json).
 * Usage : tsx scripts/build-geo.ts [--out DOSSIER]
 */
import { runGeoBuild } from '../src/geo/build';
import { DEFAULT_GEO_BUILD_DIR } from '../src/geo/files';

const outIndex = process.argv.indexOf('--out');
const outDir = outIndex >= 0 ? process.argv[outIndex + 1] : DEFAULT_GEO_BUILD_DIR;
if (!outDir) {
  console.error('Option --out : dossier de sortie manquant.');
  process.exit(2);
}

const started = Date.now();
const build = await runGeoBuild({ outDir });
const { stats } = build;
console.log(`Référentiel géographique écrit dans ${outDir} (${Date.now() - started} ms)`);
console.log(
  `  ${stats.communes} communes (${Object.entries(stats.communesByDepartement)
    .map(([dep, n]) => `${dep} : ${n}`)
    .join(', ')}), ${stats.epcis} EPCI, ${stats.territoires} territoires EFOP (provisoires), ${stats.aliases} anciens codes`,
);
console.log(
  `  Origine des coordonnées : ${Object.entries(stats.coordSources)
    .map(([source, n]) => `${source} ${n}`)
    .join(', ')}`,
);
