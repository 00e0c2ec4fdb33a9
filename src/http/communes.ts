/**
 * Autocomplétion des communes des Pays de la Loire : par nom (avec ou sans accents, anciens
 * noms de communes déléguées compris) ou par début de code postal.
 */
import type { GeoReferentiel } from '../geo/referentiel';
import type { CommuneItem } from './schemas';

export const MAX_COMMUNES = 10;

export function searchCommunes(geo: Pick<GeoReferentiel, 'searchCommunes'>, q: string): CommuneItem[] {
  return geo.searchCommunes(q, MAX_COMMUNES).map((c) => ({
    code_insee: c.inseeCode,
    nom: c.name,
    code_postal: c.mainPostcode,
    lat: c.lat,
    lon: c.lon,
    departement: c.departement,
  }));
}
