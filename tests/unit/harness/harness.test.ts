/**
 * Le lanceur des tests (`npm test`, scripts/test.mjs) et ses outils : sans Chromium, une seule
 * phrase en français et rien d'autre ; la photographie du projet voit chaque trace laissée.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumProblem } from '../../../tools/chromium';
import { snapshotProject, traces } from '../../../tools/trace';
import { repoRoot } from '../../support/shared-data';

const work = mkdtempSync(path.join(tmpdir(), 'vmm-harness-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('sans Chromium', () => {
  const env = { ...process.env, CHROMIUM_PATH: path.join(work, 'pas-de-chromium') };

  it('npm test s’arrête tout de suite, sur une seule ligne qui dit comment l’installer', () => {
    const started = performance.now();
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/test.ts'], { cwd: repoRoot, env, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      `Tests navigateur impossibles : Chromium est introuvable (CHROMIUM_PATH=${env.CHROMIUM_PATH}). Installez-le avec « apt-get install -y chromium » (Debian), ou donnez son chemin dans CHROMIUM_PATH.`,
    ]);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('npm run test:e2e seul aussi : une ligne, aucun test lancé', () => {
    const run = spawnSync(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', '--config', 'tests/playwright.config.ts'], { cwd: repoRoot, env, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('apt-get install -y chromium');
    expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/Running \d+ test|browserType\.launch/);
  });

  it('un Chromium qui ne démarre pas est signalé aussi', () => {
    expect(chromiumProblem({ CHROMIUM_PATH: '/bin/false' })).toMatch(/^Tests navigateur impossibles : Chromium \(CHROMIUM_PATH=\/bin\/false\) ne démarre pas/);
  });
});

describe('photographie du projet : les traces laissées par des tests', () => {
  it('voit un fichier nouveau, modifié ou effacé, et ignore dist/, .astro/, test-results/ et node_modules/', () => {
    const root = path.join(work, 'projet');
    mkdirSync(path.join(root, 'data', 'demo'), { recursive: true });
    writeFileSync(path.join(root, 'data', 'demo', 'metiers.json'), '[]');
    writeFileSync(path.join(root, 'data', 'a-effacer.json'), '{}');
    const before = snapshotProject(root);
    expect(traces(before, snapshotProject(root))).toEqual([]);

    writeFileSync(path.join(root, 'data', 'contact.sqlite'), 'base');
    mkdirSync(path.join(root, 'data', 'mails'));
    const later = new Date(Date.now() + 5_000);
    utimesSync(path.join(root, 'data', 'demo', 'metiers.json'), later, later);
    rmSync(path.join(root, 'data', 'a-effacer.json'));
    for (const allowed of ['dist', '.astro', 'test-results', 'node_modules']) {
      mkdirSync(path.join(root, allowed, 'x'), { recursive: true });
      writeFileSync(path.join(root, allowed, 'x', 'f'), '1');
    }
    expect(traces(before, snapshotProject(root))).toEqual([
      'effacé : data/a-effacer.json',
      'modifié : data/demo/metiers.json',
      'nouveau : data/contact.sqlite',
      'nouveau : data/mails/',
    ]);
  });
});
