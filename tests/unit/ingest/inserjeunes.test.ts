/**
 * Import InserJeunes : fichiers CSV synthétiques écrits ici (aucune donnée InserJeunes réelle n'est disponible).
 * Import InserSup : exemples synthétiques, puis les extraits réels de ../shared/data/insertion s'ils sont présents.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importInserJeunes, importInserSup, parseFrenchNumber } from '../../../src/ingest/inserjeunes';
import { ImportFatalError, ReportBuilder } from '../../../src/ingest/report';
import { sharedData } from '../../support/shared-data';

const dir = mkdtempSync(path.join(os.tmpdir(), 'vmm-inserjeunes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function csvFile(content: string | Buffer): string {
  const file = path.join(dir, `f${++n}.csv`);
  writeFileSync(file, content);
  return file;
}

const HEADER = 'millesime;uai;code_certification;libelle_formation;region;nb_sortant;taux_en_emploi_6_mois;taux_en_emploi_12_mois;taux_en_formation';

async function run(content: string | Buffer, options?: Parameters<typeof importInserJeunes>[2]) {
  const report = new ReportBuilder('inserjeunes');
  const file = csvFile(content);
  const stats = await importInserJeunes(file, report, options);
  return { stats, report: report.finish(), file };
}

describe('importInserJeunes', () => {
  it('lit le format canonique : BOM, « ; », virgule décimale, nd/na/vide → null, périmètre déduit', async () => {
    const { stats, report } = await run(
      '\uFEFF' +
        [
          HEADER,
          '2022_2023;0440001a;40025214;CAP Cuisine;Pays de la Loire;35;54,6;61,0;nd',
          '2023;;40025214;CAP Cuisine;Pays de la Loire;1 250;48;na;22,5',
          '2023;;40025214;CAP Cuisine;;18 000;;47,25;',
        ].join('\r\n'),
    );
    expect(report.rejected).toEqual([]);
    expect(report.accepted).toEqual({ insertion: 3 });
    expect(stats).toEqual([
      {
        source: 'inserjeunes', vintage: '2022-2023', scope: 'etablissement-formation', actionId: null, formationId: null,
        diplomaCode: '40025214', romeCode: null, uai: '0440001A', leavers: 35, employmentRate6m: 54.6, employmentRate12m: 61, furtherStudyRate: null,
      },
      expect.objectContaining({ vintage: '2023', scope: 'region', uai: null, leavers: 1250, employmentRate6m: 48, employmentRate12m: null, furtherStudyRate: 22.5 }),
      expect.objectContaining({ scope: 'national', leavers: 18000, employmentRate6m: null, employmentRate12m: 47.25, furtherStudyRate: null }),
    ]);
  });

  it('accepte les intitulés français de l’open data, sans tenir compte de la casse ni des accents', async () => {
    const { stats } = await run(
      [
        "Année;Code UAI;Libellé de la formation;Code formation diplôme;Région;Nombre de sortants;Taux d'emploi 6 mois après la sortie;TAUX D'EMPLOI 12 MOIS;Taux de poursuite d'études",
        '2023;0490001K;Bac pro MSPC;40025510;52;40;70;75;10',
      ].join('\n'),
    );
    expect(stats).toEqual([
      expect.objectContaining({ vintage: '2023', uai: '0490001K', diplomaCode: '40025510', leavers: 40, employmentRate6m: 70, employmentRate12m: 75, furtherStudyRate: 10 }),
    ]);
  });

  it('rejette chaque ligne invalide avec son numéro et sa raison, et garde les autres', async () => {
    const { stats, report, file } = await run(
      [
        HEADER,
        '2023;0440001A;A1;x;;30;104;50;10',
        '2023;0440001A;A2;x;;nd;50;50;10',
        '2023;0440001A;A3;x;;30;-1;50;abc',
        '23;0440001A;A4;x;;12,5;50;50;10',
        '2023;44-001;;x;;30;50;50;10',
        '2023;0440001A;A6;x;;30;50;50;10',
        '2023;0440001a;A6;x;;31;50;50;10',
        '2023;0440001A;A8;x;;30;50;50',
      ].join('\n'),
    );
    expect(stats.map((s) => s.diplomaCode)).toEqual(['A6']);
    expect(report.rejected).toEqual([
      { file, position: 'ligne 2', id: '2023 / 0440001A / A1', reason: 'taux d’emploi à 6 mois hors de 0 à 100 : 104' },
      { file, position: 'ligne 3', id: '2023 / 0440001A / A2', reason: 'nombre de sortants absent (« nd »)' },
      { file, position: 'ligne 4', id: '2023 / 0440001A / A3', reason: 'taux d’emploi à 6 mois hors de 0 à 100 : -1 ; taux de poursuite d’études non numérique « abc »' },
      { file, position: 'ligne 5', id: '23 / 0440001A / A4', reason: 'millésime invalide « 23 » (attendu : 2023 ou 2022_2023) ; nombre de sortants invalide « 12,5 » (entier positif attendu)' },
      { file, position: 'ligne 6', id: '2023 / 44-001', reason: 'code de certification absent ; UAI invalide « 44-001 » (attendu : 7 chiffres et une lettre)' },
      { file, position: 'ligne 8', id: '2023 / 0440001a / A6', reason: 'doublon de « ligne 7 » (même millésime, périmètre et certification)' },
      { file, position: 'ligne 9', id: null, reason: expect.stringContaining('nombre de champs incorrect : 8 au lieu de 9') },
    ]);
  });

  it('écarte les autres régions (InsertionStat ne porte pas la région), sauf si on les demande toutes', async () => {
    const content = [HEADER, '2023;;A1;x;Bretagne;30;50;50;10', '2023;;A1;x;Pays de la Loire;30;60;60;10', '2023;;A1;x;PAYS-DE-LA-LOIRE;30;60;60;10'].join('\n');
    const kept = await run(content);
    expect(kept.stats.map((s) => s.employmentRate6m)).toEqual([60]);
    expect(kept.report.rejected.map((r) => r.reason)).toEqual(['doublon de « ligne 3 » (même millésime, périmètre et certification)']);
    expect(kept.report.warnings.map((w) => w.reason)).toEqual(['1 ligne(s) d’autres régions écartée(s) (régions retenues : 52, Pays de la Loire)']);
    const all = await run(content, { regions: null });
    expect(all.stats.map((s) => s.employmentRate6m)).toEqual([50, 60]);
  });

  it('échoue en français sur une colonne manquante, un mauvais séparateur, un encodage latin-1 ou un fichier absent', async () => {
    const missing = run('millesime;code_certification;nb_sortant\n2023;A1;30');
    await expect(missing).rejects.toBeInstanceOf(ImportFatalError);
    await expect(missing).rejects.toThrow(/colonne\(s\) obligatoire\(s\) absente\(s\) : taux_en_emploi_6_mois, taux_en_emploi_12_mois, taux_en_formation/);
    await expect(run(`${HEADER.replaceAll(';', ',')}\n2023,,A1,x,,30,50,50,10`)).rejects.toThrow(/séparateur attendu « ; »/);
    const latin1 = Buffer.concat([Buffer.from(`${HEADER}\n2023;;A1;`), Buffer.from([0x43, 0x41, 0x50, 0x20, 0x50, 0xe2, 0x74, 0x69]), Buffer.from(';;30;50;50;10\n')]);
    await expect(run(latin1)).rejects.toThrow(/octets invalides pour l'encodage UTF-8 à la ligne 2/);
    await expect(importInserJeunes(path.join(dir, 'absent.csv'), new ReportBuilder('inserjeunes'))).rejects.toThrow(/Fichier illisible : .*absent\.csv \(ENOENT\)/);
  });
});

describe('parseFrenchNumber', () => {
  it('lit la virgule décimale, les espaces de milliers et les valeurs absentes', () => {
    expect(parseFrenchNumber('54,6')).toBe(54.6);
    expect(parseFrenchNumber('1\u202f234')).toBe(1234);
    expect(parseFrenchNumber('12 %')).toBe(12);
    expect(parseFrenchNumber('ND')).toBeNull();
    expect(parseFrenchNumber('na')).toBeNull();
    expect(parseFrenchNumber('')).toBeNull();
    expect(parseFrenchNumber('1,2,3')).toBeUndefined();
    expect(parseFrenchNumber('abc')).toBeUndefined();
  });
});

const insertion = sharedData('insertion');

describe('importInserSup', () => {
  const runJson = async (content: unknown) => {
    const file = path.join(dir, `s${++n}.json`);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    const report = new ReportBuilder('insersup');
    return { stats: await importInserSup(file, report), report: report.finish() };
  };
  const flatRecord = (delay: number, rate: unknown, extra: Record<string, unknown> = {}) => ({
    date_jeu: '2024_S2', promo: ['2021', '2022'], etablissement: '0441234X', diplome: '2500100', nb_sortants: '80', date_inser: delay, tx_sortants_en_emploi_sal_fr: rate, ...extra,
  });

  it('regroupe la forme à plat par promotion, établissement et diplôme ; écarte les ventilations ; rejette les valeurs invalides', async () => {
    const { stats, report } = await runJson([
      flatRecord(6, '54,6'),
      flatRecord(12, '61.5'),
      flatRecord(12, '99', { genre: 'femme' }),
      flatRecord(6, '-', { diplome: '2500200' }),
      flatRecord(6, '101', { diplome: '2500300', nb_sortants: 'nd' }),
      flatRecord(18, null, { diplome: '2500400', promo: ['2022'] }),
    ]);
    expect(stats).toEqual([
      expect.objectContaining({ source: 'insersup', vintage: '2021-2022', scope: 'etablissement-formation', uai: '0441234X', diplomaCode: '2500100', leavers: 80, employmentRate6m: 54.6, employmentRate12m: 61.5, furtherStudyRate: null }),
      expect.objectContaining({ vintage: '2022', diplomaCode: '2500400', employmentRate6m: null, employmentRate12m: null }),
    ]);
    expect(report.rejected.map((r) => [r.position, r.reason])).toEqual([
      ['enregistrement n°4', 'taux d’emploi à 6 mois non numérique « - »'],
      ['enregistrement n°5', 'nombre de sortants absent (« nd ») ; taux d’emploi à 6 mois hors de 0 à 100 : 101'],
    ]);
    expect(report.warnings.map((w) => w.reason)).toEqual(['1 enregistrement(s) ventilé(s) par genre, nationalité ou obtention du diplôme écarté(s)']);
  });

  it('échoue sur une forme inattendue', async () => {
    await expect(runJson({ formations: [] })).rejects.toThrow(/Format inattendu : .* n’est ni une réponse \{ "results": \[\.\.\.\] \} ni un tableau d’enregistrements InserSup/);
  });

  it.skipIf(!insertion)('lit les extraits réels : forme API (virgule décimale, « 130 * » rejeté) et forme à plat', async () => {
    const real = async (name: string) => {
      const report = new ReportBuilder('insersup');
      return { stats: await importInserSup(path.join(insertion as string, name), report), report: report.finish() };
    };
    const api = await real('inserSup-formationsMillesimesMixtes.json');
    expect(api.stats).toEqual([
      {
        source: 'insersup', vintage: '2020-2021', scope: 'etablissement-formation', actionId: null, formationId: null, diplomaCode: '2400074',
        romeCode: null, uai: '0062205P', leavers: 54, employmentRate6m: 19.3, employmentRate12m: 21, furtherStudyRate: 54.6,
      },
    ]);
    expect(api.report.rejected).toEqual([
      expect.objectContaining({ position: 'results[1]', id: '2400075', reason: 'nombre de sortants invalide « 130 * » (entier positif attendu)' }),
    ]);
    const flat = await real('inserSup-formationsTwoMillesimes.json');
    expect(flat.stats).toEqual([expect.objectContaining({ vintage: '2020-2021', uai: '0062205P', diplomaCode: '2500249', leavers: 130, employmentRate6m: 84.62, employmentRate12m: 86.15 })]);
    expect(flat.report.warnings).toHaveLength(1);
    const single = await real('inserSup-formationsInvalid.json');
    expect(single.stats).toEqual([expect.objectContaining({ vintage: '2020', leavers: 117, employmentRate6m: 69.2, employmentRate12m: 71.8 })]);
  });
});
