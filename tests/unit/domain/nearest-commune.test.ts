/** « Me localiser » : la commune de la région la plus proche, ou rien hors de la région (src/domain/geo.ts). */
import { describe, expect, it } from 'vitest';
import { NEAREST_COMMUNE_MAX_KM, haversineKm, nearestCommune } from '../../../src/domain/geo';

// Centres de communes réels (arrondis), écrits ici à la main.
const CHOLET = { code: '49099', lat: 47.0598, lon: -0.8797 };
const ANGERS = { code: '49007', lat: 47.4784, lon: -0.5632 };
const LAVAL = { code: '53130', lat: 48.0707, lon: -0.7734 };
const COMMUNES = [ANGERS, CHOLET, LAVAL];

describe('nearestCommune', () => {
  it.each([
    ['au centre de Cholet', { lat: 47.0598, lon: -0.8797 }, '49099'],
    ['à 3 km de Cholet', { lat: 47.08, lon: -0.85 }, '49099'],
    ['à Angers', { lat: 47.47, lon: -0.55 }, '49007'],
    ['près de Laval', { lat: 48.05, lon: -0.8 }, '53130'],
  ])('%s → %s', (_where, point, code) => {
    expect(nearestCommune(COMMUNES, point)?.commune.code).toBe(code);
  });

  it('rend la distance au centre de la commune', () => {
    const point = { lat: 47.08, lon: -0.85 };
    const found = nearestCommune(COMMUNES, point);
    expect(found?.km).toBeCloseTo(haversineKm(point, CHOLET), 9);
    expect(found!.km).toBeGreaterThan(2);
    expect(found!.km).toBeLessThan(4);
  });

  it('hors de la région (Rennes, à plus de 10 km de toute commune donnée) : null', () => {
    expect(NEAREST_COMMUNE_MAX_KM).toBe(10);
    expect(nearestCommune(COMMUNES, { lat: 48.1173, lon: -1.6778 })).toBeNull();
  });

  it('la limite est comprise : à 10 km pile, la commune ; au-delà, null', () => {
    const point = { lat: 47.0598 + 0.05, lon: -0.8797 };
    const km = haversineKm(point, CHOLET);
    expect(nearestCommune([CHOLET], point, km)?.commune.code).toBe('49099');
    expect(nearestCommune([CHOLET], point, km - 0.001)).toBeNull();
  });

  it('aucune commune : null', () => {
    expect(nearestCommune([], { lat: 47, lon: -1 })).toBeNull();
  });
});
