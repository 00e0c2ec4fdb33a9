import { describe, expect, it } from 'vitest';
import { CommunePicker, loadPdlCommunes, randomCoordinates, randomStreet } from '../../../src/demo/places';
import { Rng } from '../../../src/demo/random';

const communes = loadPdlCommunes();
const picker = new CommunePicker(communes);

describe('communes des Pays de la Loire', () => {
  it('charge les communes actuelles des cinq départements', () => {
    expect(communes.length).toBeGreaterThan(1150);
    expect(communes.length).toBeLessThan(1300);
    expect(new Set(communes.map((c) => c.departement))).toEqual(new Set(['44', '49', '53', '72', '85']));
    const nantes = picker.get('44109');
    expect(nantes?.name).toBe('Nantes');
    expect(nantes?.postcodes).toContain('44000');
  });

  it('tire les communes selon leur population', () => {
    const rng = new Rng('places');
    const counts = new Map<string, number>();
    const draws = 5000;
    for (let i = 0; i < draws; i++) {
      const c = picker.draw(rng);
      counts.set(c.code, (counts.get(c.code) ?? 0) + 1);
    }
    const nantes = counts.get('44109') ?? 0;
    const angers = counts.get('49007') ?? 0;
    // Nantes pèse environ 8 % de la population régionale
    expect(nantes / draws).toBeGreaterThan(0.06);
    expect(nantes / draws).toBeLessThan(0.11);
    expect(nantes).toBeGreaterThan(angers);
    const small = communes.filter((c) => c.population > 0 && c.population < 500);
    const smallMax = Math.max(...small.map((c) => counts.get(c.code) ?? 0));
    expect(nantes).toBeGreaterThan(20 * Math.max(1, smallMax));
  });

  it('peut se limiter à un département', () => {
    const rng = new Rng('dep');
    for (let i = 0; i < 200; i++) expect(picker.draw(rng, '53').departement).toBe('53');
  });

  it('invente des adresses courtes et des coordonnées proches du centre des grandes villes', () => {
    const rng = new Rng('adr');
    for (let i = 0; i < 200; i++) expect(randomStreet(rng).length).toBeLessThanOrEqual(50);
    const coords = randomCoordinates(rng, '44109');
    expect(coords).not.toBeNull();
    expect(Math.abs((coords?.lat ?? 0) - 47.218)).toBeLessThan(0.03);
    expect(randomCoordinates(rng, '85212')).toBeNull();
  });
});
