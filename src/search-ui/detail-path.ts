/**
 * Adresse stable d'une formation : `/formations/{id}-{slug}`. L'identifiant (celui de l'action,
 * qui peut contenir des tirets, ex. « VMM-A0000001 ») est encodé ; le slug, tiré de l'intitulé,
 * n'est là que pour la lecture : une adresse au slug périmé redirige vers la bonne.
 */
import { slugify } from '../lib/slug';

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
