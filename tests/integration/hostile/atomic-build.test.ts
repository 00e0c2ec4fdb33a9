/**
 * `data:build` ne réécrit jamais les données en service : une construction tuée (SIGKILL) à
 * n'importe quelle étape laisse la précédente servir, cohérente (le manifeste, l'offre et
 * l'index de recherche portent le même identifiant, et chaque résultat ouvre la bonne
 * formation) ; `--if-missing` ne fait confiance qu'à une génération complète ; un dossier « à
 * plat » d'une version précédente est remplacé proprement.
 *
 * Vraies constructions (`scripts/build-data.ts`, 200 sessions) dans un dossier temporaire. Deux
 * graines différentes donnent les MÊMES identifiants d'actions pour des formations différentes :
 * c'est ce qui faisait ouvrir « CAP Couvreur » depuis un résultat « CAP Maçon ».
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServices, dataConsistencyProblem } from '../../../src/http/services';
import { clearCatalogCache } from '../../../src/catalog/catalog';
import { dataGeneration, resolveDataDir } from '../../../src/catalog/files';
import { verifyGeneration } from '../../../src/ingest/generation';
import { loadEmbeddedEngine } from '../../../src/search/embedded';
import { SearchQuery } from '../../../src/search/query';
import { repoRoot } from '../../support/shared-data';

const TODAY = '2026-01-05';
const args = (root: string, seed: string, ...extra: string[]) => ['--import', 'tsx', 'scripts/build-data.ts', '--sessions', '200', '--seed', seed, '--today', TODAY, '--out-dir', root, ...extra];

let work: string;
let root: string;
let firstId: string;

function build(seed: string, ...extra: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, args(root, seed, ...extra), { cwd: repoRoot, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Lance une construction et la tue (SIGKILL) dès que `trigger` paraît dans son journal, ou après `afterMs`. */
function killedBuild(seed: string, trigger: { line?: string; afterMs?: number }): Promise<{ killed: boolean; log: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args(root, seed), { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    let killed = false;
    const kill = () => {
      if (killed) return;
      killed = true;
      child.kill('SIGKILL');
    };
    const timer = trigger.afterMs !== undefined ? setTimeout(kill, trigger.afterMs) : null;
    const watch = (chunk: Buffer) => {
      log += chunk.toString();
      if (trigger.line !== undefined && log.includes(trigger.line)) kill();
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL', log });
    });
  });
}

/** Ce qu'un processus neuf lit dans `root` : la génération, ses identifiants, et les résultats ouverts. */
async function served(): Promise<{ dir: string; buildId: string | null; problem: string | null; mismatches: string[]; hits: number }> {
  clearCatalogCache();
  const services = createApiServices(root);
  const engine = await loadEmbeddedEngine(resolveDataDir(root));
  const problem = dataConsistencyProblem(services.data, engine.buildId);
  const mismatches: string[] = [];
  let hits = 0;
  for (const text of ['cap', 'aide', 'conducteur', '']) {
    const result = await engine.search(SearchQuery.parse({ text, perPage: 50 }));
    for (const hit of result.hits) {
      hits += 1;
      const detail = services.details.get(hit.document.id);
      if (detail?.formation.intitule !== hit.document.title) mismatches.push(`${hit.document.id} : « ${hit.document.title} » ouvre « ${detail?.formation.intitule ?? 'rien'} »`);
    }
  }
  return { dir: services.data.dir, buildId: services.data.manifestBuildId, problem, mismatches, hits };
}

const currentTarget = () => readlinkSync(path.join(root, 'current'));

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'vmm-generations-'));
  root = path.join(work, 'build');
  // Un dossier « à plat » d'une version précédente : une copie de fichiers sans identifiant.
  mkdirSync(path.join(root, 'geo'), { recursive: true });
  writeFileSync(path.join(root, 'manifest.json'), JSON.stringify({ builtAt: '2025-01-01T00:00:00Z', demo: true, counts: {}, sources: [] }));
  writeFileSync(path.join(root, 'offre.json'), '{"organismes":[],"formations":[],"actions":[]}');
  writeFileSync(path.join(root, 'build-stamp.json'), '{}');
  writeFileSync(path.join(root, 'geo', 'communes.json'), '[]');
  writeFileSync(path.join(root, 'a-garder.txt'), 'un fichier qui n’est pas à nous');
}, 60_000);

afterAll(() => {
  clearCatalogCache();
  rmSync(work, { recursive: true, force: true });
});

