/**
 * Le contrôle d'origine des envois de formulaires, en français : les mêmes règles que celui
 * d'Astro (`security.checkOrigin`, astro/dist/core/app/origin-check.js, désactivé dans
 * astro.config.mjs parce que son refus est un texte anglais) — un envoi (méthode autre que GET,
 * HEAD, OPTIONS) sur une page servie à la demande dont l'en-tête Origin manque ou n'est pas
 * l'origine du site est refusé (403) s'il a le type d'un formulaire, ou s'il n'a pas de type.
 */
const FORM_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isForbiddenCrossOrigin(request: Request, url: URL): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const sameOrigin = request.headers.get('origin') === url.origin;
  const contentType = request.headers.get('content-type');
  if (contentType !== null) {
    const lower = contentType.toLowerCase();
    return FORM_CONTENT_TYPES.some((type) => lower.includes(type)) && !sameOrigin;
  }
  return !sameOrigin;
}
