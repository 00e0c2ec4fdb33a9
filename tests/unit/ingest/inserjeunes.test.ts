/**
 * Import InserJeunes : les deux formes officielles (par CFA, par région × formation × voie) sur des
 * fichiers écrits ici (BOM ou non, CRLF ou LF, « ; » ou « , », valeurs absentes, valeurs hostiles),
 * puis les deux fichiers réels de ../shared/data/insertion/inserjeunes s'ils sont présents.
 * Import InserSup : exemples synthétiques, puis les extraits réels de ../shared/data/insertion.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Offer } from '../../../src/domain/offer';
import { importInserJeunes, importInserJeunesFiles, importInserSup, parseFrenchNumber } from '../../../src/ingest/inserjeunes';
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

/** Les en-têtes exacts des fichiers officiels. */
const CFA_HEADER =
  'Année;UAI;Libellé;Région;DEVENIR Part poursuite études;DEVENIR Part en emploi 6 mois;DEVENIR Part autre situation 6 mois;Part contrats apprentissage interrompus;Taux poursuite études;Taux emploi 6 mois;Taux emploi 6 mois attendu;VA emploi 6 mois;Taux emploi 12 mois;Taux emploi 18 mois;Taux emploi 24 mois;num_ligne';
const REGION_HEADER =
  'id;millesime;code_region_ij;code_region;voie;cfd;mefstat11;nb_annee_term;nb_en_emploi_12_mois;nb_en_emploi_18_mois;nb_en_emploi_24_mois;nb_en_emploi_6_mois;nb_poursuite_etudes;nb_sortant;taux_emploi_12_mois;taux_emploi_18_mois;taux_emploi_24_mois;taux_emploi_6_mois;taux_poursuite_etudes';

/** Une ligne par CFA : (période, UAI, libellé, région, poursuite, emploi 6 mois, emploi 12 mois), le reste comme dans le fichier réel. */
const cfaRow = (annee: string, uai: string, label: string, region: string, study: string, emp6: string, emp12: string) =>
  [annee, uai, label, region, '30.0', '57.0', '13.0', '', study, emp6, '73.0', '8.0', emp12, '', '', '10002.0'].join(';');
/** Une ligne par région : (millésime, région, voie, cfd, mefstat11, sortants, emploi 6 mois, emploi 12 mois, poursuite). */
const regionRow = (millesime: string, region: string, voie: string, cfd: string, mef: string, leavers: string, emp6: string, emp12: string, study: string) =>
  [`${millesime}_17_${voie}_${cfd || mef}`, millesime, '17', region, voie, cfd, mef, '50', '10', '', '', '9', '15', leavers, emp12, '', '', emp6, study].join(';');

async function run(content: string | Buffer, options?: Parameters<typeof importInserJeunes>[2]) {
  const report = new ReportBuilder('inserjeunes');
  const file = csvFile(content);
  const stats = await importInserJeunes(file, report, options);
  return { stats, report: report.finish(), file };
}

