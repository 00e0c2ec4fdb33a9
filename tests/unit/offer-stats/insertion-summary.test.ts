/** Résumé de l'insertion : règle des 20 sortants, statistiques partagées, formations sans donnée. */
import { describe, expect, it } from 'vitest';
import type { InsertionStat } from '../../../src/domain/insertion';
import { summarizeInsertion } from '../../../src/offer-stats/insertion-summary';

function stat(partial: Partial<InsertionStat>): InsertionStat {
  return {
    source: 'inserjeunes',
    vintage: '2024-2025',
    cumulative: false,
    scope: 'region',
    route: null,
    region: '52',
    actionId: null,
    formationId: null,
    diplomaCode: '50025201',
    mefstat11: null,
    romeCode: null,
    uai: null,
    establishment: null,
    leavers: 40,
    employmentRate6m: 60,
    employmentRate12m: 70,
    furtherStudyRate: null,
    demo: false,
    ...partial,
  };
}

describe('summarizeInsertion', () => {
  it('affiche à partir de 20 sortants, masque en dessous, et compte les formations sans donnée', () => {
    const twenty = stat({ diplomaCode: 'A', leavers: 20 });
    const nineteen = stat({ diplomaCode: 'B', leavers: 19 });
    const summary = summarizeInsertion([
      { formationId: 'F1', formationTitle: 'CAP A', stat: twenty },
      { formationId: 'F2', formationTitle: 'CAP B', stat: nineteen },
      { formationId: 'F3', formationTitle: 'Titre C', stat: null },
      { formationId: 'F3', formationTitle: 'Titre C', stat: null },
    ]);
    expect(summary.shown.map((s) => s.stat.diplomaCode)).toEqual(['A']);
    expect(summary.hidden.map((s) => s.stat.diplomaCode)).toEqual(['B']);
    expect(summary.formationsWithoutData).toBe(1);
    expect(summary.formations).toBe(3);
  });

  it('montre une seule fois une statistique partagée par plusieurs actions, avec les formations concernées', () => {
    const shared = stat({ diplomaCode: 'X', leavers: 50 });
    const copy = { ...shared };
    const summary = summarizeInsertion([
      { formationId: 'F1', formationTitle: 'DEAS Nantes', stat: shared },
      { formationId: 'F2', formationTitle: 'DEAS Angers', stat: copy },
      { formationId: 'F2', formationTitle: 'DEAS Angers', stat: shared },
    ]);
    expect(summary.shown).toHaveLength(1);
    expect(summary.shown[0]?.formations).toEqual(['DEAS Angers', 'DEAS Nantes']);
  });

  it('distingue les établissements, et range les plus grands effectifs d’abord', () => {
    const summary = summarizeInsertion([
      { formationId: 'F1', formationTitle: 'Bac pro', stat: stat({ scope: 'etablissement-formation', uai: '0440001A', leavers: 25 }) },
      { formationId: 'F2', formationTitle: 'Bac pro', stat: stat({ scope: 'etablissement-formation', uai: '0490002B', leavers: 80 }) },
      { formationId: 'F3', formationTitle: 'Bac pro', stat: stat({ scope: 'region', leavers: 900 }) },
    ]);
    expect(summary.shown.map((s) => s.stat.leavers)).toEqual([900, 80, 25]);
  });

  it('montre un taux de CFA sans nombre de sortants, après les effectifs connus ; sépare les voies', () => {
    const summary = summarizeInsertion([
      { formationId: 'F1', formationTitle: 'CAP Maçon', stat: stat({ scope: 'etablissement', uai: '0440001A', diplomaCode: null, leavers: null, cumulative: true }) },
      { formationId: 'F2', formationTitle: 'CAP Maçon', stat: stat({ route: 'apprentissage', leavers: 30 }) },
      { formationId: 'F3', formationTitle: 'CAP Maçon', stat: stat({ route: 'scolaire', leavers: 45 }) },
    ]);
    expect(summary.hidden).toEqual([]);
    expect(summary.shown.map((s) => [s.stat.scope, s.stat.route, s.stat.leavers])).toEqual([
      ['region', 'scolaire', 45],
      ['region', 'apprentissage', 30],
      ['etablissement', null, null],
    ]);
  });

  it('ne montre rien sans formation', () => {
    expect(summarizeInsertion([])).toEqual({ shown: [], hidden: [], formationsWithoutData: 0, formations: 0 });
  });
});
