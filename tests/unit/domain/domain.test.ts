import { describe, expect, it } from 'vitest';
import { Action, Formation, Session } from '../../../src/domain/offer';
import { Financing, financingFacetValues, funderLabel } from '../../../src/domain/financing';
import { INSERTION_MIN_LEAVERS, InsertionStat, bestInsertionStat, discloseInsertion, insertionFigures, insertionHeadline, insertionLinker, insertionScopeWords, insertionTargets, type InsertionTarget } from '../../../src/domain/insertion';
import { Review, latestComments, summarizeReviews } from '../../../src/domain/review';
import { Metier, romeDomain } from '../../../src/domain/metier';

const place = { label: null, street: null, postcode: '49300', city: 'Cholet', inseeCode: '49099', lat: 47.06, lon: -0.88, coordSource: 'commune' as const };

function action(overrides: Record<string, unknown> = {}) {
  return {
    id: 'A1',
    formationId: 'F1',
    organismeId: 'O1',
    place,
    teachingMode: 'presentiel',
    durationHours: 1435,
    priceEuros: null,
    financing: { funders: ['2'], programme: 'visa-sanitaire-social', cpfEligible: true },
    permanentEntry: false,
    handicapAccessible: true,
    sessions: [{ id: 'S1', start: '2027-01-04', end: '2027-07-02' }],
    ...overrides,
  };
}

