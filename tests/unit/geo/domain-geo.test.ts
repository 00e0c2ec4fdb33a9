import { describe, expect, it } from 'vitest';
import {
  Commune,
  haversineKm,
  isInFrance,
  isInPaysDeLaLoireBBox,
  normalizeName,
  TerritoireEfop,
} from '../../../src/domain/geo';

describe('haversineKm', () => {
  it('Nantes – Angers ≈ 80 km', () => {
    const nantes = { lat: 47.2173, lon: -1.5534 };
    const angers = { lat: 47.4712, lon: -0.5518 };
    expect(haversineKm(nantes, angers)).toBeGreaterThan(77);
    expect(haversineKm(nantes, angers)).toBeLessThan(83);
  });

  it('est symétrique et nulle pour un même point', () => {
    const a = { lat: 46.67, lon: -1.43 };
    const b = { lat: 48.07, lon: -0.77 };
    expect(haversineKm(a, a)).toBe(0);
    expect(haversineKm(a, b)).toBeCloseTo(haversineKm(b, a), 9);
  });

  it('un degré de latitude ≈ 111,2 km', () => {
    expect(haversineKm({ lat: 47, lon: 0 }, { lat: 48, lon: 0 })).toBeCloseTo(111.2, 1);
  });
});

describe('normalizeName', () => {
  it.each([
    ['Château-Gontier-sur-Mayenne', 'chateau gontier sur mayenne'],
    ["Les Sables-d'Olonne", 'les sables d olonne'],
    ['Les Sables-d’Olonne', 'les sables d olonne'],
    ['St-Nazaire', 'saint nazaire'],
    ['st nazaire', 'saint nazaire'],
    ['Ste Luce sur Loire', 'sainte luce sur loire'],
    ['St. Herblain', 'saint herblain'],
    ["L'Île-d'Yeu", 'l ile d yeu'],
    ['  BONNŒUVRE ', 'bonnoeuvre'],
    ['Saint-Paterne - Le Chevain', 'saint paterne le chevain'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });

  it('ne remplace pas « st » à l’intérieur d’un mot', () => {
    expect(normalizeName('Ernée-Est')).toBe('ernee est');
    expect(normalizeName('Stade')).toBe('stade');
  });
});

describe('isInFrance', () => {
  it('accepte la métropole, les îles et la Corse', () => {
    expect(isInFrance(47.2173, -1.5534)).toBe(true); // Nantes
    expect(isInFrance(46.7252, -2.3494)).toBe(true); // L'Île-d'Yeu
    expect(isInFrance(48.4584, -5.0861)).toBe(true); // Ouessant
    expect(isInFrance(41.9192, 8.7386)).toBe(true); // Ajaccio
    expect(isInFrance(51.0343, 2.3768)).toBe(true); // Dunkerque
  });

  it('rejette les coordonnées hors de France, inversées ou invalides', () => {
    expect(isInFrance(-1.5534, 47.2173)).toBe(false); // inversées
    expect(isInFrance(0, 0)).toBe(false);
    expect(isInFrance(40.4168, -3.7038)).toBe(false); // Madrid
    expect(isInFrance(51.5074, -0.1278)).toBe(false); // Londres
    expect(isInFrance(Number.NaN, 2)).toBe(false);
    expect(isInFrance(16.25, -61.58)).toBe(false); // Guadeloupe : hors métropole
  });

  it('boîte des Pays de la Loire', () => {
    expect(isInPaysDeLaLoireBBox(47.2173, -1.5534)).toBe(true);
    expect(isInPaysDeLaLoireBBox(48.8566, 2.3522)).toBe(false); // Paris
  });
});

describe('schémas', () => {
  const commune = {
    inseeCode: '44109',
    name: 'Nantes',
    departement: '44',
    postcodes: ['44000'],
    mainPostcode: '44000',
    population: 1,
    epciCode: '244400404',
    epciName: 'Nantes Métropole',
    territoireSlug: 'loire-atlantique-centre',
    lat: 47.2,
    lon: -1.55,
    coordSource: 'geonames-name',
  };

  it('valide une commune et rejette un département hors région ou une source inconnue', () => {
    expect(Commune.safeParse(commune).success).toBe(true);
    expect(Commune.safeParse({ ...commune, departement: '35' }).success).toBe(false);
    expect(Commune.safeParse({ ...commune, coordSource: 'devinette' }).success).toBe(false);
    expect(Commune.safeParse({ ...commune, inseeCode: '4410' }).success).toBe(false);
  });

  it('un territoire EFOP est forcément provisoire', () => {
    const t = { slug: 'vendee-ouest', name: 'Vendée Ouest', departement: '85', epciCodes: [], communeCodes: [] };
    expect(TerritoireEfop.safeParse({ ...t, provisional: true }).success).toBe(true);
    expect(TerritoireEfop.safeParse({ ...t, provisional: false }).success).toBe(false);
  });
});
