/**
 * Rectangle de préfiltre du rayon (src/search/embedded.ts, `boundingBox`) : il ne doit JAMAIS
 * écarter un point situé dans le rayon (distance de haversine), sinon le filtre de rayon ne
 * serait plus exact ; et il doit rester proche du disque pour servir à quelque chose.
 */
import { describe, expect, it } from 'vitest';
import { haversineKm } from '../../../src/domain/geo';
import { boundingBox, type LatLonBox } from '../../../src/search/embedded';
import { seededRandom } from '../../../src/demo/random';


const inside = (box: LatLonBox, p: { lat: number; lon: number }) => p.lat >= box.minLat && p.lat <= box.maxLat && p.lon >= box.minLon && p.lon <= box.maxLon;

describe('boundingBox', () => {
  it('contient tout point du disque (200 000 tirages, de l’équateur aux hautes latitudes)', () => {
    const random = seededRandom('42');
    let within = 0;
    for (let n = 0; n < 200_000; n++) {
      const origin = { lat: -80 + 160 * random(), lon: -170 + 340 * random() };
      const radiusKm = 1 + 199 * random();
      const box = boundingBox(origin, radiusKm);
      // Points autour de l'origine, jusqu'à ~1,5 fois le rayon (et plus en longitude près des pôles).
      const spread = (1.5 * radiusKm) / 111;
      const point = { lat: origin.lat + spread * (2 * random() - 1), lon: origin.lon + (spread / Math.max(0.05, Math.cos((origin.lat * Math.PI) / 180))) * (2 * random() - 1) };
      if (haversineKm(origin, point) <= radiusKm) {
        within++;
        expect(inside(box, point), JSON.stringify({ origin, radiusKm, point })).toBe(true);
      }
    }
    expect(within).toBeGreaterThan(50_000);
  });

  it('contient les points du cercle lui-même, dans toutes les directions', () => {
    const origin = { lat: 47.218, lon: -1.553 };
    for (const radiusKm of [1, 30, 200]) {
      const box = boundingBox(origin, radiusKm);
      const delta = radiusKm / 6371.0088;
      for (let degrees = 0; degrees < 360; degrees += 0.5) {
        // Point à la distance exacte `radiusKm` dans la direction `degrees` (formule du point de destination).
        const [φ1, λ1, θ] = [(origin.lat * Math.PI) / 180, (origin.lon * Math.PI) / 180, (degrees * Math.PI) / 180];
        const φ2 = Math.asin(Math.sin(φ1) * Math.cos(delta) + Math.cos(φ1) * Math.sin(delta) * Math.cos(θ));
        const λ2 = λ1 + Math.atan2(Math.sin(θ) * Math.sin(delta) * Math.cos(φ1), Math.cos(delta) - Math.sin(φ1) * Math.sin(φ2));
        const point = { lat: (φ2 * 180) / Math.PI, lon: (λ2 * 180) / Math.PI };
        expect(haversineKm(origin, point)).toBeCloseTo(radiusKm, 6);
        expect(inside(box, point), `${radiusKm} km, ${degrees}°`).toBe(true);
      }
    }
  });

  it('reste serré autour du disque (Nantes, 30 km)', () => {
    const box = boundingBox({ lat: 47.218, lon: -1.553 }, 30);
    expect(box.maxLat - box.minLat).toBeCloseTo(60 / 111.195, 3);
    // 1° de longitude ≈ 75,6 km à 47° N : ≈ 0,79° de part et d'autre.
    expect(box.maxLon - box.minLon).toBeGreaterThan(0.79);
    expect(box.maxLon - box.minLon).toBeLessThan(0.81);
    expect(inside(box, { lat: 47.218, lon: -0.563 })).toBe(false); // Angers, ~75 km
  });

  it('sans borne de longitude près d’un pôle ou de part et d’autre de l’antiméridien', () => {
    expect(boundingBox({ lat: 89.9, lon: 0 }, 50)).toMatchObject({ minLon: -Infinity, maxLon: Infinity });
    expect(boundingBox({ lat: -90, lon: 0 }, 1)).toMatchObject({ minLon: -Infinity, maxLon: Infinity });
    expect(boundingBox({ lat: 0, lon: 179.9 }, 50)).toMatchObject({ minLon: -Infinity, maxLon: Infinity });
    expect(boundingBox({ lat: 0, lon: -179.9 }, 50)).toMatchObject({ minLon: -Infinity, maxLon: Infinity });
  });
});
