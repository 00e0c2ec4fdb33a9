/**
 * Les adresses des pages du site, en un seul endroit (sans dépendance autre que src/lib/slug.ts :
 * ce module part aussi dans le navigateur) :
 *  - la recherche de formations `/formations` prend les paramètres de l'API (`metier`, `commune`
 *    = code INSEE, `lat`/`lon`, `rayon`, `territoire`…) ;
 *  - la page d'une formation : `detailPath` ;
 *  - « Rencontrer un pro » : `/rencontrer-un-pro/?metier=CODE` et `/rencontrer-un-pro/devenir-pro`.
 */
import { metierSlug, slugify } from './slug';

export type SearchLinkParams = Record<string, string | number | readonly (string | number)[] | null | undefined>;

/** `/formations?metier=J1501&commune=53130&rayon=30` (paramètres vides omis, listes répétées). */
export function formationsSearchHref(params: SearchLinkParams | URLSearchParams): string {
  if (params instanceof URLSearchParams) return formationsQueryHref(params.toString());
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '') continue;
    for (const v of Array.isArray(value) ? value : [value]) query.append(name, String(v));
  }
  return formationsQueryHref(query.toString());
}

function formationsQueryHref(text: string): string {
  return text ? `/formations?${text}` : '/formations';
}

export function metierHref(metier: { code: string; label: string }): string {
  return `/metiers/${metierSlug(metier)}/`;
}

/** « Ce que j'ai envie de faire » : la liste des centres d'intérêt. */
export const INTERESTS_HREF = '/metiers/envies/';

/** « J’ai envie de cuisiner et de régaler » → « cuisiner et de régaler » (sans « J’ai envie de »). */
export function interestWish(label: string): string {
  return label.trim().replace(/^j['’]ai envie d(?:e |['’])/i, '');
}

/** L'adresse (segment) d'un centre d'intérêt : « 4-cuisiner-et-de-regaler ». */
export function interestSlug(interest: { code: string; label: string }): string {
  return `${interest.code}-${slugify(interestWish(interest.label))}`;
}

/** Un centre d'intérêt et ses métiers. */
export function interestHref(interest: { code: string; label: string }): string {
  return `${INTERESTS_HREF}${interestSlug(interest)}/`;
}

/** « Formations près de chez vous » d'un métier (adresse du formulaire, sans paramètre). */
export function nearMetierHref(slug: string): string {
  return `/metiers/${slug}/pres-de-chez-vous/`;
}

/** Un grand domaine du ROME dans la liste des métiers. */
export function metierDomainHref(letter: string): string {
  return `/metiers/#domaine-${letter}`;
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
  return employerQueryHref(query.toString());
}

/** `/entreprises/?…` avec une chaîne de paramètres déjà écrite (voir `employerQuery`). */
export function employerQueryHref(query: string): string {
  return query ? `/entreprises/?${query}` : '/entreprises/';
}

/** L'export CSV de la page « Recruter », pour la même demande. */
export function employerCsvHref(query: string): string {
  return `/api/entreprises/sessions.csv?${query}`;
}

/**
 * Adresse stable d'une formation : `/formations/{id}-{slug}`. L'identifiant (celui de l'action,
 * qui peut contenir des tirets, ex. « VMM-A0000001 ») est encodé ; le slug, tiré de l'intitulé,
 * n'est là que pour la lecture : une adresse au slug périmé redirige vers la bonne.
 */
export function detailPath(id: string, title: string): string {
  const slug = slugify(title, 70);
  return `/formations/${encodeURIComponent(id)}${slug ? `-${slug}` : ''}`;
}

/**
 * Retrouve l'identifiant dans le segment d'adresse `{id}-{slug}` : le plus long préfixe, coupé
 * sur un tiret, qui est un identifiant connu. `undefined` si aucun ne l'est.
 */
export function idFromSegment(segment: string, exists: (id: string) => boolean): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return undefined;
  }
  if (exists(decoded)) return decoded;
  for (let i = decoded.lastIndexOf('-'); i > 0; i = decoded.lastIndexOf('-', i - 1)) {
    const candidate = decoded.slice(0, i);
    if (exists(candidate)) return candidate;
  }
  return undefined;
}

/** « Ma sélection » (sa liste est dans l'adresse sans JavaScript : `?e=f:ID&e=m:CODE…`). */
export const SELECTION_HREF = '/selection/';
export const COMPARE_HREF = '/selection/comparer/';
/** Le mode « écran partagé » des conseillers. */
export const COUNSELLOR_HREF = '/conseil/';

/** `/selection/?e=f:1&e=m:M1805` : une liste de jetons dans l'adresse (`extra` : autres paramètres). */
export function selectionHref(tokens: readonly string[], extra: Record<string, string> = {}, base = SELECTION_HREF): string {
  const query = new URLSearchParams();
  for (const t of tokens) query.append('e', t);
  for (const [k, v] of Object.entries(extra)) if (v !== '') query.set(k, v);
  const text = query.toString();
  return text ? `${base}?${text}` : base;
}

/** Le lien court d'une sélection emportée. */
export function shortLinkPath(code: string): string {
  return `/s/${code}`;
}
