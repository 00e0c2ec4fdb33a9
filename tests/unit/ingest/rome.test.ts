/**
 * Import du ROME 4.0 : fichiers synthétiques écrits ici (cas limites, fichiers hostiles),
 * puis le référentiel réel v460 de ../shared/data/rome4 quand il est présent.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Metier } from '../../../src/domain/metier';
import { ImportFatalError, ReportBuilder } from '../../../src/ingest/report';
import { displayText, importRome } from '../../../src/ingest/rome';
import { sharedData } from '../../support/shared-data';

const tmpDirs: string[] = [];
afterAll(() => tmpDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Écrit un dossier RefRomeCsv : { 'texte': [[en-tête], [ligne]…] } → unix_texte_v460_utf8.csv. */
function romeDir(files: Record<string, string[][]>, version = 460): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vmm-rome-'));
  tmpDirs.push(dir);
  for (const [name, rows] of Object.entries(files)) {
    const csv = rows.map((row) => row.map((field) => `"${field.replace(/"/g, '""')}"`).join(',')).join('\n');
    writeFileSync(path.join(dir, `unix_${name}_v${version}_utf8.csv`), `${csv}\n`);
  }
  return dir;
}

const CODE_ROME_HEADER = ['code_rome', 'code_fiche_metier', 'code_ogr', 'libelle_rome', 'transition_eco', 'transition_num', 'transition_demo', 'emploi_reglemente', 'emploi_cadre', 'code_rome_parent'];
const codeRow = (code: string, label: string, eco = 'Emploi Blanc', num = 'N') => [code, '1', '1', label, eco, num, '', '', '', code];
const APPELLATION_HEADER = ['code_ogr', 'libelle_appellation_long', 'libelle_appellation_court', 'code_rome', 'transition_eco', 'transition_num', 'transition_demo', 'emploi_reglemente', 'emploi_cadre', 'classification', 'origine', 'code_rome_parent', 'peu_usite'];
const appellationRow = (ogr: string, code: string, label: string, classification = 'SYNONYME', rare = 'N', short = label) =>
  [ogr, label, short, code, '', '', '', '', '', classification, '', code, rare];
const TEXTE_HEADER = ['code_rome', 'code_compo_bloc', 'libelle_type_texte', 'position_phrase', 'libelle_texte'];
const MOBILITE_HEADER = ['code_rome', 'code_rome_cible', 'numero_ordre'];

const SYNTHETIC = {
  referentiel_code_rome: [
    CODE_ROME_HEADER,
    codeRow('A1101', 'Conducteur / Conductrice d’engins agricoles', 'Emploi Vert', 'O'),
    codeRow('Z99', 'Code invalide'),
    codeRow('F1703', "Maçon / Maçonne", 'Emploi stratégique pour la Transition écologique'),
    codeRow('M1805', 'Développeur / Développeuse informatique', 'Emploi verdissant'),
    codeRow('N1101', 'Cariste', 'Emploi Brun'),
    codeRow('A1101', 'Doublon'),
  ],
  referentiel_appellation: [
    APPELLATION_HEADER,
    appellationRow('10', 'A1101', "Conducteur / Conductrice d'engins agricoles"),
    appellationRow('11', 'A1101', 'Tractoriste', 'PRINCIPALE', 'N', 'Tractoriste'),
    appellationRow('12', 'Z99', 'Orpheline'),
    appellationRow('13', 'M1805', 'Développeur / Développeuse web', 'SYNONYME', 'O', 'Développeur(se) web'),
    appellationRow('13', 'M1805', 'Doublon de code OGR'),
  ],
  texte: [
    TEXTE_HEADER,
    ['A1101', '3', 'definition', '2', "Assure l''entretien de premier niveau"],
    ['A1101', '3', 'definition', '1', "L'' agent réalise des travaux agricoles mécanisés."],
    ['A1101', '4', 'acces_metier', '1', 'Accessible sans diplôme ; un CAPA est\napprécié.'],
    ['F1703', '3', 'definition', 'x', 'Position illisible'],
    ['Z99', '3', 'definition', '1', 'Texte orphelin'],
  ],
  rubrique_mobilite: [
    MOBILITE_HEADER,
    ['A1101', 'N1101', '2'],
    ['A1101', 'F1703', '1'],
    ['A1101', 'Z99', '3'],
    ['A1101', 'A1101', '4'],
  ],
};

function lineOf(report: ReturnType<ReportBuilder['finish']>, file: string, id: string) {
  return report.rejected.filter((r) => r.file.endsWith(file) && r.id === id);
}

