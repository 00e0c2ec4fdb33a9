/**
 * Taux d'insertion (InserJeunes, InserSup, France Travail), règle de diffusion, rattachement à
 * l'offre et mise en mots du périmètre : chaque chiffre dit sur qui il porte.
 *
 * Périmètres (`scope`) :
 *  - `etablissement` : un établissement, toutes formations confondues (InserJeunes par CFA, clé UAI) ;
 *  - `etablissement-formation` : un diplôme dans un établissement (InserSup, clé UAI + diplôme) ;
 *  - `region` : un diplôme dans une région, par voie (InserJeunes par région, clé CFD ou MEFSTAT11) ;
 *  - `national` : un diplôme dans toute la France (clé CFD ou MEFSTAT11).
 */
import { z } from './zod';

export const INSERTION_MIN_LEAVERS = 20;

const Rate = z.number().min(0).max(100).nullable().describe('Taux en pourcentage (0 à 100)');

export const INSERTION_SCOPES = ['etablissement', 'etablissement-formation', 'region', 'national'] as const;
export const InsertionScope = z.enum(INSERTION_SCOPES);
export type InsertionScope = z.infer<typeof InsertionScope>;

/** Voie de formation des sortants : apprentissage (CFA) ou voie scolaire (lycée). */
export const InsertionRoute = z.enum(['apprentissage', 'scolaire']);
export type InsertionRoute = z.infer<typeof InsertionRoute>;

export const InsertionStat = z.object({
  source: z.enum(['inserjeunes', 'insersup', 'france-travail']),
  vintage: z
    .string()
    .regex(/^\d{4}(-\d{4})?$/, 'millésime attendu : 2023 ou 2022-2023')
    .describe('Millésime, ex. « 2023 » ou « 2022-2023 »'),
  cumulative: z.boolean().default(false).describe('Vrai si le chiffre réunit plusieurs années de sortants (« cumul 2023-2024 » des CFA)'),
  scope: InsertionScope,
  route: InsertionRoute.nullable().default(null).describe('Voie (apprentissage ou scolaire), si le chiffre la distingue'),
  region: z.string().nullable().default(null).describe('Code INSEE de la région (52 : Pays de la Loire) ; null pour un chiffre national'),
  /** Identifiants liés : action ou formation (périmètre établissement), diplôme ou ROME sinon. */
  actionId: z.string().nullable().default(null),
  formationId: z.string().nullable().default(null),
  diplomaCode: z.string().nullable().default(null).describe('Code formation diplôme (CFD) ou code diplôme InserSup'),
  mefstat11: z.string().nullable().default(null).describe('Code MEFSTAT11 (voie scolaire)'),
  romeCode: z.string().nullable().default(null),
  uai: z.string().nullable().default(null),
  establishment: z.string().nullable().default(null).describe('Nom de l’établissement tel que publié'),
  leavers: z.number().int().nonnegative().nullable().describe('Nombre de sortants (null : non publié)'),
  employmentRate6m: Rate,
  employmentRate12m: Rate,
  furtherStudyRate: Rate.describe('Taux de poursuite d’études'),
  demo: z.boolean().default(false).describe('Chiffre de démonstration (inventé)'),
});
export type InsertionStat = z.infer<typeof InsertionStat>;

type DisclosedFields = Pick<InsertionStat, 'source' | 'vintage' | 'cumulative' | 'scope' | 'route' | 'region' | 'establishment' | 'leavers' | 'demo'>;

export type InsertionDisclosure =
  | { kind: 'none'; message: string }
  | { kind: 'hidden'; message: string; stat: DisclosedFields }
  | { kind: 'shown'; stat: InsertionStat; /** Ce qu'il faut savoir pour lire le chiffre (nombre de sortants non publié). */ note: string | null };

const REGION_NAMES = new Map<string, string>([
  ['01', 'Guadeloupe'],
  ['02', 'Martinique'],
  ['03', 'Guyane'],
  ['04', 'La Réunion'],
  ['06', 'Mayotte'],
  ['11', 'Île-de-France'],
  ['24', 'Centre-Val de Loire'],
  ['27', 'Bourgogne-Franche-Comté'],
  ['28', 'Normandie'],
  ['32', 'Hauts-de-France'],
  ['44', 'Grand Est'],
  ['52', 'Pays de la Loire'],
  ['53', 'Bretagne'],
  ['75', 'Nouvelle-Aquitaine'],
  ['76', 'Occitanie'],
  ['84', 'Auvergne-Rhône-Alpes'],
  ['93', 'Provence-Alpes-Côte d’Azur'],
  ['94', 'Corse'],
]);

