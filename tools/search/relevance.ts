/**
 * Mesure de la pertinence de la recherche : jeu de requêtes « golden » notées
 * (`tests/relevance/queries.json`) et métriques (nDCG@k à gains gradués, « attendu dans le top 3 »).
 *
 * Fonctions pures, sans accès disque ni moteur : `scripts/eval-relevance.ts` les applique aux
 * réponses d'un moteur, et les tests unitaires les vérifient sur de petits exemples calculables
 * à la main.
 *
 * Notes (grades) : 3 = exactement ce qui est demandé, 2 = très proche, 1 = apparenté,
 * 0 = tout le reste. Les attentes sont des PRÉDICATS sur les documents (codes ROME, intitulé,
 * niveau, modalité), jamais des identifiants : les identifiants dépendent des données générées.
 */
import { z } from '../../src/domain/zod';
import { Level } from '../../src/domain/levels';
import { TeachingMode } from '../../src/domain/offer';
import { RomeCode } from '../../src/domain/metier';
import { fold } from '../../src/search/analyzer';
import { SearchFilters } from '../../src/search/query';
import type { ActionDocument } from '../../src/search/port';

export const GRADES = [0, 1, 2, 3] as const;
export type Grade = (typeof GRADES)[number];
export const MAX_GRADE: Grade = 3;

/** Catégories de requêtes du jeu (pour les sous-totaux du rapport). */
export const QUERY_KINDS = [
  'metier',
  'faute',
  'abreviation',
  'appellation',
  'diplome',
  'lieu',
  'prefixe',
  'multi-mots',
  'intention',
] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

