import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { finishImport } from '../../../src/ingest/cli';
import { ReportBuilder } from '../../../src/ingest/report';

describe('finishImport', () => {
  const dirs: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('écrit la sortie et le rapport à côté, résume en français et rend 2 quand des enregistrements sont rejetés', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vmm-cli-'));
    dirs.push(dir);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const report = new ReportBuilder('anotea');
    report.reject('avis.json', 'avis n° 3', 'A3', 'note hors de 1 à 5');
    const out = path.join(dir, 'avis.json');
    const code = await finishImport({ out, data: [{ id: 'A1' }], report, done: 'Anotéa : 1 avis écrits' });
    expect(code).toBe(2);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual([{ id: 'A1' }]);
    const written = JSON.parse(readFileSync(path.join(dir, 'reports', 'anotea.json'), 'utf8'));
    expect(written.rejected).toEqual([{ file: 'avis.json', position: 'avis n° 3', id: 'A3', reason: 'note hors de 1 à 5' }]);
    expect(log).toHaveBeenCalledWith(`Anotéa : 1 avis écrits dans ${out} ; 1 rejet(s), 0 avertissement(s) (rapport : ${path.join(dir, 'reports', 'anotea.json')}).`);
  });

  it('rend 0 sans rejet et respecte un rapport demandé ailleurs', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vmm-cli-'));
    dirs.push(dir);
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const reportFile = path.join(dir, 'ailleurs', 'rapport.json');
    const code = await finishImport({ out: path.join(dir, 'x.json'), reportFile, data: [], report: new ReportBuilder('rome'), done: 'ROME : 0 fiches écrites' });
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(reportFile, 'utf8')).source).toBe('rome');
  });
});
