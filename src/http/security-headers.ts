/**
 * Les en-têtes de sécurité de TOUTE réponse du serveur (pages statiques, pages servies à la
 * demande, API, fichiers, refus et erreurs), posés en un seul endroit : la couche HTTP devant
 * l'adaptateur Node d'Astro (src/http/front.ts), juste avant l'envoi des en-têtes.
 *
 *   Content-Security-Policy     celle d'Astro sur les pages (empreintes de ses scripts et styles,
 *                               directives de src/http/csp-directives.ts) ; ailleurs (API, refus,
 *                               fichiers) une politique qui n'autorise aucun script ;
 *   X-Content-Type-Options      nosniff ;
 *   X-Frame-Options             DENY (navigateurs anciens ; frame-ancestors 'none' pour les autres) ;
 *   Referrer-Policy             strict-origin-when-cross-origin, et same-origin sur les pages
 *                               ouvertes par un lien magique (jeton dans l'adresse) : l'adresse et
 *                               son jeton ne partent vers aucun autre site ; pas no-referrer, avec
 *                               lequel le navigateur envoie « Origin: null » pour les formulaires de
 *                               ces pages, que le contrôle d'origine refuse (src/http/origin-check.ts) ;
 *   Permissions-Policy          géolocalisation pour le site seul (« Me localiser »), le reste fermé ;
 *   Strict-Transport-Security   seulement quand la requête est arrivée en HTTPS (TLS du serveur,
 *                               ou « X-Forwarded-Proto: https » d'un mandataire : un navigateur
 *                               ignore cet en-tête reçu en HTTP clair, le poser à tort ne risque rien) ;
 *   Cache-Control: no-store     sur toute page qui montre des données personnelles (modération,
 *                               réponse d'un pro, profil, confirmations, e-mails de développement)
 *                               et sur toute réponse qui pose un cookie.
 *
 * Sans dépendance relative : chargé tel quel par Node (scripts/serve.mjs) et par vitest.
 */

/** Politique des réponses qui ne sont pas des pages d'Astro : rien ne s'y exécute. */
export const FALLBACK_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export const PERMISSIONS_POLICY =
  'geolocation=(self), camera=(), microphone=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), midi=(), magnetometer=(), gyroscope=(), accelerometer=(), browsing-topics=(), interest-cohort=()';

export const HSTS = 'max-age=63072000; includeSubDomains';

/** Les pages ouvertes par un lien magique d'un e-mail (le jeton est dans l'adresse). */
const MAGIC_LINK_PREFIXES = [
  '/rencontrer-un-pro/confirmer',
  '/rencontrer-un-pro/confirmer-demande',
  '/rencontrer-un-pro/repondre',
  '/rencontrer-un-pro/mon-profil',
  '/rencontrer-un-pro/signaler',
  '/admin',
  '/dev/mails',
  // « Ma sélection » : le code du lien court est un secret au porteur ; sans JavaScript, la liste et
  // les notes sont dans l'adresse de /selection/ (ADR 015).
  '/s',
  '/selection',
];

/** Les pages qui montrent des données personnelles : jamais gardées en cache. */
const PERSONAL_PREFIXES = [
  ...MAGIC_LINK_PREFIXES,
  '/rencontrer-un-pro/demande-envoyee',
  '/rencontrer-un-pro/devenir-pro/merci',
  '/conseil',
];

function underAny(pathname: string, prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`) || pathname.startsWith(`${prefix}.`));
}

/** Le chemin d'une adresse de requête (« /a/b?c » → « /a/b »), sans barre finale. */
export function pathnameOf(requestUrl: string): string {
  const end = requestUrl.search(/[?#]/);
  const pathname = end === -1 ? requestUrl : requestUrl.slice(0, end);
  let decoded = pathname;
  try {
    decoded = decodeURI(pathname);
  } catch {
    // adresse mal encodée : refusée plus loin, on garde le texte brut
  }
  return decoded.length > 1 && decoded.endsWith('/') ? decoded.slice(0, -1) : decoded;
}

export function isMagicLinkPage(pathname: string): boolean {
  return underAny(pathname, MAGIC_LINK_PREFIXES);
}

export function isPersonalPage(pathname: string): boolean {
  return underAny(pathname, PERSONAL_PREFIXES);
}

export interface HeaderContext {
  /** Le chemin demandé (src/http/security-headers.ts pathnameOf). */
  pathname: string;
  /** La requête est arrivée en HTTPS. */
  https: boolean;
  /** Les en-têtes déjà choisis par la page ou la route (noms en minuscules). */
  existing: (name: string) => string | number | readonly string[] | undefined;
  /** Méthode de la requête : une réponse à un envoi de formulaire n'est jamais gardée. */
  method: string;
  /**
   * La CSP d'une page HTML qui n'a pas la sienne (la page 404 construite, servie par l'adaptateur
   * pour toute adresse inconnue) : celle de la page 404 d'Astro, qui autorise ses scripts et styles.
   */
  htmlCsp?: string | null;
}

/** Les en-têtes de sécurité à poser (ou à remplacer) sur une réponse. */
export function securityHeaders(context: HeaderContext): Record<string, string> {
  const headers: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': isMagicLinkPage(context.pathname) ? 'same-origin' : 'strict-origin-when-cross-origin',
    'permissions-policy': PERMISSIONS_POLICY,
    'cross-origin-opener-policy': 'same-origin',
  };
  if (context.existing('content-security-policy') === undefined) {
    const html = String(context.existing('content-type') ?? '').toLowerCase().startsWith('text/html');
    headers['content-security-policy'] = html && context.htmlCsp ? context.htmlCsp : FALLBACK_CSP;
  }
  if (context.https) headers['strict-transport-security'] = HSTS;
  if (isPersonalPage(context.pathname) || context.existing('set-cookie') !== undefined || context.method === 'POST') {
    headers['cache-control'] = 'no-store';
  }
  return headers;
}