describe('importRome — fichiers synthétiques', () => {
  it('construit les fiches, rejette les lignes invalides avec leur numéro et garde les autres', async () => {
    const report = new ReportBuilder('rome');
    const metiers = await importRome(romeDir(SYNTHETIC), report);
    const result = report.finish();
    const byCode = new Map(metiers.map((m) => [m.code, m]));

    expect(metiers.map((m) => m.code)).toEqual(['A1101', 'F1703', 'M1805', 'N1101']);
    expect(lineOf(result, 'code_rome_v460_utf8.csv', 'Z99')).toEqual([
      expect.objectContaining({ position: 'ligne 3', reason: expect.stringContaining('code ROME invalide « Z99 »') }),
    ]);
    expect(lineOf(result, 'code_rome_v460_utf8.csv', 'A1101')).toEqual([
      expect.objectContaining({ position: 'ligne 7', reason: 'code ROME en double (déjà défini ligne 2)' }),
    ]);
    expect(lineOf(result, 'appellation_v460_utf8.csv', '12')[0]?.reason).toContain('fiche ROME inconnue ou rejetée : « Z99 »');
    expect(lineOf(result, 'appellation_v460_utf8.csv', '13')).toEqual([
      expect.objectContaining({ position: 'ligne 6', reason: 'appellation en double (code OGR déjà vu ligne 5)' }),
    ]);
    expect(lineOf(result, 'texte_v460_utf8.csv', 'F1703')[0]).toMatchObject({ position: 'ligne 6', reason: 'position de phrase invalide « x »' });
    // La phrase sur deux lignes physiques (lignes 4-5) ne décale pas les numéros suivants.
    expect(lineOf(result, 'texte_v460_utf8.csv', 'Z99')[0]?.position).toBe('ligne 7');
    expect(lineOf(result, 'mobilite_v460_utf8.csv', 'A1101 → Z99')).toHaveLength(1);
    expect(lineOf(result, 'mobilite_v460_utf8.csv', 'A1101 → A1101')).toHaveLength(1);
    expect(result.rejected).toHaveLength(8);
    expect(result.accepted).toEqual({ metier: 4, appellation: 3 });

    const a1101 = byCode.get('A1101') as Metier;
    expect(a1101).toMatchObject({
      label: 'Conducteur / Conductrice d’engins agricoles',
      domain: { letter: 'A', code: 'A11', label: 'Agriculture et pêche, espaces naturels et espaces verts, soins aux animaux' },
      ecologicalTransition: 'vert',
      digitalTransition: true,
      relatedCodes: ['F1703', 'N1101'],
      source: 'rome',
      // Phrases dans l'ordre des positions, une par ligne ; apostrophes SQL et espace après l'élision corrigés.
      definition: 'L’agent réalise des travaux agricoles mécanisés.\nAssure l’entretien de premier niveau',
      access: 'Accessible sans diplôme ; un CAPA est apprécié.',
    });
    // L'appellation principale d'abord.
    expect(a1101.appellations).toEqual([
      { code: '11', label: 'Tractoriste', shortLabel: 'Tractoriste', main: true, rare: false },
      { code: '10', label: 'Conducteur / Conductrice d’engins agricoles', shortLabel: 'Conducteur / Conductrice d’engins agricoles', main: false, rare: false },
    ]);
    expect(byCode.get('M1805')?.appellations).toEqual([
      { code: '13', label: 'Développeur / Développeuse web', shortLabel: 'Développeur(se) web', main: false, rare: true },
    ]);
    expect(byCode.get('F1703')).toMatchObject({ ecologicalTransition: 'strategique', definition: null, relatedCodes: [] });
    expect(byCode.get('M1805')?.ecologicalTransition).toBe('verdissant');
    expect(byCode.get('N1101')?.ecologicalTransition).toBe('brun');
    expect(result.warnings.map((w) => w.reason)).toEqual([
      expect.stringContaining('lien compétences ↔ fiches absent de ce jeu de fichiers'),
    ]);
    for (const m of metiers) expect(m.skills).toEqual({ savoirFaire: [], savoirEtre: [], savoirs: [] });
  });

  it('relie compétences, savoirs et contextes quand le fichier de lien unix_coherence_item est présent', async () => {
    const dir = romeDir({
      referentiel_code_rome: [CODE_ROME_HEADER, codeRow('J1501', 'Aide-soignant / Aide-soignante')],
      coherence_item: [
        ['code_rome', 'code_ogr', 'coeur_metier'],
        ...[['J1501', '100'], ['J1501', '200'], ['J1501', '300'], ['J1501', '400'], ['J1501', '999'], ['X1', '100']].map((row) => [...row, 'O']),
      ],
      referentiel_competence: [
        ['code_ogr', 'nature', 'libelle_competence', 'definition', 'code_ogr_macro_comp', 'code_macro_comp', 'cat_comp', 'sous_cat_comp', 'transition_eco', 'transition_num', 'libelle_heterogeneite', 'libelle_origine'],
        ['100', 'Compétence', 'Réaliser des soins d’hygiène', '', '', '', 'Savoir-faire', 'Technique', '', 'N', '', ''],
        ['200', 'Compétence', 'Faire preuve d’empathie', '', '', '', 'Savoir-être professionnel', 'Relationnel', '', 'N', '', ''],
      ],
      referentiel_savoir: [['code_ogr_savoir', 'libelle_savoir', 'categorie_savoir', 'sous_categorie_savoir', 'transition_eco', 'transition_num'], ['300', "Règles d'hygiène", 'Normes et procédés', '', '', 'N']],
      referentiel_contexte_travail: [['code_ogr', 'libelle_cont_travail', 'code_type_cont_trav', 'libelle_type_cont_trav'], ['400', 'Travail le week-end', '2', 'Horaires et durée du travail']],
    });
    const report = new ReportBuilder('rome');
    const [metier] = await importRome(dir, report);
    const result = report.finish();

    expect(metier?.skills).toEqual({
      savoirFaire: [{ code: '100', label: 'Réaliser des soins d’hygiène', category: 'Technique' }],
      savoirEtre: [{ code: '200', label: 'Faire preuve d’empathie', category: 'Relationnel' }],
      savoirs: [{ code: '300', label: 'Règles d’hygiène', category: 'Normes et procédés' }],
    });
    expect(metier?.workContexts).toEqual([{ label: 'Travail le week-end', type: 'Horaires et durée du travail' }]);
    expect(result.rejected.map((r) => [r.position, r.id])).toEqual([
      ['ligne 6', 'J1501 → 999'],
      ['ligne 7', 'X1 → 100'],
    ]);
    expect(result.warnings.map((w) => w.reason)).toEqual([
      expect.stringMatching(/^fichier absent : unix_referentiel_appellation_v\*_utf8\.csv/),
      expect.stringMatching(/^fichier absent : unix_texte_v\*_utf8\.csv/),
      expect.stringMatching(/^fichier absent : unix_rubrique_mobilite_v\*_utf8\.csv/),
    ]);
  });

  it('retient la version la plus récente de chaque fichier, avec un avertissement', async () => {
    const dir = romeDir({ referentiel_code_rome: [CODE_ROME_HEADER, codeRow('A1101', 'Ancien libellé')] }, 459);
    writeFileSync(path.join(dir, 'unix_referentiel_code_rome_v460_utf8.csv'), `${CODE_ROME_HEADER.join(',')}\n${codeRow('A1101', 'Nouveau libellé').join(',')}\n`);
    const report = new ReportBuilder('rome');
    const metiers = await importRome(dir, report);
    expect(metiers.map((m) => m.label)).toEqual(['Nouveau libellé']);
    expect(report.finish().warnings[0]?.reason).toBe(
      'plusieurs versions de unix_referentiel_code_rome_v*_utf8.csv : unix_referentiel_code_rome_v460_utf8.csv est retenu',
    );
  });

  it('échoue en français si une colonne obligatoire manque', async () => {
    const dir = romeDir({ referentiel_code_rome: [['code_rome', 'transition_eco'], ['A1101', 'Emploi Vert']] });
    const attempt = importRome(dir, new ReportBuilder('rome'));
    await expect(attempt).rejects.toBeInstanceOf(ImportFatalError);
    await expect(attempt).rejects.toThrow(/colonne\(s\) obligatoire\(s\) absente\(s\) : libelle_rome/);
  });

  it('échoue si le dossier est vide ou n’existe pas', async () => {
    const empty = romeDir({});
    await expect(importRome(empty, new ReportBuilder('rome'))).rejects.toThrow(
      `Fichier des fiches ROME introuvable : aucun unix_referentiel_code_rome_v*_utf8.csv dans ${empty}.`,
    );
    await expect(importRome(path.join(empty, 'absent'), new ReportBuilder('rome'))).rejects.toThrow(/^Dossier ROME illisible : .*\(ENOENT\)\.$/);
  });

  it('rejette une ligne au nombre de champs incorrect sans arrêter l’import', async () => {
    const dir = romeDir({ referentiel_code_rome: [CODE_ROME_HEADER, codeRow('A1101', 'Un'), ['A1102', 'Deux'], codeRow('A1103', 'Trois')] });
    const report = new ReportBuilder('rome');
    const metiers = await importRome(dir, report);
    expect(metiers.map((m) => m.code)).toEqual(['A1101', 'A1103']);
    expect(report.finish().rejected).toEqual([
      expect.objectContaining({ position: 'ligne 3', reason: expect.stringContaining('nombre de champs incorrect : 2 au lieu de 10') }),
    ]);
  });
});

