/** Les adresses des pages de « Rencontrer un pro » (liens des e-mails et des pages). */

export const PATHS = {
  browse: '/rencontrer-un-pro/',
  pro: (id: string) => `/rencontrer-un-pro/pro/${id}/`,
  verify: '/rencontrer-un-pro/confirmer/',
  /** Confirmation d'adresse d'une demande (la personne, ou son parent / conseiller·e). */
  confirmRequest: '/rencontrer-un-pro/confirmer-demande/',
  respond: '/rencontrer-un-pro/repondre/',
  manage: '/rencontrer-un-pro/mon-profil/',
  manageLink: '/rencontrer-un-pro/mon-profil/lien/',
  report: '/rencontrer-un-pro/signaler/',
  /** Lien de déverrouillage d'un compte de modération. */
  unlock: '/admin/deverrouiller/',
} as const;

export function linkTo(base: string, pathname: string, params: Record<string, string> = {}): string {
  const url = new URL(pathname, `${base}/`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.href;
}