const Regex = z.string().refine(
  (source) => {
    try {
      new RegExp(source, 'iu');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'expression régulière invalide' },
);

/**
 * Un prédicat noté : un document le vérifie si TOUTES les conditions données sont vraies
 * (une condition absente ne restreint rien). Les listes sont des « OU ».
 */
export const GradePredicate = z.strictObject({
  grade: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  /** Au moins un de ces codes ROME parmi ceux du document. */
  rome: z.array(RomeCode).min(1).optional(),
  /** Expression régulière (insensible à la casse) sur l'intitulé PLIÉ (sans accents, minuscules). */
  titleMatches: Regex.optional(),
  /** Niveau de sortie du document parmi ceux-ci. */
  level: z.array(Level).min(1).optional(),
  teachingMode: z.array(TeachingMode).min(1).optional(),
});
export type GradePredicate = z.infer<typeof GradePredicate>;

export const RelevanceQuery = z
  .strictObject({
    /** Le texte tel qu'un usager ou un conseiller le tape. */
    q: z.string().max(200),
    kind: z.enum(QUERY_KINDS),
    /** Code INSEE de la commune (résolu en point par le référentiel géographique). */
    commune: z.string().regex(/^\d[\dAB]\d{3}$/).optional(),
    /** Rayon en km autour de la commune (30 par défaut quand une commune est donnée). */
    rayon: z.number().min(1).max(200).optional(),
    /** Filtres éventuels (mêmes champs que SearchFilters). */
    filtres: SearchFilters.partial().optional(),
    grades: z.array(GradePredicate).min(1),
    note: z.string().optional(),
  })
  .refine((q) => q.rayon === undefined || q.commune !== undefined, { message: '« rayon » sans « commune »' });
export type RelevanceQuery = z.infer<typeof RelevanceQuery>;

export const RelevanceQueryFile = z.strictObject({
  $comment: z.string().optional(),
  queries: z.array(RelevanceQuery).min(1),
});
export type RelevanceQueryFile = z.infer<typeof RelevanceQueryFile>;

/** Ce qu'il faut d'un document pour le noter. */
export type Gradable = Pick<ActionDocument, 'title' | 'romeCodes' | 'level' | 'teachingMode'>;

/** Prédicats compilés (expressions régulières construites une fois). */
export interface CompiledPredicate {
  grade: Grade;
  rome: ReadonlySet<string> | null;
  title: RegExp | null;
  level: ReadonlySet<number> | null;
  teachingMode: ReadonlySet<string> | null;
}

export function compilePredicates(predicates: readonly GradePredicate[]): CompiledPredicate[] {
  return predicates.map((p) => ({
    grade: p.grade,
    rome: p.rome ? new Set(p.rome) : null,
    title: p.titleMatches !== undefined ? new RegExp(p.titleMatches, 'iu') : null,
    level: p.level ? new Set(p.level) : null,
    teachingMode: p.teachingMode ? new Set(p.teachingMode) : null,
  }));
}

export function matchesPredicate(doc: Gradable, p: CompiledPredicate, foldedTitle: string = fold(doc.title)): boolean {
  if (p.rome !== null && !doc.romeCodes.some((code) => p.rome?.has(code))) return false;
  if (p.title !== null && !p.title.test(foldedTitle)) return false;
  if (p.level !== null && (doc.level === null || !p.level.has(doc.level))) return false;
  if (p.teachingMode !== null && !p.teachingMode.has(doc.teachingMode)) return false;
  return true;
}

/** Note d'un document : la plus haute note des prédicats qu'il vérifie, 0 sinon. */
export function gradeDocument(doc: Gradable, predicates: readonly CompiledPredicate[]): Grade {
  const foldedTitle = fold(doc.title);
  let best: Grade = 0;
  for (const p of predicates) {
    if (p.grade > best && matchesPredicate(doc, p, foldedTitle)) best = p.grade;
  }
  return best;
}

/** Gain d'une note : 2^g − 1 (0, 1, 3, 7). */
export function gain(grade: number): number {
  return 2 ** grade - 1;
}

/** DCG@k = Σ_{i<k} (2^g_i − 1) / log2(i + 2), rangs comptés à partir de 0. */
export function dcg(grades: readonly number[], k: number): number {
  let sum = 0;
  const n = Math.min(k, grades.length);
  for (let i = 0; i < n; i++) sum += gain(grades[i] ?? 0) / Math.log2(i + 2);
  return sum;
}

/** Le classement idéal : les notes triées par ordre décroissant, coupé à k. */
export function idealGrades(allGrades: readonly number[], k: number): number[] {
  return allGrades
    .filter((g) => g > 0)
    .sort((a, b) => b - a)
    .slice(0, k);
}

/**
 * nDCG@k = DCG@k(classement obtenu) / DCG@k(classement idéal).
 * `allGrades` : les notes de TOUS les documents admissibles (pas seulement ceux renvoyés).
 * Renvoie null si aucun document admissible n'a de note positive (la requête ne mesure rien).
 */
export function ndcg(returnedGrades: readonly number[], allGrades: readonly number[], k: number): number | null {
  const ideal = dcg(idealGrades(allGrades, k), k);
  if (ideal === 0) return null;
  return Math.min(1, dcg(returnedGrades, k) / ideal);
}

/** La meilleure note présente parmi les documents admissibles (0 s'il n'y en a aucune). */
export function bestAvailableGrade(allGrades: readonly number[]): number {
  let best = 0;
  for (const g of allGrades) if (g > best) best = g;
  return best;
}

/**
 * « Attendu dans le top n » : un document de la meilleure note disponible figure dans les n
 * premiers résultats. Null si aucun document admissible n'a de note positive.
 */
export function expectedInTop(returnedGrades: readonly number[], allGrades: readonly number[], n = 3): boolean | null {
  const best = bestAvailableGrade(allGrades);
  if (best === 0) return null;
  return returnedGrades.slice(0, n).some((g) => g === best);
}

/** Moyenne des valeurs non nulles (null si aucune). */
export function mean(values: readonly (number | null)[]): number | null {
  const kept = values.filter((v): v is number => v !== null);
  return kept.length === 0 ? null : kept.reduce((a, b) => a + b, 0) / kept.length;
}

/**
 * Quantile par rang le plus proche (« nearest-rank ») d'une série : p dans ]0, 100].
 * Utilisé pour les latences p50 / p95 / p99 du banc d'essai.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}
