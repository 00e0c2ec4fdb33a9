/**
 * Export CSV : BOM, séparateur, guillemets et sauts de ligne échappés, formules neutralisées,
 * CSV valide sans ligne. Chaque sortie est relue avec csv-parse (un vrai lecteur CSV).
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { CSV_BOM, csvFileName, neutralizeFormula, toCsv, type CsvColumn } from '../../../src/offer-stats/csv';

interface Row {
  name: string;
  n: number | null;
}
const columns: CsvColumn<Row>[] = [
  { header: 'Nom', value: (r) => r.name },
  { header: 'Nombre', value: (r) => r.n },
];
const read = (csv: string): string[][] => parse(csv, { bom: true, delimiter: ';' });

describe('toCsv', () => {
  it('commence par le BOM UTF-8, sépare par « ; » et finit chaque ligne par CRLF', () => {
    const csv = toCsv([{ name: 'Élodie', n: 3 }], columns);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv).toBe(`${CSV_BOM}Nom;Nombre\r\nÉlodie;3\r\n`);
  });

  it('reste un CSV valide sans aucune ligne : l’en-tête seul', () => {
    const csv = toCsv([], columns);
    expect(csv).toBe(`${CSV_BOM}Nom;Nombre\r\n`);
    expect(read(csv)).toEqual([['Nom', 'Nombre']]);
  });

  it('échappe séparateurs, guillemets et sauts de ligne, et se relit à l’identique', () => {
    const hostile = ['a;b', 'il a dit "bonjour"', 'ligne 1\nligne 2', 'fin\r\n', ' espaces ', 'l’apostrophe', '"', ';;', ''];
    const csv = toCsv(
      hostile.map((name) => ({ name, n: null })),
      columns,
    );
    expect(csv).toContain('"a;b"');
    expect(csv).toContain('"il a dit ""bonjour"""');
    const rows = read(csv);
    expect(rows).toHaveLength(hostile.length + 1);
    expect(rows.slice(1).map((r) => r[0])).toEqual(hostile);
    expect(rows.slice(1).every((r) => r.length === 2 && r[1] === '')).toBe(true);
  });

  it('neutralise les formules de tableur (=, +, -, @, tabulation, retour chariot)', () => {
    const attacks = ['=HYPERLINK("http://x","clic")', '+33 2 40 00 00 00', '-2+3', '@SUM(A1:A2)', '\t=1+1', '\r=1+1'];
    const rows = read(toCsv(attacks.map((name) => ({ name, n: 1 })), columns)).slice(1);
    expect(rows.map((r) => r[0])).toEqual(attacks.map((a) => `'${a}`));
    expect(rows.every((r) => !/^[=+\-@\t\r]/.test(r[0] ?? ''))).toBe(true);
    // Les nombres restent des nombres, même négatifs ; un texte ordinaire n'est pas touché.
    expect(read(toCsv([{ name: 'Ligéria', n: -4.5 }], columns))[1]).toEqual(['Ligéria', '-4.5']);
    expect(neutralizeFormula('Angers')).toBe('Angers');
  });

  it('écrit les valeurs absentes et non finies comme des cases vides', () => {
    expect(read(toCsv([{ name: 'x', n: Number.NaN }], columns))[1]).toEqual(['x', '']);
  });
});

describe('csvFileName', () => {
  it('donne un nom de fichier sans accent ni caractère dangereux', () => {
    expect(csvFileName('formations-Les Herbiers', '2026-11-23')).toBe('formations-les-herbiers-2026-11-23.csv');
    expect(csvFileName('"; rm -rf / é', '2026-11-23')).toBe('rm-rf-e-2026-11-23.csv');
    expect(csvFileName('!!!', '2026-11-23')).toBe('export-2026-11-23.csv');
  });
});
