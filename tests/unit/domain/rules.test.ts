/**
 * Règles pures du domaine que les autres tests ne fixaient pas : bornes, branches, cas limites.
 */
import { describe, expect, it } from 'vitest';
import { Financing, financingFacetValues, funderLabel } from '../../../src/domain/financing';
import { isInFrance, isInPaysDeLaLoireBBox, normalizeName, PDL_BBOX } from '../../../src/domain/geo';
import {
  InsertionStat,
  countInsertionLinks,
  discloseInsertion,
  insertionHeadline,
  insertionScopeWords,
  insertionLinker,
  insertionTargets,
  regionName,
  type InsertionTarget,
} from '../../../src/domain/insertion';
import { isLevel, levelFromLheoCode } from '../../../src/domain/levels';
import { Session } from '../../../src/domain/offer';
import { Review, latestComments } from '../../../src/domain/review';

const stat = (over: Partial<Record<keyof InsertionStat, unknown>> = {}): InsertionStat =>
  InsertionStat.parse({ source: 'inserjeunes', vintage: '2023', scope: 'region', region: '52', leavers: 40, employmentRate6m: 61, employmentRate12m: 70, furtherStudyRate: 12, ...over });

describe('financement : valeurs de la facette', () => {
  it.each([
    [{ funders: ['2'] }, ['region']],
    [{ funders: ['4'] }, ['france-travail']],
    [{ funders: ['10'] }, ['personnel']],
    [{ funders: ['5'] }, ['entreprise']],
    [{ funders: ['16'] }, ['entreprise']],
    [{ funders: ['5', '16'] }, ['entreprise']],
    [{ funders: ['8', '0', '7'] }, []],
    [{ funders: [], cpfEligible: true }, ['cpf']],
    [{ funders: [], cpfEligible: false }, []],
    [{ funders: [], programme: 'prepa-avenir' }, ['prepa-avenir']],
    [{ funders: ['4', '2'], programme: 'acces-emploi', cpfEligible: true }, ['acces-emploi', 'cpf', 'france-travail', 'region']],
  ])('%j → %j', (input, values) => {
    expect(financingFacetValues(Financing.parse(input))).toEqual(values);
  });
  it('un financeur inconnu est nommé par son code', () => {
    expect(funderLabel('99')).toBe('Financeur 99');
    expect(funderLabel('4')).toBe('France Travail (ex-Pôle emploi)');
  });
});

describe('niveaux', () => {
  it.each([
    [1, true], [8, true], [4, true], [0, false], [9, false], [3.5, false], ['3', false], [null, false], [Number.NaN, false],
  ])('isLevel(%j) → %s', (value, expected) => {
    expect(isLevel(value)).toBe(expected);
  });
  it('un code LHEO entouré d’espaces est lu sans eux ; blanc vaut absence', () => {
    expect(levelFromLheoCode(' 4 ')).toEqual({ ok: true, level: 3 });
    expect(levelFromLheoCode('   ')).toEqual({ ok: true, level: null });
    expect(levelFromLheoCode(null)).toEqual({ ok: true, level: null });
    expect(levelFromLheoCode(' 42 ')).toEqual({ ok: false, reason: 'code de niveau LHEO inconnu : « 42 »' });
  });
});

describe('géographie', () => {
  it('replie les ligatures œ et æ', () => {
    expect(normalizeName('Lætitia')).toBe('laetitia');
    expect(normalizeName('Sœurs')).toBe('soeurs');
  });
  it('la boîte des Pays de la Loire inclut ses bords', () => {
    const { minLat, maxLat, minLon, maxLon } = PDL_BBOX;
    const midLat = (minLat + maxLat) / 2;
    const midLon = (minLon + maxLon) / 2;
    expect(isInPaysDeLaLoireBBox(minLat, midLon)).toBe(true);
    expect(isInPaysDeLaLoireBBox(maxLat, midLon)).toBe(true);
    expect(isInPaysDeLaLoireBBox(midLat, minLon)).toBe(true);
    expect(isInPaysDeLaLoireBBox(midLat, maxLon)).toBe(true);
    expect(isInPaysDeLaLoireBBox(minLat - 0.01, midLon)).toBe(false);
    expect(isInPaysDeLaLoireBBox(maxLat + 0.01, midLon)).toBe(false);
    expect(isInPaysDeLaLoireBBox(midLat, minLon - 0.01)).toBe(false);
    expect(isInPaysDeLaLoireBBox(midLat, maxLon + 0.01)).toBe(false);
  });
  it('la France métropolitaine inclut ses bords', () => {
    expect(isInFrance(42.3, 2)).toBe(true);
    expect(isInFrance(51.15, 2)).toBe(true);
    expect(isInFrance(47, -5.25)).toBe(true);
    expect(isInFrance(47, 8.25)).toBe(true);
    expect(isInFrance(42.29, 2)).toBe(false);
    expect(isInFrance(47, -5.26)).toBe(false);
  });
});

