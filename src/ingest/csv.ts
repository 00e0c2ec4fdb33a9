/**
 * Lecture en flux d'un fichier CSV (csv-parse) pour les imports :
 * - décodage par `decode.ts` : BOM reconnue et retirée, UTF-8 ; un octet invalide est remplacé par
 *   « � » et signalé dans le rapport (ligne, octet), le reste du fichier est importé ;
 * - en-tête reconnu par nom, sans tenir compte de la casse, des accents ni de la ponctuation,
 *   avec des intitulés alternatifs (alias) ; une colonne obligatoire absente est fatale ;
 * - chaque enregistrement est rendu avec son numéro de ligne (ligne de fin de l'enregistrement
 *   si un champ contient des retours à la ligne), et une ligne mal formée (nombre de champs,
 *   guillemets) est rejetée dans le rapport sans interrompre la lecture.
 */
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { parse, type CsvError, type Options } from 'csv-parse';
import { decodeStream, reportInvalidBytes } from './decode';
import { ImportFatalError, type ReportBuilder } from './report';
import { trimChar } from '../lib/trim';

export interface CsvColumns<K extends string> {
  required: readonly K[];
  optional?: readonly K[];
  /** Autres intitulés acceptés pour une colonne (comparés après `foldKey`). */
  aliases?: Partial<Record<K, readonly string[]>>;
}

export interface CsvRow<K extends string> {
  line: number;
  /** Valeurs sans espaces autour ; chaîne vide pour une colonne facultative absente. */
  values: Record<K, string>;
}

/**
 * Clé de comparaison (intitulés de colonnes, valeurs codées) : minuscules, sans accents,
 * ponctuation et espaces réduits à « _ ». « Code UAI » → « code_uai », « Année » → « annee ».
 */
export function foldKey(name: string): string {
  return trimChar(
    name
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_'),
    '_',
  );
}

function csvErrorReason(error: CsvError, expectedFields: number): string {
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
      const got = Array.isArray(error.record) ? error.record.length : '?';
      return `nombre de champs incorrect : ${got} au lieu de ${expectedFields} (séparateur ou guillemets mal placés ?)`;
    }
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'guillemet ouvert jamais refermé : la suite du fichier est illisible';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'guillemets mal placés dans la ligne';
    default:
      return `ligne CSV illisible (${error.code})`;
  }
}

function fatalFor(error: unknown, file: string): ImportFatalError {
  if (error instanceof ImportFatalError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('CSV_')) {
    const line = (error as { lines?: unknown }).lines;
    return new ImportFatalError(`CSV mal formé : ${file}, ligne ${String(line)} (${code}).`, file);
  }
  if (typeof code === 'string') return new ImportFatalError(`Fichier illisible : ${file} (${code}).`, file);
  return new ImportFatalError(`Fichier illisible : ${file} (${error instanceof Error ? error.message : String(error)}).`, file);
}

/**
 * Lit `file` enregistrement par enregistrement. Lève `ImportFatalError` si le fichier est illisible,
 * vide, pas en UTF-8, ou s'il manque une colonne obligatoire.
 */
export async function* readCsv<K extends string>(
  file: string,
  delimiter: string,
  columns: CsvColumns<K>,
  report: ReportBuilder,
): AsyncGenerator<CsvRow<K>> {
  let headerLength = 0;
  let index: Map<K, number | null> | null = null;
  // csv-parse ne type `on_record` que s'il rend un tableau : l'objet rendu ici est annoncé par `satisfies`.
  const options = {
    delimiter,
    bom: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    // La première ligne est l'en-tête : elle est lue ici et n'est pas rendue.
    on_record: (record: string[], context): CsvRow<K> | null => {
      if (!index) {
        headerLength = record.length;
        index = mapHeader(record, columns, delimiter, file);
        return null;
      }
      const values = {} as Record<K, string>;
      for (const [key, i] of index) values[key] = i === null ? '' : (record[i]?.trim() ?? '');
      return { line: context.lines, values };
    },
    on_skip: (error) => {
      if (error) report.reject(file, `ligne ${String(error.lines)}`, null, csvErrorReason(error, headerLength));
    },
  } satisfies Options<CsvRow<K>, string[]>;
  const parser = parse(options as Options);
  try {
    // En cas d'erreur (lecture, décodage), pipeline détruit le parseur avec elle : la boucle la relance.
    pipeline(createReadStream(file), (bytes: AsyncIterable<Buffer>) => decodeStream(bytes, { file, onInvalidBytes: reportInvalidBytes(report, file) }), parser, () => {});
    for await (const row of parser as AsyncIterable<CsvRow<K>>) yield row;
  } catch (error) {
    throw fatalFor(error, file);
  }
  if (!index) throw new ImportFatalError(`Fichier vide : ${file} n’a pas de ligne d’en-tête.`, file);
}

/** Position de chaque colonne attendue dans l'en-tête (null : colonne facultative absente). */
function mapHeader<K extends string>(header: string[], columns: CsvColumns<K>, delimiter: string, file: string): Map<K, number | null> {
  const keys = header.map(foldKey);
  const index = new Map<K, number | null>();
  const missing: K[] = [];
  for (const column of [...columns.required, ...(columns.optional ?? [])]) {
    const accepted = new Set([column, ...(columns.aliases?.[column] ?? [])].map(foldKey));
    const i = keys.findIndex((key) => accepted.has(key));
    if (i >= 0) index.set(column, i);
    else if (columns.required.includes(column)) missing.push(column);
    else index.set(column, null);
  }
  if (missing.length > 0) {
    const read = header.join(delimiter);
    throw new ImportFatalError(
      `Format inattendu : ${file} — colonne(s) obligatoire(s) absente(s) : ${missing.join(', ')} ` +
        `(séparateur attendu « ${delimiter} » ; en-tête lu : « ${read.length > 200 ? `${read.slice(0, 200)}…` : read} »).`,
      file,
    );
  }
  return index;
}
