/** Les fins de session regroupées par période : bornes des mois, changement d'année, libellés français. */
import { describe, expect, it } from 'vitest';
import { addMonths, endGroupSentence, groupSessionEnds, monthLabel } from '../../../src/offer-stats/end-dates';

const counts = (ends: (string | null)[], today: string) => Object.fromEntries(groupSessionEnds(ends, today).groups.map((g) => [g.period, g.count]));

describe('addMonths et monthLabel', () => {
  it('passe les années dans les deux sens', () => {
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-12', 12)).toBe('2027-12');
    expect(monthLabel('2027-08')).toBe('août 2027');
  });
});

describe('groupSessionEnds', () => {
  const today = '2026-11-23';

  it('nomme les périodes à partir du mois en cours, avec l’élision et l’année quand elle change', () => {
    const { groups } = groupSessionEnds([], today);
    expect(groups.map((g) => g.label)).toEqual([
      'd’ici fin janvier 2027',
      'de février à avril 2027',
      'de mai à octobre 2027',
      'après octobre 2027',
      'date de fin non communiquée',
    ]);
    expect(groupSessionEnds([], '2026-01-10').groups[1]?.label).toBe('d’avril à juin 2026');
    expect(groupSessionEnds([], '2026-06-01').groups[2]?.label).toBe('de décembre 2026 à mai 2027');
  });

  it('place chaque date dans sa période, bornes comprises', () => {
    expect(
      counts(
        [
          '2026-11-23', // aujourd'hui : d'ici fin janvier
          '2027-01-31', // dernier jour de la 1re période
          '2027-02-01', // premier jour de la 2e
          '2027-04-30',
          '2027-05-01',
          '2027-10-31',
          '2027-11-01', // plus tard
          '2030-01-01',
          null,
          null,
        ],
        today,
      ),
    ).toEqual({ soon: 2, next: 2, 'later-this-year': 2, later: 2, unknown: 2 });
  });

  it('ne compte pas les sessions déjà terminées', () => {
    const summary = groupSessionEnds(['2026-11-22', '2026-01-01', '2026-11-30'], today);
    expect(summary.total).toBe(1);
    expect(summary.groups[0]?.count).toBe(1);
  });

  it('refuse une date mal formée plutôt que de mal compter', () => {
    expect(() => groupSessionEnds([], '23/11/2026')).toThrow(/AAAA-MM-JJ/);
    expect(() => groupSessionEnds(['2027-1-5'], today)).toThrow(/Date de fin invalide/);
  });

  it('écrit la phrase au singulier et au pluriel', () => {
    const [soon, , , , unknown] = groupSessionEnds(['2026-12-01', '2027-01-15', null], today).groups;
    expect(endGroupSentence(soon!)).toBe('2 sessions se terminent d’ici fin janvier 2027');
    expect(endGroupSentence({ ...soon!, count: 1 })).toBe('1 session se termine d’ici fin janvier 2027');
    expect(endGroupSentence(unknown!)).toBe('1 session sans date de fin communiquée');
  });
});
