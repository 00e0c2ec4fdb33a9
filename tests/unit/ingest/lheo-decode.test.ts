import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeStream, detectEncoding } from '../../../src/ingest/decode';
import { ImportFatalError } from '../../../src/ingest/report';

async function decode(chunks: Buffer[], xml = true): Promise<string> {
  let text = '';
  for await (const part of decodeStream(Readable.from(chunks), { file: 'f.xml', xml })) text += part;
  return text;
}

/** Découpe en morceaux d'un octet : chaque caractère multi-octets est coupé entre deux morceaux. */
const bytewise = (bytes: Buffer) => [...bytes].map((b) => Buffer.from([b]));

describe('detectEncoding', () => {
  it.each([
    [[0xef, 0xbb, 0xbf, 0x3c], 'utf-8', 'bom'],
    [[0xff, 0xfe, 0x3c, 0x00], 'utf-16le', 'bom'],
    [[0xfe, 0xff, 0x00, 0x3c], 'utf-16be', 'bom'],
  ] as const)('BOM %j → %s', (bytes, encoding, source) => {
    expect(detectEncoding(Buffer.from(bytes), { xml: true })).toEqual({ encoding, source });
  });

  it('lit l’encodage de la déclaration XML, guillemets simples ou doubles, sinon UTF-8', () => {
    expect(detectEncoding(Buffer.from(`<?xml version="1.0" encoding='Windows-1252' standalone="yes"?><a/>`), { xml: true })).toEqual({
      encoding: 'windows-1252',
      source: 'declaration',
    });
    expect(detectEncoding(Buffer.from('<?xml version="1.0" encoding="UTF8"?>'), { xml: true }).encoding).toBe('utf-8');
    expect(detectEncoding(Buffer.from('<?xml version="1.0"?><a encoding="latin1"/>'), { xml: true })).toEqual({ encoding: 'utf-8', source: 'default' });
    expect(detectEncoding(Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?>'), { xml: false })).toEqual({ encoding: 'utf-8', source: 'default' });
    expect(detectEncoding(Buffer.from('a;b'), { defaultEncoding: 'ISO-8859-15' })).toEqual({ encoding: 'iso-8859-15', source: 'default' });
  });
});

describe('decodeStream', () => {
  const text = '<?xml version="1.0" encoding="UTF-8"?><a>Élève — ½ € 𝄞</a>';

  it('reconstitue les caractères UTF-8 coupés entre deux morceaux et retire la BOM', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf-8')]);
    expect(await decode(bytewise(bytes))).toBe(text);
  });

  it('déclaration ISO-8859-1 coupée entre morceaux : décodée en latin-1', async () => {
    const latin = text.replace('UTF-8', 'ISO-8859-1').replace(' — ½ € 𝄞', ' ½');
    expect(await decode(bytewise(iconv.encode(latin, 'latin1')))).toBe(latin);
  });

  it('UTF-16 LE avec BOM, morceaux d’un octet', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(await decode(bytewise(bytes))).toBe(text);
  });

  it('erreurs fatales : fichier vide, encodage inconnu, octets invalides, caractère tronqué en fin de fichier', async () => {
    const failure = (chunks: Buffer[]) =>
      decode(chunks).then(
        () => null,
        (e: unknown) => e as ImportFatalError,
      );
    expect(await failure([])).toMatchObject({ name: 'ImportFatalError', message: 'fichier vide', file: 'f.xml' });
    expect((await failure([Buffer.from('<?xml version="1.0" encoding="klingon-8"?><a/>')]))?.message).toBe('encodage « klingon-8 » non pris en charge');
    const invalid = Buffer.concat([Buffer.from('<a>\nligne 2\n'), Buffer.from([0x63, 0x61, 0x66, 0xe9]), Buffer.from('</a>')]);
    expect((await failure([invalid]))?.message).toMatch(/^octets invalides pour l'encodage UTF-8 à la ligne 3 \(octet n°16\)/);
    const cut = Buffer.from('<a>é</a>', 'utf-8').subarray(0, 4);
    expect((await failure([cut]))?.message).toBe('le fichier se termine au milieu d\'un caractère UTF-8 (après 4 octets)');
  });
});
