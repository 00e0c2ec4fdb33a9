/**
 * Adresses des pages des autres parcours, en un seul endroit :
 *  - la recherche de formations `/formations` prend les paramètres de l'API (`metier`, `commune`
 *    = code INSEE, `lat`/`lon`, `rayon`, `territoire`…) ;
 *  - la page d'une formation : `detailPath` (src/search-ui/detail-path.ts) ;
 *  - « Rencontrer un pro » : `/rencontrer-un-pro/?metier=CODE` et `/rencontrer-un-pro/devenir-pro`.
 */
import { metierSlug } from '../lib/slug';

export type SearchLinkParams = Record<string, string | number | readonly (string | number)[] | null | undefined>;

/** `/formations?metier=J1501&commune=53130&rayon=30` (paramètres vides omis, listes répétées). */
export function formationsSearchHref(params: SearchLinkParams): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '') continue;
    for (const v of Array.isArray(value) ? value : [value]) query.append(name, String(v));
  }
  const text = query.toString();
  return text ? `/formations?${text}` : '/formations';
}

export function metierHref(metier: { code: string; label: string }): string {
  return `/metiers/${metierSlug(metier)}/`;
}

export function meetAProHref(code: string): string {
  return `/rencontrer-un-pro/?metier=${encodeURIComponent(code)}`;
}

export const BECOME_A_PRO_HREF = '/rencontrer-un-pro/devenir-pro';

export function territoireHref(slug: string): string {
  return `/territoires/${slug}/`;
}

export function employerHref(params: { territoire?: string; metier?: readonly string[] }): string {
  const query = new URLSearchParams();
  for (const code of params.metier ?? []) query.append('metier', code);
  if (params.territoire) query.set('territoire', params.territoire);
  const text = query.toString();
  return text ? `/entreprises/?${text}` : '/entreprises/';
}