describe('importRome — octet invalide', () => {
  it('un octet latin-1 dans un libellé : signalé (fichier, ligne, octet), remplacé par « � », le reste importé', async () => {
    const dir = romeDir({ referentiel_code_rome: [CODE_ROME_HEADER, codeRow('A1101', 'Un'), codeRow('F1703', 'MaXon'), codeRow('N1101', 'Cariste')] });
    const file = path.join(dir, 'unix_referentiel_code_rome_v460_utf8.csv');
    const text = readFileSync(file);
    const at = text.indexOf('MaXon') + 2;
    text[at] = 0xe7; // « ç » en latin-1
    writeFileSync(file, text);
    const report = new ReportBuilder('rome');
    const metiers = await importRome(dir, report);
    const result = report.finish();
    expect(metiers.map((m) => m.code)).toEqual(['A1101', 'F1703', 'N1101']);
    expect(metiers.find((m) => m.code === 'F1703')?.label).toBe('Ma\uFFFDon');
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ file, position: `ligne 3, octet n°${at + 1}`, reason: expect.stringMatching(/^octet E7 invalide en UTF-8/) }),
    );
  });
});

describe('displayText', () => {
  it('unifie les apostrophes en ’ et colle l’élision au mot suivant', () => {
    expect(displayText("L' agent d'entretien  de l’ atelier")).toBe('L’agent d’entretien de l’atelier');
    expect(displayText("Aujourd'hui, qu' il")).toBe('Aujourd’hui, qu’il');
  });
});

