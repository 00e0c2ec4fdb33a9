/**
 * Lecture d'un flux d'octets en texte, avec détection de l'encodage :
 * 1. marque d'ordre des octets (BOM UTF-8, UTF-16 LE/BE) ;
 * 2. sinon, pour du XML, l'encodage déclaré (`<?xml version="1.0" encoding="ISO-8859-1"?>`) ;
 * 3. sinon l'encodage par défaut (UTF-8).
 * UTF-8 est décodé strictement : des octets invalides arrêtent la lecture avec une erreur claire
 * (ligne et octet), au lieu de produire des caractères de remplacement. Les autres encodages
 * passent par iconv-lite. Le texte produit ne contient jamais la BOM.
 */
import iconv from 'iconv-lite';
import { ImportFatalError, type ReportBuilder } from './report';

export interface DecodeOptions {
  /** Nom du fichier, pour les messages d'erreur. */
  file: string;
  /** Lire l'encodage dans la déclaration XML si le fichier n'a pas de BOM. */
  xml?: boolean;
  /** Encodage quand ni BOM ni déclaration ne le précisent. */
  defaultEncoding?: string;
  /**
   * UTF-8 : au lieu d'arrêter la lecture au premier octet invalide, le remplacer par « � », appeler
   * cette fonction avec sa position (ligne, n° d'octet à partir de 1) et continuer.
   */
  onInvalidBytes?: (where: InvalidBytes) => void;
}

/** Octets invalides listés un par un dans le rapport ; au-delà, seulement comptés. */
export const INVALID_BYTES_LISTED = 100;
export const INVALID_BYTES_COUNT = 'séquences d’octets invalides en UTF-8 : remplacées par « � », le reste du fichier importé';

/**
 * La règle commune à tous les imports (LHEO, ROME, InserJeunes, Anotéa) : un octet invalide en UTF-8
 * est remplacé par « � », signalé dans le rapport à sa ligne et son octet (les 100 premiers, puis
 * seulement comptés), et le reste du fichier est importé.
 */
export function reportInvalidBytes(report: ReportBuilder, file: string): (where: InvalidBytes) => void {
  let seen = 0;
  return ({ line, byte, hex }) => {
    seen++;
    report.count(INVALID_BYTES_COUNT);
    if (seen > INVALID_BYTES_LISTED) return;
    const several = hex.includes(' ');
    report.warn(
      file,
      `ligne ${line}, octet n°${byte}`,
      null,
      `octet${several ? 's' : ''} ${hex} invalide${several ? 's' : ''} en UTF-8, remplacé${several ? 's' : ''} par « � » ; le reste du fichier est importé (enregistrez le fichier en UTF-8 ou déclarez son encodage réel)`,
    );
  };
}

export interface InvalidBytes {
  line: number;
  byte: number;
  /** Les octets fautifs en hexadécimal (« E9 »). */
  hex: string;
}

/**
 * Validation UTF-8 octet par octet (RFC 3629 : pas de forme trop longue, pas de demi-paire de
 * substitution, rien au-delà de U+10FFFF), en flux : signale la position de chaque séquence
 * invalide. Parcours linéaire, aucune expression régulière.
 */
export class Utf8Validator {
  private need = 0;
  private lower = 0x80;
  private upper = 0xbf;
  private start = 0;
  private startLine = 1;
  private seq: number[] = [];
  private offset = 0;
  private line = 1;

  constructor(private readonly onInvalid: (where: InvalidBytes) => void) {}

  private invalid(bytes: number[], byte: number, line: number): void {
    this.onInvalid({ line, byte, hex: bytes.map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ') });
  }

  write(bytes: Buffer): void {
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      this.offset++;
      if (this.need > 0) {
        if (b >= this.lower && b <= this.upper) {
          this.seq.push(b);
          this.lower = 0x80;
          this.upper = 0xbf;
          if (--this.need === 0) this.seq = [];
          continue;
        }
        this.invalid(this.seq, this.start, this.startLine);
        this.need = 0;
        this.seq = [];
        // l'octet courant est relu comme début de séquence
      }
      if (b === 0x0a) this.line++;
      if (b < 0x80) continue;
      this.start = this.offset;
      this.startLine = this.line;
      this.seq = [b];
      if (b >= 0xc2 && b <= 0xdf) this.need = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        this.need = 2;
        if (b === 0xe0) this.lower = 0xa0;
        if (b === 0xed) this.upper = 0x9f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        this.need = 3;
        if (b === 0xf0) this.lower = 0x90;
        if (b === 0xf4) this.upper = 0x8f;
      } else {
        this.invalid(this.seq, this.start, this.startLine);
        this.seq = [];
      }
    }
  }

  end(): void {
    if (this.need > 0) this.invalid(this.seq, this.start, this.startLine);
    this.need = 0;
  }
}

export interface DetectedEncoding {
  /** Nom normalisé en minuscules (`utf-8`, `iso-8859-1`, `utf-16le`…). */
  encoding: string;
  source: 'bom' | 'declaration' | 'default';
}

