/**
 * Le lieu tapé par l'usager dans un formulaire sans JavaScript : un nom de commune (avec ou sans
 * accents, suivi ou non de son code postal entre parenthèses) ou un code postal, résolu côté serveur avec le référentiel géographique. On retient la
 * meilleure commune et on propose les autres candidates (« Vous pensiez à une autre commune ? »).
 * Un code INSEE (`code_commune`, dans les liens que le site fabrique) désigne une commune sans
 * ambiguïté.
 */
import type { Commune } from '../domain/geo';
import { splitPlaceQualifier, type GeoReferentiel } from '../geo/referentiel';
import { townOutsideRegion } from '../geo/outside-region';
import { DEPARTEMENTS_PDL, normalizeName } from '../domain/geo';
import { cleanText } from '../http/params';
import { MAX_PLACE_TEXT_LENGTH } from '../http/request-limits';
import { splitPostcode } from '../lib/place-text';

export const MAX_PLACE_TEXT = MAX_PLACE_TEXT_LENGTH;
export const MAX_ALTERNATIVES = 5;

export type CommuneResolution =
  | { ok: true; commune: Commune; alternatives: Commune[] }
  /** `suggestions` : des communes de la région à proposer (faute de frappe, nom voisin), jamais choisies à la place de l'usager. */
  | { ok: false; message: string; suggestions: Commune[] };

type Geo = Pick<GeoReferentiel, 'searchCommunes' | 'suggestCommunes' | 'communeByInsee'>;

const fail = (message: string, suggestions: Commune[] = []): CommuneResolution => ({ ok: false, message, suggestions });

/** « Cholet (49300) ou Chollet… » */
function orList(communes: readonly Commune[]): string {
  const labels = communes.map(communeLabel);
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} ou ${labels.at(-1)}`;
}

/**
 * Résout un nom de commune ou un code postal des Pays de la Loire : « Cholet », « cholet (49300) »,
 * « 49300 », « Laval 53 », « Laval 53000 », ou un numéro de département (« 53 » : la commune la plus
 * peuplée, les autres proposées). Une ville hors de la région est dite telle ; une faute de frappe
 * reçoit des propositions (« Vouliez-vous dire Cholet (49300) ? »), jamais un choix à sa place.
 */
export function resolveCommuneText(geo: Geo, raw: string): CommuneResolution {
  // La longueur d'abord, sur le texte tel que reçu : rien n'est analysé au-delà.
  if (raw.length > MAX_PLACE_TEXT) return fail(`Le nom de la commune ne doit pas dépasser ${MAX_PLACE_TEXT} caractères.`);
  const text = cleanText(raw);
  if (text === '') return fail('Indiquez une commune ou un code postal.');
  const digits = text.replace(/\s/g, '');
  const allDigits = digits !== '' && [...digits].every((ch) => ch >= '0' && ch <= '9');
  const departement = allDigits && digits.length === 2 ? DEPARTEMENTS_PDL.find((d) => d === digits) : undefined;
  if (allDigits && digits.length !== 5 && !departement) {
    return fail('Un code postal s’écrit avec 5 chiffres (ex. 85500), un département avec 2 (44, 49, 53, 72 ou 85).');
  }
  // « Cholet (49300) » : ce que les champs à suggestions écrivent ; le code postal départage.
  const split = splitPostcode(text);
  // « (49300) » seul : le code postal.
  const name = split.name || split.postcode || text;
  const postcode = split.name ? split.postcode : null;
  const found = geo.searchCommunes(name, MAX_ALTERNATIVES + 1);
  const [best, ...others] = postcode ? [...found.filter((c) => c.postcodes.includes(postcode)), ...found.filter((c) => !c.postcodes.includes(postcode))] : found;
  // Un nom exact de la région l'emporte ; sinon une ville connue hors région est dite telle.
  const exact = best !== undefined && normalizeName(best.name) === normalizeName(splitPlaceQualifier(name).text);
  const outside = exact || allDigits ? undefined : townOutsideRegion(splitPlaceQualifier(name).text);
  if (outside) {
    const near = best ? [best, ...others].slice(0, 3) : [];
    return fail(
      `${outside.name}${outside.departement === outside.name ? '' : ` (${outside.departement})`} n’est pas en Pays de la Loire : le site ne montre que les formations de la région, et celles à distance. ` +
        `Tapez une commune de la région proche de chez vous${near.length > 0 ? `, ou choisissez ${orList(near)}` : ''}.`,
      near,
    );
  }
  if (!best) {
    const suggestions = geo.suggestCommunes(name, 3);
    return fail(
      suggestions.length > 0
        ? `Aucune commune des Pays de la Loire ne s’appelle « ${text} ». Vouliez-vous dire ${orList(suggestions)} ?`
        : `Aucune commune des Pays de la Loire ne correspond à « ${text} ». Vérifiez l’orthographe, ou tapez le code postal (5 chiffres).`,
      suggestions,
    );
  }
  return { ok: true, commune: best, alternatives: others };
}

/** Commune d'un code INSEE (anciens codes acceptés). */
export function resolveCommuneCode(geo: Geo, code: string): CommuneResolution {
  const commune = /^(\d{5}|2[AB]\d{3})$/i.test(code.trim()) ? geo.communeByInsee(code) : undefined;
  return commune
    ? { ok: true, commune, alternatives: [] }
    : fail('Commune inconnue : ce code ne correspond à aucune commune des Pays de la Loire.');
}

/** « Les Herbiers (85500) ». */
export function communeLabel(commune: Pick<Commune, 'name' | 'mainPostcode'>): string {
  return `${commune.name} (${commune.mainPostcode})`;
}
