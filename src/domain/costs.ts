/**
 * « Ce que ça me coûte » : ce qu'une formation coûterait à une personne et qui paie, selon sa
 * situation (« Ma situation », toutes les réponses facultatives), à partir des financeurs LHEO,
 * des dispositifs de la Région et des champs `frais-restants` / `detail-conditions-prise-en-charge`.
 *
 * Chaque règle cite sa source publique. Ce que les données ne disent pas n'est jamais deviné :
 * la phrase dit alors « à vérifier avec l'organisme ou votre conseiller ».
 *
 * Construction : les règles « gratuit » (FREE_RULES) ont chacune une condition sur la situation
 * (vraie, fausse ou inconnue faute de réponse). Une formation est gratuite pour une personne si
 * et seulement si l'une des règles qui s'appliquent à elle a sa condition vraie : c'est ce qui
 * permet au filtre « Gratuit pour moi » de chercher par étiquettes (`freeTags` de la formation ∩
 * `acceptedTags` de la situation) avec exactement le même résultat que la phrase de la carte.
 */
import { REGION_PROGRAMMES, type Financing } from './financing';
import { z } from './zod';
import { AGE_BANDS, AGE_BAND_LABELS, type AgeBand } from '../lib/situation';

// ---------------------------------------------------------------------------------------------
// Ma situation

export { AGE_BANDS, AGE_BAND_LABELS, type AgeBand };

/** Les réponses de « Ma situation » ; une question sans réponse est absente. */
export const Situation = z.object({
  franceTravail: z.boolean().optional().describe('Inscrit·e à France Travail'),
  age: z.enum(AGE_BANDS).optional(),
  employed: z.boolean().optional().describe('Salarié·e'),
  disability: z.boolean().optional().describe('Reconnaissance de la qualité de travailleur handicapé (RQTH)'),
  rsa: z.boolean().optional().describe('Allocataire du RSA'),
});
export type Situation = z.infer<typeof Situation>;

export function hasAnswers(s: Situation): boolean {
  return Object.values(s).some((v) => v !== undefined);
}

/**
 * Depuis le 1er janvier 2025, les allocataires du RSA sont inscrits à France Travail
 * automatiquement (loi n° 2023-1196 du 18 décembre 2023 « pour le plein emploi ») : RSA vaut inscription.
 */
export function registeredWithFranceTravail(s: Situation): boolean | undefined {
  return s.rsa === true ? true : s.franceTravail;
}

