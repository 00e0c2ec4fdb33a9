/**
 * Middleware du site (pages et routes servies par le serveur) : les bornes de la requête,
 * vérifiées avant que la page ou la route n'analyse quoi que ce soit (src/http/request-limits.ts) :
 * adresse trop longue → 414, corps annoncé trop gros → 413, sans lire le corps ; un corps envoyé
 * par morceaux qui dépasse la limite en cours de lecture → 413 aussi (BodyTooLargeError).
 * Puis le contrôle d'origine des formulaires (403 en français, src/http/origin-check.ts) ; une
 * erreur inattendue devient une 500 en français avec une référence (src/http/errors.ts).
 * En-têtes de sécurité et compression : src/http/front.ts (toutes les réponses, statiques comprises).
 * Il passe aux pages les services du processus (racine de composition, src/app/) : `Astro.locals.app`.
 */
import { defineMiddleware } from 'astro:middleware';
import { appServices } from './app/services';
import { foreignOriginReply, serverErrorReply, toResponse } from './http/errors';
import { isForbiddenCrossOrigin } from './http/origin-check';
import { BodyTooLargeError, bodyTooLarge, refusalResponse, refuseBeforeReading } from './http/request-limits';

export const onRequest = defineMiddleware(async (context, next) => {
  context.locals.app = appServices();
  if (context.isPrerendered) return next();
  const { request, url } = context;
  const refusal = refuseBeforeReading(request.url, request.headers);
  if (refusal) return refusalResponse(refusal, url.pathname);
  if (isForbiddenCrossOrigin(request, url)) return toResponse(foreignOriginReply(url.pathname));
  try {
    return await next();
  } catch (error) {
    if (error instanceof BodyTooLargeError) return refusalResponse(bodyTooLarge(error.limit), url.pathname);
    return toResponse(serverErrorReply(error, request.method, url.pathname));
  }
});
