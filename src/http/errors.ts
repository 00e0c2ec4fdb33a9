/**
 * Les réponses d'erreur du serveur, en français : page HTML hors de /api, JSON `{ erreur }` sous
 * /api. Pour la couche HTTP (src/http/front.ts : adresse mal encodée, méthode non prise en charge)
 * et le middleware d'Astro (src/middleware.ts : contrôle d'origine, erreur inattendue).
 *
 * Une erreur inattendue (500) reçoit une référence courte : journalisée avec la pile d'appels,
 * montrée sans elle, pour que la personne puisse la citer en écrivant au service.
 *
 * Sans dépendance relative : chargé tel quel par Node (scripts/serve.mjs) et par vitest.
 */
import { randomBytes } from 'node:crypto';

export const HTML_TYPE = 'text/html; charset=utf-8';
export const JSON_TYPE = 'application/json; charset=utf-8';

export function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Une page d'erreur autonome (aucun script, aucune ressource extérieure). */
export function errorPageHtml(title: string, paragraphs: readonly string[]): string {
  return (
    `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="robots" content="noindex"><title>${escapeHtml(title)} | versmonmétier</title></head>` +
    `<body><main><h1>${escapeHtml(title)}</h1>${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}` +
    `<p><a href="/">Retour à l’accueil</a></p></main></body></html>`
  );
}

export interface ErrorReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Une erreur dite en français : JSON sous /api, page HTML ailleurs. */
export function errorReply(pathname: string, status: number, title: string, message: string, extra: { headers?: Record<string, string>; paragraphs?: string[]; json?: Record<string, unknown> } = {}): ErrorReply {
  const api = isApiPath(pathname);
  return {
    status,
    headers: { 'content-type': api ? JSON_TYPE : HTML_TYPE, 'cache-control': 'no-store', ...(api ? { 'access-control-allow-origin': '*' } : {}), ...extra.headers },
    body: api ? JSON.stringify({ erreur: message, ...extra.json }) : errorPageHtml(title, [message, ...(extra.paragraphs ?? [])]),
  };
}

export function toResponse(reply: ErrorReply): Response {
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
}

// ——— Adresse mal encodée ———

function isHex(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

/**
 * Ce qui ne va pas dans l'encodage d'une adresse, ou null si elle se décode : un « % » qui n'est
 * pas suivi de deux chiffres hexadécimaux, ou des octets échappés qui ne forment pas de l'UTF-8
 * (« %E9 » seul, écrit en Latin-1, au lieu de « %C3%A9 » pour « é »). Parcours linéaire.
 */
export function urlEncodingProblem(requestUrl: string): { kind: 'percent' | 'utf8'; position: number; excerpt: string } | null {
  try {
    decodeURI(requestUrl);
    return null;
  } catch {
    // on cherche où
  }
  for (let i = 0; i < requestUrl.length; i++) {
    if (requestUrl.charCodeAt(i) !== 37) continue;
    if (!(isHex(requestUrl.charCodeAt(i + 1)) && isHex(requestUrl.charCodeAt(i + 2)))) {
      return { kind: 'percent', position: i + 1, excerpt: requestUrl.slice(i, i + 3) };
    }
  }
  // Tous les « % » sont bien formés : ce sont les octets qui ne forment pas de l'UTF-8.
  let start = -1;
  for (let i = 0; i < requestUrl.length; i++) {
    if (requestUrl.charCodeAt(i) !== 37) continue;
    let end = i;
    while (requestUrl.charCodeAt(end) === 37 && isHex(requestUrl.charCodeAt(end + 1)) && isHex(requestUrl.charCodeAt(end + 2))) end += 3;
    try {
      decodeURIComponent(requestUrl.slice(i, end));
    } catch {
      start = i;
      return { kind: 'utf8', position: start + 1, excerpt: requestUrl.slice(i, Math.min(end, i + 12)) };
    }
    i = end - 1;
  }
  return { kind: 'percent', position: 1, excerpt: '' };
}

export function malformedUrlReply(requestUrl: string): ErrorReply | null {
  const problem = urlEncodingProblem(requestUrl);
  if (!problem) return null;
  const path = requestUrl.split('?', 1)[0] ?? '';
  const message =
    problem.kind === 'percent'
      ? `Adresse mal formée : au caractère ${problem.position}, « ${problem.excerpt} » n’est pas un caractère encodé (un « % » doit être suivi de deux chiffres hexadécimaux, par exemple « %20 » pour une espace).`
      : `Adresse mal formée : au caractère ${problem.position}, « ${problem.excerpt} » n’est pas du texte UTF-8 (un « é » s’écrit « %C3%A9 » ; l’adresse a peut-être été copiée depuis un logiciel qui utilise un autre encodage).`;
  return errorReply(path, 400, 'Adresse mal formée', message, { json: { champs: {} } });
}

// ——— Méthode non prise en charge ———

/** Les méthodes acceptées : l'API est en lecture seule ; les pages reçoivent aussi les formulaires. */
export function allowedMethods(pathname: string): readonly string[] {
  return isApiPath(pathname) ? ['GET', 'HEAD', 'OPTIONS'] : ['GET', 'HEAD', 'POST'];
}

export function methodNotAllowedReply(method: string, pathname: string): ErrorReply | null {
  const allowed = allowedMethods(pathname);
  if (allowed.includes(method)) return null;
  const shown = method.length > 20 ? `${method.slice(0, 20)}…` : method;
  return errorReply(
    pathname,
    405,
    'Méthode non prise en charge',
    `La méthode ${shown} n’est pas prise en charge à cette adresse. Méthodes acceptées : ${allowed.join(', ')}.`,
    { headers: { allow: allowed.join(', ') } },
  );
}

// ——— Contrôle d'origine ———

export function foreignOriginReply(pathname: string): ErrorReply {
  return errorReply(
    pathname,
    403,
    'Envoi refusé',
    'Ce formulaire n’a pas été envoyé depuis versmonmétier : pour votre sécurité, il n’a pas été pris en compte.',
    { paragraphs: ['Si vous l’avez bien rempli sur ce site, rechargez la page du formulaire puis envoyez-le de nouveau.'] },
  );
}

// ——— Erreur inattendue ———

/** Une référence courte et lisible à dicter ou copier : « E-7K2M9Q ». */
export function newErrorReference(): string {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  const bytes = randomBytes(6);
  let text = '';
  for (const byte of bytes) text += alphabet[byte % alphabet.length];
  return `E-${text}`;
}

/** Journalise l'erreur avec sa pile sous une référence, et rend la réponse 500 qui la cite sans la pile. */
export function serverErrorReply(error: unknown, method: string, pathname: string, log: (...args: unknown[]) => void = console.error): ErrorReply {
  const reference = newErrorReference();
  log(`[erreur ${reference}] ${method} ${pathname.slice(0, 200)} :`, error instanceof Error ? (error.stack ?? error.message) : error);
  return errorReply(
    pathname,
    500,
    'Erreur du service',
    `Une erreur inattendue nous empêche de répondre. Réessayez dans quelques instants. Si elle revient, écrivez-nous en citant la référence ${reference}.`,
    { json: { reference } },
  );
}