describe('sessions', () => {
  it('une session d’un jour, ou sans début, ou sans fin, est valide', () => {
    expect(Session.safeParse({ id: 'S', start: '2027-01-04', end: '2027-01-04' }).success).toBe(true);
    expect(Session.safeParse({ id: 'S', start: null, end: '2027-01-04' }).success).toBe(true);
    expect(Session.safeParse({ id: 'S', start: '2027-01-04', end: null }).success).toBe(true);
    expect(Session.safeParse({ id: 'S', start: null, end: null }).success).toBe(true);
  });
});

describe('avis : derniers commentaires', () => {
  const review = (id: string, date: string, text: string | null) =>
    Review.parse({ id, scores: { accueil: 4, contenu_formation: 4, equipe_formateurs: 4, moyen_materiel: 4, accompagnement: 4, global: 4 }, comment: { title: null, text }, date, status: 'validated' });
  it('5 au plus par défaut, ou la limite donnée', () => {
    const list = Array.from({ length: 7 }, (_, i) => review(`r${i}`, `2026-0${i + 1}-01`, `Commentaire ${i}`));
    expect(latestComments(list).map((r) => r.id)).toEqual(['r6', 'r5', 'r4', 'r3', 'r2']);
    expect(latestComments(list, 2).map((r) => r.id)).toEqual(['r6', 'r5']);
  });
  it('un commentaire sans texte n’est pas publié', () => {
    expect(latestComments([review('vide', '2026-01-01', null), review('plein', '2025-01-01', 'Bien')]).map((r) => r.id)).toEqual(['plein']);
  });
});

describe('insertion : périmètre et titre en mots', () => {
  it.each([
    [{ scope: 'etablissement', region: null, establishment: 'CFA du Bâtiment' }, {}, 'pour ce CFA (toutes formations), 2023'],
    [{ scope: 'etablissement', region: null, establishment: 'CFA du Bâtiment' }, { named: true }, 'pour le CFA « CFA du Bâtiment » (toutes formations), 2023'],
    [{ scope: 'etablissement', region: null, establishment: null }, { named: true }, 'pour ce CFA (toutes formations), 2023'],
    [{ scope: 'etablissement-formation', region: null, establishment: 'Lycée Renaudeau' }, {}, 'pour ce diplôme dans cet établissement, 2023'],
    [{ scope: 'etablissement-formation', region: null, establishment: 'Lycée Renaudeau' }, { named: true }, 'pour ce diplôme à « Lycée Renaudeau », 2023'],
    [{ scope: 'etablissement-formation', region: null, establishment: null }, { named: true }, 'pour ce diplôme dans cet établissement, 2023'],
    [{ scope: 'region', region: '52' }, {}, 'pour ce diplôme en Pays de la Loire, 2023'],
    [{ scope: 'region', region: '53', route: 'scolaire' }, {}, 'pour ce diplôme en Bretagne, en voie scolaire (lycée), 2023'],
    [{ scope: 'region', region: '99' }, {}, 'pour ce diplôme en région (code 99), 2023'],
    [{ scope: 'region', region: null }, {}, 'pour ce diplôme en région, 2023'],
    [{ scope: 'national', region: null, route: 'apprentissage', cumulative: true, vintage: '2022-2023' }, {}, 'pour ce diplôme en France, en apprentissage, cumul 2022-2023'],
  ] as const)('%j %j → %s', (over, options, words) => {
    expect(insertionScopeWords(stat(over), options)).toBe(words);
  });

  it('régions par code INSEE', () => {
    expect(regionName('52')).toBe('Pays de la Loire');
    expect(regionName('94')).toBe('Corse');
    expect(regionName('99')).toBeNull();
    expect(regionName(null)).toBeNull();
  });

  it('le titre nomme le premier chiffre publié', () => {
    expect(insertionHeadline(stat())).toBe('Taux d’emploi 6 mois après la sortie, pour ce diplôme en Pays de la Loire, 2023');
    expect(insertionHeadline(stat({ employmentRate6m: null }))).toBe('Taux d’emploi 12 mois après la sortie, pour ce diplôme en Pays de la Loire, 2023');
    expect(insertionHeadline(stat({ employmentRate6m: null, employmentRate12m: null }))).toBe('Taux de poursuite d’études, pour ce diplôme en Pays de la Loire, 2023');
    expect(insertionHeadline(stat({ employmentRate6m: null, employmentRate12m: null, furtherStudyRate: null }))).toBe('Insertion après la sortie, pour ce diplôme en Pays de la Loire, 2023');
  });
});

