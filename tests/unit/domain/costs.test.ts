/**
 * « Ce que ça me coûte » (src/domain/costs.ts) : les règles en tables, une ligne par cas, et la
 * propriété qui rend le filtre « Gratuit pour moi » honnête : une formation est retenue par le
 * filtre si et seulement si sa carte dit « gratuit pour vous ».
 */
import { describe, expect, it } from 'vitest';
import {
  acceptedTags,
  AGE_BANDS,
  bestVerdict,
  costFor,
  COST_SOURCES,
  freeTags,
  payerWords,
  registeredWithFranceTravail,
  routeOf,
  situationConflicts,
  type CostInput,
  type CostKind,
  type Situation,
} from '../../../src/domain/costs';

const input = (o: Partial<CostInput> & { funders?: string[]; programme?: CostInput['financing']['programme']; cpf?: boolean } = {}): CostInput => ({
  financing: { funders: o.funders ?? [], programme: o.programme ?? null, cpfEligible: o.cpf ?? false },
  publics: o.publics ?? [],
  priceEuros: o.priceEuros === undefined ? 1000 : o.priceEuros,
  remainingCosts: o.remainingCosts ?? null,
});

const REGION = input({ funders: ['2'], programme: 'visa-metiers', publics: ['80006'], priceEuros: 3390 });
const FRANCE_TRAVAIL = input({ funders: ['4'], publics: ['80006'] });
const APPRENTICESHIP = input({ funders: ['16'], publics: ['82027'], priceEuros: null });
const PRO_CONTRACT = input({ funders: ['16'], publics: ['82029'], priceEuros: null });
const SCHOOL = input({ funders: ['12'], publics: ['81061'], priceEuros: null });
const SELF_PAID = input({ funders: ['10'], priceEuros: 6730 });
const CPF = input({ funders: ['10', '16'], cpf: true, priceEuros: 7070 });
const EMPLOYER = input({ funders: ['5', '16'], priceEuros: 1200 });
const AGEFIPH = input({ funders: ['7'], priceEuros: 2000 });
const ZERO = input({ funders: ['10'], priceEuros: 0 });
const UNKNOWN = input({ funders: [], priceEuros: null });

