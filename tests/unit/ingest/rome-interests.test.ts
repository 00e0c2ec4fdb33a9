/**
 * Centres d'intérêt du ROME (« J'ai envie de … ») : fichiers synthétiques écrits ici (définitions
 * sur plusieurs lignes séparées par des lignes vides, liens vers des fiches inconnues, doublons),
 * les fichiers de démonstration (même format, même importeur), puis le ROME réel v460 de
 * ../shared/data/rome4 quand il est présent (ignoré avec un message sinon).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from '../../../src/domain/zod';
import { Metier } from '../../../src/domain/metier';
import { ReportBuilder } from '../../../src/ingest/report';
import { importInterests } from '../../../src/ingest/rome-interests';
import { importRome } from '../../../src/ingest/rome';
import { writeDemoInterestFiles } from '../../../src/demo/interests';
import { interestView } from '../../../src/metiers/interests';
import { repoRoot, sharedData } from '../../support/shared-data';

const tmpDirs: string[] = [];
afterAll(() => tmpDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const tmp = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vmm-interets-'));
  tmpDirs.push(dir);
  return dir;
};

describe('fichiers synthétiques', () => {
  const dir = tmp();
  writeFileSync(
    path.join(dir, 'unix_centre_interet_v460_utf8.csv'),
    '"code_centre_interet","libelle_centre_interet","definition_centre_interet"\n"1","J\'ai envie de soigner","Premier paragraphe.\n\nSecond   paragraphe."\n\n"2","J\'ai le sens du contact",""\n\n"1","Doublon",""\n',
  );
  writeFileSync(
    path.join(dir, 'unix_arborescence_centre_interet_v460_utf8.csv'),
    '"code_centre_interet","libelle_centre_interet","code_ogr_rome","code_rome","libelle_rome","principal"\n"1","x","1","J1501","Aide-soignant","oui"\n"1","x","2","J1506","Infirmier","non"\n"1","x","3","Z9999","Inconnu","oui"\n"9","x","4","J1501","Aide-soignant","non"\n',
  );
  it('lit les définitions sur plusieurs lignes, rejette doublons et liens inconnus', async () => {
    const report = new ReportBuilder('centres-interet');
    const interests = await importInterests(dir, new Set(['J1501', 'J1506']), report, 'rome');
    expect(interests.map((i) => i.code)).toEqual(['1', '2']);
    expect(interests[0]).toMatchObject({ label: 'J’ai envie de soigner', definition: 'Premier paragraphe.\nSecond paragraphe.', metiers: [{ code: 'J1501', principal: true }, { code: 'J1506', principal: false }], source: 'rome' });
    expect(report.finish().rejected.map((r) => r.reason)).toEqual([expect.stringMatching(/en double/), expect.stringMatching(/fiche ROME inconnue/), expect.stringMatching(/centre d’intérêt inconnu/)]);
  });
  it('fichiers absents : aucun centre, un avertissement', async () => {
    const report = new ReportBuilder('centres-interet');
    expect(await importInterests(tmp(), new Set(), report, 'rome')).toEqual([]);
    expect(report.finish().warnings.length).toBe(1);
  });
});

describe('démonstration : écrits au format officiel, lus par le même importeur', () => {
  it('chaque fiche de démonstration a exactement un centre d’intérêt principal', async () => {
    const metiers = z.array(Metier).parse(JSON.parse(readFileSync(path.join(repoRoot, 'data/demo/metiers.json'), 'utf8')));
    const dir = await writeDemoInterestFiles(path.join(repoRoot, 'data/demo/centres-interet.json'), metiers, tmp());
    const report = new ReportBuilder('centres-interet');
    const interests = await importInterests(dir, new Set(metiers.map((m) => m.code)), report, 'demo');
    expect(report.finish().rejected).toEqual([]);
    expect(interests.every((i) => i.source === 'demo')).toBe(true);
    for (const m of metiers) expect(interests.flatMap((i) => i.metiers).filter((l) => l.code === m.code && l.principal).length, m.code).toBe(1);
    const byCode = new Map(metiers.map((m) => [m.code, m]));
    const view = interestView(interests[0]!, (c) => byCode.get(c));
    expect(view.principal.length).toBeGreaterThan(0);
    expect(view.others.every((m) => !view.principal.includes(m))).toBe(true);
  });
});

describe('ROME 4.0 réel (../shared/data/rome4)', () => {
  const dir = sharedData('rome4');
  it.skipIf(dir === null)('30 centres d’intérêt, 4 444 liens dont 1 584 principaux (un par fiche)', async () => {
    const metiers = await importRome(dir!, new ReportBuilder('rome'));
    const report = new ReportBuilder('centres-interet');
    const interests = await importInterests(dir!, new Set(metiers.map((m) => m.code)), report, 'rome');
    expect(interests).toHaveLength(30);
    expect(interests.reduce((n, i) => n + i.metiers.length, 0)).toBe(4444);
    const principal = interests.flatMap((i) => i.metiers.filter((l) => l.principal).map((l) => l.code));
    expect(new Set(principal).size).toBe(metiers.length);
    expect(interests.every((i) => (i.definition ?? '').length > 50)).toBe(true);
    expect(report.finish().rejected).toEqual([]);
  }, 60_000);
});