describe('insertion : règle de diffusion, en mots', () => {
  it.each([
    ['etablissement', 'de ce CFA'],
    ['etablissement-formation', 'de cette formation dans cet établissement'],
    ['region', 'de cette formation dans la région (tous établissements)'],
    ['national', 'de cette formation en France'],
  ] as const)('sous 20 sortants (%s), le chiffre est masqué et le message dit sur qui il porte', (scope, subject) => {
    const s = stat({ scope, leavers: 12, establishment: 'CFA X', route: 'apprentissage', demo: true, cumulative: true });
    expect(discloseInsertion(s)).toEqual({
      kind: 'hidden',
      message: `Le taux n’est pas affiché : moins de 20 personnes sont sorties ${subject} (12), le chiffre ne serait pas fiable.`,
      stat: { source: 'inserjeunes', vintage: '2023', cumulative: true, scope, route: 'apprentissage', region: '52', establishment: 'CFA X', leavers: 12, demo: true },
    });
  });
  it('nombre de sortants non publié : le chiffre est montré avec une note', () => {
    const cfa = stat({ scope: 'etablissement', leavers: null });
    expect(discloseInsertion(cfa)).toEqual({ kind: 'shown', stat: cfa, note: 'Le nombre de personnes sorties n’est pas publié pour ce CFA : ce taux réunit tous ses apprentis, toutes formations confondues.' });
    const region = stat({ leavers: null });
    expect(discloseInsertion(region)).toEqual({ kind: 'shown', stat: region, note: 'Le nombre de personnes sorties n’est pas publié pour ce chiffre.' });
    expect(discloseInsertion(stat({ leavers: 20 }))).toEqual({ kind: 'shown', stat: stat({ leavers: 20 }), note: null });
  });
});