describe('importInserJeunes : fichier par CFA', () => {
  it('lit la forme réelle : BOM, CRLF, « ; », point décimal, cellules vides, « cumul », région en capitales', async () => {
    const { stats, report } = await run(
      '\uFEFF' +
        [
          CFA_HEADER,
          cfaRow('cumul 2023-2024', '0441234a', 'CFA du Bâtiment, Nantes', 'PAYS DE LA LOIRE', '30.0', '81.0', '73.0'),
          cfaRow('cumul 2022-2023', '0491234B', 'CFA Angers', 'PAYS DE LA LOIRE', '54.0', '', ''),
          cfaRow('cumul 2023-2024', '0631243J', 'CFA du Puy-de-Dôme', 'AUVERGNE-RHONE-ALPES', '42.0', '64.0', '71.0'),
        ].join('\r\n') +
        '\r\n',
    );
    expect(report.rejected).toEqual([]);
    expect(stats).toEqual([
      {
        source: 'inserjeunes', vintage: '2023-2024', cumulative: true, scope: 'etablissement', route: null, region: '52', actionId: null, formationId: null,
        diplomaCode: null, mefstat11: null, romeCode: null, uai: '0441234A', establishment: 'CFA du Bâtiment, Nantes', leavers: null,
        employmentRate6m: 81, employmentRate12m: 73, furtherStudyRate: 30, demo: false,
      },
      expect.objectContaining({ vintage: '2022-2023', uai: '0491234B', employmentRate6m: null, employmentRate12m: null, furtherStudyRate: 54 }),
    ]);
    expect(report.warnings.map((w) => w.reason)).toEqual(['1 ligne(s) d’autres régions écartée(s) (régions retenues : Pays de la Loire)']);
    expect(report.counts).toMatchObject({ [`f${n}.csv : lignes de données bien formées`]: 3, [`f${n}.csv : lignes d’autres régions écartées`]: 1 });
  });

  it('rejette chaque ligne fautive avec son numéro et toutes ses raisons, et garde les autres', async () => {
    const { stats, report, file } = await run(
      [
        CFA_HEADER,
        cfaRow('cumul 2023-2024', '0441234A', 'A', 'PAYS DE LA LOIRE', '30.0', '104.0', '73.0'),
        cfaRow('2023', '44-001', 'B', 'PAYS DE LA LOIRE', 'abc', '50.0', '-1'),
        cfaRow('cumul 2023-2024', '0441235B', 'C', 'PAYS DE LA LOIRE', '', '', ''),
        cfaRow('cumul 23', '', 'D', '', '10', '10', '10'),
        cfaRow('cumul 2023-2024', '0441236C', 'E', 'Pays de la Loire', 'nd', '*', '62,5'),
        cfaRow('cumul 2023-2024', '0441236c', 'E bis', 'PAYS DE LA LOIRE', '1', '2', '3'),
      ].join('\n'),
      { demo: true },
    );
    expect(stats).toEqual([expect.objectContaining({ uai: '0441236C', furtherStudyRate: null, employmentRate6m: null, employmentRate12m: 62.5, demo: true })]);
    expect(report.rejected).toEqual([
      { file, position: 'ligne 2', id: 'cumul 2023-2024 / 0441234A', reason: 'taux d’emploi à 6 mois hors de 0 à 100 : 104.0' },
      {
        file, position: 'ligne 3', id: '2023 / 44-001',
        reason: 'UAI invalide « 44-001 » (attendu : 7 chiffres et une lettre) ; taux d’emploi à 12 mois hors de 0 à 100 : -1 ; taux de poursuite d’études non numérique « abc »',
      },
      { file, position: 'ligne 4', id: 'cumul 2023-2024 / 0441235B', reason: 'aucun taux publié pour cet établissement' },
      { file, position: 'ligne 5', id: 'cumul 23', reason: 'millésime invalide « cumul 23 » (attendu : 2022_2023, 2023 ou cumul 2023-2024) ; UAI absent ; région absente' },
      { file, position: 'ligne 7', id: 'cumul 2023-2024 / 0441236c', reason: 'doublon de « ligne 6 » (même période, périmètre et clé)' },
    ]);
  });
});