const rome4 = sharedData('rome4');

describe('importRome — ROME 4.0 v460 réel', () => {
  it.skipIf(!rome4)('importe les 1 584 fiches et les 13 120 appellations sans rejet', async () => {
    const report = new ReportBuilder('rome');
    const metiers = await importRome(rome4 as string, report);
    const result = report.finish();
    const byCode = new Map(metiers.map((m) => [m.code, m]));

    expect(result.rejected).toEqual([]);
    expect(metiers).toHaveLength(1584);
    expect(metiers.reduce((n, m) => n + m.appellations.length, 0)).toBe(13120);
    expect(result.accepted).toEqual({ metier: 1584, appellation: 13120 });
    expect(metiers.every((m) => m.appellations.filter((a) => a.main).length === 1)).toBe(true);
    expect(metiers.filter((m) => m.appellations.some((a) => a.rare)).length).toBeGreaterThan(0);

    const texts = metiers.flatMap((m) => [m.label, m.definition ?? '', m.access ?? '', ...m.appellations.flatMap((a) => [a.label, a.shortLabel ?? ''])]);
    // Ni apostrophe SQL doublée (même devenue ’’), ni apostrophe droite : ’ partout.
    expect(texts.filter((t) => /['’]{2}/.test(t))).toEqual([]);
    expect(texts.filter((t) => t.includes("'"))).toEqual([]);
    expect(metiers.filter((m) => !m.definition || !m.access)).toEqual([]);

    expect(byCode.get('J1501')?.label).toContain('Aide-soignant');
    expect(byCode.get('J1501')?.domain).toEqual({ letter: 'J', code: 'J15', label: 'Santé' });
    expect(byCode.get('M1805')?.appellations.length).toBeGreaterThan(0);
    expect(byCode.get('M1805')?.digitalTransition).toBe(true);
    // A1101 → A1414 porte le numéro d'ordre 1 dans unix_rubrique_mobilite.
    expect(byCode.get('A1101')?.relatedCodes[0]).toBe('A1414');
    const eco = Object.groupBy(metiers, (m) => m.ecologicalTransition);
    expect(Object.fromEntries(Object.entries(eco).map(([k, v]) => [k, v?.length]))).toEqual({ aucun: 1194, strategique: 261, vert: 96, brun: 33 });
    expect(result.warnings.map((w) => w.reason)).toEqual([expect.stringContaining('lien compétences ↔ fiches absent de ce jeu de fichiers')]);
  });
});
