/**
 * Slugs d'URL à partir de textes français : accents repliés, minuscules, tirets.
 * « Aide-soignant / Aide-soignante » → « aide-soignant-aide-soignante ».
 */
import { trimChar, trimEndChar } from './trim';

/** Ligatures et lettres que la décomposition Unicode (NFD) ne replie pas. */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  œ: 'oe',
  Œ: 'oe',
  æ: 'ae',
  Æ: 'ae',
  ß: 'ss',
  ø: 'o',
  Ø: 'o',
  đ: 'd',
  Đ: 'd',
  ł: 'l',
  Ł: 'l',
};

/** Longueur maximale par défaut de la partie texte d'un slug (coupée sur un tiret). */
export const DEFAULT_SLUG_MAX_LENGTH = 80;

/**
 * Transforme un texte en slug : lettres sans accents en minuscules, chiffres et tirets simples.
 * Les apostrophes (’ ') et toute ponctuation deviennent des séparateurs.
 * Un slug trop long est coupé au dernier tiret avant `maxLength`.
 */
export function slugify(text: string, maxLength = DEFAULT_SLUG_MAX_LENGTH): string {
  const folded = text
    .replace(/[œŒæÆßøØđĐłŁ]/g, (c) => SPECIAL_LETTERS[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
  const slug = trimChar(folded.replace(/[^a-z0-9]+/g, '-'), '-');
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength + 1);
  const lastHyphen = cut.lastIndexOf('-');
  return trimEndChar(lastHyphen > 0 ? cut.slice(0, lastHyphen) : slug.slice(0, maxLength), '-');
}

/** Slug d'une fiche métier : le code ROME (en majuscules) suivi du libellé, ex. `J1501-aide-soignant-aide-soignante`. */
export function metierSlug(metier: { code: string; label: string }): string {
  const text = slugify(metier.label);
  return text ? `${metier.code.toUpperCase()}-${text}` : metier.code.toUpperCase();
}

/**
 * Retrouve le code ROME au début d'un slug de fiche métier (insensible à la casse),
 * pour accepter un slug ancien ou mal écrit ; `null` si le slug ne commence pas par un code.
 */
export function romeCodeFromSlug(slug: string): string | null {
  const match = /^([a-n]\d{4})(?:-|$)/i.exec(slug.trim());
  return match?.[1] ? match[1].toUpperCase() : null;
}
