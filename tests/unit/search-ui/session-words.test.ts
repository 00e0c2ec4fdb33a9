/**
 * Les sessions en mots : une session déjà commencée se dit comme telle (carte de résultat et
 * tableau de la fiche), jamais comme une session à venir.
 */
import { describe, expect, it } from 'vitest';
import { sessionStage, sessionStartWords, sessionWords } from '../../../src/lib/french';

const TODAY = '2026-12-01';

describe('sessions en mots', () => {
  it('carte : à venir « du … au … », commencée « commencée le …, entrée encore possible »', () => {
    expect(sessionWords({ debut: '2027-01-04', fin: '2027-03-31' })).toBe('du 4 janvier 2027 au 31 mars 2027');
    expect(sessionWords({ debut: '2027-01-04', fin: '2027-03-31', en_cours: false })).toBe('du 4 janvier 2027 au 31 mars 2027');
    expect(sessionWords({ debut: '2026-11-02', fin: '2027-02-19', en_cours: true })).toBe('commencée le 2 novembre 2026, entrée encore possible (fin le 19 février 2027)');
    expect(sessionWords({ debut: '2026-11-02', fin: null, en_cours: true })).toBe('commencée le 2 novembre 2026, entrée encore possible');
    expect(sessionWords({ debut: null, fin: null, en_cours: true })).toBe('dates à définir avec l’organisme');
  });

  it('fiche : où en est chaque session à la date du jour', () => {
    const s = (debut: string | null, fin: string | null, recrutement = 'ouvert') => ({ debut, fin, recrutement });
    expect(sessionStage(s('2027-01-04', '2027-03-31'), TODAY)).toBe('a-venir');
    expect(sessionStage(s(TODAY, '2027-03-31'), TODAY)).toBe('a-venir');
    expect(sessionStage(s('2026-11-03', '2027-03-31'), TODAY)).toBe('en-cours-ouverte');
    expect(sessionStage(s('2026-11-03', null), TODAY)).toBe('en-cours-ouverte');
    expect(sessionStage(s('2026-11-03', '2027-03-31', 'ferme'), TODAY)).toBe('en-cours-fermee');
    expect(sessionStage(s('2026-11-03', '2027-03-31', 'suspendu'), TODAY)).toBe('en-cours-fermee');
    expect(sessionStage(s('2026-06-01', '2026-11-30'), TODAY)).toBe('terminee');
    expect(sessionStage(s(null, null), TODAY)).toBe('sans-date');
    expect(sessionStage(s(null, '2026-01-01'), TODAY)).toBe('terminee');

    expect(sessionStartWords(s('2027-01-04', '2027-03-31'), TODAY)).toBe('4 janvier 2027');
    expect(sessionStartWords(s('2026-11-03', '2027-03-31'), TODAY)).toBe('Commencée le 3 novembre 2026 — entrée encore possible');
    expect(sessionStartWords(s('2026-11-03', '2027-03-31', 'ferme'), TODAY)).toBe('Commencée le 3 novembre 2026 — on ne peut plus y entrer');
    expect(sessionStartWords(s('2026-06-01', '2026-11-30'), TODAY)).toBe('Commencée le 1 juin 2026 — terminée');
    expect(sessionStartWords(s(null, null), TODAY)).toBe('À définir');
  });
});
