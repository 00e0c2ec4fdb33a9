/**
 * Le français des pages (src/lib/french.ts) : mot pour mot. Ces textes sont lus par les usagers ;
 * un changement de formulation doit être voulu, et donc modifier ce test.
 */
import { describe, expect, it } from 'vitest';
import { frenchKm, frenchLongDate, plural, sessionDates } from '../../../src/lib/french';

describe('sessionDates', () => {
  it.each([
    [{ start: '2027-01-04', end: '2027-12-17' }, 'du 4 janvier 2027 au 17 décembre 2027'],
    [{ start: '2026-09-01', end: '2027-06-01' }, 'du 1er septembre 2026 au 1er juin 2027'],
    [{ start: '2027-01-04', end: null }, 'à partir du 4 janvier 2027'],
    [{ start: null, end: '2027-03-31' }, 'entrée à tout moment, jusqu’au 31 mars 2027'],
    [{ start: null, end: null }, 'entrée à tout moment'],
  ])('%o → « %s »', (session, words) => {
    expect(sessionDates(session)).toBe(words);
  });
});

describe('dates, distances, pluriels', () => {
  it('écrit le premier du mois « 1er »', () => {
    expect(frenchLongDate('2027-02-01')).toBe('1er février 2027');
    expect(frenchLongDate('2027-02-11')).toBe('11 février 2027');
  });
  it('met une espace insécable entre le nombre et son mot', () => {
    expect(frenchKm(21.14)).toBe('21,1\u00a0km');
    expect(plural(1, 'session', 'sessions')).toBe('1\u00a0session');
    expect(plural(0, 'session', 'sessions')).toBe('0\u00a0session');
    expect(plural(3, 'session', 'sessions')).toBe('3\u00a0sessions');
    expect(plural(1250, 'formation', 'formations')).toBe('1\u202f250\u00a0formations');
  });
});