/** Octets lus au maximum avant de décider de l'encodage (la déclaration XML est au tout début). */
const SNIFF_BYTES = 1024;

const BOMS: ReadonlyArray<{ bytes: number[]; encoding: string }> = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

const XML_DECLARED_ENCODING = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._:-]*)["']/;

/** Détermine l'encodage d'après les premiers octets du fichier. */
export function detectEncoding(head: Buffer, options: Pick<DecodeOptions, 'xml' | 'defaultEncoding'> = {}): DetectedEncoding {
  for (const bom of BOMS) {
    if (bom.bytes.every((b, i) => head[i] === b)) return { encoding: bom.encoding, source: 'bom' };
  }
  if (options.xml) {
    const declared = XML_DECLARED_ENCODING.exec(head.toString('latin1'))?.[1];
    if (declared) return { encoding: normalizeEncoding(declared), source: 'declaration' };
  }
  return { encoding: normalizeEncoding(options.defaultEncoding ?? 'utf-8'), source: 'default' };
}

function normalizeEncoding(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower === 'utf8' ? 'utf-8' : lower;
}

interface TextDecoderLike {
  write(bytes: Buffer): string;
  end(): string;
}

function createDecoder(encoding: string, file: string, onInvalid?: (where: InvalidBytes) => void): TextDecoderLike {
  if (encoding === 'utf-8' && onInvalid) {
    // Permissif : chaque séquence invalide devient « � », et sa position est signalée.
    const decoder = new TextDecoder('utf-8', { fatal: false });
    const validator = new Utf8Validator(onInvalid);
    return {
      write: (bytes) => {
        validator.write(bytes);
        return decoder.decode(bytes, { stream: true });
      },
      end: () => {
        validator.end();
        return decoder.decode();
      },
    };
  }
  if (encoding === 'utf-8') {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    return { write: (bytes) => decoder.decode(bytes, { stream: true }), end: () => decoder.decode() };
  }
  if (!iconv.encodingExists(encoding)) {
    throw new ImportFatalError(`encodage « ${encoding} » non pris en charge`, file);
  }
  const decoder = iconv.getDecoder(encoding);
  return { write: (bytes) => decoder.write(bytes), end: () => decoder.end() ?? '' };
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Décode un flux d'octets morceau par morceau (jamais tout le fichier en mémoire).
 * Lève ImportFatalError pour un fichier vide, un encodage inconnu ou des octets invalides.
 */
export async function* decodeStream(stream: AsyncIterable<Buffer | string>, options: DecodeOptions): AsyncGenerator<string> {
  const { file } = options;
  let decoder: TextDecoderLike | undefined;
  let encoding = '';
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let bytesBefore = 0;
  let linesBefore = 0;

  function* emit(bytes: Buffer): Generator<string> {
    let text: string;
    try {
      text = decoder!.write(bytes);
    } catch {
      // Position de la première séquence invalide : décodage permissif du morceau fautif.
      const lenient = new TextDecoder('utf-8').decode(bytes);
      const prefix = lenient.slice(0, Math.max(0, lenient.indexOf('\uFFFD')));
      const line = linesBefore + countNewlines(prefix) + 1;
      const byteNumber = bytesBefore + Buffer.byteLength(prefix) + 1;
      throw new ImportFatalError(
        `octets invalides pour l'encodage ${encoding.toUpperCase()} à la ligne ${line} (octet n°${byteNumber}) : ` +
          `le fichier n'est pas en ${encoding.toUpperCase()} ; déclarez son encodage réel, par exemple <?xml version="1.0" encoding="ISO-8859-1"?>`,
        file,
      );
    }
    bytesBefore += bytes.length;
    linesBefore += countNewlines(text);
    if (text) yield text;
  }

  function start(): void {
    const head = Buffer.concat(pending, pendingBytes);
    encoding = detectEncoding(head, options).encoding;
    decoder = createDecoder(encoding, file, options.onInvalidBytes);
  }

  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf-8') : chunk;
    if (decoder) {
      yield* emit(bytes);
      continue;
    }
    pending.push(bytes);
    pendingBytes += bytes.length;
    const head = Buffer.concat(pending, pendingBytes);
    const declarationComplete = !options.xml || head.includes('?>') || head.length >= SNIFF_BYTES;
    if (head.length >= 4 && declarationComplete) {
      start();
      pending = [];
      yield* emit(head);
    }
  }
  if (!decoder) {
    if (pendingBytes === 0) throw new ImportFatalError('fichier vide', file);
    start();
    yield* emit(Buffer.concat(pending, pendingBytes));
  }
  let tail: string;
  try {
    tail = decoder!.end();
  } catch {
    throw new ImportFatalError(`le fichier se termine au milieu d'un caractère ${encoding.toUpperCase()} (après ${bytesBefore} octets)`, file);
  }
  if (tail) yield tail;
}