describe('importInserJeunes : fichier par région × formation × voie', () => {
  it('lit la forme réelle : CFD en apprentissage, MEFSTAT11 en voie scolaire, sortants, taux entiers, national sans région', async () => {
    const { stats, report } = await run(
      '\uFEFF' +
        [
          REGION_HEADER,
          regionRow('2022_2023', '52', 'apprentissage', '32020009', '', '62', '73', '84', '61'),
          regionRow('2022_2023', '52', 'scolaire', '', '32221033103', '65', '69', '74', '32'),
          regionRow('2022_2023', '52', 'apprentissage', '32020008', '', '18', '', '', '45'),
          regionRow('2022_2023', '', 'apprentissage', '32020009', '', '9000', '70', '80', '20'),
          regionRow('2022_2023', '53', 'apprentissage', '32020009', '', '40', '70', '80', '20'),
        ].join('\n'),
    );
    expect(report.rejected).toEqual([]);
    expect(stats).toEqual([
      {
        source: 'inserjeunes', vintage: '2022-2023', cumulative: false, scope: 'region', route: 'apprentissage', region: '52', actionId: null, formationId: null,
        diplomaCode: '32020009', mefstat11: null, romeCode: null, uai: null, establishment: null, leavers: 62,
        employmentRate6m: 73, employmentRate12m: 84, furtherStudyRate: 61, demo: false,
      },
      expect.objectContaining({ scope: 'region', route: 'scolaire', diplomaCode: null, mefstat11: '32221033103', leavers: 65, employmentRate6m: 69 }),
      expect.objectContaining({ diplomaCode: '32020008', leavers: 18, employmentRate6m: null, employmentRate12m: null, furtherStudyRate: 45 }),
      expect.objectContaining({ scope: 'national', region: null, leavers: 9000 }),
    ]);
    expect(report.warnings).toHaveLength(1);
  });

  it('accepte « , », sans BOM, LF, « nd » / « na » / « * » / vide ; rejette ce qui est faux, ligne par ligne', async () => {
    const comma = (row: string) => row.replaceAll(';', ',');
    const { stats, report, file } = await run(
      [
        comma(REGION_HEADER),
        comma(regionRow('2022_2023', '52', 'apprentissage', '32020009', '', '62', 'nd', 'na', '*')),
        comma(regionRow('2022_2023', '52', 'apprentissage', '46T25501', '', '40', '101', '50', '10')),
        comma(regionRow('2022_2023', '52', 'alternance', 'ABC', '123', '12.5', '50', '50', '10')),
        comma(regionRow('2022_2023', '52', 'scolaire', '', '', '', '', '', '')),
        comma(regionRow('2022', '52', 'scolaire', '', '23220023115', '', '', '', '')),
        comma(regionRow('2022_2023', 'PDL', 'apprentissage', '32020009', '', '62', '1', '2', '3')),
        comma(regionRow('2022_2023', '52', 'apprentissage', '32020009', '', '63', '10', '20', '30')),
        '2022_2023,52,apprentissage',
      ].join('\n'),
      { regions: null },
    );
    expect(stats).toEqual([expect.objectContaining({ diplomaCode: '32020009', leavers: 62, employmentRate6m: null, employmentRate12m: null, furtherStudyRate: null })]);
    expect(report.rejected.map((r) => [r.position, r.reason])).toEqual([
      ['ligne 3', 'taux d’emploi à 6 mois hors de 0 à 100 : 101'],
      [
        'ligne 4',
        'voie inconnue « alternance » (attendu : apprentissage ou scolaire) ; code CFD invalide « ABC » (8 chiffres ou lettres attendus) ; code MEFSTAT11 invalide « 123 » (11 chiffres attendus) ; nombre de sortants invalide « 12.5 » (entier positif attendu)',
      ],
      ['ligne 5', 'ni code CFD ni code MEFSTAT11'],
      ['ligne 6', 'aucun chiffre publié (ni nombre de sortants ni taux)'],
      ['ligne 7', 'code région invalide « PDL » (code INSEE à 2 chiffres attendu)'],
      ['ligne 8', 'doublon de « ligne 2 » (même période, périmètre et clé)'],
      ['ligne 9', 'nombre de champs incorrect : 3 au lieu de 19 (séparateur « , » ou guillemets mal placés ?)'],
    ]);
    expect(report.rejected.every((r) => r.file === file)).toBe(true);
  });

  it('texte hostile : ligne géante, intitulé géant, guillemet ouvert, « constructor » : rejet de la ligne, la suite est lue', async () => {
    const good = regionRow('2022_2023', '52', 'apprentissage', '32020009', '', '62', '73', '84', '61');
    const { stats, report } = await run(
      [
        `${REGION_HEADER};${'_'.repeat(10_000)}x`,
        `${good};`,
        `${'9'.repeat(2_000_000)};`,
        `"${good.replace('32020009', '32020010')};`,
        `${regionRow('constructor', '__proto__', 'toString', 'constructor', 'valueOf', 'hasOwnProperty', 'prototype', '1', '2')};`,
        `${regionRow('2022_2023', '52', 'apprentissage', '32020011', '', '62', '73', '84', '61')};`,
        `${regionRow('2022_2023', '_'.repeat(10_000), 'apprentissage', '32020012', '', '62', '73', '84', '61')};`,
      ].join('\n'),
      { regions: null },
    );
    expect(stats.map((s) => s.diplomaCode)).toEqual(['32020009', '32020011']);
    expect(report.rejected.map((r) => r.position)).toEqual(['ligne 3', 'ligne 4', 'ligne 5', 'ligne 7']);
    expect(report.rejected[3]?.reason).toBe(`code région invalide « ${'_'.repeat(40)}… » (code INSEE à 2 chiffres attendu)`);
    // Par défaut (Pays de la Loire), un code région trop long n'est pas replié : il est rejeté de même.
    const pdl = await run([REGION_HEADER, regionRow('2022_2023', '9'.repeat(10_000), 'apprentissage', '32020012', '', '62', '73', '84', '61')].join('\n'));
    expect(pdl.report.rejected.map((r) => r.reason)).toEqual([`code région invalide « ${'9'.repeat(40)}… » (code INSEE à 2 chiffres attendu)`]);
    expect(report.rejected[0]?.reason).toBe('ligne trop longue (plus de 16384 caractères) : ignorée sans être lue');
    expect(report.rejected[1]?.reason).toMatch(/^guillemets mal placés/);
    expect(report.rejected[2]?.reason).toMatch(/^millésime invalide « constructor »/);
    expect(report.rejected[2]?.reason.length).toBeLessThan(600);
  });

  it('garde les Pays de la Loire par défaut, ou les régions demandées par code ou par nom', async () => {
    const content = [REGION_HEADER, regionRow('2022_2023', '53', 'apprentissage', '32020009', '', '30', '50', '50', '10'), regionRow('2022_2023', '52', 'apprentissage', '32020009', '', '30', '60', '60', '10')].join('\n');
    expect((await run(content)).stats.map((s) => s.region)).toEqual(['52']);
    expect((await run(content, { regions: ['Bretagne'] })).stats.map((s) => s.region)).toEqual(['53']);
    expect((await run(content, { regions: null })).stats.map((s) => s.region)).toEqual(['53', '52']);
  });
});