describe('schémas de l’offre', () => {
  it('accepte une action complète et applique les valeurs par défaut', () => {
    const a = Action.parse(action());
    expect(a.sessions[0]!.recruitmentState).toBe('ouvert');
    expect(a.publics).toEqual([]);
  });

  it('refuse une session qui finit avant de commencer, en français', () => {
    const r = Session.safeParse({ id: 'S', start: '2027-02-01', end: '2027-01-01' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe('la fin de session précède son début');
  });

  it('refuse une date impossible et une modalité inconnue', () => {
    expect(Session.safeParse({ id: 'S', start: '2027-02-30', end: null }).success).toBe(false);
    const r = Action.safeParse(action({ teachingMode: 'hybride' }));
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['teachingMode']);
  });

  it('refuse un code ROME mal formé et un niveau hors nomenclature', () => {
    const base = { id: 'F', title: 'CAP Pâtissier', certifying: true, entryLevel: null, exitLevel: 3, organismeResponsableId: 'O' };
    expect(Formation.safeParse(base).success).toBe(true);
    expect(Formation.safeParse({ ...base, romeCodes: ['D1104', 'XX'] }).success).toBe(false);
    expect(Formation.safeParse({ ...base, exitLevel: 9 }).success).toBe(false);
  });
});

describe('financement', () => {
  it('refuse un code financeur inconnu et décrit les codes connus', () => {
    expect(Financing.safeParse({ funders: ['99'] }).success).toBe(false);
    expect(funderLabel('2')).toBe('Conseil régional');
  });
  it('calcule les valeurs de facette', () => {
    const f = Financing.parse({ funders: ['2', '10'], programme: 'visa-metiers', cpfEligible: true });
    expect(financingFacetValues(f)).toEqual(['cpf', 'personnel', 'region', 'visa-metiers']);
  });
});

describe('insertion : règle de diffusion', () => {
  const stat = (leavers: number | null, scope: InsertionStat['scope'] = 'etablissement-formation', vintage = '2023') =>
    InsertionStat.parse({ source: 'inserjeunes', vintage, scope, leavers, employmentRate6m: 61.5, employmentRate12m: 70, furtherStudyRate: 12 });

  it('masque le taux sous 20 sortants et le dit', () => {
    const d = discloseInsertion(stat(INSERTION_MIN_LEAVERS - 1));
    expect(d.kind).toBe('hidden');
    if (d.kind === 'hidden') expect(d.message).toContain('moins de 20');
    expect(discloseInsertion(stat(INSERTION_MIN_LEAVERS)).kind).toBe('shown');
  });
  it('dit explicitement qu’il n’y a pas de donnée', () => {
    expect(discloseInsertion(null)).toEqual({ kind: 'none', message: 'Pas de donnée d’insertion pour cette formation.' });
  });
  it('préfère la donnée la plus précise puis la plus récente', () => {
    const best = bestInsertionStat([stat(300, 'national', '2024'), stat(40, 'region', '2022'), stat(25, 'region', '2023')]);
    expect(best?.scope).toBe('region');
    expect(best?.vintage).toBe('2023');
  });
  it('rattache les statistiques : (UAI, diplôme) ou action/formation ; CFA par l’UAI ; région et national par CFD ou MEFSTAT11, de la bonne voie', () => {
    const make = (over: Partial<InsertionStat>) => InsertionStat.parse({ ...stat(30), ...over });
    const byAction = make({ actionId: 'A1' });
    const byFormation = make({ formationId: 'F1' });
    const sameUai = make({ diplomaCode: '500', uai: '0490001A' });
    const otherUai = make({ diplomaCode: '500', uai: '0440002B' });
    const cfa = make({ scope: 'etablissement', uai: '0490001A', leavers: null, diplomaCode: null });
    const otherCfa = make({ scope: 'etablissement', uai: '0440002B', leavers: null, diplomaCode: null });
    const region = make({ scope: 'region', route: 'apprentissage', diplomaCode: '500' });
    const regionSchool = make({ scope: 'region', route: 'scolaire', mefstat11: '24720050000' });
    const otherDiploma = make({ scope: 'national', diplomaCode: '400' });
    const link = insertionLinker([byAction, byFormation, sameUai, otherUai, cfa, otherCfa, region, regionSchool, otherDiploma]);
    const target = (over: Partial<InsertionTarget>): InsertionTarget => ({ actionId: 'A2', formationId: 'F2', diplomaCodes: [], mefstatCodes: [], uai: null, route: null, ...over });
    expect(new Set(link(target({ actionId: 'A1', formationId: 'F1', diplomaCodes: ['500'], uai: '0490001A' })))).toEqual(new Set([byAction, byFormation, sameUai, cfa, region]));
    expect(link(target({ diplomaCodes: ['500'] }))).toEqual([region]);
    expect(link(target({ uai: '0490001A' }))).toEqual([cfa]);
    // La voie de l'action choisit les chiffres de la même voie ; sans voie connue, toutes.
    expect(link(target({ diplomaCodes: ['500'], mefstatCodes: ['24720050000'], route: 'scolaire' }))).toEqual([regionSchool]);
    expect(link(target({ diplomaCodes: ['500'], mefstatCodes: ['24720050000'], route: 'apprentissage' }))).toEqual([region]);
    expect(new Set(link(target({ diplomaCodes: ['500'], mefstatCodes: ['24720050000'] })))).toEqual(new Set([region, regionSchool]));
  });
  it('cibles de l’offre : CFD de la formation, sinon déduit d’un code RNCP sans ambiguïté ; voie d’après les publics', () => {
    const formation = (id: string, diplomaCode: string | null, rncp: string[]) => ({ id, diplomaCode, mefstatCode: null, certifications: rncp.map((code) => ({ type: 'RNCP', code })) });
    const targetOf = insertionTargets({
      formations: [formation('F1', '50022141', ['RNCP37859']), formation('F2', null, ['37859']), formation('F3', null, ['RNCP1']), formation('F4', 'AAA', ['RNCP9']), formation('F5', 'BBB', ['RNCP9']), formation('F6', null, ['RNCP9'])],
      organismes: [{ id: 'O1', uai: '0490001A' }, { id: 'O2', uai: null }],
    });
    const action = (formationId: string, publics: string[] = [], organismeId = 'O2') => targetOf({ id: `A-${formationId}`, formationId, organismeId, publics });
    expect(action('F1', ['82027'], 'O1')).toEqual({ actionId: 'A-F1', formationId: 'F1', diplomaCodes: ['50022141'], mefstatCodes: [], uai: '0490001A', route: 'apprentissage' });
    expect(action('F2', ['81061']).diplomaCodes).toEqual(['50022141']);
    expect(action('F2', ['81061']).route).toBe('scolaire');
    expect(action('F3').diplomaCodes).toEqual([]);
    expect(action('F6', ['80006']).diplomaCodes).toEqual([]);
    expect(action('F6', ['80006']).route).toBeNull();
  });
  it('met le périmètre en mots : jamais un chiffre régional présenté comme celui de la formation', () => {
    const region = InsertionStat.parse({ ...stat(40, 'region', '2022-2023'), route: 'apprentissage', region: '52' });
    expect(insertionHeadline(region)).toBe('Taux d’emploi 6 mois après la sortie, pour ce diplôme en Pays de la Loire, en apprentissage, 2022-2023');
    const cfa = InsertionStat.parse({ ...stat(40, 'etablissement', '2023-2024'), cumulative: true, leavers: null, establishment: 'CFA du Bâtiment', employmentRate6m: null });
    expect(insertionHeadline(cfa)).toBe('Taux d’emploi 12 mois après la sortie, pour ce CFA (toutes formations), cumul 2023-2024');
    expect(insertionScopeWords(cfa, { named: true })).toBe('pour le CFA « CFA du Bâtiment » (toutes formations), cumul 2023-2024');
    expect(insertionScopeWords(InsertionStat.parse({ ...stat(40, 'national', '2023'), route: 'scolaire' }))).toBe('pour ce diplôme en France, en voie scolaire (lycée), 2023');
    const shown = discloseInsertion(cfa);
    expect(shown.kind).toBe('shown');
    if (shown.kind === 'shown') expect(shown.note).toMatch(/nombre de personnes sorties n’est pas publié pour ce CFA/);
    expect(discloseInsertion(region)).toMatchObject({ kind: 'shown', note: null });
  });
  it('une statistique par périmètre, la plus précise d’abord, la plus récente de chaque périmètre', () => {
    const figures = insertionFigures([stat(300, 'national', '2024'), stat(40, 'etablissement', '2024'), stat(40, 'region', '2022'), stat(25, 'region', '2023')]);
    expect(figures.map((f) => [f.scope, f.vintage])).toEqual([
      ['region', '2023'],
      ['etablissement', '2024'],
      ['national', '2024'],
    ]);
  });
  it('refuse un taux supérieur à 100', () => {
    expect(InsertionStat.safeParse({ source: 'inserjeunes', vintage: '2023', scope: 'region', leavers: 30, employmentRate6m: 120, employmentRate12m: null, furtherStudyRate: null }).success).toBe(false);
  });
});

describe('avis : agrégation', () => {
  const review = (id: string, global: number, status: 'validated' | 'pending' | 'rejected', date = '2026-05-01', text: string | null = 'Très bien') =>
    Review.parse({
      id,
      scores: { accueil: 4, contenu_formation: global, equipe_formateurs: 5, moyen_materiel: 3, accompagnement: 4, global },
      comment: text === null ? null : { title: null, text },
      date,
      status,
    });

  it('ne compte que les avis validés', () => {
    const s = summarizeReviews([review('a', 5, 'validated'), review('b', 4, 'validated'), review('c', 1, 'rejected'), review('d', 1, 'pending')]);
    expect(s).not.toBeNull();
    expect(s!.count).toBe(2);
    expect(s!.global).toBe(4.5);
    expect(s!.dimensions.moyen_materiel).toBe(3);
    expect(s!.distribution).toEqual({ 1: 0, 2: 0, 3: 0, 4: 1, 5: 1 });
    expect(summarizeReviews([review('c', 1, 'rejected')])).toBeNull();
  });
  it('publie les derniers commentaires validés, non vides, du plus récent au plus ancien', () => {
    const list = latestComments([
      review('old', 4, 'validated', '2025-01-01'),
      review('new', 4, 'validated', '2026-09-01'),
      review('hidden', 4, 'pending', '2026-10-01'),
      review('empty', 4, 'validated', '2026-10-02', '   '),
    ]);
    expect(list.map((r) => r.id)).toEqual(['new', 'old']);
  });
  it('refuse une note hors de 1 à 5', () => {
    expect(Review.safeParse({ id: 'x', scores: { accueil: 6, contenu_formation: 1, equipe_formateurs: 1, moyen_materiel: 1, accompagnement: 1, global: 1 }, date: '2026-01-01', status: 'validated' }).success).toBe(false);
  });
});

describe('métier', () => {
  it('connaît les grands domaines', () => {
    expect(romeDomain('J1501')?.label).toBe('Santé');
    expect(romeDomain('Z1234')).toBeNull();
    expect(Metier.safeParse({ code: 'J1501', label: 'Aide-soignant', domain: { letter: 'J', code: 'J15', label: 'Santé' }, source: 'demo' }).success).toBe(true);
  });
});
