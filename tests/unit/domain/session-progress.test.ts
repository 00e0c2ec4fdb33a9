/** Où en est une session, et « dans N mois » (src/domain/sessions.ts) : résultats écrits à la main. */
import { describe, expect, it } from 'vitest';
import { monthsAfter, sessionProgress } from '../../../src/domain/sessions';

const TODAY = '2026-12-03';

describe('sessionProgress', () => {
  it.each([
    [{ start: '2026-12-03', end: '2027-03-01' }, 'upcoming'],
    [{ start: '2027-01-04', end: null }, 'upcoming'],
    [{ start: null, end: '2027-06-30' }, 'upcoming'],
    [{ start: null, end: null }, 'upcoming'],
    [{ start: '2026-12-02', end: '2026-12-03' }, 'under-way'],
    [{ start: '2026-09-01', end: null }, 'under-way'],
    [{ start: '2026-09-01', end: '2026-12-02' }, 'ended'],
    [{ start: null, end: '2026-11-30' }, 'ended'],
  ] as const)('%o → %s', (session, expected) => {
    expect(sessionProgress(session, TODAY)).toBe(expected);
  });
});

describe('monthsAfter', () => {
  it.each([
    ['2026-12-03', 3, '2027-03-03'],
    ['2026-12-03', 12, '2027-12-03'],
    ['2027-01-31', 1, '2027-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2026-12-03', 0, '2026-12-03'],
  ] as const)('%s + %i mois → %s', (from, months, expected) => {
    expect(monthsAfter(from, months)).toBe(expected);
  });
});
