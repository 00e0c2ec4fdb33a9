/**
 * Les données des tests : la démo construite par la vraie commande (`scripts/build-data.ts`) pour
 * une date de référence FIXE (`TEST_REFERENCE_DATE`, ou `REFERENCE_DATE`), dans un dossier
 * temporaire du système gardé en cache : `<tmp>/versmonmetier-test-data/<date>-<empreinte>/`.
 * L'empreinte est celle des entrées de la construction (code, sources de démo, dépendances) :
 * tant qu'elles ne changent pas, un nouveau passage des tests réutilise le dossier.
 *
 * Construit à côté puis renommé : un dossier du cache est toujours complet, même si deux
 * passages le construisent en même temps. Les dossiers inutilisés depuis une semaine sont effacés.
 *
 * En commande : `tsx tools/test-data.ts [--reference-date AAAA-MM-JJ]` imprime, en JSON, le dossier
 * et la date de référence (`REFERENCE_DATE`, sinon `TEST_REFERENCE_DATE`) : `{ "dataDir": …, "referenceDate": … }`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isIsoDate } from '../src/domain/calendar';
import { inputsHash } from '../src/ingest/build-data';

/** La date de référence des tests : un lundi, fixe, pour que les résultats ne changent pas d'un jour à l'autre. */
export const TEST_REFERENCE_DATE = '2026-09-14';

const projectRoot = path.resolve(import.meta.dirname, '..');
const UNUSED_DAYS = 7;

/** `REFERENCE_DATE` s'il est donné (vérifié), sinon la date fixe des tests. */
export function testReferenceDate(env: NodeJS.ProcessEnv = process.env): string {
  const given = env.REFERENCE_DATE?.trim();
  if (!given) return TEST_REFERENCE_DATE;
  if (!isIsoDate(given)) throw new Error(`REFERENCE_DATE doit être une date AAAA-MM-JJ qui existe (reçu « ${given} »).`);
  return given;
}

/** Le dossier du cache. `VMM_TEST_DATA_CACHE` pour un autre dossier. */
export function testDataCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.VMM_TEST_DATA_CACHE ?? path.join(os.tmpdir(), 'versmonmetier-test-data'));
}

/** Efface les dossiers du cache inutilisés depuis une semaine (et les constructions abandonnées). */
function evictUnused(root: string, keep: string): void {
  const limit = Date.now() - UNUSED_DAYS * 86_400_000;
  for (const name of readdirSync(root)) {
    const dir = path.join(root, name);
    if (dir === keep) continue;
    try {
      if (statSync(dir).mtimeMs < limit) rmSync(dir, { recursive: true, force: true });
    } catch {
      // effacé entre-temps par un autre passage
    }
  }
}

/**
 * Le dossier des données de test pour `referenceDate`, construit s'il n'est pas dans le cache
 * (les messages de la construction vont sur la sortie d'erreur).
 */
export function ensureTestData(referenceDate: string, env: NodeJS.ProcessEnv = process.env): string {
  if (!isIsoDate(referenceDate)) throw new Error(`Date de référence invalide : « ${referenceDate} » (AAAA-MM-JJ attendu).`);
  const root = testDataCacheRoot(env);
  mkdirSync(root, { recursive: true });
  const dir = path.join(root, `${referenceDate}-${inputsHash({ outDir: '', referenceDate })}`);
  if (!existsSync(dir)) {
    const building = mkdtempSync(path.join(root, `.construction-${referenceDate}-`));
    console.error(`Données de test (date de référence ${referenceDate}) : construction dans ${dir}…`);
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-data.ts', '--reference-date', referenceDate, '--out-dir', building], {
      cwd: projectRoot,
      env: { ...env, REFERENCE_DATE: referenceDate },
      stdio: ['ignore', 2, 2],
    });
    if (result.status !== 0) {
      rmSync(building, { recursive: true, force: true });
      throw new Error(`La construction des données de test a échoué (code ${result.status ?? result.signal}).`);
    }
    try {
      renameSync(building, dir);
    } catch (error) {
      // Un autre passage l'a construit pendant ce temps : on garde le sien.
      rmSync(building, { recursive: true, force: true });
      if (!existsSync(dir)) throw error;
    }
  }
  const now = new Date();
  utimesSync(dir, now, now);
  evictUnused(root, dir);
  return dir;
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const { values } = parseArgs({ options: { 'reference-date': { type: 'string' } } });
  try {
    const referenceDate = values['reference-date'] ?? testReferenceDate();
    console.log(JSON.stringify({ dataDir: ensureTestData(referenceDate), referenceDate }));
  } catch (error) {
    console.error(`Erreur : ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
