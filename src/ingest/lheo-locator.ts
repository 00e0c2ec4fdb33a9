/**
 * Localisation d'une commune pour l'import LHEO : quand un lieu de formation n'a pas de
 * coordonnées valides, l'importeur prend le centre de sa commune (code INSEE, sinon code postal
 * et nom de ville). `geoLocator` adapte le référentiel géographique du projet à cette interface.
 */
import { normalizeName, type Commune } from '../domain/geo';

export interface LocatedCommune {
  inseeCode: string;
  name: string;
  postcode: string | null;
  lat: number;
  lon: number;
}

export interface CommuneLocator {
  locate(q: { inseeCode?: string | null; postcode?: string | null; city?: string | null }): LocatedCommune | null;
}

type GeoCommune = Pick<Commune, 'inseeCode' | 'name' | 'mainPostcode' | 'postcodes' | 'lat' | 'lon'>;

/** Ce que l'adaptateur utilise du référentiel géographique (`GeoReferentiel` de src/geo/referentiel.ts). */
export interface CommuneLookup {
  communeByInsee(code: string): GeoCommune | undefined;
  searchCommunes(query: string, limit?: number): readonly GeoCommune[];
}

/** Nom de ville d'une adresse postale, sans la mention CEDEX (« NANTES CEDEX 1 » → « NANTES »). */
function cityOf(city: string): string {
  return city.replace(/\bcedex\b(\s*\d+)?/gi, ' ').trim();
}

const SEARCH_LIMIT = 20;

/**
 * Stratégie : commune du code INSEE (anciens codes compris) ; sinon, parmi les communes trouvées
 * par leur nom (anciens noms compris, meilleures correspondances d'abord), la première dont les
 * codes postaux contiennent celui de l'adresse ; à défaut (code CEDEX), celle qui porte exactement
 * ce nom dans le département du code postal ; sans code postal, la seule commune de ce nom.
 */
export function geoLocator(referentiel: CommuneLookup): CommuneLocator {
  const located = (c: GeoCommune, postcode: string | null | undefined): LocatedCommune => ({
    inseeCode: c.inseeCode,
    name: c.name,
    postcode: postcode && c.postcodes.includes(postcode) ? postcode : c.mainPostcode,
    lat: c.lat,
    lon: c.lon,
  });

  return {
    locate({ inseeCode, postcode, city }) {
      const byInsee = inseeCode ? referentiel.communeByInsee(inseeCode) : undefined;
      if (byInsee) return located(byInsee, postcode);
      const name = city ? cityOf(city) : '';
      if (!name) return null;
      const found = referentiel.searchCommunes(name, SEARCH_LIMIT);
      const sameName = found.filter((c) => normalizeName(c.name) === normalizeName(name));
      const pick = postcode
        ? (found.find((c) => c.postcodes.includes(postcode)) ?? sameName.find((c) => c.inseeCode.slice(0, 2) === postcode.slice(0, 2)))
        : sameName.length === 1
          ? sameName[0]
          : undefined;
      return pick ? located(pick, postcode) : null;
    },
  };
}