describe('importInserJeunes : fichiers illisibles', () => {
  it('échoue en français : en-tête inconnu (les deux formes attendues), fichier vide, fichier absent', async () => {
    const unknown = run('millesime;code_certification;nb_sortant;taux_en_emploi_6_mois\n2023;A1;30;50');
    await expect(unknown).rejects.toBeInstanceOf(ImportFatalError);
    await expect(unknown).rejects.toThrow(/en-tête InserJeunes non reconnu .*par établissement \(CFA\).*par région × formation × voie.*il manque : code_region, voie, cfd, mefstat11/);
    await expect(run('')).rejects.toThrow(/fichier vide/);
    await expect(run(`${'x'.repeat(20_000)}\n1`)).rejects.toThrow(/la première ligne dépasse 16384 caractères/);
    await expect(importInserJeunes(path.join(dir, 'absent.csv'), new ReportBuilder('inserjeunes'))).rejects.toThrow(/Fichier illisible : .*absent\.csv \(ENOENT\)/);
  });
});

describe('importInserJeunes : octet invalide', () => {
  it('un octet latin-1 : signalé à sa ligne et son octet, remplacé par « � », la ligne et le reste du fichier importés', async () => {
    const head = `${CFA_HEADER}\n${cfaRow('cumul 2023-2024', '0441234A', 'CFA P', 'PAYS DE LA LOIRE', '30.0', '81.0', '73.0')}`;
    const [before, after] = head.split('CFA P') as [string, string];
    const bytes = Buffer.concat([
      Buffer.from(`${before}CFA P`),
      Buffer.from([0xe2]),
      Buffer.from(`tisserie${after}\n${cfaRow('cumul 2023-2024', '0491234B', 'CFA Angers', 'PAYS DE LA LOIRE', '54.0', '60.0', '70.0')}\n`),
    ]);
    const { stats, report, file } = await run(bytes);
    expect(stats.map((s) => s.uai)).toEqual(['0441234A', '0491234B']);
    expect(stats[0]!.establishment).toBe('CFA P\uFFFDtisserie');
    expect(report.rejected).toEqual([]);
    expect(report.warnings).toEqual([
      expect.objectContaining({ file, position: `ligne 2, octet n°${bytes.indexOf(0xe2) + 1}`, reason: expect.stringMatching(/^octet E2 invalide en UTF-8, remplacé par « � » ; le reste du fichier est importé/) }),
    ]);
    expect(report.counts['séquences d’octets invalides en UTF-8 : remplacées par « � », le reste du fichier importé']).toBe(1);
  });
});

