/**
 * Autocomplétion des communes des Pays de la Loire : par nom (avec ou sans accents, anciens
 * noms de communes déléguées compris) ou par début de code postal.
 */
import type { GeoReferentiel } from '../geo/referentiel';
import { nearestCommune } from '../domain/geo';
import type { Commune, LatLon } from '../domain/geo';
import type { CommuneItem } from './schemas';

export const MAX_COMMUNES = 10;

/** Par nom ou code postal ; si rien ne correspond, les communes à une ou deux fautes de frappe près (« Cholett » → Cholet). */
export function searchCommunes(geo: Pick<GeoReferentiel, 'searchCommunes' | 'suggestCommunes'>, q: string): CommuneItem[] {
  const found = geo.searchCommunes(q, MAX_COMMUNES);
  return (found.length > 0 ? found : geo.suggestCommunes(q, MAX_COMMUNES)).map(communeItem);
}

function communeItem(c: Commune): CommuneItem {
  return { code_insee: c.inseeCode, nom: c.name, code_postal: c.mainPostcode, lat: c.lat, lon: c.lon, departement: c.departement };
}

export const OUTSIDE_REGION_MESSAGE =
  'Votre position semble être hors des Pays de la Loire : le site ne montre que les formations de la région. Tapez plutôt une commune de la région, ou son code postal.';

/** « Me localiser » : la commune de la région la plus proche de la position, ou null si la position est hors de la région. */
export function communeNear(geo: Pick<GeoReferentiel, 'allCommunes'>, point: LatLon): CommuneItem | null {
  const found = nearestCommune(geo.allCommunes(), point);
  return found ? communeItem(found.commune) : null;
}
