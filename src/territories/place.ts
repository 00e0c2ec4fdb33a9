/**
 * Le lieu tapé par l'usager dans un formulaire sans JavaScript : un nom de commune (avec ou sans
 * accents, suivi ou non de son code postal entre parenthèses) ou un code postal, résolu côté serveur avec le référentiel géographique. On retient la
 * meilleure commune et on propose les autres candidates (« Vous pensiez à une autre commune ? »).
 * Un code INSEE (`code_commune`, dans les liens que le site fabrique) désigne une commune sans
 * ambiguïté.
 */
import type { Commune } from '../domain/geo';
import type { GeoReferentiel } from '../geo/referentiel';
import { cleanText } from '../http/params';
import { MAX_PLACE_TEXT_LENGTH } from '../http/request-limits';
import { splitPostcode } from '../lib/place-text';

export const MAX_PLACE_TEXT = MAX_PLACE_TEXT_LENGTH;
export const MAX_ALTERNATIVES = 5;

export type CommuneResolution =
  | { ok: true; commune: Commune; alternatives: Commune[] }
  | { ok: false; message: string };

type Geo = Pick<GeoReferentiel, 'searchCommunes' | 'communeByInsee'>;

/** Résout un nom de commune ou un code postal des Pays de la Loire. */
export function resolveCommuneText(geo: Geo, raw: string): CommuneResolution {
  // La longueur d'abord, sur le texte tel que reçu : rien n'est analysé au-delà.
  if (raw.length > MAX_PLACE_TEXT) return { ok: false, message: `Le nom de la commune ne doit pas dépasser ${MAX_PLACE_TEXT} caractères.` };
  const text = cleanText(raw);
  if (text === '') return { ok: false, message: 'Indiquez une commune ou un code postal.' };
  if (/^\d[\d\s]*$/.test(text) && text.replace(/\s/g, '').length !== 5) {
    return { ok: false, message: 'Un code postal s’écrit avec 5 chiffres (ex. 85500).' };
  }
  // « Cholet (49300) » : ce que les champs à suggestions écrivent ; le code postal départage.
  const split = splitPostcode(text);
  const name = split.name || text;
  const postcode = split.name ? split.postcode : null;
  const found = geo.searchCommunes(name, MAX_ALTERNATIVES + 1);
  const [best, ...others] = postcode ? [...found.filter((c) => c.postcodes.includes(postcode)), ...found.filter((c) => !c.postcodes.includes(postcode))] : found;
  if (!best) {
    return {
      ok: false,
      message: `Aucune commune des Pays de la Loire ne correspond à « ${text} ». Vérifiez l’orthographe, ou tapez le code postal (5 chiffres).`,
    };
  }
  return { ok: true, commune: best, alternatives: others };
}

/** Commune d'un code INSEE (anciens codes acceptés). */
export function resolveCommuneCode(geo: Geo, code: string): CommuneResolution {
  const commune = /^(\d{5}|2[AB]\d{3})$/i.test(code.trim()) ? geo.communeByInsee(code) : undefined;
  return commune
    ? { ok: true, commune, alternatives: [] }
    : { ok: false, message: 'Commune inconnue : ce code ne correspond à aucune commune des Pays de la Loire.' };
}

/** « Les Herbiers (85500) ». */
export function communeLabel(commune: Pick<Commune, 'name' | 'mainPostcode'>): string {
  return `${commune.name} (${commune.mainPostcode})`;
}