describe('insertion : rattachement aux actions, cas limites', () => {
  const target = (over: Partial<InsertionTarget>): InsertionTarget => ({ actionId: 'A', formationId: 'F', diplomaCodes: [], mefstatCodes: [], uai: null, route: null, ...over });

  it('un chiffre de CFA sans UAI ne se rattache à rien, même à une action sans UAI', () => {
    const link = insertionLinker([stat({ scope: 'etablissement', uai: null, diplomaCode: null })]);
    expect(link(target({}))).toEqual([]);
    expect(link(target({ uai: '0490001A' }))).toEqual([]);
  });
  it('seul un chiffre « diplôme dans l’établissement » se rattache par l’identifiant d’action ou de formation', () => {
    const regional = stat({ scope: 'region', actionId: 'A', formationId: 'F', diplomaCode: '500' });
    const local = stat({ scope: 'etablissement-formation', actionId: 'A', diplomaCode: null });
    const link = insertionLinker([regional, local]);
    expect(link(target({}))).toEqual([local]);
    expect(link(target({ diplomaCodes: ['500'] }))).toEqual([local, regional]);
  });
  it('un chiffre « diplôme dans l’établissement » trouvé par son code ne vaut que pour le même UAI', () => {
    const noUai = stat({ scope: 'etablissement-formation', diplomaCode: '500', uai: null });
    const withUai = stat({ scope: 'etablissement-formation', diplomaCode: '500', uai: '0490001A' });
    const link = insertionLinker([noUai, withUai]);
    expect(link(target({ diplomaCodes: ['500'] }))).toEqual([]);
    expect(link(target({ diplomaCodes: ['500'], uai: '0440002B' }))).toEqual([]);
    expect(link(target({ diplomaCodes: ['500'], uai: '0490001A' }))).toEqual([withUai]);
  });
  it('sans voie connue pour l’action, les chiffres de toutes les voies ; avec une voie, ceux de cette voie et ceux sans voie', () => {
    const apprentissage = stat({ diplomaCode: '500', route: 'apprentissage' });
    const scolaire = stat({ diplomaCode: '500', route: 'scolaire' });
    const toutes = stat({ scope: 'national', diplomaCode: '500', route: null });
    const link = insertionLinker([apprentissage, scolaire, toutes]);
    expect(link(target({ diplomaCodes: ['500'] }))).toEqual([apprentissage, scolaire, toutes]);
    expect(link(target({ diplomaCodes: ['500'], route: 'scolaire' }))).toEqual([scolaire, toutes]);
    expect(link(target({ diplomaCodes: ['500'], route: 'apprentissage' }))).toEqual([apprentissage, toutes]);
  });
  it('des codes sans chiffre connu ne rattachent rien', () => {
    const link = insertionLinker([stat({ diplomaCode: '500', mefstat11: '24720050000' })]);
    expect(link(target({ diplomaCodes: ['INCONNU'], mefstatCodes: ['INCONNU'] }))).toEqual([]);
  });

  const formation = (id: string, diplomaCode: string | null, certifications: { type: string; code: string }[], mefstatCode: string | null = null) => ({ id, diplomaCode, mefstatCode, certifications });
  const offer = {
    formations: [
      formation('F1', 'CFD1', [{ type: 'RNCP', code: 'RNCP100' }]),
      formation('F2', 'CFD2', [{ type: 'RNCP', code: 'RNCP200' }]),
      formation('F3', null, [{ type: 'RNCP', code: '100' }, { type: 'RNCP', code: '200' }]),
      formation('F4', null, [{ type: 'RS', code: '100' }]),
      formation('F5', 'CFD5', [{ type: 'RNCP', code: 'RNCP200' }]),
      formation('F6', null, [{ type: 'RNCP', code: 'rncp100' }], '24720050000'),
      formation('F7', 'CFD7', [{ type: 'RS', code: 'RS1' }, { type: 'RNCP', code: 'RNCP100' }]),
      formation('H1', 'CFDA', [{ type: 'RNCP', code: 'RNCP300' }]),
      formation('H2', 'CFDB', [{ type: 'RNCP', code: 'RNCP400' }]),
      formation('H3', null, [{ type: 'RNCP', code: '300' }, { type: 'RNCP', code: 'RNCP400' }]),
      formation('H4', null, [{ type: 'RNCP', code: 'rncp300' }]),
      formation('H5', null, [{ type: 'RS', code: '300' }]),
    ],
    organismes: [{ id: 'O1', uai: '0490001A' }],
  };
  const targetOf = insertionTargets(offer);
  const action = (formationId: string, publics: string[] = []) => targetOf({ id: `A-${formationId}`, formationId, organismeId: 'O1', publics });

  it('un CFD donné l’emporte ; sinon un seul CFD déduit des codes RNCP (ni plusieurs, ni d’un code RS)', () => {
    expect(action('F2').diplomaCodes).toEqual(['CFD2']);
    expect(action('F5').diplomaCodes).toEqual(['CFD5']);
    expect(action('F3').diplomaCodes).toEqual([]);
    expect(action('F4').diplomaCodes).toEqual([]);
    // RNCP100 est lié à deux CFD (F1, F7) : aucun n'est déduit.
    expect(action('F6').diplomaCodes).toEqual([]);
    // « rncp300 » et « RNCP300 » : la même fiche, un seul CFD.
    expect(action('H4').diplomaCodes).toEqual(['CFDA']);
    // Deux codes RNCP qui donnent chacun un CFD différent : aucun.
    expect(action('H3').diplomaCodes).toEqual([]);
    // Un code RS n'est pas un code RNCP, même avec les mêmes chiffres.
    expect(action('H5').diplomaCodes).toEqual([]);
  });
  it('le MEFSTAT11 de la formation et l’UAI de l’organisme sont repris ; formation inconnue : aucun code', () => {
    expect(action('F6')).toMatchObject({ mefstatCodes: ['24720050000'], uai: '0490001A' });
    expect(action('F1').mefstatCodes).toEqual([]);
    expect(action('F-inconnue')).toEqual({ actionId: 'A-F-inconnue', formationId: 'F-inconnue', diplomaCodes: [], mefstatCodes: [], uai: '0490001A', route: null });
    expect(targetOf({ id: 'A', formationId: 'F1', organismeId: 'O-inconnu', publics: [] }).uai).toBeNull();
  });

  it('compte ce qui se rattache à l’offre (rapport d’import)', () => {
    const rncpOnly = { formations: [formation('G1', 'CFD1', [{ type: 'RNCP', code: 'RNCP100' }]), formation('G2', null, [{ type: 'RNCP', code: '100' }]), formation('G3', null, [])], organismes: [{ id: 'O1', uai: '0490001A' }, { id: 'O2', uai: null }] };
    const regional = stat({ diplomaCode: 'CFD1' });
    const cfa = stat({ scope: 'etablissement', uai: '0490001A', diplomaCode: null });
    const orphan = stat({ scope: 'national', diplomaCode: 'CFD9' });
    const counts = countInsertionLinks(
      {
        ...rncpOnly,
        actions: [
          { id: 'B1', formationId: 'G1', organismeId: 'O1', publics: [] },
          { id: 'B2', formationId: 'G2', organismeId: 'O2', publics: [] },
          { id: 'B3', formationId: 'G3', organismeId: 'O2', publics: [] },
          { id: 'B4', formationId: 'G3', organismeId: 'O1', publics: [] },
        ],
      },
      [regional, cfa, orphan],
    );
    expect(counts).toEqual({
      linkedStats: 2,
      unlinkedStats: 1,
      actionsWithStats: 3,
      actionsByScope: { etablissement: 2, 'etablissement-formation': 0, region: 2, national: 0 },
      actionsViaRncp: 1,
      actions: 4,
    });
  });
  it('« via RNCP » : seulement une action dont la formation n’a pas de CFD et qu’un chiffre rattache par le CFD déduit', () => {
    const formations = [formation('G1', 'CFD1', [{ type: 'RNCP', code: 'RNCP100' }]), formation('G2', null, [{ type: 'RNCP', code: '100' }])];
    const organismes = [{ id: 'O1', uai: '0490001A' }];
    const regional = stat({ diplomaCode: 'CFD1' });
    const cfa = stat({ scope: 'etablissement', uai: '0490001A', diplomaCode: null });
    // La formation a son propre CFD : pas « via RNCP ».
    expect(countInsertionLinks({ formations, organismes, actions: [{ id: 'B1', formationId: 'G1', organismeId: 'O1', publics: [] }] }, [regional]).actionsViaRncp).toBe(0);
    // CFD déduit, rattachée par lui ET par l'UAI : « via RNCP ».
    expect(countInsertionLinks({ formations, organismes, actions: [{ id: 'B2', formationId: 'G2', organismeId: 'O1', publics: [] }] }, [regional, cfa]).actionsViaRncp).toBe(1);
    // CFD déduit, mais rattachée seulement par son identifiant à un chiffre d'un autre diplôme : pas « via RNCP ».
    const byId = stat({ scope: 'etablissement-formation', actionId: 'B2', diplomaCode: 'AUTRE' });
    expect(countInsertionLinks({ formations, organismes, actions: [{ id: 'B2', formationId: 'G2', organismeId: 'O1', publics: [] }] }, [byId])).toMatchObject({ actionsWithStats: 1, actionsViaRncp: 0 });
    // Une action d'une formation absente de l'offre : comptée, sans code.
    expect(countInsertionLinks({ formations, organismes, actions: [{ id: 'B9', formationId: 'G9', organismeId: 'O1', publics: [] }] }, [cfa])).toMatchObject({ actionsWithStats: 1, actionsViaRncp: 0, actions: 1 });
  });
  it('une action rattachée seulement par son UAI ne compte pas comme « via RNCP »', () => {
    const counts = countInsertionLinks(
      { formations: [formation('G2', null, [{ type: 'RNCP', code: '100' }]), formation('G1', 'CFD1', [{ type: 'RNCP', code: '100' }])], organismes: [{ id: 'O1', uai: '0490001A' }], actions: [{ id: 'B2', formationId: 'G2', organismeId: 'O1', publics: [] }] },
      [stat({ scope: 'etablissement', uai: '0490001A', diplomaCode: null })],
    );
    expect(counts.actionsViaRncp).toBe(0);
    expect(counts.actionsWithStats).toBe(1);
    expect(countInsertionLinks({ formations: [], organismes: [], actions: [] }, [stat()])).toEqual({
      linkedStats: 0,
      unlinkedStats: 1,
      actionsWithStats: 0,
      actionsByScope: { etablissement: 0, 'etablissement-formation': 0, region: 0, national: 0 },
      actionsViaRncp: 0,
      actions: 0,
    });
  });
});
