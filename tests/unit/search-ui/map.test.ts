import { describe, expect, it } from 'vitest';
import { DEFAULT_RADIUS_KM, RADIUS_STEPS } from '../../../src/domain/radius';
import { boundsOf, DEFAULT_RADIUS, RADIUS_CHOICES, radiusForView } from '../../../src/components/map/map';
import { buildBasemap } from '../../../src/components/map/basemap';
import type { Commune, Epci } from '../../../src/domain/geo';

describe('carte : règles pures', () => {
  it('les rayons proposés sont les paliers d’élargissement de l’API, 30 km par défaut', () => {
    expect([...RADIUS_CHOICES]).toEqual([...RADIUS_STEPS]);
    expect(DEFAULT_RADIUS).toBe(DEFAULT_RADIUS_KM);
  });
  it('emprise des points', () => {
    expect(boundsOf([])).toBeNull();
    expect(
      boundsOf([
        { lat: 47, lon: -1 },
        { lat: 48, lon: 0.5 },
        { lat: 46.5, lon: -0.2 },
      ]),
    ).toEqual([-1, 46.5, 0.5, 48]);
  });
  it('« rechercher dans cette zone » : le plus grand rayon qui tient dans la vue', () => {
    expect(radiusForView(3)).toBe(10);
    expect(radiusForView(25)).toBe(20);
    expect(radiusForView(60)).toBe(50);
    expect(radiusForView(400)).toBe(100);
  });
});

function commune(inseeCode: string, lat: number, lon: number, epciCode: string | null): Commune {
  return {
    inseeCode,
    name: `Commune ${inseeCode}`,
    departement: '49',
    postcodes: ['49000'],
    mainPostcode: '49000',
    population: 1000,
    epciCode,
    epciName: null,
    territoireSlug: null,
    lat,
    lon,
    coordSource: 'geonames-insee',
  };
}

describe('fond de carte', () => {
  it('une enveloppe par EPCI (3 communes au moins) et un point par commune', () => {
    const communes = [commune('49001', 47, -1, '200000001'), commune('49002', 47.1, -0.9, '200000001'), commune('49003', 47.05, -0.8, '200000001'), commune('49004', 47.2, -0.5, '200000002'), commune('49005', 47.21, -0.51, '200000002')];
    const epcis: Epci[] = [
      { code: '200000001', name: 'CC A', type: 'CC', memberCodes: ['49001', '49002', '49003'], departements: ['49'], outsideRegionMemberCodes: [] },
      { code: '200000002', name: 'CC B', type: 'CC', memberCodes: ['49004', '49005'], departements: ['49'], outsideRegionMemberCodes: [] },
    ];
    const fc = buildBasemap(communes, epcis);
    const hulls = fc.features.filter((f) => f.properties?.kind === 'epci');
    expect(hulls).toHaveLength(1);
    expect(hulls[0]?.geometry.type).toBe('Polygon');
    const ring = (hulls[0]?.geometry as { coordinates: number[][][] }).coordinates[0] ?? [];
    expect(ring).toContainEqual([-1, 47]);
    expect(ring[0]).toEqual(ring.at(-1));
    expect(fc.features.filter((f) => f.properties?.kind === 'commune')).toHaveLength(5);
  });
});
