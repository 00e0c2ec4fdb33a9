/**
 * L'offre d'un territoire EFOP pour sa page : chiffres, par domaine, par niveau et par lieu
 * (comptés par le moteur de recherche, src/offer-stats/counts.ts), et la carte des lieux de
 * formation, dont les points viennent du catalogue (ce ne sont pas des comptes).
 */
import type { Catalog } from '../catalog/index';
import type { GeoReferentiel } from '../geo/referentiel';
import { trainingPlaces, type ActionLocation, type TrainingPlace } from '../offer-stats/aggregate';
import { territoireOffer, type TerritoireOffer } from '../offer-stats/counts';
import type { SearchEngine } from '../search/port';

/** Les lieux des actions du territoire : même rattachement que les documents de recherche (code INSEE de la commune du lieu). */
export function territoireLocations(catalog: Pick<Catalog, 'offer'>, geo: Pick<GeoReferentiel, 'territoireOf'>, slug: string): ActionLocation[] {
  return catalog
    .offer()
    .actions.filter((a) => a.place.inseeCode !== null && geo.territoireOf(a.place.inseeCode)?.slug === slug)
    .map(({ place }) => ({ inseeCode: place.inseeCode, city: place.city, lat: place.lat, lon: place.lon }));
}

export interface TerritoirePageOffer extends TerritoireOffer {
  places: TrainingPlace[];
}

export async function territoirePageOffer(engine: Pick<SearchEngine, 'countFacets'>, catalog: Pick<Catalog, 'offer'>, geo: Pick<GeoReferentiel, 'territoireOf'>, slug: string): Promise<TerritoirePageOffer> {
  const offer = await territoireOffer(engine, slug);
  return { ...offer, places: trainingPlaces(territoireLocations(catalog, geo, slug), offer.byPlace) };
}