/** Nom d'une région d'après son code INSEE (« 52 » → « Pays de la Loire »). */
export function regionName(code: string | null): string | null {
  return code === null ? null : (REGION_NAMES.get(code) ?? null);
}

const ROUTE_WORDS: Record<InsertionRoute, string> = { apprentissage: 'en apprentissage', scolaire: 'en voie scolaire (lycée)' };

/** La période en mots : « 2022-2023 », ou « cumul 2023-2024 » pour plusieurs années réunies. */
export function insertionPeriod(stat: Pick<InsertionStat, 'vintage' | 'cumulative'>): string {
  return stat.cumulative ? `cumul ${stat.vintage}` : stat.vintage;
}

/**
 * Sur qui porte le chiffre, en mots, sans majuscule : « pour ce CFA (toutes formations), cumul 2023-2024 »,
 * « pour ce diplôme en Pays de la Loire, en apprentissage, 2022-2023 ». Avec `named`, l'établissement
 * est nommé (« pour le CFA « … » (toutes formations) ») : pour une page qui en montre plusieurs.
 */
export function insertionScopeWords(stat: Pick<InsertionStat, 'scope' | 'route' | 'region' | 'establishment' | 'vintage' | 'cumulative'>, options: { named?: boolean } = {}): string {
  const parts: string[] = [];
  switch (stat.scope) {
    case 'etablissement':
      parts.push(options.named && stat.establishment ? `pour le CFA « ${stat.establishment} » (toutes formations)` : 'pour ce CFA (toutes formations)');
      break;
    case 'etablissement-formation':
      parts.push(options.named && stat.establishment ? `pour ce diplôme à « ${stat.establishment} »` : 'pour ce diplôme dans cet établissement');
      break;
    case 'region':
      parts.push(`pour ce diplôme en ${regionName(stat.region) ?? (stat.region ? `région (code ${stat.region})` : 'région')}`);
      break;
    case 'national':
      parts.push('pour ce diplôme en France');
      break;
  }
  if (stat.route !== null) parts.push(ROUTE_WORDS[stat.route]);
  parts.push(insertionPeriod(stat));
  return parts.join(', ');
}

/**
 * Les taux d'insertion en mots, un seul endroit : titre court (colonne d'un tableau) et libellé
 * complet (liste des taux d'un chiffre, page d'une formation).
 */
export const INSERTION_RATE_SHORT_LABELS = {
  employment6m: 'En emploi 6 mois après',
  employment12m: 'En emploi 12 mois après',
} as const;

export const INSERTION_RATE_LABELS = {
  employment6m: `${INSERTION_RATE_SHORT_LABELS.employment6m} la sortie`,
  employment12m: `${INSERTION_RATE_SHORT_LABELS.employment12m} la sortie`,
  furtherStudy: 'Poursuivent leurs études',
} as const;

/**
 * Le titre du chiffre principal : « Taux d’emploi 6 mois après la sortie, pour ce CFA (toutes formations),
 * cumul 2023-2024 » (à défaut de taux à 6 mois, celui à 12 mois, sinon la poursuite d'études).
 */
export function insertionHeadline(stat: InsertionStat): string {
  const what =
    stat.employmentRate6m !== null
      ? 'Taux d’emploi 6 mois après la sortie'
      : stat.employmentRate12m !== null
        ? 'Taux d’emploi 12 mois après la sortie'
        : stat.furtherStudyRate !== null
          ? 'Taux de poursuite d’études'
          : 'Insertion après la sortie';
  return `${what}, ${insertionScopeWords(stat)}`;
}

const HIDDEN_SUBJECT: Record<InsertionScope, string> = {
  etablissement: 'de ce CFA',
  'etablissement-formation': 'de cette formation dans cet établissement',
  region: 'de cette formation dans la région (tous établissements)',
  national: 'de cette formation en France',
};

/**
 * Règle de diffusion : rien n'est affiché sous 20 sortants (le taux ne serait pas fiable), et
 * l'absence de donnée est dite explicitement. Sans nombre de sortants publié (taux par CFA),
 * le chiffre est montré avec une note qui le dit.
 */
export function discloseInsertion(stat: InsertionStat | null | undefined): InsertionDisclosure {
  if (!stat) return { kind: 'none', message: 'Pas de donnée d’insertion pour cette formation.' };
  const fields: DisclosedFields = {
    source: stat.source,
    vintage: stat.vintage,
    cumulative: stat.cumulative,
    scope: stat.scope,
    route: stat.route,
    region: stat.region,
    establishment: stat.establishment,
    leavers: stat.leavers,
    demo: stat.demo,
  };
  if (stat.leavers !== null && stat.leavers < INSERTION_MIN_LEAVERS) {
    return {
      kind: 'hidden',
      message: `Le taux n’est pas affiché : moins de ${INSERTION_MIN_LEAVERS} personnes sont sorties ${HIDDEN_SUBJECT[stat.scope]} (${stat.leavers}), le chiffre ne serait pas fiable.`,
      stat: fields,
    };
  }
  const note =
    stat.leavers === null
      ? stat.scope === 'etablissement'
        ? 'Le nombre de personnes sorties n’est pas publié pour ce CFA : ce taux réunit tous ses apprentis, toutes formations confondues.'
        : 'Le nombre de personnes sorties n’est pas publié pour ce chiffre.'
      : null;
  return { kind: 'shown', stat, note };
}

