/**
 * Lecture en flux d'un CSV « à plat » (une ligne = un enregistrement, comme les fichiers InserJeunes),
 * prudente avec un fichier venu d'ailleurs :
 * - décodage par `decode.ts` (BOM retirée, UTF-8 ; octet invalide remplacé par « � » et signalé, le reste importé) ; fins de ligne CRLF ou LF ;
 * - la longueur de chaque ligne est bornée AVANT toute analyse : une ligne trop longue est rejetée
 *   (sans être gardée en mémoire) et la lecture continue ;
 * - séparateur choisi parmi des candidats d'après la ligne d'en-tête (« ; » ou « , ») ;
 * - les guillemets sont lus ligne par ligne (csv-parse) : un guillemet mal placé ne fait rejeter que sa
 *   ligne ; un champ sur plusieurs lignes n'est pas pris en charge (chaque morceau est rejeté) ;
 * - nombre de champs différent de celui de l'en-tête : ligne rejetée avec son numéro.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { decodeStream, reportInvalidBytes } from './decode';
import { ImportFatalError, type ReportBuilder } from './report';

/** Longueur maximale d'une ligne, en caractères (les lignes réelles en font ~300). */
export const MAX_LINE_CHARS = 16_384;
/** Longueur maximale d'un intitulé de colonne pris en compte. */
const MAX_HEADER_CELL_CHARS = 200;

export interface FlatCsvHeader {
  delimiter: string;
  /** Intitulés tels que lus (sans espaces autour). */
  cells: string[];
}

export interface FlatCsvRow {
  line: number;
  cells: string[];
}

export interface FlatCsvOptions {
  /** Séparateurs possibles ; le plus fréquent dans l'en-tête l'emporte (le premier en cas d'égalité). */
  delimiters: readonly string[];
  maxLineChars?: number;
}

function splitLine(text: string, delimiter: string): string[] {
  if (!text.includes('"')) return text.split(delimiter);
  const records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false }) as string[][];
  if (records.length !== 1) throw new Error('plusieurs enregistrements sur une ligne');
  return records[0] as string[];
}

function count(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** Lignes physiques du texte décodé, bornées : `text` est null pour une ligne trop longue. */
async function* boundedLines(chunks: AsyncIterable<string>, max: number): AsyncGenerator<{ line: number; text: string | null }> {
  let current = '';
  let overflow = false;
  let line = 0;
  for await (const chunk of chunks) {
    let start = 0;
    for (let nl = chunk.indexOf('\n', start); ; nl = chunk.indexOf('\n', start)) {
      const piece = chunk.slice(start, nl === -1 ? undefined : nl);
      if (!overflow) {
        if (current.length + piece.length > max + 1) {
          overflow = true;
          current = '';
        } else current += piece;
      }
      if (nl === -1) break;
      line += 1;
      const text = overflow ? null : current.endsWith('\r') ? current.slice(0, -1) : current;
      yield { line, text: text !== null && text.length > max ? null : text };
      current = '';
      overflow = false;
      start = nl + 1;
    }
  }
  if (overflow || current !== '') {
    line += 1;
    const text = overflow ? null : current.endsWith('\r') ? current.slice(0, -1) : current;
    yield { line, text: text !== null && text.length > max ? null : text };
  }
}

/**
 * Lit l'en-tête (rendu par `onHeader`, qui peut refuser le fichier en levant ImportFatalError), puis
 * chaque ligne de données avec son numéro. Les lignes illisibles sont rejetées dans le rapport.
 */
export async function* readFlatCsv(file: string, options: FlatCsvOptions, report: ReportBuilder, onHeader: (header: FlatCsvHeader) => void): AsyncGenerator<FlatCsvRow> {
  const max = options.maxLineChars ?? MAX_LINE_CHARS;
  let header: FlatCsvHeader | null = null;
  const stream = createReadStream(file);
  try {
    for await (const { line, text } of boundedLines(decodeStream(stream, { file, onInvalidBytes: reportInvalidBytes(report, file) }), max)) {
      if (header === null) {
        if (text === null) throw new ImportFatalError(`Format inattendu : ${file} — la première ligne dépasse ${max} caractères, ce n’est pas un en-tête CSV.`, file);
        if (text.trim() === '') continue;
        const candidates = options.delimiters;
        const delimiter = candidates.reduce((best, d) => (count(text, d) > count(text, best) ? d : best), candidates[0] as string);
        let cells: string[];
        try {
          cells = splitLine(text, delimiter);
        } catch {
          throw new ImportFatalError(`Format inattendu : ${file} — en-tête illisible (guillemets mal placés, ligne ${line}).`, file);
        }
        header = { delimiter, cells: cells.map((c) => (c.length > MAX_HEADER_CELL_CHARS ? '' : c.trim())) };
        onHeader(header);
        continue;
      }
      if (text === null) {
        report.reject(file, `ligne ${line}`, null, `ligne trop longue (plus de ${max} caractères) : ignorée sans être lue`);
        continue;
      }
      if (text.trim() === '') continue;
      let cells: string[];
      try {
        cells = splitLine(text, header.delimiter);
      } catch {
        report.reject(file, `ligne ${line}`, null, 'guillemets mal placés dans la ligne (un champ sur plusieurs lignes n’est pas accepté)');
        continue;
      }
      if (cells.length !== header.cells.length) {
        report.reject(file, `ligne ${line}`, null, `nombre de champs incorrect : ${cells.length} au lieu de ${header.cells.length} (séparateur « ${header.delimiter} » ou guillemets mal placés ?)`);
        continue;
      }
      yield { line, cells: cells.map((c) => c.trim()) };
    }
  } catch (error) {
    if (error instanceof ImportFatalError) throw error;
    const code = (error as { code?: unknown } | null)?.code;
    throw new ImportFatalError(`Fichier illisible : ${file} (${typeof code === 'string' ? code : error instanceof Error ? error.message : String(error)}).`, file);
  } finally {
    stream.destroy();
  }
  if (header === null) throw new ImportFatalError(`Fichier vide : ${file} n’a pas de ligne d’en-tête.`, file);
}
