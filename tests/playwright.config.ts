/**
 * Tests navigateur : le site CONSTRUIT (`astro build`) est servi par `node scripts/serve.mjs` (serveur construit + chargement de l’index avant d’être prêt)
 * sur 127.0.0.1:4399 (`E2E_PORT`), et testé avec le Chromium du système (jamais `playwright install`).
 * Les chemins relatifs de ce fichier partent de `tests/` ; le serveur est lancé depuis la racine du projet.
 *
 * L'environnement du serveur et des tests (fixé ici une fois, hérité par les processus de Playwright) :
 *   - DATA_DIR : sinon le dossier de données avec lequel le site de dist/ a été construit (noté dans
 *     dist/build-timing.json) : les pages statiques et le serveur montrent les mêmes données ;
 *   - REFERENCE_DATE : sinon la date de référence de ces données (manifest.json) : l'horloge du
 *     serveur dit le jour pour lequel les données ont été construites ;
 *   - CONTACT_DB_PATH, CONTACT_MAIL_DIR : sinon une base et un dossier d'e-mails dans un dossier
 *     temporaire, effacé à la fin : les tests ne laissent pas de trace dans data/.
 * `npm test` (scripts/test.ts) les donne tous ; `npm run test:e2e` seul marche après `npm run build`.
 */
import { defineConfig, devices } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { currentGeneration } from '../src/catalog/files';
import { chromiumPath, chromiumProblem } from '../tools/chromium';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const PORT = Number(process.env.E2E_PORT ?? 4399);
const baseURL = `http://127.0.0.1:${PORT}/`;

/** Arrête tout de suite, en une phrase, plutôt qu'un échec par test. */
function stop(message: string): never {
  console.error(message);
  process.exit(1);
}

if (!process.env.VMM_E2E_READY) {
  const problem = chromiumProblem();
  if (problem) stop(problem);

  if (!process.env.DATA_DIR) {
    const timing = path.join(projectRoot, 'dist', 'build-timing.json');
    if (!existsSync(timing)) stop('Tests navigateur : le site n’est pas construit (dist/ absent). Lancez « npm run build » avant « npm run test:e2e », ou « npm test » qui fait tout.');
    process.env.DATA_DIR = path.resolve(projectRoot, (JSON.parse(readFileSync(timing, 'utf8')) as { dataDir: string }).dataDir);
  }
  const manifestFile = path.join(currentGeneration(path.resolve(projectRoot, process.env.DATA_DIR)), 'manifest.json');
  if (!existsSync(manifestFile)) stop(`Tests navigateur : pas de données construites dans ${path.dirname(manifestFile)} (celles du site de dist/). Lancez « npm run build », ou « npm test » qui fait tout.`);
  process.env.REFERENCE_DATE ||= (JSON.parse(readFileSync(manifestFile, 'utf8')) as { referenceDate?: string }).referenceDate ?? '';

  if (!process.env.CONTACT_DB_PATH || !process.env.CONTACT_MAIL_DIR) {
    const scratch = mkdtempSync(path.join(tmpdir(), 'vmm-e2e-'));
    process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
    process.env.CONTACT_DB_PATH ||= path.join(scratch, 'contact.sqlite');
    process.env.CONTACT_MAIL_DIR ||= path.join(scratch, 'mails');
  }
  process.env.VMM_E2E_READY = '1';
}

export default defineConfig({
  testDir: './e2e',
  outputDir: '../test-results/e2e',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL,
    headless: true,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: chromiumPath(),
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--no-first-run',
            '--disable-dev-shm-usage',
          ],
        },
      },
    },
  ],
  webServer: {
    // Le Node qui exécute Playwright (celui du projet), pas celui du système.
    command: `${JSON.stringify(process.execPath)} scripts/serve.mjs`,
    cwd: projectRoot,
    url: `${baseURL}api/sante`,
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR: process.env.DATA_DIR ?? '',
      REFERENCE_DATE: process.env.REFERENCE_DATE ?? '',
      CONTACT_DB_PATH: process.env.CONTACT_DB_PATH ?? '',
      CONTACT_MAIL_DIR: process.env.CONTACT_MAIL_DIR ?? '',
      // Comme derrière un mandataire local (nginx sur la même machine) : X-Forwarded-* venant de la
      // boucle locale sont crus (src/http/client-address.ts).
      TRUST_PROXY: 'loopback',
    },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
