/**
 * Export CSV pour un tableur (Excel, LibreOffice), avec la bibliothèque csv-stringify :
 *  - UTF-8 avec BOM (sans lui, Excel lit les accents de travers) ;
 *  - séparateur « ; » et fins de ligne CRLF, ce qu'Excel en français ouvre d'un double clic ;
 *  - guillemets autour des champs qui contiennent « ; », « " » ou un saut de ligne (« " » doublé) ;
 *  - injection de formule neutralisée : un texte qui commence par =, +, -, @, tabulation ou retour
 *    chariot est précédé d'une apostrophe, pour que le tableur ne l'exécute jamais ;
 *  - la ligne d'en-tête est toujours écrite : un export sans ligne reste un CSV valide.
 */
import { stringify } from 'csv-stringify/sync';
import { trimChar } from '../lib/trim';

export const CSV_BOM = '\uFEFF';
export const CSV_DELIMITER = ';';
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

export type CsvValue = string | number | null;

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => CsvValue;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** Texte sûr pour un tableur (voir l'en-tête du module). */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function cell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return neutralizeFormula(value);
}

export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const records = [columns.map((c) => cell(c.header)), ...rows.map((row) => columns.map((c) => cell(c.value(row))))];
  return stringify(records, { bom: true, delimiter: CSV_DELIMITER, record_delimiter: 'windows' });
}

/** Nom de fichier sûr pour l'en-tête Content-Disposition : lettres sans accents, chiffres, tirets. */
export function csvFileName(base: string, date: string): string {
  const safe = trimChar(
    base
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[^A-Za-z0-9]+/g, '-'),
    '-',
  ).toLowerCase();
  return `${safe || 'export'}-${date}.csv`;
}
