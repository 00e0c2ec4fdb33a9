/**
 * Les fichiers statiques de `dist/client/` (pages construites, /_astro/*, fond de carte…), servis
 * AVANT l'adaptateur Node d'Astro, avec la version précompressée à la construction
 * (src/http/precompress-integration.ts) que le navigateur accepte : brotli (`.br`), sinon gzip
 * (`.gz`), sinon le fichier tel quel. L'adaptateur (send 1.x) ne sait pas servir ces versions.
 *
 * - `Vary: Accept-Encoding` sur tout fichier qui en a une version compressée ;
 * - `Cache-Control: public, max-age=31536000, immutable` sur /_astro/* (noms avec empreinte) ;
 * - la CSP d'une page construite est celle qu'Astro a calculée pour ELLE (dist/_headers.json,
 *   option `staticHeaders` de l'adaptateur), cherchée par son chemin exact.
 * Un chemin qui n'est pas un fichier construit passe à l'adaptateur (pages servies à la demande).
 *
 * Sans dépendance relative : chargé tel quel par Node (scripts/serve.mjs) et par vitest.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import Negotiator from 'negotiator';
import send from 'send';
import { contentTypeOfExtension } from './content-types.ts';

export const IMMUTABLE = 'public, max-age=31536000, immutable';

export interface StaticSite {
  /** Sert la requête si elle vise un fichier construit ; sinon `false` (rien n'a été écrit). */
  serve(req: IncomingMessage, res: ServerResponse): boolean;
  /** La CSP calculée par Astro pour une page construite (« /404 »…), ou null. */
  cspOf(pagePath: string): string | null;
}

/** Le choix d'encodage d'après Accept-Encoding, parmi les versions qui existent. */
export function chooseEncoding(acceptEncoding: string | undefined, available: readonly ('br' | 'gzip')[]): 'br' | 'gzip' | 'identity' {
  if (available.length === 0) return 'identity';
  const negotiator = new Negotiator({ headers: { 'accept-encoding': (acceptEncoding ?? '').slice(0, 500) } }) as unknown as PreferringNegotiator;
  // À poids égal, brotli d'abord (negotiator 0.6 : second argument « preferred », absent des types).
  const chosen = negotiator.encoding([...available, 'identity'], ['br', 'gzip', 'identity']);
  return chosen === 'br' || chosen === 'gzip' ? chosen : 'identity';
}

type PreferringNegotiator = { encoding(available: string[], preferred: string[]): string | undefined };

export function createStaticSite(clientDir: string, headersFile: string | null): StaticSite {
  const root = path.resolve(clientDir);
  const csp = readCspByPath(headersFile);
  return {
    cspOf: (pagePath) => csp.get(pagePath) ?? null,
    serve(req, res) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      const raw = (req.url ?? '/').split(/[?#]/, 1)[0] ?? '/';
      let urlPath: string;
      try {
        urlPath = decodeURIComponent(raw);
      } catch {
        return false;
      }
      if (urlPath.includes('\0')) return false;
      const normalized = path.posix.normalize(urlPath);
      let file = path.join(root, normalized);
      if (file !== root && !file.startsWith(root + path.sep)) return false;
      let stats = statOrNull(file);
      if (stats?.isDirectory()) {
        file = path.join(file, 'index.html');
        stats = statOrNull(file);
      }
      if (!stats?.isFile()) return false;
      const extension = path.extname(file);
      if (extension === '.br' || extension === '.gz') return false;

      const available: ('br' | 'gzip')[] = [];
      if (existsSync(`${file}.br`)) available.push('br');
      if (existsSync(`${file}.gz`)) available.push('gzip');
      const encoding = chooseEncoding(header(req, 'accept-encoding'), available);
      const servedFile = encoding === 'br' ? `${file}.br` : encoding === 'gzip' ? `${file}.gz` : file;

      const type = contentTypeOfExtension(extension);
      if (type) res.setHeader('Content-Type', type);
      if (available.length > 0) res.setHeader('Vary', 'Accept-Encoding');
      if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
      if (normalized.startsWith('/_astro/')) res.setHeader('Cache-Control', IMMUTABLE);
      if (extension === '.html') {
        const pagePath = pageKey(path.relative(root, file));
        const policy = csp.get(pagePath);
        if (policy) res.setHeader('Content-Security-Policy', policy);
        if (!normalized.startsWith('/_astro/')) res.setHeader('Cache-Control', 'public, max-age=0');
      }
      send(req, path.relative(root, servedFile).split(path.sep).join('/'), { root, dotfiles: 'deny', index: false, cacheControl: false })
        .on('error', (error: { status?: number }) => {
          res.statusCode = error.status ?? 500;
          res.end();
        })
        .pipe(res);
      return true;
    },
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function statOrNull(file: string) {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}

/** « metiers/x/index.html » → « /metiers/x » ; « index.html » → « / » ; « 404.html » → « /404 ». */
export function pageKey(relativeFile: string): string {
  const posix = relativeFile.split(path.sep).join('/');
  const withoutIndex = posix === 'index.html' ? '' : posix.endsWith('/index.html') ? posix.slice(0, -'/index.html'.length) : posix.replace(/\.html$/, '');
  return `/${withoutIndex}`;
}

/** dist/_headers.json de l'adaptateur : [{ pathname, headers: [{ key, value }] }]. */
function readCspByPath(headersFile: string | null): Map<string, string> {
  const map = new Map<string, string>();
  if (!headersFile || !existsSync(headersFile)) return map;
  const entries = JSON.parse(readFileSync(headersFile, 'utf8')) as { pathname: string; headers: { key: string; value: string }[] }[];
  for (const entry of entries) {
    const policy = entry.headers.find((h) => h.key.toLowerCase() === 'content-security-policy')?.value;
    if (!policy) continue;
    const key = entry.pathname.length > 1 && entry.pathname.endsWith('/') ? entry.pathname.slice(0, -1) : entry.pathname;
    map.set(key || '/', policy);
  }
  return map;
}
