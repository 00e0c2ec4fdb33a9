/**
 * La couche HTTP devant l'adaptateur Node d'Astro, pour TOUTE requête (pages statiques comprises,
 * que le middleware d'Astro ne voit pas) — posée par scripts/serve.mjs :
 *
 *   1. en-têtes de sécurité, posés juste avant l'envoi des en-têtes de chaque réponse
 *      (src/http/security-headers.ts) ;
 *   2. corps annoncé (Content-Length) plus grand que la limite → 413 en français sans le lire
 *      (src/http/request-limits.ts), avant toute autre réponse, méthode refusée comprise ;
 *      méthode non prise en charge (TRACE, PUT, DELETE… ; sous /api tout sauf GET, HEAD, OPTIONS)
 *      → 405 en français avec l'en-tête Allow (JSON sous /api) ; OPTIONS sous /api → 204 ;
 *   3. adresse mal encodée (« % » seul, octets qui ne sont pas de l'UTF-8) → 400 en français qui dit
 *      où (src/http/errors.ts), au lieu du « Bad request. » anglais de l'adaptateur ;
 *   4. compression : fichiers construits servis dans leur version précompressée
 *      (src/http/static-precompressed.ts) ; réponses produites à la demande compressées à la volée
 *      par `compression` (expressjs : brotli qualité 4 et gzip niveau 6, des réglages rapides,
 *      au-delà de 1 Ko, texte/HTML/JSON/CSV/GeoJSON/JS/CSS seulement, Vary: Accept-Encoding).
 *
 * Sans dépendance relative autre que src/http : chargé tel quel par Node (types effacés).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { constants } from 'node:zlib';
import compression from 'compression';
import onHeaders from 'on-headers';
import { isCompressibleType, MIN_COMPRESS_BYTES } from './content-types.ts';
import { allowedMethods, errorReply, type ErrorReply, isApiPath, malformedUrlReply, methodNotAllowedReply } from './errors.ts';
import { bodyTooLarge, maxBodyBytes } from './request-limits.ts';
import { pathnameOf, securityHeaders } from './security-headers.ts';
import { CLIENT_ADDRESS_HEADER, clientAddressOf, fromTrustedProxy, type TrustProxy } from './client-address.ts';
import { createStaticSite } from './static-precompressed.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface FrontOptions {
  /** dist/client : les fichiers construits. */
  clientDir: string;
  /** dist/_headers.json (CSP des pages construites), s'il existe. */
  headersFile: string | null;
  /** À qui croire pour `X-Forwarded-For` / `X-Forwarded-Proto` (TRUST_PROXY) ; personne par défaut. */
  trustProxy?: TrustProxy;
}

/** Brotli à la volée : qualité 4 (rapide, proche de gzip 9 en taille) ; la qualité 11 est réservée à la construction. */
export const DYNAMIC_BROTLI_QUALITY = 4;

export function createFrontHandler(next: Handler, options: FrontOptions): Handler {
  const site = createStaticSite(options.clientDir, options.headersFile);
  const htmlCsp = site.cspOf('/404');
  const compress = compression({
    threshold: MIN_COMPRESS_BYTES,
    level: 6,
    brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: DYNAMIC_BROTLI_QUALITY } },
    filter: (_req, res) => isCompressibleType(String(res.getHeader('Content-Type') ?? '')),
  });
  return (req, res) => {
    const pathname = pathnameOf(req.url ?? '/');
    const method = (req.method ?? 'GET').toUpperCase();
    // Lu à l'arrivée : quand les en-têtes partent, la connexion peut déjà être détachée
    // (réponse 413 à un corps envoyé par morceaux, client parti), et `req.socket` vaut null.
    const trust = options.trustProxy ?? (() => false);
    const https = isHttps(req, trust);
    // L'adresse du visiteur, calculée ici une fois ; celle qu'un visiteur enverrait est effacée.
    delete req.headers[CLIENT_ADDRESS_HEADER];
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddressOf(req, trust);
    onHeaders(res, function setSecurityHeaders() {
      const headers = securityHeaders({
        pathname,
        method,
        https,
        existing: (name) => this.getHeader(name),
        htmlCsp,
      });
      for (const [name, value] of Object.entries(headers)) this.setHeader(name, value);
    });

    const refusal = declaredTooLarge(req, pathname) ?? methodReply(method, pathname) ?? malformedUrlReply(req.url ?? '/');
    if (refusal) {
      if (refusal.status === 204) {
        res.writeHead(204, refusal.headers);
        res.end();
        return;
      }
      compress(req as never, res as never, () => sendReply(res, refusal, method));
      return;
    }
    compress(req as never, res as never, () => {
      if (!site.serve(req, res)) next(req, res);
    });
  };
}

/** Un corps annoncé trop gros : 413, même si la méthode est refusée (les bornes d'abord). */
function declaredTooLarge(req: IncomingMessage, pathname: string): ErrorReply | null {
  const declared = req.headers['content-length'];
  const limit = maxBodyBytes();
  if (declared === undefined || !(Number(declared) > limit)) return null;
  const refusal = bodyTooLarge(limit);
  return errorReply(pathname, refusal.status, refusal.title, refusal.message);
}

function methodReply(method: string, pathname: string): ErrorReply | null {
  if (method === 'OPTIONS' && isApiPath(pathname)) {
    const allow = allowedMethods(pathname).join(', ');
    return { status: 204, headers: { allow, 'access-control-allow-origin': '*', 'access-control-allow-methods': allow, 'access-control-max-age': '86400' }, body: '' };
  }
  return methodNotAllowedReply(method, pathname);
}

function sendReply(res: ServerResponse, reply: ErrorReply, method: string): void {
  res.writeHead(reply.status, { ...reply.headers, 'content-length': Buffer.byteLength(reply.body) });
  res.end(method === 'HEAD' ? undefined : reply.body);
}

/** La requête est arrivée en HTTPS : TLS du serveur, ou un mandataire de confiance le dit. */
function isHttps(req: IncomingMessage, trust: TrustProxy): boolean {
  if ((req.socket as TLSSocket | null)?.encrypted) return true;
  if (!fromTrustedProxy(req, trust)) return false;
  const forwarded = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',', 1)[0]?.trim().toLowerCase();
  return first === 'https';
}
