import { describe, expect, it } from 'vitest';
import { dateInParis, isIsoDate } from '../../../src/domain/calendar';

describe('dateInParis : le jour qu’il est à Paris, pas en UTC', () => {
  it.each([
    // heure d'hiver (UTC+1)
    ['2026-01-15T22:59:59Z', '2026-01-15'],
    ['2026-01-15T23:00:00Z', '2026-01-16'],
    // heure d'été (UTC+2) : à 22 h 30 UTC, il est déjà 0 h 30 le lendemain à Paris
    ['2026-07-01T21:59:59Z', '2026-07-01'],
    ['2026-07-01T22:30:00Z', '2026-07-02'],
    // passages à l'heure d'été (29 mars 2026) et d'hiver (25 octobre 2026)
    ['2026-03-28T23:30:00Z', '2026-03-29'],
    ['2026-10-24T22:30:00Z', '2026-10-25'],
    ['2026-10-25T22:59:00Z', '2026-10-25'],
    ['2026-10-25T23:00:00Z', '2026-10-26'],
    // nouvel an
    ['2026-12-31T23:00:00Z', '2027-01-01'],
  ])('%s → %s', (instant, day) => {
    expect(dateInParis(new Date(instant))).toBe(day);
  });
});

describe('isIsoDate', () => {
  it('accepte une date AAAA-MM-JJ qui existe, refuse le reste', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('14/09/2026')).toBe(false);
    expect(isIsoDate('2026-9-14')).toBe(false);
    expect(isIsoDate('')).toBe(false);
  });
});
