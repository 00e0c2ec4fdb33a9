/**
 * « Un résultat est une formation dans un lieu » (src/domain/grouping.ts) et les variantes d'une
 * carte dites en mots (src/formations/variants.ts).
 */
import { describe, expect, it } from 'vitest';
import { cardKeyOf, groupActions, rhythmKindOf, variantKeyOf, variantTraitsOf } from '../../../src/domain/grouping';
import { Action } from '../../../src/domain/offer';
import { buildActionDocuments, cardVariants } from '../../../src/search/documents';
import { variantLabels } from '../../../src/formations/variants';
import type { DocumentVariant } from '../../../src/search/port';

const place = (o: Partial<Action['place']> = {}) => ({ label: null, street: '1 rue Marengo', postcode: '49300', city: 'Cholet', inseeCode: '49099', lat: 47.06, lon: -0.88, coordSource: 'lheo' as const, ...o });
const action = (id: string, o: Partial<Action> = {}): Action =>
  Action.parse({
    id,
    formationId: 'F1',
    organismeId: 'O1',
    place: place(),
    teachingMode: 'presentiel',
    publics: ['80006'],
    durationHours: 1540,
    priceEuros: 7620,
    financing: { funders: ['2'], programme: 'visa-sanitaire-social', cpfEligible: false },
    permanentEntry: false,
    handicapAccessible: null,
    sessions: [{ id: `${id}-s`, start: '2027-01-04', end: '2027-12-17' }],
    ...o,
  });

describe('cardKeyOf / groupActions', () => {
  const title = (t: string) => () => ({ title: t });
  it('même intitulé (casse et accents ignorés), même organisme, même lieu, même modalité : une carte', () => {
    const a = action('A2');
    const b = action('A1', { formationId: 'F2', priceEuros: 6730, financing: { funders: ['10'], programme: null, cpfEligible: true } });
    expect(cardKeyOf(a, { title: 'Diplôme d’État d’aide-soignant' })).toBe(cardKeyOf(b, { title: 'DIPLOME D’ETAT D’AIDE-SOIGNANT' }));
    const groups = groupActions([a, b], title('DEAS'));
    expect(groups.map((g) => g.map((x) => x.id))).toEqual([['A1', 'A2']]); // la carte prend la plus petite action
  });
  it.each([
    ['un autre organisme', { organismeId: 'O2' }],
    ['une autre commune', { place: place({ inseeCode: '49007', city: 'Angers' }) }],
    ['une autre adresse dans la commune', { place: place({ street: '12 avenue Foch' }) }],
    ['une autre modalité', { teachingMode: 'mixte' as const }],
  ])('%s : deux cartes', (_, other) => {
    expect(groupActions([action('A1'), action('A2', other)], title('DEAS'))).toHaveLength(2);
  });
  it('à distance : le lieu ne compte pas', () => {
    const groups = groupActions([action('A1', { teachingMode: 'distance' }), action('A2', { teachingMode: 'distance', place: place({ inseeCode: '44109', city: 'Nantes' }) })], title('Anglais'));
    expect(groups).toHaveLength(1);
  });
  it('« constructor » comme intitulé ou identifiant reste une clé comme une autre', () => {
    const groups = groupActions([action('constructor'), action('__proto__')], title('constructor'));
    expect(groups.map((g) => g.length)).toEqual([2]);
  });
});

describe('variantes', () => {
  it('rythme : la voie, sinon le texte LHEO', () => {
    expect(rhythmKindOf(action('A', { publics: ['82027'] }))).toBe('alternance');
    expect(rhythmKindOf(action('A', { rhythm: 'Temps partiel, entrées et sorties permanentes' }))).toBe('temps-partiel');
    expect(rhythmKindOf(action('A', { rhythm: 'TEMPS PLEIN (35 heures par semaine)' }))).toBe('temps-plein');
    expect(rhythmKindOf(action('A', { rhythm: 'Alternance : 2 semaines en centre' }))).toBe('alternance');
    expect(rhythmKindOf(action('A', { rhythm: null }))).toBeNull();
  });
  it('deux actions aux mêmes traits sont une seule variante, leurs sessions réunies', () => {
    const a = action('A1');
    const b = action('A2');
    expect(variantKeyOf(variantTraitsOf(a))).toBe(variantKeyOf(variantTraitsOf(b)));
    const { variants } = cardVariants([a, b], '2026-12-03');
    expect(variants).toHaveLength(1);
    expect(variants[0]?.actionIds).toEqual(['A1', 'A2']);
  });
  it('les mots ne disent que ce qui change, et jamais deux fois la même chose', () => {
    const free = action('A1');
    const paid = action('A2', { publics: ['83056'], priceEuros: 6730, financing: { funders: ['10'], programme: null, cpfEligible: true } });
    const { variants } = cardVariants([free, paid], '2026-12-03');
    const labels = variantLabels(variants);
    expect(labels).toEqual(['Pour : demandeurs d’emploi ; payée par la Région (VISA Sanitaire et social) ; prix 7\u202f620 €', 'Pour : tout public ; avec le CPF ; prix 6\u202f730 €']);
    // Des financeurs différents que les mots courts ne distinguent pas : on les nomme.
    const fse = action('A3', { financing: { funders: ['2', '3'], programme: 'visa-sanitaire-social', cpfEligible: false } });
    const twins = variantLabels(cardVariants([free, fse], '2026-12-03').variants);
    expect(new Set(twins).size).toBe(2);
    expect(twins[1]).toContain('Fonds européens — FSE');
  });
  it('une seule variante : son public et qui paie', () => {
    const v: DocumentVariant[] = cardVariants([action('A1')], '2026-12-03').variants;
    expect(variantLabels(v)).toEqual(['Pour : demandeurs d’emploi ; payée par la Région (VISA Sanitaire et social)']);
  });
});

