/** Fiche métier : appellations, regroupements, métiers proches, transitions en mots, liste alphabétique. */
import { describe, expect, it } from 'vitest';
import { Metier } from '../../../src/domain/metier';
import { alphabeticalGroups, alsoCalled, groupByCategory, relatedMetiers, transitionTexts, workContextGroups } from '../../../src/metiers/fiche';

const metier = (partial: Record<string, unknown>) =>
  Metier.parse({ code: 'J1501', label: 'Aide-soignant / Aide-soignante', domain: { letter: 'J', code: 'J15', label: 'Soins' }, source: 'demo', ...partial });

describe('alsoCalled', () => {
  it('retire le libellé et les doublons (casse ignorée), trie en français', () => {
    const m = metier({
      appellations: [
        { code: '1', label: 'aide-soignant / aide-soignante' },
        { code: '2', label: 'Aide-soignante' },
        { code: '3', label: 'AIDE-SOIGNANTE' },
        { code: '4', label: 'Élève aide-soignant' },
        { code: '5', label: 'Aide-soignant de nuit' },
      ],
    });
    expect(alsoCalled(m)).toEqual(['Aide-soignant de nuit', 'Aide-soignante', 'Élève aide-soignant']);
  });
});

describe('groupByCategory', () => {
  it('un groupe par catégorie (ordre alphabétique), sans catégorie en dernier, sans doublon', () => {
    expect(
      groupByCategory([
        { label: 'Souder', category: 'Techniques' },
        { label: 'Lire un plan', category: null },
        { label: 'Accueillir', category: 'Relation' },
        { label: 'souder', category: 'Techniques' },
        { label: 'Meuler', category: ' Techniques ' },
        { label: 'Ranger', category: '' },
      ]),
    ).toEqual([
      { category: 'Relation', labels: ['Accueillir'] },
      { category: 'Techniques', labels: ['Souder', 'Meuler'] },
      { category: null, labels: ['Lire un plan', 'Ranger'] },
    ]);
  });

  it('regroupe les contextes de travail par type', () => {
    const m = metier({ workContexts: [{ label: 'Travail de nuit', type: 'Horaires' }, { label: 'En équipe', type: null }] });
    expect(workContextGroups(m)).toEqual([
      { category: 'Horaires', labels: ['Travail de nuit'] },
      { category: null, labels: ['En équipe'] },
    ]);
  });
});

describe('relatedMetiers', () => {
  it('garde les métiers proches qui ont une fiche, sans doublon ni lui-même, par ordre alphabétique', () => {
    const others = new Map([
      ['J1304', metier({ code: 'J1304', label: 'Auxiliaire de puériculture' })],
      ['J1301', metier({ code: 'J1301', label: 'Agent de service hospitalier' })],
    ]);
    const m = metier({ relatedCodes: ['J1304', 'J1501', 'K9999', 'J1301', 'J1304'] });
    expect(relatedMetiers(m, (c) => others.get(c)).map((x) => x.code)).toEqual(['J1301', 'J1304']);
  });
});

describe('transitionTexts', () => {
  it('explique chaque classement en mots, et ne dit rien sans classement', () => {
    expect(transitionTexts(metier({})).ecological).toBeNull();
    expect(transitionTexts(metier({})).digital).toBeNull();
    for (const value of ['vert', 'verdissant', 'strategique', 'brun'] as const) {
      expect(transitionTexts(metier({ ecologicalTransition: value })).ecological).toMatch(/^Métier/);
    }
    expect(transitionTexts(metier({ digitalTransition: true })).digital).toContain('numérique');
  });
});

describe('alphabeticalGroups', () => {
  it('range par première lettre sans accent, « # » en dernier', () => {
    const groups = alphabeticalGroups([{ label: 'Électricien' }, { label: 'Cariste' }, { label: 'ébéniste' }, { label: '3D designer' }, { label: 'Chauffeur' }]);
    expect(groups.map((g) => [g.letter, g.metiers.map((m) => m.label)])).toEqual([
      ['C', ['Cariste', 'Chauffeur']],
      ['E', ['ébéniste', 'Électricien']],
      ['#', ['3D designer']],
    ]);
  });
});
