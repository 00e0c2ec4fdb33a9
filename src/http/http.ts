/**
 * Petits outils HTTP de l'API publique : réponses JSON, corps d'erreur en français, en-têtes
 * de cache et CORS (API ouverte : lecture seule, sans cookie, appelable de tout site).
 */
import type { ErrorBody } from './schemas';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
/** Réponses réussies : une minute en cache (navigateur et mandataires). */
export const PUBLIC_CACHE = 'public, max-age=60';

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': JSON_CONTENT_TYPE,
      'cache-control': status === 200 ? PUBLIC_CACHE : 'no-store',
      'access-control-allow-origin': '*',
    },
  });
}

export function invalidParams(champs: Record<string, string>): Response {
  return json({ erreur: 'Paramètres invalides', champs } satisfies ErrorBody, 400);
}

export function notFound(erreur: string): Response {
  return json({ erreur } satisfies ErrorBody, 404);
}

/**
 * Exécute un cas d'usage ; toute exception (moteur de recherche injoignable, données absentes…)
 * est journalisée côté serveur et devient une 503 en français, jamais une 500 ni une trace.
 */
export async function guard(route: string, handler: () => Response | Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (error) {
    console.error(`[api] ${route} : erreur inattendue`, error);
    return json({ erreur: 'Service momentanément indisponible. Réessayez dans quelques instants.' } satisfies ErrorBody, 503);
  }
}