describe('rattachement à l’offre dans le rapport', () => {
  it('compte les actions liées par UAI, par CFD (direct ou déduit du RNCP), par MEFSTAT11, et les statistiques sans formation', async () => {
    const cfa = csvFile([CFA_HEADER, cfaRow('cumul 2023-2024', '0441234A', 'CFA', 'PAYS DE LA LOIRE', '30.0', '81.0', '73.0'), cfaRow('cumul 2023-2024', '0449999Z', 'Autre', 'PAYS DE LA LOIRE', '30.0', '81.0', '73.0')].join('\r\n'));
    const region = csvFile(
      [REGION_HEADER, regionRow('2022_2023', '52', 'apprentissage', '50022141', '', '62', '73', '84', '61'), regionRow('2022_2023', '52', 'scolaire', '', '22250022141', '40', '50', '60', '20'), regionRow('2022_2023', '52', 'apprentissage', '40025510', '', '62', '73', '84', '61')].join('\n'),
    );
    const place = { city: 'Nantes', lat: 47.2, lon: -1.55, coordSource: 'commune' };
    const action = (id: string, formationId: string, organismeId: string, publics: string[]) => ({ id, formationId, organismeId, place, teachingMode: 'presentiel', publics, durationHours: null, priceEuros: null, financing: { funders: [] }, permanentEntry: false, handicapAccessible: null });
    const formation = (id: string, diplomaCode: string | null, mefstatCode: string | null, rncp: string) => ({ id, title: id, certifying: true, certifications: [{ type: 'RNCP', code: rncp }], diplomaCode, mefstatCode, entryLevel: null, exitLevel: 3, organismeResponsableId: 'O1' });
    const offer = Offer.parse({
      organismes: [{ id: 'O1', siret: null, name: 'CFA', uai: '0441234A' }, { id: 'O2', siret: null, name: 'Centre', uai: null }],
      formations: [formation('F1', '50022141', null, 'RNCP37859'), formation('F2', null, null, 'RNCP37859'), formation('F3', '50022141', '22250022141', 'RNCP37859'), formation('F4', null, null, 'RNCP1')],
      actions: [action('A1', 'F1', 'O1', ['82027']), action('A2', 'F2', 'O2', ['80006']), action('A3', 'F3', 'O2', ['81061']), action('A4', 'F4', 'O2', ['80006'])],
    });
    const report = new ReportBuilder('inserjeunes');
    const stats = await importInserJeunesFiles([cfa, region], report, { offer });
    expect(stats).toHaveLength(5);
    expect(report.finish().counts).toMatchObject({
      'statistiques rattachées à l’offre': 3,
      'statistiques sans formation correspondante dans l’offre': 2,
      'actions de l’offre': 4,
      'actions avec un chiffre d’insertion': 3,
      'actions avec un chiffre par établissement (UAI)': 1,
      'actions avec un chiffre par diplôme dans la région (CFD ou MEFSTAT11)': 3,
      'actions rattachées par un CFD déduit de leur code RNCP': 1,
    });
    expect(report.finish().warnings.at(-1)?.reason).toBe(
      '2 statistique(s) sur 5 ne correspondent à aucune action de l’offre (CFD, MEFSTAT11 ou UAI absents de l’offre) ; 3 action(s) sur 4 (75 %) ont au moins un chiffre d’insertion.',
    );
  });
});

describe('parseFrenchNumber', () => {
  it('lit la virgule ou le point décimal, les espaces de milliers et les valeurs absentes', () => {
    expect(parseFrenchNumber('54,6')).toBe(54.6);
    expect(parseFrenchNumber('57.0')).toBe(57);
    expect(parseFrenchNumber('1\u202f234')).toBe(1234);
    expect(parseFrenchNumber('12 %')).toBe(12);
    expect(parseFrenchNumber('ND')).toBeNull();
    expect(parseFrenchNumber('na')).toBeNull();
    expect(parseFrenchNumber('*')).toBeNull();
    expect(parseFrenchNumber('')).toBeNull();
    expect(parseFrenchNumber('1,2,3')).toBeUndefined();
    expect(parseFrenchNumber('abc')).toBeUndefined();
    expect(parseFrenchNumber('1'.repeat(100))).toBeUndefined();
  });
});

const inserjeunes = sharedData('insertion/inserjeunes');