/** Du plus précis au moins précis pour une formation : le diplôme d'abord, l'établissement entier ensuite. */
const SCOPE_RANK: Record<InsertionScope, number> = { 'etablissement-formation': 0, region: 1, etablissement: 2, national: 3 };

const byPrecision = (a: InsertionStat, b: InsertionStat) => SCOPE_RANK[a.scope] - SCOPE_RANK[b.scope] || b.vintage.localeCompare(a.vintage);

/** La statistique la plus précise (diplôme dans l'établissement > diplôme dans la région > établissement > national), puis la plus récente. */
export function bestInsertionStat(stats: readonly InsertionStat[]): InsertionStat | null {
  return [...stats].sort(byPrecision)[0] ?? null;
}

/** Une statistique par périmètre (la plus récente), du plus précis au moins précis : ce que montre une fiche. */
export function insertionFigures(stats: readonly InsertionStat[]): InsertionStat[] {
  const best = new Map<InsertionScope, InsertionStat>();
  for (const stat of [...stats].sort(byPrecision)) if (!best.has(stat.scope)) best.set(stat.scope, stat);
  return [...best.values()];
}

/** Ce qu'il faut d'une action pour lui rattacher ses statistiques d'insertion. */
export interface InsertionTarget {
  actionId: string;
  formationId: string;
  /** Codes formation diplôme (CFD) de la formation : le sien, ou celui déduit de son code RNCP. */
  diplomaCodes: readonly string[];
  /** Codes MEFSTAT11 de la formation (voie scolaire). */
  mefstatCodes: readonly string[];
  /** UAI de l'organisme (code établissement), s'il est connu. */
  uai: string | null;
  /** Voie de l'action d'après ses publics (apprentis, élèves), null sinon. */
  route: InsertionRoute | null;
}

/**
 * Rattache les statistiques à une action (une seule règle pour la recherche, l'API et les pages) :
 *  - `etablissement` : l'UAI de l'organisme de l'action ;
 *  - `etablissement-formation` : l'action ou la formation désignée, ou le couple (UAI, code diplôme) ;
 *  - `region` et `national` : le CFD ou le MEFSTAT11 de la formation ; si la voie de l'action est
 *    connue (apprentis, élèves), seulement les chiffres de cette voie.
 */
export function insertionLinker(stats: readonly InsertionStat[]): (target: InsertionTarget) => InsertionStat[] {
  const byId = new Map<string, InsertionStat[]>();
  const byDiploma = new Map<string, InsertionStat[]>();
  const byMefstat = new Map<string, InsertionStat[]>();
  const byUai = new Map<string, InsertionStat[]>();
  const add = (map: Map<string, InsertionStat[]>, key: string, stat: InsertionStat) => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [stat]);
    else list.push(stat);
  };
  for (const stat of stats) {
    if (stat.scope === 'etablissement') {
      if (stat.uai !== null) add(byUai, stat.uai, stat);
      continue;
    }
    if (stat.scope === 'etablissement-formation') for (const id of new Set([stat.actionId, stat.formationId])) if (id !== null) add(byId, id, stat);
    if (stat.diplomaCode !== null) add(byDiploma, stat.diplomaCode, stat);
    if (stat.mefstat11 !== null) add(byMefstat, stat.mefstat11, stat);
  }
  return ({ actionId, formationId, diplomaCodes, mefstatCodes, uai, route }) => {
    const linked = new Set<InsertionStat>([...(byId.get(actionId) ?? []), ...(byId.get(formationId) ?? [])]);
    if (uai !== null) for (const stat of byUai.get(uai) ?? []) linked.add(stat);
    const byCode = [...diplomaCodes.flatMap((c) => byDiploma.get(c) ?? []), ...mefstatCodes.flatMap((c) => byMefstat.get(c) ?? [])];
    for (const stat of byCode) {
      if (stat.scope === 'etablissement-formation') {
        if (uai !== null && stat.uai === uai) linked.add(stat);
      } else if (route === null || stat.route === null || stat.route === route) linked.add(stat);
    }
    return [...linked];
  };
}