describe('construction atomique des données', () => {
  it('une première construction remplace le dossier à plat d’une version précédente', async () => {
    const first = build('premiere');
    expect(first.status, first.stderr).toBe(0);
    expect(lstatSync(path.join(root, 'current')).isSymbolicLink()).toBe(true);
    for (const legacy of ['manifest.json', 'offre.json', 'build-stamp.json', 'geo']) expect(existsSync(path.join(root, legacy)), legacy).toBe(false);
    expect(readFileSync(path.join(root, 'a-garder.txt'), 'utf8')).toContain('pas à nous');
    const check = await verifyGeneration(root);
    expect(check.ok).toBe(true);
    firstId = check.ok ? (check.manifest.buildId as string) : '';
    expect(currentTarget()).toBe(`generations/${firstId}`);
    const state = await served();
    expect(state).toMatchObject({ buildId: firstId, problem: null, mismatches: [] });
    expect(state.hits).toBeGreaterThan(20);
  }, 120_000);

  it('--if-missing : une génération complète aux mêmes entrées est gardée', () => {
    const again = build('premiere', '--if-missing');
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('rien à faire');
    expect(currentTarget()).toBe(`generations/${firstId}`);
  }, 60_000);

  const KILL_POINTS: { name: string; trigger: { line?: string; afterMs?: number } }[] = [
    { name: 'au démarrage (300 ms)', trigger: { afterMs: 300 } },
    { name: 'après le référentiel géographique', trigger: { line: 'Référentiel géographique' } },
    { name: 'après la démo générée', trigger: { line: 'Démo générée' } },
    { name: 'après l’offre (offre.json écrit)', trigger: { line: 'Offre importée' } },
    { name: 'après l’insertion et les avis', trigger: { line: 'Insertion :' } },
    { name: 'après l’index de recherche', trigger: { line: 'Index de recherche embarqué' } },
  ];

  for (const { name, trigger } of KILL_POINTS) {
    it(`tuée ${name} : la génération précédente sert toujours, cohérente`, async () => {
      let run = await killedBuild('tuee', trigger);
      // Sur une machine très chargée, la construction peut finir avant que SIGKILL n'arrive : la
      // nouvelle génération (complète) est alors en service ; on recommence en la prenant pour « précédente ».
      for (let retry = 0; retry < 2 && run.log.includes('en service'); retry++) {
        firstId = path.basename(currentTarget());
        run = await killedBuild('tuee', trigger);
      }
      const { killed, log } = run;
      expect(killed, log).toBe(true);
      expect(log).not.toContain('en service');
      expect(currentTarget()).toBe(`generations/${firstId}`);
      expect((await verifyGeneration(root)).ok).toBe(true);
      expect(await served()).toMatchObject({ buildId: firstId, problem: null, mismatches: [] });
    }, 120_000);
  }

  it('--if-missing avec d’autres entrées reconstruit, met en service et efface les constructions tuées', async () => {
    expect(readdirSync(path.join(root, 'generations')).some((e) => e.includes('.tmp-'))).toBe(true);
    const rebuilt = build('seconde', '--if-missing');
    expect(rebuilt.status, rebuilt.stderr).toBe(0);
    const check = await verifyGeneration(root);
    expect(check.ok).toBe(true);
    const secondId = check.ok ? (check.manifest.buildId as string) : '';
    expect(secondId).not.toBe(firstId);
    expect(currentTarget()).toBe(`generations/${secondId}`);
    // La précédente est gardée (un serveur peut encore la lire) ; les constructions tuées sont effacées.
    expect(readdirSync(path.join(root, 'generations')).sort()).toEqual([firstId, secondId].sort());
    const state = await served();
    expect(state).toMatchObject({ buildId: secondId, problem: null, mismatches: [] });
  }, 120_000);

  it('un processus garde la génération qu’il a résolue, même si `current` change ensuite', async () => {
    clearCatalogCache();
    const before = dataGeneration(root);
    const third = build('troisieme');
    expect(third.status, third.stderr).toBe(0);
    expect(dataGeneration(root)).toBe(before);
    expect(createApiServices(root).data.dir).toBe(before);
    clearCatalogCache();
    expect(dataGeneration(root)).not.toBe(before);
    // Trois constructions : la première est effacée, la deuxième gardée comme précédente.
    expect(readdirSync(path.join(root, 'generations'))).not.toContain(firstId);
    expect(readdirSync(path.join(root, 'generations'))).toHaveLength(2);
  }, 120_000);

  it('une génération modifiée après coup n’est plus « à jour » ; des identifiants différents sont refusés', async () => {
    const check = await verifyGeneration(root);
    expect(check.ok).toBe(true);
    const dir = path.join(root, currentTarget());
    // Une copie à plat dont on change l'offre : vérification et cohérence la refusent.
    const copy = path.join(work, 'copie');
    cpSync(dir, copy, { recursive: true });
    const offre = JSON.parse(readFileSync(path.join(copy, 'offre.json'), 'utf8')) as { buildId: string };
    offre.buildId = 'autre-construction';
    writeFileSync(path.join(copy, 'offre.json'), JSON.stringify(offre));
    clearCatalogCache();
    const services = createApiServices(copy);
    const engine = await loadEmbeddedEngine(copy);
    expect(dataConsistencyProblem(services.data, engine.buildId)).toMatch(/^L’offre \(offre\.json, construction autre-construction\) ne vient pas de la même construction que le manifeste/);
    expect(dataConsistencyProblem({ ...services.data, offerBuildId: services.data.manifestBuildId }, 'vieil-index')).toMatch(/^L’index de recherche \(construction vieil-index\)/);
    expect(dataConsistencyProblem({ ...services.data, manifestBuildId: null }, undefined)).toMatch(/version précédente/);

    writeFileSync(path.join(dir, 'avis.json'), '[]');
    expect(await verifyGeneration(root)).toMatchObject({ ok: false, reason: 'avis.json manquant ou modifié depuis la construction' });
    const rebuilt = build('troisieme', '--if-missing');
    expect(rebuilt.status, rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).not.toContain('rien à faire');
    expect((await verifyGeneration(root)).ok).toBe(true);
  }, 120_000);
});