describe('documents : une carte par formation dans un lieu', () => {
  it('réunit sessions, actions et étiquettes « gratuit », et dit la variante de chaque session', () => {
    const free = action('A1');
    const paid = action('A2', { publics: ['83056'], priceEuros: 6730, financing: { funders: ['10'], programme: null, cpfEligible: true }, sessions: [{ id: 'S9', start: '2027-03-01', end: '2027-12-01', recruitmentState: 'ouvert', registrationAddress: null, enrolmentModalities: null, enrolmentPeriod: null }] });
    const geo = { territoireOf: () => undefined } as never;
    const docs = buildActionDocuments({
      offer: {
        organismes: [{ id: 'O1', siret: null, name: 'IFSI', uai: null, address: null, contact: { name: null, phone: null, email: null, website: null } }],
        formations: [{ id: 'F1', title: 'DEAS', objective: null, content: null, expectedResults: null, certifying: true, certifications: [], diplomaCode: null, mefstatCode: null, entryLevel: null, exitLevel: 4, romeCodes: [], formacodes: [], nsfCodes: [], organismeResponsableId: 'O1' }],
        actions: [paid, free],
      },
      metiers: [],
      insertion: [],
      reviews: [],
      geo,
      today: '2026-12-03',
    });
    expect(docs).toHaveLength(1);
    const doc = docs[0]!;
    expect(doc.id).toBe('A1');
    expect(doc.actionIds).toEqual(['A1', 'A2']);
    expect(doc.variants).toHaveLength(2);
    expect(doc.freeFor).toEqual(['demandeur']);
    expect(doc.sessions.map((s) => [s.start, s.variant])).toEqual([['2027-01-04', 0], ['2027-03-01', 1]]);
    expect(doc.financing).toEqual(['cpf', 'personnel', 'region', 'visa-sanitaire-social']);
  });
});

describe('grouping : cas limites', () => {
  const title = (t: string) => () => ({ title: t });
  it('intitulés aux blancs différents, adresse donnée par le nom du lieu, formation inconnue', () => {
    expect(cardKeyOf(action('A'), { title: '  DEAS   Cholet ' })).toBe(cardKeyOf(action('B'), { title: 'deas cholet' }));
    expect(cardKeyOf(action('A'), { title: 'DEAS Cholet' })).not.toBe(cardKeyOf(action('B'), { title: 'DEASCholet' }));
    const named = (label: string) => action('X', { place: place({ street: null, label }) });
    expect(cardKeyOf(named('Campus Sud'), { title: 'T' })).not.toBe(cardKeyOf(named('Campus Nord'), { title: 'T' }));
    expect(cardKeyOf(action('A', { place: place({ inseeCode: null, city: 'Cholet' }) }), { title: 'T' })).not.toBe(cardKeyOf(action('B', { place: place({ inseeCode: null, city: 'Angers' }) }), { title: 'T' }));
    expect(cardKeyOf(action('A', { teachingMode: 'distance' }), { title: 'T' })).not.toBe(cardKeyOf(action('B', { place: place({ street: 'distance' }) }), { title: 'T' }));
    // Sans formation connue, chaque action reste seule.
    expect(groupActions([action('A1'), action('A2')], () => undefined)).toHaveLength(2);
  });
  it('la carte prend la plus petite action, les autres suivent dans l’ordre des identifiants', () => {
    const groups = groupActions([action('A3'), action('A1'), action('A2'), action('A1b')], title('T'));
    expect(groups[0]?.map((a) => a.id)).toEqual(['A1', 'A1b', 'A2', 'A3']);
  });
  it('l’ordre des publics et des financeurs ne crée pas de variante ; le contrat de professionnalisation est en alternance', () => {
    const a = action('A1', { publics: ['80006', '81020'], financing: { funders: ['2', '3'], programme: null, cpfEligible: false } });
    const b = action('A2', { publics: ['81020', '80006'], financing: { funders: ['3', '2'], programme: null, cpfEligible: false } });
    expect(variantKeyOf(variantTraitsOf(a))).toBe(variantKeyOf(variantTraitsOf(b)));
    expect(rhythmKindOf(action('A', { publics: ['82029'] }))).toBe('alternance');
  });
});
