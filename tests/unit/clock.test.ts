import { describe, expect, it } from 'vitest';
import { clockFromEnv, fixedClock, ReferenceDateError, resolveReferenceDate, shiftedClock, systemClock, type Clock } from '../../src/clock';
import { dateInParis } from '../../src/domain/calendar';

const HOUR_MS = 3_600_000;

/** Une horloge de base qu'on avance à la main. */
function manualClock(start: string): Clock & { advance(ms: number): void } {
  let at = new Date(start).getTime();
  return { now: () => new Date(at), advance: (ms) => (at += ms) };
}

describe('fixedClock', () => {
  it('rend toujours le même instant, et refuse un instant invalide', () => {
    const clock = fixedClock('2026-09-14T08:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-09-14T08:00:00.000Z');
    clock.now().setFullYear(2000); // une copie : l'horloge ne change pas
    expect(clock.now().toISOString()).toBe('2026-09-14T08:00:00.000Z');
    expect(() => fixedClock('pas une date')).toThrow(ReferenceDateError);
  });
});

describe('shiftedClock : aujourd’hui à Paris est la date de référence, et l’heure avance', () => {
  const bases = [
    '2026-12-01T10:00:00Z', // milieu de journée, heure d'hiver
    '2026-12-01T22:59:00Z', // 23 h 59 à Paris
    '2026-12-01T23:30:00Z', // 0 h 30 à Paris le lendemain (en UTC, encore le 1er)
    '2026-07-01T22:30:00Z', // 0 h 30 à Paris, heure d'été
    '2026-03-29T00:30:00Z', // 1 h 30 à Paris, juste avant le passage à l'heure d'été
  ];
  const references = ['2026-09-14', '2027-03-15', '2026-03-29', '2026-10-25', '2020-02-29', '2026-12-01'];
  for (const base of bases) {
    for (const reference of references) {
      it(`base ${base}, référence ${reference}`, () => {
        const clock = shiftedClock(reference, fixedClock(base));
        expect(dateInParis(clock.now())).toBe(reference);
        // décalage d'un nombre entier d'heures (jours entiers, à l'heure d'été près)
        expect(Math.abs((clock.now().getTime() - new Date(base).getTime()) % HOUR_MS)).toBe(0);
      });
    }
  }

  it('avance avec l’horloge de base : délais et expirations continuent de marcher', () => {
    const base = manualClock('2026-12-01T10:00:00Z');
    const clock = shiftedClock('2026-09-14', base);
    const before = clock.now().getTime();
    base.advance(90_000);
    expect(clock.now().getTime() - before).toBe(90_000);
    base.advance(24 * HOUR_MS);
    expect(dateInParis(clock.now())).toBe('2026-09-15');
  });

  it('refuse une date de référence invalide, en français', () => {
    expect(() => shiftedClock('2026-02-30')).toThrow(/date AAAA-MM-JJ qui existe.*2026-02-30/);
  });
});

describe('clockFromEnv et resolveReferenceDate', () => {
  const base = fixedClock('2026-12-01T23:30:00Z'); // 0 h 30 le 2 décembre à Paris

  it('sans REFERENCE_DATE : l’horloge de base ; avec : décalée sur ce jour', () => {
    expect(clockFromEnv({}, base)).toBe(base);
    expect(clockFromEnv({ REFERENCE_DATE: ' ' }, base)).toBe(base);
    expect(dateInParis(clockFromEnv({ REFERENCE_DATE: '2027-03-15' }, base).now())).toBe('2027-03-15');
    expect(() => clockFromEnv({ REFERENCE_DATE: '15/03/2027' }, base)).toThrow(/REFERENCE_DATE doit être une date AAAA-MM-JJ/);
  });

  it('date de référence : l’option, sinon REFERENCE_DATE, sinon aujourd’hui à Paris (jamais UTC)', () => {
    expect(resolveReferenceDate('2026-09-14', { REFERENCE_DATE: '2027-03-15' }, base)).toBe('2026-09-14');
    expect(resolveReferenceDate(undefined, { REFERENCE_DATE: '2027-03-15' }, base)).toBe('2027-03-15');
    expect(resolveReferenceDate(undefined, {}, base)).toBe('2026-12-02');
    expect(() => resolveReferenceDate('2026-9-14', {}, base)).toThrow(ReferenceDateError);
  });

  it('l’horloge du système donne l’heure du système', () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
