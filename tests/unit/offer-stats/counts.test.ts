/**
 * Les comptes de l'offre (par territoire, domaine, niveau ; lieux ; par code ROME), comptés par le
 * VRAI moteur embarqué (port `countFacets`) sur des documents écrits ici. La même chose est vérifiée
 * pour chaque moteur par la suite de conformité (tests/integration/search/conformance.ts).
 */
import { describe, expect, it } from 'vitest';
import { UNKNOWN_DOMAIN_LABEL, UNKNOWN_LEVEL_LABEL, trainingPlaces } from '../../../src/offer-stats/aggregate';
import { countByTerritoire, countOffer, territoireOffer } from '../../../src/offer-stats/counts';
import { createEmbeddedEngine } from '../../../src/search/embedded';
import type { ActionDocument } from '../../../src/search/port';
import { actionDocument } from '../../support/action-document';

let n = 0;
function doc(partial: Partial<ActionDocument>): ActionDocument {
  n += 1;
  return actionDocument({ id: `A${n}`, formationId: `F${n}`, organismeId: 'O1', romeCodes: [], level: null, territoire: 'mayenne-centre', sessions: [], inseeCode: '53130', city: 'Laval', lat: 48.07, lon: -0.77, ...partial });
}
const sessions = (k: number) => Array.from({ length: k }, (_, i) => ({ start: `2027-0${(i % 9) + 1}-01`, end: null }));
const engineOf = (docs: ActionDocument[]) => createEmbeddedEngine(docs);

describe('countOffer', () => {
  it('compte actions, sessions, formations et organismes distincts', async () => {
    const docs = [
      doc({ formationId: 'F1', organismeId: 'O1', sessions: sessions(2) }),
      doc({ formationId: 'F1', organismeId: 'O2', sessions: sessions(3) }),
      doc({ formationId: 'F2', organismeId: 'O2', sessions: [] }),
    ];
    expect(await countOffer(engineOf(docs))).toEqual({ actions: 3, sessions: 5, formations: 2, organismes: 2 });
    expect(await countOffer(engineOf([]))).toEqual({ actions: 0, sessions: 0, formations: 0, organismes: 0 });
  });

  it('ne compte que les actions d’un code ROME, une fois chacune', async () => {
    const docs = [doc({ romeCodes: ['J1501', 'J1304'], sessions: sessions(2) }), doc({ romeCodes: ['J1501'], sessions: sessions(1), organismeId: 'O2' }), doc({ romeCodes: ['H2913'], sessions: sessions(4) })];
    expect(await countOffer(engineOf(docs), { romeCodes: ['J1501'] })).toEqual({ actions: 2, sessions: 3, formations: 2, organismes: 2 });
    expect(await countOffer(engineOf(docs), { romeCodes: ['J1304'] })).toEqual({ actions: 1, sessions: 2, formations: 1, organismes: 1 });
    expect(await countOffer(engineOf(docs), { romeCodes: ['A1203'] })).toEqual({ actions: 0, sessions: 0, formations: 0, organismes: 0 });
  });
});

describe('territoireOffer : par niveau', () => {
  it('range les niveaux de 1 à 8, puis « niveau non précisé », sans les niveaux absents', async () => {
    const { byLevel: rows } = await territoireOffer(
      engineOf([doc({ level: 5, sessions: sessions(1) }), doc({ level: null, sessions: sessions(4) }), doc({ level: 3, sessions: sessions(2) }), doc({ level: 3 }), doc({ level: 3, territoire: null, sessions: sessions(7) })]),
      'mayenne-centre',
    );
    expect(rows.map((r) => [r.key, r.actions, r.sessions])).toEqual([
      [3, 2, 2],
      [5, 1, 1],
      [null, 1, 4],
    ]);
    expect(rows[0]?.label).toBe('Niveau 3 — CAP, BEP');
    expect(rows[2]?.label).toBe(UNKNOWN_LEVEL_LABEL);
  });
});

describe('territoireOffer : par domaine', () => {
  it('compte une action dans chaque grand domaine qu’elle vise, une seule fois par domaine', async () => {
    const { byDomain: rows } = await territoireOffer(
      engineOf([doc({ romeCodes: ['H2913', 'H2902'], sessions: sessions(2) }), doc({ romeCodes: ['H2913', 'I1304'], sessions: sessions(1) }), doc({ romeCodes: [], sessions: sessions(5) })]),
      'mayenne-centre',
    );
    expect(rows.map((r) => [r.key, r.actions, r.sessions])).toEqual([
      ['H', 2, 3],
      ['I', 1, 1],
      [null, 1, 5],
    ]);
    expect(rows[0]?.label).toBe('H — Industrie');
    expect(rows[2]?.label).toBe(UNKNOWN_DOMAIN_LABEL);
  });
});

describe('countByTerritoire', () => {
  it('donne les chiffres de chaque territoire et ignore les actions hors territoire', async () => {
    const counts = await countByTerritoire(
      engineOf([
        doc({ territoire: 'mayenne-centre', sessions: sessions(2), organismeId: 'O1' }),
        doc({ territoire: 'mayenne-centre', sessions: sessions(1), organismeId: 'O2' }),
        doc({ territoire: 'vendee-nord', sessions: [], organismeId: 'O1' }),
        doc({ territoire: null, sessions: sessions(9) }),
      ]),
      ['mayenne-centre', 'vendee-nord', 'sarthe-nord'],
    );
    expect([...counts.keys()].sort()).toEqual(['mayenne-centre', 'vendee-nord']);
    expect(counts.get('mayenne-centre')).toMatchObject({ actions: 2, sessions: 3, organismes: 2 });
    expect(counts.get('vendee-nord')).toMatchObject({ actions: 1, sessions: 0, organismes: 1 });
  });
});

describe('trainingPlaces', () => {
  it('regroupe par commune (code INSEE, sinon nom), point moyen, les plus fournies d’abord, comptes du moteur', async () => {
    const docs = [
      doc({ inseeCode: '85109', city: 'Les Herbiers', lat: 46.8, lon: -1.0 }),
      doc({ inseeCode: '85109', city: 'Les Herbiers', lat: 46.9, lon: -1.2, sessions: sessions(2) }),
      doc({ inseeCode: null, city: 'Ailleurs', lat: 47, lon: -1 }),
      doc({ inseeCode: null, city: 'Ailleurs', lat: 47, lon: -1 }),
      doc({ inseeCode: '53130', city: 'Laval' }),
    ];
    const { byPlace } = await territoireOffer(engineOf(docs), 'mayenne-centre');
    const places = trainingPlaces(docs, byPlace);
    expect(places.map((p) => [p.city, p.actions])).toEqual([
      ['Ailleurs', 2],
      ['Les Herbiers', 2],
      ['Laval', 1],
    ]);
    const herbiers = places.find((p) => p.city === 'Les Herbiers');
    expect(herbiers?.lat).toBeCloseTo(46.85);
    expect(herbiers?.lon).toBeCloseTo(-1.1);
    expect(herbiers?.sessions).toBe(2);
  });
});
