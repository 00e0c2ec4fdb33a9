/**
 * « Formations près de chez vous » d'une fiche métier, sur les données de démonstration et le vrai
 * moteur : aide-soignant (J1501) autour de Laval.
 */
import { describe, expect, it } from 'vitest';
import { haversineKm } from '../../../src/domain/geo';
import { loadCatalog } from '../../../src/catalog/catalog';
import { NEAR_LIMIT, NEAR_RADIUS_KM, nearestTrainings, parseNearRequest } from '../../../src/formations/near-metier';
import { realServices } from './support';

const services = await realServices();
const q = (query: string) => parseNearRequest(services.geo, new URLSearchParams(query));

describe('parseNearRequest', () => {
  it('lit une commune tapée, un code INSEE ou une position', () => {
    const byName = q('commune=Laval');
    expect(byName.kind === 'ok' && byName.origin.kind === 'commune' && byName.origin.commune.inseeCode).toBe('53130');
    const byCode = q('code_commune=85109');
    expect(byCode.kind === 'ok' && byCode.origin.kind === 'commune' && byCode.origin.commune.name).toBe('Les Herbiers');
    expect(q('lat=48.0712345&lon=-0.7698765')).toEqual({ kind: 'ok', origin: { kind: 'position', lat: 48.071, lon: -0.77 }, communeText: '' });
  });

  it('demande la position avec « Me localiser », même si une commune est tapée', () => {
    expect(q('localiser=1&commune=Laval')).toEqual({ kind: 'empty', askPosition: true });
    expect(q('')).toEqual({ kind: 'empty', askPosition: false });
  });

  it('refuse une saisie invalide avec un message en français, la saisie gardée', () => {
    expect(q('commune=Zzzzville')).toMatchObject({ kind: 'invalid', field: 'commune', communeText: 'Zzzzville' });
    expect(q('lat=abc&lon=1')).toMatchObject({ kind: 'invalid', field: 'position' });
    expect(q('lat=48')).toMatchObject({ kind: 'invalid', field: 'position' });
    expect(q('lat=40.7&lon=-74')).toMatchObject({ kind: 'invalid', message: expect.stringContaining('hors de France') });
    expect(q('code_commune=99999')).toMatchObject({ kind: 'invalid', field: 'commune' });
  });
});

describe('nearestTrainings', () => {
  it('donne les formations à venir d’aide-soignant les plus proches de Laval, à moins de 30 km', async () => {
    const request = q('commune=Laval');
    if (request.kind !== 'ok') throw new Error('Laval introuvable');
    const found = await nearestTrainings(services, 'J1501', request.origin);
    expect(found.widened).toBe(false);
    expect(found.radiusKm).toBe(NEAR_RADIUS_KM);
    expect(found.results.length).toBeGreaterThan(0);
    expect(found.results.length).toBeLessThanOrEqual(NEAR_LIMIT);
    const laval = services.geo.communeByInsee('53130')!;
    for (const r of found.results) {
      expect(r.metiers).toContain('J1501');
      expect(r.sessions.length).toBeGreaterThan(0);
      if (!r.a_distance) {
        expect(r.distance_km!).toBeLessThanOrEqual(NEAR_RADIUS_KM);
        expect(haversineKm(laval, r.lieu)).toBeCloseTo(r.distance_km!, 0);
      }
    }
    const distances = found.results.filter((r) => !r.a_distance).map((r) => r.distance_km!);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(found.searchHref).toBe('/formations?metier=J1501&commune=53130&rayon=30');
  });

  it('élargit et le dit quand aucune formation sur place n’est à moins de 30 km (aide-soignant autour de Mamers)', async () => {
    const request = q('commune=Mamers');
    if (request.kind !== 'ok') throw new Error('Mamers introuvable');
    // Condition vérifiée sans le moteur : aucune action sur place d'aide-soignant à moins de 30 km.
    const offer = loadCatalog().offer();
    const formations = new Set(offer.formations.filter((f) => f.romeCodes.includes('J1501')).map((f) => f.id));
    const mamers = request.origin.kind === 'commune' ? request.origin.commune : null;
    const nearest = Math.min(...offer.actions.filter((a) => formations.has(a.formationId) && a.teachingMode !== 'distance').map((a) => haversineKm(mamers!, a.place)));
    expect(nearest).toBeGreaterThan(NEAR_RADIUS_KM);

    const found = await nearestTrainings(services, 'J1501', request.origin);
    expect(found.widened).toBe(true);
    expect(found.radiusKm).toBeGreaterThan(NEAR_RADIUS_KM);
    expect(found.results.some((r) => !r.a_distance && r.distance_km! > NEAR_RADIUS_KM && r.distance_km! <= found.radiusKm)).toBe(true);
    // Le lien vers la recherche complète garde le rayon de la fiche : la recherche élargira elle aussi.
    expect(found.searchHref).toContain('rayon=30');
  });
});
