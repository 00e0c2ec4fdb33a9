/**
 * Écriture en flux : échappement XML et écrivain tamponné qui respecte la contre-pression
 * du flux (on n'assemble jamais tout le document en mémoire).
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

const SPECIAL = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const SPECIAL_ALL = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Échappe un texte pour un contenu d'élément ou une valeur d'attribut entre guillemets ; retire les caractères interdits en XML 1.0. */
export function escapeXml(text: string): string {
  if (!SPECIAL.test(text)) return text;
  return text.replace(SPECIAL_ALL, (c) => ENTITIES[c] ?? '');
}

/** `<name attrs>texte échappé</name>` */
export function el(name: string, text: string | number, attrs?: Record<string, string>): string {
  return `<${name}${attrString(attrs)}>${escapeXml(String(text))}</${name}>`;
}

export function attrString(attrs?: Record<string, string>): string {
  if (!attrs) return '';
  let s = '';
  for (const [k, v] of Object.entries(attrs)) s += ` ${k}="${escapeXml(v)}"`;
  return s;
}

/** Écrivain tamponné : accumule les morceaux et les écrit par blocs d'environ 256 Ko. */
export class BufferedWriter {
  private readonly stream: WriteStream;
  private parts: string[] = [];
  private size = 0;

  constructor(
    readonly file: string,
    private readonly threshold = 256 * 1024,
  ) {
    this.stream = createWriteStream(file, { encoding: 'utf8' });
  }

  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= this.threshold) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
  }
}
