/**
 * Le fond de carte livré avec le site, construit à partir du référentiel géographique (aucune
 * tuile ni serveur externe) : l'enveloppe convexe des communes de chaque intercommunalité (EPCI)
 * — nous n'avons pas les contours officiels —, et chaque commune en point, avec sa population.
 * Coordonnées arrondies à 4 décimales (~10 m) pour garder un fichier léger.
 */
import convex from '@turf/convex';
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import type { Commune, Epci } from '../../domain/geo';

const round = (n: number) => Math.round(n * 1e4) / 1e4;

export type BasemapFeature = Feature<Polygon, { kind: 'epci'; code: string; name: string }> | Feature<Point, { kind: 'commune'; code: string; name: string; population: number }>;

export function buildBasemap(communes: readonly Commune[], epcis: readonly Epci[]): FeatureCollection<Polygon | Point> {
  const byCode = new Map(communes.map((c) => [c.inseeCode, c]));
  const features: BasemapFeature[] = [];
  for (const epci of epcis) {
    const members = epci.memberCodes.flatMap((code) => byCode.get(code) ?? []);
    if (members.length < 3) continue;
    const hull = convex({
      type: 'FeatureCollection',
      features: members.map((c) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [c.lon, c.lat] } })),
    });
    if (!hull) continue;
    const rings = hull.geometry.coordinates.map((ring) => ring.map(([lon, lat]) => [round(lon as number), round(lat as number)]));
    features.push({ type: 'Feature', properties: { kind: 'epci', code: epci.code, name: epci.name }, geometry: { type: 'Polygon', coordinates: rings } });
  }
  for (const c of communes) {
    features.push({
      type: 'Feature',
      properties: { kind: 'commune', code: c.inseeCode, name: c.name, population: c.population },
      geometry: { type: 'Point', coordinates: [round(c.lon), round(c.lat)] },
    });
  }
  return { type: 'FeatureCollection', features };
}
