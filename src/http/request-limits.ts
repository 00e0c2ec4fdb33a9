/**
 * Les bornes de toute requête, vérifiées AVANT d'analyser quoi que ce soit (adresse, paramètres,
 * corps) : par le middleware du site (src/middleware.ts) pour chaque page et route servie par
 * le serveur, et par la lecture des formulaires (src/contact/forms.ts) pour un corps envoyé sans
 * longueur annoncée. Chaque paramètre a ensuite sa propre limite, dite dans son message.
 *
 *   MAX_BODY_BYTES   taille maximale d'un corps de requête, en octets (défaut 65 536 = 64 Ko) :
 *                    au-delà, 413 en français sans lire le corps (en-tête Content-Length), ou dès
 *                    que le compte des octets reçus la dépasse (corps envoyé par morceaux).
 *
 * Sans dépendance (ni zod ni Node) : les limites de texte partent aussi dans le navigateur ; en
 * TypeScript effaçable (chargé tel quel par Node via src/http/front.ts).
 */

/** Longueur maximale de l'adresse demandée (chemin et paramètres), en caractères. */
export const MAX_URL_LENGTH = 8192;
/** Longueur maximale de la valeur d'un paramètre d'adresse (sauf limite plus basse du paramètre). */
export const MAX_PARAM_LENGTH = 1000;
/** Texte libre d'une recherche de formations (`q`). */
export const MAX_TEXT_LENGTH = 200;
/** Texte d'un champ « Où ? » / commune. */
export const MAX_PLACE_TEXT_LENGTH = 100;
/** Texte d'une autocomplétion (communes, métiers). */
export const MAX_AUTOCOMPLETE_LENGTH = 100;
/** Corps de requête par défaut : les formulaires du site font quelques kilo-octets. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** La taille maximale d'un corps de requête : MAX_BODY_BYTES (entier positif), sinon 64 Ko. */
export function maxBodyBytes(env: Record<string, string | undefined> = process.env): number {
  const raw = env.MAX_BODY_BYTES?.trim();
  if (!raw) return DEFAULT_MAX_BODY_BYTES;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : DEFAULT_MAX_BODY_BYTES;
}

/** « 64 Ko », « 1,5 Mo » : une taille dite simplement. */
export function sizeWords(bytes: number): string {
  if (bytes < 1024) return `${bytes} octets`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Ko`;
  return `${(bytes / (1024 * 1024)).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}

/** Le corps dépasse la limite (levée en lisant un formulaire ; le middleware la change en 413). */
export class BodyTooLargeError extends Error {
  readonly limit: number;
  constructor(limit: number) {
    super(`Corps de requête de plus de ${limit} octets.`);
    this.limit = limit;
  }
}

export type Refusal = { status: 413 | 414; title: string; message: string };

export function bodyTooLarge(limit: number): Refusal {
  return {
    status: 413,
    title: 'Envoi trop volumineux',
    message: `Ce que vous avez envoyé est trop volumineux : ${sizeWords(limit)} au plus. Raccourcissez votre texte, puis envoyez de nouveau le formulaire.`,
  };
}

/**
 * Ce qui doit être refusé avant toute lecture : adresse trop longue, ou corps annoncé
 * (Content-Length) plus grand que la limite. `null` si la requête peut continuer.
 */
export function refuseBeforeReading(url: string, headers: Headers, limit = maxBodyBytes()): Refusal | null {
  if (url.length > MAX_URL_LENGTH) {
    return {
      status: 414,
      title: 'Adresse trop longue',
      message: `Cette adresse est trop longue (${MAX_URL_LENGTH.toLocaleString('fr-FR')} caractères au plus). Raccourcissez votre recherche.`,
    };
  }
  const declared = headers.get('content-length');
  if (declared !== null && Number(declared) > limit) return bodyTooLarge(limit);
  return null;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * La réponse d'un refus : JSON `{ erreur }` sous /api, page HTML en français ailleurs. Elle part
 * sans attendre le corps ; Node jette ensuite ce qui arrive encore sans le garder (fermer la
 * connexion tout de suite ferait perdre la réponse au navigateur qui envoie encore).
 */
export function refusalResponse(refusal: Refusal, pathname: string): Response {
  const api = pathname === '/api' || pathname.startsWith('/api/');
  const headers = {
    'content-type': api ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
    'cache-control': 'no-store',
  };
  const body = api
    ? JSON.stringify({ erreur: refusal.message })
    : `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(refusal.title)} | versmonmétier</title></head>` +
      `<body><main><h1>${escapeHtml(refusal.title)}</h1><p>${escapeHtml(refusal.message)}</p><p><a href="/">Retour à l’accueil</a></p></main></body></html>`;
  return new Response(body, { status: refusal.status, headers });
}
