/**
 * « Autres sessions proches » (page d'une formation) : des formations aux mêmes métiers (à défaut,
 * au même intitulé), sur place, à moins du rayon par défaut du lieu de la formation, par distance.
 */
import { DEFAULT_RADIUS_KM } from '../domain/radius';
import { cleanText } from '../http/params';
import type { SearchEngine, SearchHit } from '../search/port';
import { MAX_TEXT_LENGTH } from '../http/request-limits';
import { formationsQuery, searchFormations } from './search';

export const NEARBY_LIMIT = 6;
const MAX_METIERS = 20;

export interface NearbyOf {
  id: string;
  lat: number;
  lon: number;
  romeCodes: readonly string[];
  title: string;
}

export async function nearbyFormations(engine: SearchEngine, of: NearbyOf): Promise<SearchHit[]> {
  const text = of.romeCodes.length === 0 ? cleanText(of.title) : '';
  if (text.length > MAX_TEXT_LENGTH) return [];
  const found = await searchFormations(
    engine,
    formationsQuery({
      text,
      romeCodes: of.romeCodes.slice(0, MAX_METIERS).map((code) => code.toUpperCase()),
      origin: { lat: of.lat, lon: of.lon },
      radiusKm: DEFAULT_RADIUS_KM,
      sort: 'distance',
      perPage: NEARBY_LIMIT + 1,
    }),
  );
  return found.hits.filter((hit) => hit.document.id !== of.id && !hit.document.distanceLearning).slice(0, NEARBY_LIMIT);
}
