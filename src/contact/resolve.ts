/**
 * Des champs texte des formulaires aux codes : une commune (« Angers », « Angers (49000) »,
 * « 49000 » ou un code INSEE) et un métier (« Pâtissier », « Pâtissier / Pâtissière (D1104) »
 * ou un code ROME). Les îlots d'autocomplétion remplissent la forme « Libellé (code) » ; sans
 * JavaScript, le texte tapé suffit s'il est sans ambiguïté.
 */
import { normalizeName, type Commune } from '../domain/geo';
import type { Metier } from '../domain/metier';
import type { GeoReferentiel } from '../geo/referentiel';
import type { MetierIndex } from '../http/metiers';
import { fold } from '../search/analyzer';
import { splitPostcode } from '../lib/place-text';

export type Resolved<T> = { ok: true; value: T } | { ok: false; message: string };

/** Texte affiché dans le champ pour une commune choisie : « Angers (49000) ». */
export function communeText(c: Commune): string {
  return `${c.name} (${c.mainPostcode})`;
}

export function metierText(m: Pick<Metier, 'code' | 'label'>): string {
  return `${m.label} (${m.code})`;
}

export function resolveCommune(geo: Pick<GeoReferentiel, 'communeByInsee' | 'searchCommunes'>, raw: string): Resolved<Commune> {
  const text = raw.trim().slice(0, 100);
  if (text === '') return { ok: false, message: 'Indiquez une commune.' };
  const { name, postcode } = splitPostcode(text);
  if (/^\d{5}$/.test(name)) {
    // Un code postal d'abord, sinon un code INSEE (les liens « autres pros » en portent un).
    const byPostcode = geo.searchCommunes(name, 50).filter((c) => c.postcodes.includes(name));
    if (byPostcode.length === 1) return { ok: true, value: byPostcode[0] as Commune };
    const byCode = geo.communeByInsee(name);
    if (byPostcode.length === 0 && byCode) return { ok: true, value: byCode };
    if (byPostcode.length > 1) {
      return { ok: false, message: `Plusieurs communes ont le code postal ${name} : écrivez le nom, par exemple « ${communeText(byPostcode[0] as Commune)} ».` };
    }
    return { ok: false, message: 'Aucune commune des Pays de la Loire n’a ce code postal.' };
  }
  const key = normalizeName(name);
  const exact = geo
    .searchCommunes(name, 50)
    .filter((c) => normalizeName(c.name) === key && (postcode === null || c.postcodes.includes(postcode)));
  if (exact.length === 1) return { ok: true, value: exact[0] as Commune };
  if (exact.length > 1) {
    return { ok: false, message: `Plusieurs communes s’appellent ainsi : ajoutez le code postal, par exemple « ${communeText(exact[0] as Commune)} ».` };
  }
  const suggestions = geo.searchCommunes(name, 3).map(communeText);
  return {
    ok: false,
    message: suggestions.length
      ? `Commune introuvable. Vouliez-vous dire : ${suggestions.join(', ')} ?`
      : 'Commune introuvable dans les Pays de la Loire. Vérifiez l’orthographe.',
  };
}

export function resolveMetier(index: MetierIndex, getMetier: (code: string) => Metier | undefined, raw: string): Resolved<Metier> {
  const text = raw.trim().slice(0, 200);
  if (text === '') return { ok: false, message: 'Indiquez un métier.' };
  const code = /\(([A-Na-n]\d{4})\)$/.exec(text)?.[1] ?? (/^[A-Na-n]\d{4}$/.test(text) ? text : null);
  if (code) {
    const metier = getMetier(code);
    return metier ? { ok: true, value: metier } : { ok: false, message: 'Ce code métier n’existe pas.' };
  }
  const results = index.search(text);
  const key = fold(text);
  const exact = results.find((r) => fold(r.libelle) === key || (r.appellation !== null && fold(r.appellation) === key));
  // Sinon le meilleur résultat, s'il commence par le texte tapé (« pâtissier » → « Pâtissier / Pâtissière »).
  const first = results[0];
  const prefix = first && (fold(first.libelle).startsWith(key) || fold(first.appellation ?? '').startsWith(key)) ? first : undefined;
  const chosen = exact ?? prefix ?? (results.length === 1 ? first : undefined);
  const metier = chosen ? getMetier(chosen.code) : undefined;
  if (metier) return { ok: true, value: metier };
  const suggestions = results.slice(0, 3).map((r) => r.libelle);
  return {
    ok: false,
    message: suggestions.length
      ? `Précisez le métier. Vouliez-vous dire : ${suggestions.join(' ; ')} ?`
      : 'Métier introuvable. Essayez un autre mot (exemple : pâtissier, infirmier).',
  };
}
