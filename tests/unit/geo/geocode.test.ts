/** Règles de géocodage sur des sources synthétiques (rapide, sans données réelles). */
import { describe, expect, it } from 'vitest';
import { geocodeCommunes, nameVariants } from '../../../src/geo/build';
import type { DecoupageCommune, GeoPlace, GeoSources } from '../../../src/geo/sources';

const commune = (code: string, nom: string, codesPostaux: string[], extra: Partial<DecoupageCommune> = {}): DecoupageCommune => ({
  code,
  nom,
  type: 'commune-actuelle',
  departement: '44',
  codesPostaux,
  population: 100,
  ...extra,
});
const delegated = (code: string, nom: string, chefLieu: string): DecoupageCommune => ({
  code,
  nom,
  type: 'commune-deleguee',
  departement: '44',
  chefLieu,
});
const place = (name: string, lat: number, lon: number, inseeCode: string | null, source: GeoPlace['source'] = 'cities500'): GeoPlace => ({
  name,
  lat,
  lon,
  departement: '44',
  inseeCode,
  population: 600,
  source,
});

const sources: GeoSources = {
  communes: [
    commune('44001', 'Alpha', ['44100']),
    commune('44002', 'Beta-en-Retz', ['44200', '44300']),
    delegated('44002', 'Beta', '44002'),
    delegated('44003', 'Gamma', '44002'),
    commune('44004', 'Delta', ['44100']),
    commune('44005', "L'Epsilon-sur-Loire", ['44100']),
    commune('44006', 'Zeta', ['44100']),
    commune('44007', 'Eta', ['44300']),
    commune('44008', 'Theta', ['44900']),
    commune('44009', 'Iota', ['44950']),
    commune('35001', 'Hors région', ['35000'], { departement: '35' }),
  ],
  epcis: [
    { code: '200000001', nom: 'CC Un', type: 'CC', membres: ['44001', '44002', '44004', '44005', '44006', '44008'].map((code) => ({ code, nom: code })) },
    { code: '200000002', nom: 'CC Deux', type: 'CC', membres: [{ code: '44007', nom: 'Eta' }] },
  ],
  places: [
    place('Alpha', 47.0, -1.5, '44001'),
    place('Beta', 47.1, -1.6, '44002'),
    place('Gamma', 47.3, -1.4, '44003'),
    place('Hameau de Delta', 47.2, -1.2, '44004'),
    place('Epsilon', 47.4, -1.1, null, 'cities.json'),
    // Homonyme de Zeta situé dans Alpha : ne doit jamais servir pour Zeta.
    place('Zeta', 46.0, -2.0, '44001'),
  ],
  rejectedPlaces: 0,
};

describe('geocodeCommunes', () => {
  const coords = geocodeCommunes(sources);

  it('applique chaque règle dans l’ordre', () => {
    expect(coords.get('44001')).toEqual({ lat: 47.0, lon: -1.5, source: 'geonames-name' });
    const beta = coords.get('44002');
    expect(beta?.source).toBe('geonames-delegated-mean');
    expect(beta?.lat).toBeCloseTo(47.2, 9);
    expect(beta?.lon).toBeCloseTo(-1.5, 9);
    expect(coords.get('44004')).toEqual({ lat: 47.2, lon: -1.2, source: 'geonames-insee' });
    expect(coords.get('44005')).toEqual({ lat: 47.4, lon: -1.1, source: 'geonames-name-variant' });
  });

  it('replis : code postal + EPCI, code postal, EPCI, département', () => {
    // Zeta : 44100 dans CC Un → Alpha, Delta, Epsilon (l'homonyme d'Alpha est écarté).
    const zeta = coords.get('44006');
    expect(zeta?.source).toBe('postcode-epci-mean');
    expect(zeta?.lat).toBeCloseTo((47.0 + 47.2 + 47.4) / 3, 9);
    // Eta : 44300 (CC Deux) ; seule Beta-en-Retz a 44300, en code secondaire.
    expect(coords.get('44007')).toMatchObject({ source: 'postcode-mean' });
    expect(coords.get('44007')?.lat).toBeCloseTo(47.2, 9);
    expect(coords.get('44008')?.source).toBe('epci-mean');
    expect(coords.get('44009')?.source).toBe('departement-mean');
  });

  it('ignore les communes hors des Pays de la Loire', () => {
    expect(coords.has('35001')).toBe(false);
    expect(coords.size).toBe(8);
  });
});

describe('nameVariants', () => {
  it('sans article, coupé avant un mot de liaison', () => {
    expect(nameVariants('chateau gontier sur mayenne')).toContain('chateau gontier');
    expect(nameVariants('l epsilon sur loire')).toEqual(expect.arrayContaining(['epsilon sur loire', 'epsilon', 'l epsilon']));
    expect(nameVariants('nantes')).toEqual([]);
  });
});
