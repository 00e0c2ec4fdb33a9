/** Où en est une session, et « dans N mois » (src/domain/sessions.ts) : résultats écrits à la main. */
import { describe, expect, it } from 'vitest';
import { addMonths } from '../../../src/domain/calendar';
import { acceptsEnrolment, enrolmentOf, isSessionOpen, sessionProgress } from '../../../src/domain/sessions';

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

describe('addMonths (calendrier du domaine)', () => {
  it.each([
    ['2026-12-03', 3, '2027-03-03'],
    ['2026-12-03', 12, '2027-12-03'],
    ['2027-01-31', 1, '2027-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2026-12-03', 0, '2026-12-03'],
  ] as const)('%s + %i mois → %s', (from, months, expected) => {
    expect(addMonths(from, months)).toBe(expected);
  });
});

describe('enrolmentOf : l’état des inscriptions d’une formation', () => {
  const s = (start: string | null, end: string | null, recruitmentState: 'ouvert' | 'ferme' | 'suspendu' = 'ouvert') => ({ start, end, recruitmentState });
  it.each([
    ['une session à venir, recrutement ouvert', false, [s('2027-01-04', '2027-06-30')], 'open'],
    ['une session à venir mais complète', false, [s('2027-01-04', '2027-06-30', 'ferme')], 'closed'],
    ['une session à venir, recrutement suspendu', false, [s('2027-01-04', '2027-06-30', 'suspendu')], 'closed'],
    ['commencée, entrée encore possible', false, [s('2026-11-02', '2027-02-19')], 'open'],
    ['commencée, on ne peut plus y entrer', false, [s('2026-11-02', '2027-02-19', 'ferme')], 'closed'],
    ['entrées permanentes, commencée, recrutement ouvert', true, [s('2026-09-01', null)], 'open'],
    ['entrées permanentes mais recrutement fermé', true, [s('2026-09-01', null, 'ferme')], 'closed'],
    ['seulement des sessions finies', false, [s('2026-01-05', '2026-06-30')], 'none'],
    ['aucune session', false, [], 'none'],
    ['une complète et une ouverte', false, [s('2027-01-04', '2027-06-30', 'ferme'), s('2027-03-01', '2027-09-30')], 'open'],
  ] as const)('%s → %s', (_case, permanentEntry, sessions, expected) => {
    expect(enrolmentOf({ permanentEntry, sessions }, TODAY)).toBe(expected);
  });

  it('acceptsEnrolment : ouverte ET recrutement ouvert', () => {
    expect(acceptsEnrolment(s('2027-01-04', null), false, TODAY)).toBe(true);
    expect(acceptsEnrolment(s('2027-01-04', null, 'ferme'), false, TODAY)).toBe(false);
    expect(acceptsEnrolment(s('2026-01-04', '2026-06-30'), false, TODAY)).toBe(false);
  });
});

describe('isSessionOpen : la règle « session ouverte », case par case', () => {
  const s = (start: string | null, end: string | null, recruitmentState: 'ouvert' | 'ferme' = 'ouvert') => ({ start, end, recruitmentState });
  it.each([
    ['commence aujourd’hui', s(TODAY, '2027-03-01', 'ferme'), false, true],
    ['commence demain', s('2026-12-04', null, 'ferme'), false, true],
    ['commencée, finit aujourd’hui, recrutement ouvert', s('2026-09-01', TODAY), false, true],
    ['commencée, sans date de fin, sans entrées permanentes', s('2026-09-01', null), false, false],
    ['commencée, recrutement fermé', s('2026-09-01', '2027-03-01', 'ferme'), false, false],
    ['commencée, finie hier', s('2026-09-01', '2026-12-02'), false, false],
    ['sans dates, sans entrées permanentes', s(null, null), false, false],
    ['sans date de début, fin à venir, recrutement ouvert, sans entrées permanentes', s(null, '2027-03-01'), false, false],
    ['sans dates, entrées permanentes', s(null, null), true, true],
    ['entrées permanentes, commencée, finit aujourd’hui, recrutement fermé', s('2026-09-01', TODAY, 'ferme'), true, true],
    ['entrées permanentes, finie hier', s('2026-09-01', '2026-12-02'), true, false],
    ['entrées permanentes, sans date de fin', s('2026-09-01', null, 'ferme'), true, true],
  ] as const)('%s → %s', (_case, session, permanentEntry, expected) => {
    expect(isSessionOpen(session, permanentEntry, TODAY)).toBe(expected);
  });
});
