/**
 * Intégration Astro : à la fin de la construction (`astro:build:done`), écrit à côté de chaque
 * fichier statique compressible (HTML, JS, CSS, JSON, GeoJSON, CSV, SVG…) de `dist/client/` sa
 * version brotli (`.br`, qualité maximale) et gzip (`.gz`, niveau 9), avec node:zlib. Le serveur
 * les envoie tels quels à qui les accepte (src/http/static-precompressed.ts) : rien n'est
 * recompressé à chaque requête. Écriture atomique (fichier temporaire puis renommage) ; un fichier
 * que la compression n'allège pas n'a pas de version compressée.
 */
import { readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { AstroIntegration } from 'astro';
import { isCompressibleExtension, MIN_PRECOMPRESS_BYTES } from './content-types.ts';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

export function precompressIntegration(): AstroIntegration {
  return {
    name: 'versmonmetier:precompress',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const result = await precompressDirectory(fileURLToPath(dir));
        logger.info(
          `${result.files} fichiers statiques compressés (brotli et gzip) en ${((performance.now() - started) / 1000).toFixed(1)} s : ` +
            `${Math.round(result.rawBytes / 1024)} Ko → ${Math.round(result.brotliBytes / 1024)} Ko en brotli.`,
        );
      },
    },
  };
}

export interface PrecompressResult {
  files: number;
  rawBytes: number;
  brotliBytes: number;
}

/** Compresse tous les fichiers compressibles d'un dossier (récursivement), deux à la fois. */
export async function precompressDirectory(root: string): Promise<PrecompressResult> {
  const files: string[] = [];
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (isCompressibleExtension(path.extname(file))) files.push(file);
  }
  const result: PrecompressResult = { files: 0, rawBytes: 0, brotliBytes: 0 };
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++]!;
      const done = await precompressFile(file);
      if (!done) continue;
      result.files++;
      result.rawBytes += done.raw;
      result.brotliBytes += done.brotli;
    }
  };
  await Promise.all([worker(), worker()]);
  return result;
}

async function precompressFile(file: string): Promise<{ raw: number; brotli: number } | null> {
  if ((await stat(file)).size < MIN_PRECOMPRESS_BYTES) return null;
  const raw = await readFile(file);
  const [br, gzipped] = await Promise.all([
    brotli(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    }),
    gz(raw, { level: 9 }),
  ]);
  if (br.length >= raw.length) return null;
  await writeAtomically(`${file}.br`, br);
  if (gzipped.length < raw.length) await writeAtomically(`${file}.gz`, gzipped);
  return { raw: raw.length, brotli: br.length };
}

async function writeAtomically(target: string, data: Buffer): Promise<void> {
  const temp = `${target}.${process.pid}.tmp`;
  await writeFile(temp, data);
  await rename(temp, target);
}
