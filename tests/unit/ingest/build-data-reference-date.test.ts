/**
 * `npm run data:build` et la date de référence : l'option (--reference-date, ou --today), sinon
 * REFERENCE_DATE ; le manifeste et l'index l'enregistrent ; --if-missing reconstruit quand elle change.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { currentGeneration } from '../../../src/catalog/files';
import { repoRoot } from '../../support/shared-data';

const work = mkdtempSync(path.join(tmpdir(), 'vmm-build-date-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const out = path.join(work, 'build');

function buildData(args: string[], env: Record<string, string> = {}) {
  const { REFERENCE_DATE: _ignored, ...inherited } = process.env;
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-data.ts', '--sessions', '40', '--out-dir', out, ...args], {
    cwd: repoRoot,
    env: { ...inherited, ...env },
    encoding: 'utf8',
  });
}

const readJson = (file: string) => JSON.parse(readFileSync(path.join(currentGeneration(out), file), 'utf8'));

describe('data:build --reference-date', () => {
  it('construit pour la date donnée, la note dans le manifeste et l’index, et --if-missing reconstruit quand elle change', () => {
    const first = buildData(['--reference-date', '2026-09-14']);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('date de référence 2026-09-14');
    expect(readJson('manifest.json').referenceDate).toBe('2026-09-14');
    expect(readJson('search/embedded-index.json').today).toBe('2026-09-14');
    const starts: string[] = readJson('offre.json').actions.flatMap((a: { sessions: { start: string | null }[] }) => a.sessions.map((s) => s.start).filter(Boolean));
    expect(starts.length).toBeGreaterThan(0);
    expect(starts.every((s) => s >= '2025-09-14' && s < '2027-09-14')).toBe(true);

    // Même date (--today est le même réglage) : rien à refaire.
    const same = buildData(['--if-missing', '--today', '2026-09-14']);
    expect(same.status, same.stderr).toBe(0);
    expect(same.stdout).toContain('rien à faire');

    // Autre date, par la variable d'environnement : reconstruit.
    const other = buildData(['--if-missing'], { REFERENCE_DATE: '2027-03-15' });
    expect(other.status, other.stderr).toBe(0);
    expect(other.stdout).not.toContain('rien à faire');
    expect(readJson('manifest.json').referenceDate).toBe('2027-03-15');
    expect(readJson('search/embedded-index.json').today).toBe('2027-03-15');
  });

  it('refuse une date invalide ou deux dates différentes, en français, sans rien construire', () => {
    const invalid = buildData(['--reference-date', '2026-02-30']);
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toContain('Erreur : La date de référence doit être une date AAAA-MM-JJ qui existe (reçu « 2026-02-30 »)');
    const badEnv = buildData([], { REFERENCE_DATE: 'demain' });
    expect(badEnv.status).toBe(1);
    expect(badEnv.stderr).toContain('REFERENCE_DATE doit être une date AAAA-MM-JJ');
    const both = buildData(['--reference-date', '2026-09-14', '--today', '2026-09-15']);
    expect(both.status).toBe(1);
    expect(both.stderr).toContain('n’en donnez qu’une');
  });
});