/** Publics LHEO (Formacode) qui disent la voie : apprentis (82027), élèves de formation initiale (81061). */
const ROUTE_PUBLICS: ReadonlyArray<[string, InsertionRoute]> = [
  ['82027', 'apprentissage'],
  ['81061', 'scolaire'],
];

interface OfferKeys {
  formations: readonly { id: string; diplomaCode: string | null; mefstatCode?: string | null; certifications: readonly { type: string; code: string }[] }[];
  organismes: readonly { id: string; uai: string | null }[];
}

/**
 * Les cibles de rattachement des actions d'une offre. Une formation sans CFD reprend celui des autres
 * formations de l'offre qui ont le même code RNCP et un CFD (un seul : un code RNCP lié à plusieurs
 * CFD n'en donne aucun).
 */
export function insertionTargets(offer: OfferKeys): (action: { id: string; formationId: string; organismeId: string; publics: readonly string[] }) => InsertionTarget {
  const formations = new Map(offer.formations.map((f) => [f.id, f]));
  const uaiOf = new Map(offer.organismes.map((o) => [o.id, o.uai]));
  // « RNCP35402 » et « 35402 » désignent la même fiche.
  const rncpKey = (c: { type: string; code: string }) => (c.type === 'RNCP' ? c.code.toUpperCase().replace(/^RNCP/, '') : null);
  const cfdByRncp = new Map<string, Set<string>>();
  for (const f of offer.formations) {
    if (f.diplomaCode === null) continue;
    for (const c of f.certifications) {
      const key = rncpKey(c);
      if (key === null) continue;
      const set = cfdByRncp.get(key) ?? new Set<string>();
      set.add(f.diplomaCode);
      cfdByRncp.set(key, set);
    }
  }
  const diplomaCodesOf = (f: OfferKeys['formations'][number] | undefined): string[] => {
    if (f === undefined) return [];
    if (f.diplomaCode !== null) return [f.diplomaCode];
    const found = new Set<string>();
    for (const c of f.certifications) {
      const key = rncpKey(c);
      const cfds = key === null ? undefined : cfdByRncp.get(key);
      if (cfds?.size === 1) found.add([...cfds][0] as string);
    }
    return found.size === 1 ? [...found] : [];
  };
  return (action) => {
    const formation = formations.get(action.formationId);
    const route = ROUTE_PUBLICS.find(([code]) => action.publics.includes(code))?.[1] ?? null;
    return {
      actionId: action.id,
      formationId: action.formationId,
      diplomaCodes: diplomaCodesOf(formation),
      mefstatCodes: formation?.mefstatCode ? [formation.mefstatCode] : [],
      uai: uaiOf.get(action.organismeId) ?? null,
      route,
    };
  };
}

export interface InsertionLinkCounts {
  /** Statistiques rattachées à au moins une action de l'offre. */
  linkedStats: number;
  /** Statistiques sans aucune action correspondante (CFD, MEFSTAT11 ou UAI absents de l'offre). */
  unlinkedStats: number;
  /** Actions avec au moins une statistique, et parmi elles par périmètre. */
  actionsWithStats: number;
  actionsByScope: Record<InsertionScope, number>;
  /** Actions rattachées grâce à un CFD déduit de leur code RNCP. */
  actionsViaRncp: number;
  actions: number;
}

/** Ce qui se rattache à l'offre et ce qui ne s'y rattache pas (pour le rapport d'import). */
export function countInsertionLinks(offer: OfferKeys & { actions: readonly { id: string; formationId: string; organismeId: string; publics: readonly string[] }[] }, stats: readonly InsertionStat[]): InsertionLinkCounts {
  const link = insertionLinker(stats);
  const targetOf = insertionTargets(offer);
  const formations = new Map(offer.formations.map((f) => [f.id, f]));
  const used = new Set<InsertionStat>();
  const actionsByScope: Record<InsertionScope, number> = { etablissement: 0, 'etablissement-formation': 0, region: 0, national: 0 };
  let actionsWithStats = 0;
  let actionsViaRncp = 0;
  for (const action of offer.actions) {
    const target = targetOf(action);
    const linked = link(target);
    if (linked.length === 0) continue;
    actionsWithStats += 1;
    for (const scope of new Set(linked.map((s) => s.scope))) actionsByScope[scope] += 1;
    for (const s of linked) used.add(s);
    const viaRncp = formations.get(action.formationId)?.diplomaCode === null && target.diplomaCodes.length > 0;
    if (viaRncp && linked.some((s) => s.diplomaCode !== null && target.diplomaCodes.includes(s.diplomaCode))) actionsViaRncp += 1;
  }
  return { linkedStats: used.size, unlinkedStats: stats.length - used.size, actionsWithStats, actionsByScope, actionsViaRncp, actions: offer.actions.length };
}