describe('costFor : une phrase pour chaque situation, jamais devinée', () => {
  // [formation, situation, type attendu, extrait de la phrase]
  const table: [string, CostInput, Situation, CostKind, string][] = [
    ['Région, inscrite à France Travail', REGION, { franceTravail: true }, 'free', 'Gratuit pour vous : la Région paie la formation (VISA Métiers)'],
    ['Région, RSA (inscrite d’office)', REGION, { rsa: true }, 'free', 'Gratuit pour vous'],
    ['Région, sans réponse', REGION, {}, 'free-if', 'Gratuit pour les personnes inscrites à France Travail'],
    ['Région, non inscrite, salariée : pas pour elle', REGION, { franceTravail: false, employed: true }, 'unknown', 'à vérifier avec l’organisme ou votre conseiller'],
    ['France Travail, inscrit', FRANCE_TRAVAIL, { franceTravail: true }, 'free', 'France Travail paie la formation, après l’accord de votre conseiller'],
    ['France Travail, sans réponse', FRANCE_TRAVAIL, {}, 'free-if', 'inscrites à France Travail'],
    ['apprentissage, 18-25 ans', APPRENTICESHIP, { age: '18-25' }, 'free', 'en apprentissage, l’entreprise et son OPCO paient'],
    ['apprentissage, 30 ans et plus avec RQTH', APPRENTICESHIP, { age: '30-plus', disability: true }, 'free', 'Gratuit pour vous'],
    ['apprentissage, 30 ans et plus sans RQTH', APPRENTICESHIP, { age: '30-plus', disability: false }, 'unknown', 'à vérifier'],
    ['apprentissage, âge inconnu', APPRENTICESHIP, {}, 'free-if', 'de 16 à 29 ans'],
    ['contrat de professionnalisation', PRO_CONTRACT, {}, 'free', 'l’employeur et son OPCO paient'],
    ['lycée, 18-25 ans', SCHOOL, { age: '18-25' }, 'free', 'l’Éducation nationale paie'],
    ['lycée, 30 ans et plus', SCHOOL, { age: '30-plus' }, 'unknown', 'à vérifier'],
    ['à ses frais', SELF_PAID, {}, 'self', 'À votre charge : 6 730 €'],
    ['à ses frais, inscrite : l’AIF est citée', SELF_PAID, { franceTravail: true }, 'self', 'aide individuelle à la formation'],
    ['CPF', CPF, {}, 'covered', 'Payable avec votre CPF (prix annoncé : 7 070 €) ; il peut rester une somme à payer'],
    ['CPF, demandeuse d’emploi : pas de participation', CPF, { franceTravail: true }, 'covered', 'France Travail peut compléter'],
    ['CPF, salariée avec OPCO : l’employeur d’abord', CPF, { employed: true }, 'covered', 'Votre employeur peut payer'],
    ['employeur, salarié', EMPLOYER, { employed: true }, 'covered', 'Votre employeur peut payer cette formation'],
    ['employeur, pas salarié : l’organisme ne dit pas qui d’autre paie', EMPLOYER, { employed: false }, 'unknown', 'à vérifier avec l’organisme ou votre conseiller (prix annoncé : 1 200 €)'],
    ['Agefiph, RQTH', AGEFIPH, { disability: true }, 'free', 'l’Agefiph paie'],
    ['Agefiph, sans réponse', AGEFIPH, {}, 'free-if', 'reconnaissance de handicap'],
    ['prix 0 €', ZERO, {}, 'free', 'prix de 0 €'],
    ['rien de connu', UNKNOWN, {}, 'unknown', 'Coût pour vous : à vérifier avec l’organisme ou votre conseiller.'],
  ];
  it.each(table)('%s', (_, i, s, kind, words) => {
    const verdict = costFor(i, s);
    expect(verdict.kind).toBe(kind);
    // Les milliers sont séparés par une espace fine insécable (toLocaleString fr-FR).
    expect(verdict.sentence.replaceAll('\u202f', ' ')).toContain(words);
    expect(verdict.sources.length).toBeGreaterThan(0);
    for (const id of verdict.sources) expect(COST_SOURCES[id].url).toMatch(/^https:\/\//);
  });

  it('explique pourquoi une aide ne s’applique pas, sans la promettre', () => {
    const verdict = costFor({ ...REGION, financing: { ...REGION.financing, cpfEligible: true } }, { franceTravail: false });
    expect(verdict.kind).toBe('covered');
    expect(verdict.note).toContain('La Région paie cette formation pour les personnes inscrites à France Travail');
  });

  it('dit si l’on peut être payé pendant la formation', () => {
    expect(costFor(REGION, { franceTravail: true }).pay).toContain('rémunération de la Région');
    expect(costFor(APPRENTICESHIP, { age: '18-25' }).pay).toContain('elle vous paie chaque mois');
    expect(costFor(UNKNOWN, {}).pay).toContain('à vérifier');
  });

  it('reprend les frais restants annoncés par l’organisme', () => {
    expect(costFor(input({ ...REGION, remainingCosts: 'Tenue : 60 €' }), { franceTravail: true }).remaining).toBe('L’organisme précise les frais qui restent à payer : « Tenue : 60 € ».');
    expect(costFor(REGION, {}).remaining).toBeNull();
  });
});

describe('situation', () => {
  it('RSA vaut inscription à France Travail ; une réponse contraire est signalée', () => {
    expect(registeredWithFranceTravail({ rsa: true, franceTravail: false })).toBe(true);
    expect(registeredWithFranceTravail({ franceTravail: false })).toBe(false);
    expect(registeredWithFranceTravail({})).toBeUndefined();
    expect(situationConflicts({ rsa: true, franceTravail: false })).toHaveLength(1);
    expect(situationConflicts({ rsa: true, franceTravail: true })).toEqual([]);
  });

  it('la voie se lit dans les publics LHEO', () => {
    expect(routeOf(['82027', '82029'], [])).toBe('apprentissage');
    expect(routeOf(['82029'], [])).toBe('professionnalisation');
    expect(routeOf(['81061'], [])).toBe('scolaire');
    expect(routeOf([], ['12'])).toBe('scolaire');
    expect(routeOf(['80006'], ['2'])).toBe('continue');
  });
});

describe('« Gratuit pour moi » = la phrase de la carte', () => {
  const inputs = [REGION, FRANCE_TRAVAIL, APPRENTICESHIP, PRO_CONTRACT, SCHOOL, SELF_PAID, CPF, EMPLOYER, AGEFIPH, ZERO, UNKNOWN, input({ funders: ['2', '7'], publics: ['80006'] })];
  const answers = [undefined, true, false] as const;
  const situations: Situation[] = [];
  for (const franceTravail of answers)
    for (const employed of answers)
      for (const disability of answers)
        for (const rsa of answers)
          for (const age of [undefined, ...AGE_BANDS]) {
            const s: Situation = {};
            if (franceTravail !== undefined) s.franceTravail = franceTravail;
            if (employed !== undefined) s.employed = employed;
            if (disability !== undefined) s.disability = disability;
            if (rsa !== undefined) s.rsa = rsa;
            if (age !== undefined) s.age = age;
            situations.push(s);
          }

  it(`pour ${inputs.length} formations × ${situations.length} situations, le filtre retient exactement les « gratuit pour vous »`, () => {
    let free = 0;
    for (const i of inputs) {
      const tags = freeTags(i);
      for (const s of situations) {
        const accepted = acceptedTags(s);
        const filtered = tags.some((t) => accepted.includes(t));
        expect(filtered, `${JSON.stringify(i.financing)} ${JSON.stringify(s)}`).toBe(costFor(i, s).kind === 'free');
        if (filtered) free += 1;
      }
    }
    expect(free).toBeGreaterThan(100);
  });

  it('une situation sans réponse n’accepte que « gratuit pour tous »', () => {
    expect(acceptedTags({})).toEqual(['tous']);
  });
});

describe('plusieurs variantes, qui paie en mots', () => {
  it('bestVerdict garde la plus favorable', () => {
    const best = bestVerdict([SELF_PAID, REGION, CPF].map((i) => costFor(i, { franceTravail: true })));
    expect(best?.index).toBe(1);
    expect(best?.verdict.kind).toBe('free');
    expect(bestVerdict([])).toBeNull();
  });

  it('payerWords distingue les financements', () => {
    const words = [REGION, FRANCE_TRAVAIL, APPRENTICESHIP, PRO_CONTRACT, SCHOOL, SELF_PAID, CPF, EMPLOYER, AGEFIPH].map(payerWords);
    expect(new Set(words).size).toBe(words.length);
    expect(payerWords(UNKNOWN)).toBe('financement non précisé');
  });
});

describe('costs : cas limites (chaque règle gardée par un test)', () => {
  it('payerWords : la phrase exacte de chaque financement', () => {
    const table: [CostInput, string][] = [
      [REGION, 'payée par la Région (VISA Métiers)'],
      [input({ funders: ['2'] }), 'payée par la Région'],
      [input({ funders: ['4'] }), 'payée par France Travail'],
      [input({ funders: ['7'] }), 'payée par l’Agefiph'],
      [input({ funders: ['5'] }), 'payée par l’employeur'],
      [input({ funders: ['16'] }), 'payée par l’employeur'],
      [input({ funders: ['10'] }), 'payée par vous-même'],
      [input({ funders: ['10'], cpf: true }), 'avec le CPF'],
      [input({ funders: ['2', '4', '16'], cpf: true }), 'payée par la Région, payée par France Travail, payée par l’employeur, avec le CPF'],
      [APPRENTICESHIP, 'en apprentissage (payée par l’entreprise et son OPCO)'],
      [PRO_CONTRACT, 'en contrat de professionnalisation (payée par l’employeur)'],
      [SCHOOL, 'au lycée (payée par l’Éducation nationale)'],
    ];
    for (const [i, words] of table) expect(payerWords(i), JSON.stringify(i.financing)).toBe(words);
  });

  it('Région sans dispositif nommé, et seulement en formation continue', () => {
    expect(costFor(input({ funders: ['2'], publics: ['80006'] }), { franceTravail: true }).sentence).toBe('Gratuit pour vous : la Région paie la formation.');
    expect(costFor(input({ funders: ['2'], publics: ['80006'] }), {}).sentence).toBe('Gratuit pour les personnes inscrites à France Travail : la Région paie la formation.');
    // Un apprentissage cofinancé par la Région : la règle de l'apprentissage, pas celle des demandeurs d'emploi.
    const cofunded = input({ funders: ['16', '2'], publics: ['82027'], priceEuros: null });
    expect(freeTags(cofunded)).toEqual(['apprenti']);
    expect(costFor(cofunded, { franceTravail: true, age: '30-plus', disability: false }).kind).toBe('unknown');
    expect(freeTags(input({ funders: ['4', '7'], publics: ['82027'] }))).toEqual(['apprenti']);
  });

  it('apprentissage : âge et handicap, chacun vrai, faux ou sans réponse', () => {
    const kind = (s: Situation) => costFor(APPRENTICESHIP, s).kind;
    expect(kind({ age: '26-29' })).toBe('free');
    expect(kind({ age: 'moins-18' })).toBe('free');
    expect(kind({ disability: true })).toBe('free');
    expect(kind({ age: '30-plus' })).toBe('free-if'); // handicap sans réponse
    expect(kind({ disability: false })).toBe('free-if'); // âge sans réponse
    expect(kind({ age: '30-plus', disability: false })).toBe('unknown');
    expect(costFor(SCHOOL, {}).sentence).toBe('Gratuit pour les élèves et les jeunes de moins de 26 ans : l’Éducation nationale paie la formation.');
    expect(costFor(SCHOOL, { age: '18-25' }).pay).toContain('bourses');
  });

  it('à votre charge seulement si l’organisme le dit, avec un prix ; 0 € est gratuit', () => {
    expect(costFor(input({ funders: ['10'], priceEuros: null }), {}).kind).toBe('unknown');
    expect(costFor(input({ funders: [], priceEuros: 500 }), {}).kind).toBe('unknown');
    expect(costFor(input({ funders: ['10'], priceEuros: 0 }), {}).kind).toBe('free');
    const self = costFor(SELF_PAID, { franceTravail: true });
    expect(self.sources).toEqual(['lheo', 'franceTravail']);
    expect(costFor(SELF_PAID, { franceTravail: false }).sources).toEqual(['lheo']);
    expect(costFor(SELF_PAID, { franceTravail: false }).sentence.replaceAll('\u202f', ' ')).toBe('À votre charge : 6 730 €.');
  });

  it('salarié·e : l’employeur (code 5 ou 16) et le salaire pendant la formation', () => {
    expect(costFor(input({ funders: ['5'], priceEuros: 900 }), { employed: true }).kind).toBe('covered');
    expect(costFor(input({ funders: ['16'], priceEuros: 900 }), { employed: true }).kind).toBe('covered');
    expect(costFor(input({ funders: ['16'], priceEuros: 900 }), { employed: true }).pay).toBe('Si la formation a lieu sur votre temps de travail, votre salaire continue : voyez avec votre employeur.');
    expect(costFor(input({ funders: ['16'], priceEuros: 900 }), {}).pay).toBe('Être payé·e pendant la formation : à vérifier avec l’organisme ou votre conseiller.');
  });

  it('frais restants : blancs retirés, vide ignoré ; réponses contradictoires : un message exact', () => {
    expect(costFor(input({ ...ZERO, remainingCosts: '  Tenue : 60 €  ' }), {}).remaining).toBe('L’organisme précise les frais qui restent à payer : « Tenue : 60 € ».');
    expect(costFor(input({ ...ZERO, remainingCosts: '   ' }), {}).remaining).toBeNull();
    expect(situationConflicts({ rsa: true, franceTravail: false })[0]).toMatch(/^Vous avez répondu que vous touchez le RSA .* Nous comptons donc « inscrit·e à France Travail »\.$/);
    expect(situationConflicts({ rsa: false, franceTravail: false })).toEqual([]);
  });

  it('étiquettes triées ; à verdict égal, la première variante', () => {
    expect(freeTags(input({ funders: ['2', '7'], publics: ['80006'], priceEuros: 0 }))).toEqual(['demandeur', 'rqth', 'tous']);
    expect(acceptedTags({ franceTravail: true, age: '18-25', disability: true })).toEqual(['apprenti', 'demandeur', 'eleve', 'rqth', 'tous']);
    expect(bestVerdict([REGION, REGION].map((i) => costFor(i, { franceTravail: true })))?.index).toBe(0);
  });
});
