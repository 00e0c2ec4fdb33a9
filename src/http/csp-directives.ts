/**
 * Les directives de la politique de sécurité du contenu (CSP), en plus de `script-src` et
 * `style-src` qu'Astro écrit lui-même avec les empreintes (sha256) de ses scripts et styles
 * (astro.config.mjs, `security.csp`). Aucun script en ligne n'est permis sans empreinte.
 *
 * - la carte (MapLibre) lance son travailleur depuis une adresse `blob:` (worker-src, child-src)
 *   et lit ses tuiles et son fond de carte en `fetch` (connect-src) ; un fond en ligne
 *   (MAP_STYLE_URL, lu à la construction) ajoute son origine à connect-src et img-src ;
 * - frame-ancestors 'none' : aucune page ne peut être affichée dans un cadre d'un autre site
 *   (les boutons « Publier »/« Refuser » de /admin ne peuvent pas être piégés) ; cette directive
 *   ne vaut que dans un en-tête, d'où `staticHeaders` de l'adaptateur pour les pages statiques.
 *
 * Sans dépendance : lu par astro.config.mjs avant toute construction.
 */
export function cspDirectives(env: Record<string, string | undefined> = process.env) {
  const extra = mapOrigin(env.MAP_STYLE_URL);
  const withExtra = (base: string) => (extra ? `${base} ${extra}` : base);
  return [
    "default-src 'self'",
    withExtra("connect-src 'self'"),
    withExtra("img-src 'self' data: blob:"),
    "font-src 'self'",
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ] as const;
}

/** L'origine (https://hôte) d'un fond de carte en ligne, ou null. */
function mapOrigin(raw: string | undefined): string | null {
  const text = raw?.trim();
  if (!text) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}