describe.skipIf(!inserjeunes)('fichiers InserJeunes réels (../shared/data/insertion/inserjeunes)', () => {
  const real = async (name: string) => {
    const report = new ReportBuilder('inserjeunes');
    const file = path.join(inserjeunes as string, name);
    return { stats: await importInserJeunes(file, report), report: report.finish(), file };
  };

  it('fr-en-inserjeunes-cfa.csv : 792 lignes Pays de la Loire → 602 gardées, 190 rejetées (aucun taux publié) ; lignes connues champ par champ', async () => {
    const { stats, report, file } = await real('fr-en-inserjeunes-cfa.csv');
    expect(stats).toHaveLength(602);
    expect(report.rejected).toHaveLength(190);
    expect(new Set(report.rejected.map((r) => r.reason))).toEqual(new Set(['aucun taux publié pour cet établissement']));
    expect(report.counts).toEqual({
      'fr-en-inserjeunes-cfa.csv : lignes de données bien formées': 11314,
      'fr-en-inserjeunes-cfa.csv : statistiques gardées (par établissement (CFA))': 602,
      'fr-en-inserjeunes-cfa.csv : lignes d’autres régions écartées': 10522,
    });
    expect(stats.every((s) => s.scope === 'etablissement' && s.region === '52' && s.cumulative && s.leavers === null && !s.demo)).toBe(true);
    const byKey = (vintage: string, uai: string) => stats.find((s) => s.vintage === vintage && s.uai === uai);
    expect(byKey('2023-2024', '0721427K')).toEqual({
      source: 'inserjeunes', vintage: '2023-2024', cumulative: true, scope: 'etablissement', route: null, region: '52', actionId: null, formationId: null,
      diplomaCode: null, mefstat11: null, romeCode: null, uai: '0721427K', establishment: 'Maison Familiale Rurale de Verneil-le-Chétif', leavers: null,
      employmentRate6m: 67, employmentRate12m: 79, furtherStudyRate: 53, demo: false,
    });
    expect(byKey('2018-2019', '0492219W')).toMatchObject({ establishment: 'Association ouvrière des compagnons du devoir des pays de la loire', employmentRate6m: 82, employmentRate12m: 78, furtherStudyRate: 32 });
    expect(byKey('2023-2024', '0721513D')).toMatchObject({ employmentRate6m: null, employmentRate12m: null, furtherStudyRate: 54 });
    expect(byKey('2023-2024', '0721380J')).toBeUndefined();
    expect(report.rejected).toContainEqual({ file, position: 'ligne 57', id: 'cumul 2023-2024 / 0721380J', reason: 'aucun taux publié pour cet établissement' });
  });

  it('ij_region_data.csv : 2 816 lignes Pays de la Loire → 2 533 gardées, 283 rejetées (aucun chiffre) ; lignes connues champ par champ', async () => {
    const { stats, report, file } = await real('ij_region_data.csv');
    expect(stats).toHaveLength(2533);
    expect(report.rejected).toHaveLength(283);
    expect(new Set(report.rejected.map((r) => r.reason))).toEqual(new Set(['aucun chiffre publié (ni nombre de sortants ni taux)']));
    expect(report.counts).toMatchObject({ 'ij_region_data.csv : lignes de données bien formées': 40322, 'ij_region_data.csv : lignes d’autres régions écartées': 37506 });
    // Apprentissage : clé CFD seule ; voie scolaire : clé MEFSTAT11 seule (comme dans le fichier).
    expect(stats.filter((s) => s.route === 'apprentissage' && s.diplomaCode !== null && s.mefstat11 === null)).toHaveLength(1646);
    expect(stats.filter((s) => s.route === 'scolaire' && s.diplomaCode === null && s.mefstat11 !== null)).toHaveLength(887);
    expect(stats.filter((s) => s.employmentRate6m !== null)).toHaveLength(1431);
    expect(stats.filter((s) => s.leavers !== null && s.leavers < 20)).toHaveLength(1101);
    const find = (millesime: string, code: string) => stats.find((s) => s.vintage === millesime && (s.diplomaCode === code || s.mefstat11 === code));
    expect(find('2022-2023', '32020009')).toEqual({
      source: 'inserjeunes', vintage: '2022-2023', cumulative: false, scope: 'region', route: 'apprentissage', region: '52', actionId: null, formationId: null,
      diplomaCode: '32020009', mefstat11: null, romeCode: null, uai: null, establishment: null, leavers: 62,
      employmentRate6m: 73, employmentRate12m: 84, furtherStudyRate: 61, demo: false,
    });
    expect(find('2022-2023', '32221033103')).toMatchObject({ route: 'scolaire', diplomaCode: null, leavers: 65, employmentRate6m: 69, employmentRate12m: 74, furtherStudyRate: 32 });
    expect(find('2022-2023', '32020008')).toMatchObject({ leavers: 18, employmentRate6m: null, employmentRate12m: null, furtherStudyRate: 45 });
    expect(find('2019-2020', '23220023115')).toBeUndefined();
    expect(report.rejected).toContainEqual({ file, position: 'ligne 15741', id: '2019_2020_17_scolaire_23220023115', reason: 'aucun chiffre publié (ni nombre de sortants ni taux)' });
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
        source: 'insersup', vintage: '2020-2021', cumulative: false, scope: 'etablissement-formation', route: null, region: null, actionId: null, formationId: null,
        diplomaCode: '2400074', mefstat11: null, romeCode: null, uai: '0062205P', establishment: null, leavers: 54, employmentRate6m: 19.3, employmentRate12m: 21,
        furtherStudyRate: 54.6, demo: false,
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