/** Réponses qui se contredisent, dites en français (la règle retenue est expliquée). */
export function situationConflicts(s: Situation): string[] {
  const out: string[] = [];
  if (s.rsa === true && s.franceTravail === false) {
    out.push('Vous avez répondu que vous touchez le RSA et que vous n’êtes pas inscrit·e à France Travail : depuis 2025, les personnes au RSA y sont inscrites automatiquement. Nous comptons donc « inscrit·e à France Travail ».');
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Ce qu'on sait de la formation

/** Voie de la formation : en apprentissage, en contrat de professionnalisation, au lycée, ou formation continue. */
export type Route = 'apprentissage' | 'professionnalisation' | 'scolaire' | 'continue';

/** Publics LHEO (Formacode) qui disent la voie : 82027 apprentis, 82029 contrat de professionnalisation, 81061 élèves et étudiants. */
export function routeOf(publics: readonly string[], funders: readonly string[]): Route {
  if (publics.includes('82027')) return 'apprentissage';
  if (publics.includes('82029')) return 'professionnalisation';
  if (publics.includes('81061') || funders.includes('12')) return 'scolaire';
  return 'continue';
}

export interface CostInput {
  financing: Financing;
  publics: readonly string[];
  priceEuros: number | null;
  /** LHEO `frais-restants` (texte de l'organisme). */
  remainingCosts: string | null;
}

// ---------------------------------------------------------------------------------------------
// Sources

export const COST_SOURCES = {
  lheo: { label: 'Offre de formation publiée par l’organisme (format LHEO du Carif-Oref)', url: 'https://lheo.gouv.fr/' },
  apprentissage: { label: 'Service-public.fr : contrat d’apprentissage (formation gratuite pour l’apprenti, de 16 à 29 ans, sans limite d’âge avec une RQTH ; Code du travail, art. L6222-1, L6222-2 et L6221-2)', url: 'https://www.service-public.fr/particuliers/vosdroits/F2918' },
  professionnalisation: { label: 'Service-public.fr : contrat de professionnalisation (formation payée par l’employeur et son OPCO)', url: 'https://www.service-public.fr/particuliers/vosdroits/F15478' },
  scolaire: { label: 'Service-public.fr : gratuité de l’enseignement public (Code de l’éducation, art. L132-1 et L132-2)', url: 'https://www.service-public.fr/particuliers/vosdroits/F1870' },
  region: { label: 'Région Pays de la Loire : formations payées par la Région pour les personnes en recherche d’emploi', url: 'https://www.paysdelaloire.fr/les-aides/region-formation-acces-emploi-parcours-tpme' },
  franceTravail: { label: 'France Travail : formations achetées par France Travail et aide individuelle à la formation (AIF)', url: 'https://www.pole-emploi.fr/candidat/en-formation/mes-aides-financieres/laide-individuelle-a-la-formatio.html' },
  agefiph: { label: 'Agefiph : aides à la formation des personnes handicapées', url: 'https://www.agefiph.fr/' },
  cpf: { label: 'Service-public.fr : compte personnel de formation (participation forfaitaire, sauf pour les demandeurs d’emploi ; Code du travail, art. L6323-4)', url: 'https://www.service-public.fr/particuliers/vosdroits/F10705' },
  employeur: { label: 'Service-public.fr : plan de développement des compétences (formation payée par l’employeur)', url: 'https://www.service-public.fr/particuliers/vosdroits/F31278' },
  remuneration: { label: 'Code du travail, art. L6341-1 et suivants : rémunération des stagiaires de la formation professionnelle', url: 'https://www.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006072050/LEGISCTA000006178220/' },
  rsa: { label: 'Loi n° 2023-1196 pour le plein emploi : inscription automatique à France Travail des allocataires du RSA', url: 'https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000048581976' },
} as const;
export type CostSourceId = keyof typeof COST_SOURCES;

// ---------------------------------------------------------------------------------------------
// Verdict

/**
 * - `free` : gratuite pour cette personne ;
 * - `free-if` : gratuite sous une condition à laquelle la personne n'a pas répondu (la phrase la dit) ;
 * - `covered` : quelqu'un peut payer (CPF, employeur) ; il peut rester une somme à payer ;
 * - `self` : à la charge de la personne (prix connu) ;
 * - `unknown` : les données ne le disent pas.
 */
export type CostKind = 'free' | 'free-if' | 'covered' | 'self' | 'unknown';

export interface CostVerdict {
  kind: CostKind;
  /** Une phrase simple : « Gratuit pour vous : la Région paie la formation. » */
  sentence: string;
  /** Être payé·e ou aidé·e pendant la formation, en une phrase. */
  pay: string;
  /** Ce que l'organisme précise (frais restants), ou null. */
  remaining: string | null;
  /** Pourquoi une aide ne s'applique pas à cette situation (réponse contraire), ou null. */
  note: string | null;
  sources: CostSourceId[];
}

/** L'étiquette d'une règle « gratuit », pour le filtre « Gratuit pour moi ». */
export type FreeTag = 'tous' | 'apprenti' | 'eleve' | 'demandeur' | 'rqth';

interface FreeRule {
  tag: FreeTag;
  source: CostSourceId;
  applies(input: CostInput, route: Route): boolean;
  /** La condition sur la situation : vraie, fausse, ou inconnue (undefined) faute de réponse. */
  holds(s: Situation): boolean | undefined;
  /** « Gratuit pour vous : … » */
  free(input: CostInput): string;
  /** « Gratuit si … » (condition sans réponse). */
  freeIf(input: CostInput): string;
  /** Pourquoi ce n'est pas gratuit pour cette situation (condition fausse). */
  notForYou: string;
  pay: string;
  paySource: CostSourceId;
}

const UNKNOWN = 'à vérifier avec l’organisme ou votre conseiller';
const PAY_UNKNOWN = `Être payé·e pendant la formation : ${UNKNOWN}.`;
const PAY_JOBSEEKER = 'Pendant la formation, vous pouvez être payé·e : allocation de France Travail si vous y avez droit, sinon une rémunération de la Région selon votre situation. Demandez à votre conseiller.';
const PAY_EMPLOYEE = 'Vous êtes salarié·e de l’entreprise : elle vous paie chaque mois pendant la formation.';
const YOUNG: ReadonlySet<AgeBand> = new Set(['moins-18', '18-25']);
const UNDER_30: ReadonlySet<AgeBand> = new Set(['moins-18', '18-25', '26-29']);

function regionPayer(f: Financing): string {
  const programme = f.programme === null ? null : REGION_PROGRAMMES[f.programme];
  return programme ? `la Région paie la formation (${programme.label})` : 'la Région paie la formation';
}

function paidByRegion(f: Financing): boolean {
  return f.programme !== null || f.funders.includes('2');
}

/** Vrai, faux, inconnu : « au moins une des deux conditions est vraie ». */
function either(a: boolean | undefined, b: boolean | undefined): boolean | undefined {
  if (a === true || b === true) return true;
  if (a === false && b === false) return false;
  return undefined;
}

const FREE_RULES: readonly FreeRule[] = [
  {
    tag: 'tous',
    source: 'lheo',
    applies: (i) => i.priceEuros === 0,
    holds: () => true,
    free: () => 'Gratuit : l’organisme annonce un prix de 0 €.',
    freeIf: () => 'Gratuit : l’organisme annonce un prix de 0 €.',
    notForYou: '',
    pay: PAY_UNKNOWN,
    paySource: 'lheo',
  },
  {
    tag: 'tous',
    source: 'professionnalisation',
    applies: (_, route) => route === 'professionnalisation',
    holds: () => true,
    free: () => 'Gratuit pour vous : en contrat de professionnalisation, l’employeur et son OPCO paient la formation. Il faut d’abord trouver un employeur.',
    freeIf: () => 'Gratuit pour vous : en contrat de professionnalisation, l’employeur et son OPCO paient la formation. Il faut d’abord trouver un employeur.',
    notForYou: '',
    pay: PAY_EMPLOYEE,
    paySource: 'professionnalisation',
  },
  {
    tag: 'apprenti',
    source: 'apprentissage',
    applies: (_, route) => route === 'apprentissage',
    holds: (s) => either(s.age === undefined ? undefined : UNDER_30.has(s.age), s.disability),
    free: () => 'Gratuit pour vous : en apprentissage, l’entreprise et son OPCO paient la formation. Il faut d’abord trouver une entreprise.',
    freeIf: () => 'Gratuit pour les apprentis de 16 à 29 ans (sans limite d’âge avec une reconnaissance de handicap) : l’entreprise et son OPCO paient la formation.',
    notForYou: 'L’apprentissage est ouvert jusqu’à 29 ans, sans limite d’âge avec une reconnaissance de handicap (RQTH).',
    pay: PAY_EMPLOYEE,
    paySource: 'apprentissage',
  },
  {
    tag: 'eleve',
    source: 'scolaire',
    applies: (_, route) => route === 'scolaire',
    holds: (s) => (s.age === undefined ? undefined : YOUNG.has(s.age)),
    free: () => 'Gratuit pour vous : au lycée public, l’Éducation nationale paie la formation.',
    freeIf: () => 'Gratuit pour les élèves et les jeunes de moins de 26 ans : l’Éducation nationale paie la formation.',
    notForYou: 'Cette formation au lycée est faite pour les élèves et les jeunes de moins de 26 ans.',
    pay: 'Pas de salaire pendant la formation (voie scolaire) ; des bourses existent selon les revenus de la famille.',
    paySource: 'scolaire',
  },
  {
    tag: 'demandeur',
    source: 'region',
    applies: (i, route) => route === 'continue' && paidByRegion(i.financing),
    holds: registeredWithFranceTravail,
    free: (i) => `Gratuit pour vous : ${regionPayer(i.financing)}.`,
    freeIf: (i) => `Gratuit pour les personnes inscrites à France Travail : ${regionPayer(i.financing)}.`,
    notForYou: 'La Région paie cette formation pour les personnes inscrites à France Travail.',
    pay: PAY_JOBSEEKER,
    paySource: 'remuneration',
  },
  {
    tag: 'demandeur',
    source: 'franceTravail',
    applies: (i, route) => route === 'continue' && i.financing.funders.includes('4'),
    holds: registeredWithFranceTravail,
    free: () => 'Gratuit pour vous : France Travail paie la formation, après l’accord de votre conseiller.',
    freeIf: () => 'Gratuit pour les personnes inscrites à France Travail, après l’accord de leur conseiller : France Travail paie la formation.',
    notForYou: 'France Travail paie cette formation pour les personnes inscrites à France Travail.',
    pay: PAY_JOBSEEKER,
    paySource: 'remuneration',
  },
  {
    tag: 'rqth',
    source: 'agefiph',
    applies: (i, route) => route === 'continue' && i.financing.funders.includes('7'),
    holds: (s) => s.disability,
    free: () => 'Gratuit pour vous : l’Agefiph paie la formation des personnes avec une reconnaissance de handicap.',
    freeIf: () => 'Gratuit pour les personnes avec une reconnaissance de handicap (RQTH) : l’Agefiph paie la formation.',
    notForYou: 'L’Agefiph paie cette formation pour les personnes avec une reconnaissance de handicap.',
    pay: PAY_UNKNOWN,
    paySource: 'agefiph',
  },
];

function euros(n: number): string {
  return `${Math.round(n).toLocaleString('fr-FR')} €`;
}

function remainingOf(input: CostInput): string | null {
  const text = input.remainingCosts?.trim();
  return text ? `L’organisme précise les frais qui restent à payer : « ${text} ».` : null;
}

/** Les étiquettes « gratuit » d'une formation (indexées pour le filtre « Gratuit pour moi »). */
export function freeTags(input: CostInput): FreeTag[] {
  const route = routeOf(input.publics, input.financing.funders);
  return [...new Set(FREE_RULES.filter((r) => r.applies(input, route)).map((r) => r.tag))].sort();
}

/** Les étiquettes « gratuit » que cette situation remplit (la condition de la règle est vraie). */
export function acceptedTags(s: Situation): FreeTag[] {
  const tags = new Set<FreeTag>();
  for (const rule of FREE_RULES) if (rule.holds(s) === true) tags.add(rule.tag);
  return [...tags].sort();
}

/** Ce que la formation coûterait à cette personne, et qui paie. */
export function costFor(input: CostInput, s: Situation): CostVerdict {
  const route = routeOf(input.publics, input.financing.funders);
  const rules = FREE_RULES.filter((r) => r.applies(input, route));
  const remaining = remainingOf(input);
  const yes = rules.find((r) => r.holds(s) === true);
  if (yes) return { kind: 'free', sentence: yes.free(input), pay: yes.pay, remaining, note: null, sources: [yes.source, yes.paySource] };
  const maybe = rules.find((r) => r.holds(s) === undefined);
  if (maybe) return { kind: 'free-if', sentence: maybe.freeIf(input), pay: maybe.pay, remaining, note: null, sources: [maybe.source, maybe.paySource] };
  const refused = rules[0];
  const note = refused ? `${refused.notForYou} Ce n’est pas votre situation d’après vos réponses.` : null;
  const base = { remaining, note };
  const f = input.financing;
  const price = input.priceEuros === null ? '' : ` (prix annoncé : ${euros(input.priceEuros)})`;
  const ft = registeredWithFranceTravail(s);
  const payEmployed = s.employed === true ? 'Si la formation a lieu sur votre temps de travail, votre salaire continue : voyez avec votre employeur.' : PAY_UNKNOWN;

  if (s.employed === true && (f.funders.includes('5') || f.funders.includes('16'))) {
    return { ...base, kind: 'covered', sentence: `Votre employeur peut payer cette formation${price} : parlez-en avec lui.`, pay: payEmployed, sources: ['employeur'] };
  }
  if (f.cpfEligible) {
    const cpf = ft === true
      ? `Payable avec votre CPF${price} ; s’il ne suffit pas, France Travail peut compléter : demandez à votre conseiller.`
      : `Payable avec votre CPF${price} ; il peut rester une somme à payer, et une participation d’environ 100 € est demandée (sauf aux demandeurs d’emploi).`;
    return { ...base, kind: 'covered', sentence: cpf, pay: payEmployed, sources: ['cpf'] };
  }
  // « À votre charge » seulement quand l'organisme le dit (financeur LHEO 10 : la personne elle-même).
  if (input.priceEuros !== null && input.priceEuros > 0 && f.funders.includes('10')) {
    const help = ft === true ? ' France Travail peut parfois aider (aide individuelle à la formation) : demandez à votre conseiller.' : '';
    return { ...base, kind: 'self', sentence: `À votre charge : ${euros(input.priceEuros)}.${help}`, pay: payEmployed, sources: ft === true ? ['lheo', 'franceTravail'] : ['lheo'] };
  }
  return { ...base, kind: 'unknown', sentence: `Coût pour vous : ${UNKNOWN}${price}.`, pay: payEmployed, sources: ['lheo'] };
}

/** Mots courts de la carte pour le type de verdict (le filtre et le badge). */
export const COST_KIND_LABELS: Record<CostKind, string> = {
  free: 'Gratuit pour vous',
  'free-if': 'Gratuit sous condition',
  covered: 'Peut être payé pour vous',
  self: 'À votre charge',
  unknown: 'Coût à vérifier',
};

/** Du plus favorable au moins favorable (la carte annonce la meilleure de ses variantes). */
export const COST_KIND_RANK: Record<CostKind, number> = { free: 0, 'free-if': 1, covered: 2, self: 3, unknown: 4 };

/** Le verdict le plus favorable parmi des verdicts déjà calculés (le premier à égalité), avec son indice. */
export function bestVerdict(verdicts: readonly CostVerdict[]): { index: number; verdict: CostVerdict } | null {
  let best: { index: number; verdict: CostVerdict } | null = null;
  verdicts.forEach((verdict, index) => {
    if (best === null || COST_KIND_RANK[verdict.kind] < COST_KIND_RANK[best.verdict.kind]) best = { index, verdict };
  });
  return best;
}

/**
 * Qui paie, en quelques mots et sans tenir compte de la situation (pour distinguer deux variantes) :
 * « payée par la Région (VISA Métiers) », « avec le CPF », « en apprentissage »…
 */
export function payerWords(input: Pick<CostInput, 'financing' | 'publics'>): string {
  const f = input.financing;
  const route = routeOf(input.publics, f.funders);
  if (route === 'apprentissage') return 'en apprentissage (payée par l’entreprise et son OPCO)';
  if (route === 'professionnalisation') return 'en contrat de professionnalisation (payée par l’employeur)';
  if (route === 'scolaire') return 'au lycée (payée par l’Éducation nationale)';
  const parts: string[] = [];
  if (paidByRegion(f)) parts.push(f.programme ? `payée par la Région (${REGION_PROGRAMMES[f.programme].label})` : 'payée par la Région');
  if (f.funders.includes('4')) parts.push('payée par France Travail');
  if (f.funders.includes('7')) parts.push('payée par l’Agefiph');
  if (f.funders.includes('5') || f.funders.includes('16')) parts.push('payée par l’employeur');
  if (f.cpfEligible) parts.push('avec le CPF');
  if (f.funders.includes('10') && !f.cpfEligible) parts.push('payée par vous-même');
  return parts.length === 0 ? 'financement non précisé' : parts.join(', ');
}
