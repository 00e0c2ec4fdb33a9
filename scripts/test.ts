/**
 * `npm test` (`node --import tsx scripts/test.ts`) : toute la suite, dans cet ordre, arrêtée à la première étape en échec.
 *   1. Chromium présent et qui démarre (sinon une phrase : comment l'installer) ;
 *   2. `astro sync` puis la vérification des types (`tsc --noEmit`) ;
 *   3. les données de test : la démo construite pour une date de référence FIXE (2026-09-14, ou
 *      REFERENCE_DATE), gardée en cache dans le dossier temporaire du système (tools/test-data.ts) ;
 *   4. vitest (unitaires, intégration), `astro build`, Playwright (navigateur) sur ces données ;
 *      le serveur testé reçoit REFERENCE_DATE : son horloge dit le même jour que les données ;
 *   5. aucune trace : tout ce que les tests écrivent (base et e-mails de « Rencontrer un pro »,
 *      copies de données, fichiers temporaires : TMPDIR) va dans un dossier temporaire effacé à la
 *      fin ; le projet est comparé avant / après (tools/trace.ts) et la suite échoue s'il a changé
 *      ailleurs que dans dist/, .astro/, test-results/ (et node_modules/).
 *
 * Variables : REFERENCE_DATE (date des données et de l'horloge), E2E_PORT (port du serveur testé),
 * CHROMIUM_PATH, SHARED_DATA_DIR, VMM_TEST_DATA_CACHE (dossier du cache des données de test).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumProblem } from '../tools/chromium';
import { snapshotProject, traces } from '../tools/trace';

const root = fileURLToPath(new URL('..', import.meta.url));
const node = process.execPath;
const bin = (file: string) => path.join(root, 'node_modules', file);
const seconds = (ms: number) => `${(ms / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s`;

const problem = chromiumProblem();
if (problem) {
  console.error(problem);
  process.exit(1);
}

const before = snapshotProject(root);
const work = mkdtempSync(path.join(os.tmpdir(), 'vmm-test-'));
const durations: { label: string; ms: number; ok: boolean }[] = [];
let current: ChildProcess | null = null;
let interrupted = false;

// Ctrl-C : l'étape en cours s'arrête (elle arrête ses propres serveurs), puis on range comme d'habitude.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    interrupted = true;
    current?.kill(signal);
  });
}

/** Lance une étape (Node 24 du projet) ; rend son code de sortie. */
function step(label: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  console.log(`\n▶ ${label}`);
  const started = performance.now();
  return new Promise((resolve) => {
    current = spawn(node, args, { cwd: root, env, stdio: 'inherit' });
    current.on('exit', (code, signal) => {
      current = null;
      const ms = performance.now() - started;
      durations.push({ label, ms, ok: code === 0 });
      console.log(`${code === 0 ? '✔' : '✘'} ${label} : ${seconds(ms)}${code === 0 ? '' : ` (code ${code ?? signal})`}`);
      resolve(interrupted ? 130 : (code ?? 1));
    });
  });
}

async function run(): Promise<number> {
  // Ce que tous les tests écrivent va sous `work` : base et e-mails de « Rencontrer un pro »,
  // dossiers temporaires (TMPDIR). Le cache des données de test, lui, reste dans le dossier
  // temporaire du système (il est calculé avant de changer TMPDIR).
  const tmp = path.join(work, 'tmp');
  mkdirSync(tmp);
  const base: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? (process.stdout.isTTY ? '1' : '0') };
  delete base.DATA_DIR;

  for (const [label, args] of [
    ['astro sync', [bin('astro/bin/astro.mjs'), 'sync']],
    ['Vérification des types (tsc)', [bin('typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json']],
  ] as const) {
    const code = await step(label, [...args], base);
    if (code !== 0) return code;
  }

  console.log('\n▶ Données de test');
  const started = performance.now();
  let referenceDate: string;
  let dataDir: string;
  try {
    // Chargé ici, pas en tête : la vérification de Chromium doit répondre tout de suite.
    const { ensureTestData, testReferenceDate } = await import('../tools/test-data');
    referenceDate = testReferenceDate(base);
    dataDir = ensureTestData(referenceDate, base);
  } catch (error) {
    console.error(`Erreur : ${(error as Error).message}`);
    durations.push({ label: 'Données de test', ms: performance.now() - started, ok: false });
    return 1;
  }
  durations.push({ label: 'Données de test', ms: performance.now() - started, ok: true });
  console.log(`✔ Données de test (date de référence ${referenceDate}) : ${dataDir} (${seconds(performance.now() - started)})`);

  const env = {
    ...base,
    DATA_DIR: dataDir,
    REFERENCE_DATE: referenceDate,
    CONTACT_DB_PATH: path.join(work, 'contact', 'contact.sqlite'),
    CONTACT_MAIL_DIR: path.join(work, 'contact', 'mails'),
    TMPDIR: tmp,
  };
  for (const [label, args] of [
    ['Tests unitaires et d’intégration (vitest)', [bin('vitest/vitest.mjs'), 'run', '--config', 'tests/vitest.config.ts']],
    ['Construction du site (astro build)', [bin('astro/bin/astro.mjs'), 'build']],
    ['Tests navigateur (Playwright, Chromium)', [bin('@playwright/test/cli.js'), 'test', '--config', 'tests/playwright.config.ts']],
  ] as const) {
    const code = await step(label, [...args], env);
    if (code !== 0) return code;
  }
  return 0;
}

let code = await run();
rmSync(work, { recursive: true, force: true });
const left = traces(before, snapshotProject(root));
if (left.length > 0) {
  console.error(`\n✘ Les tests ont laissé des traces dans le projet (ils doivent écrire dans des dossiers temporaires) :\n${left.map((l) => `  - ${l}`).join('\n')}`);
  code ||= 1;
} else {
  console.log('\n✔ Aucune trace : le projet est tel qu’avant les tests (hors dist/, .astro/, test-results/).');
}
const total = durations.reduce((n, d) => n + d.ms, 0);
console.log(`\n${durations.map((d) => `${d.ok ? '✔' : '✘'} ${d.label} : ${seconds(d.ms)}`).join('\n')}\nTotal : ${seconds(total)}${code === 0 ? '' : ' — ÉCHEC'}`);
process.exitCode = code;
