/**
 * Mesure la génération statique des fiches métiers et des pages territoires avec le ROME 4.0 réel
 * (~1 600 fiches) : construit les données dans un dossier temporaire (jamais dans le dépôt), lance
 * `astro build` sur ce dossier, puis imprime en JSON les temps relevés par l'intégration
 * `tools/build-timing/integration.ts` (objectif : 60 s au plus pour toutes les fiches et territoires).
 *
 *   npx tsx scripts/measure-static-build.ts [--rome DOSSIER] [--keep]
 *
 * --rome : dossier RefRomeCsv (défaut : $SHARED_DATA_DIR/rome4, sinon ../shared/data/rome4) ;
 * --keep : garde le dossier temporaire (données et site construits).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../src/catalog/files';
import { BUILD_TIMING_FILE, type BuildTimingReport } from '../tools/build-timing/integration';

export const TARGET_SECONDS = 60;

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): { status: number; seconds: number } {
  const start = performance.now();
  // La sortie des commandes va sur stderr : stdout ne porte que le JSON final.
  const result = spawnSync(command, args, { cwd: projectRoot(), env, stdio: ['ignore', process.stderr, process.stderr] });
  return { status: result.status ?? 1, seconds: Math.round(performance.now() - start) / 1000 };
}

function main(): number {
  const { values } = parseArgs({ options: { rome: { type: 'string' }, keep: { type: 'boolean' } } });
  const root = projectRoot();
  const shared = process.env.SHARED_DATA_DIR ? path.resolve(process.env.SHARED_DATA_DIR) : path.resolve(root, '../shared/data');
  const rome = path.resolve(values.rome ?? path.join(shared, 'rome4'));
  if (!existsSync(rome)) {
    console.error(`Dossier ROME introuvable : ${rome}. Donnez-le avec --rome DOSSIER (fichiers RefRomeCsv).`);
    return 1;
  }
  const work = mkdtempSync(path.join(os.tmpdir(), 'versmonmetier-rome-'));
  const dataDir = path.join(work, 'data');
  // Le site doit être construit DANS le projet : ses modules se résolvent dans node_modules.
  mkdirSync(path.join(root, 'node_modules', '.cache'), { recursive: true });
  const outDir = mkdtempSync(path.join(root, 'node_modules', '.cache', 'versmonmetier-measure-'));
  const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
  try {
    console.error(`Données dans ${dataDir} (ROME : ${rome})…`);
    const data = run(bin('tsx'), ['scripts/build-data.ts', '--rome', rome, '--out-dir', dataDir]);
    if (data.status !== 0 && data.status !== 2) {
      console.error(`La construction des données a échoué (code ${data.status}).`);
      return 1;
    }
    console.error(`Site dans ${outDir}…`);
    const site = run(bin('astro'), ['build', '--outDir', outDir], { ...process.env, DATA_DIR: dataDir });
    if (site.status !== 0) {
      console.error(`astro build a échoué (code ${site.status}).`);
      return 1;
    }
    const report = JSON.parse(readFileSync(path.join(outDir, BUILD_TIMING_FILE), 'utf8')) as BuildTimingReport;
    const metiers = report.pages.metier ?? { pages: 0, seconds: 0 };
    const territoires = report.pages.territoire ?? { pages: 0, seconds: 0 };
    const seconds = Math.max(metiers.seconds, territoires.seconds, report.staticGenerationSeconds ?? 0);
    console.log(
      JSON.stringify(
        {
          rome,
          machine: { cpus: os.cpus().length, node: process.version },
          dataBuildSeconds: data.seconds,
          astroBuildSeconds: site.seconds,
          metierPages: metiers.pages,
          metierPagesSeconds: metiers.seconds,
          territoirePages: territoires.pages,
          territoirePagesSeconds: territoires.seconds,
          staticGenerationSeconds: report.staticGenerationSeconds,
          targetSeconds: TARGET_SECONDS,
          withinTarget: seconds <= TARGET_SECONDS,
        },
        null,
        2,
      ),
    );
    return 0;
  } finally {
    if (values.keep) console.error(`Dossiers gardés : ${work} (données), ${outDir} (site)`);
    else {
      rmSync(work, { recursive: true, force: true });
      rmSync(outDir, { recursive: true, force: true });
    }
  }
}

process.exitCode = main();
