/**
 * Avis des stagiaires (Anotéa) et leur agrégation.
 */
import { z } from './zod';

const Score = z.number().int().min(1).max(5);

export const REVIEW_DIMENSIONS = ['accueil', 'contenu_formation', 'equipe_formateurs', 'moyen_materiel', 'accompagnement'] as const;
export type ReviewDimension = (typeof REVIEW_DIMENSIONS)[number];
export const REVIEW_DIMENSION_LABELS: Record<ReviewDimension, string> = {
  accueil: 'Accueil',
  contenu_formation: 'Contenu de la formation',
  equipe_formateurs: 'Équipe de formateurs',
  moyen_materiel: 'Moyens matériels',
  accompagnement: 'Accompagnement',
};

export const Review = z.object({
  id: z.string().min(1),
  actionId: z.string().nullable().default(null),
  formationId: z.string().nullable().default(null),
  sessionId: z.string().nullable().default(null),
  organismeSiret: z.string().nullable().default(null),
  scores: z.object({
    accueil: Score,
    contenu_formation: Score,
    equipe_formateurs: Score,
    moyen_materiel: Score,
    accompagnement: Score,
    global: Score,
  }),
  comment: z
    .object({ title: z.string().nullable().default(null), text: z.string().nullable().default(null) })
    .nullable()
    .default(null),
  date: z.iso.date(),
  status: z.enum(['validated', 'pending', 'rejected']).describe('Statut de modération : seul « validated » est publié'),
});
export type Review = z.infer<typeof Review>;

export interface ReviewSummary {
  count: number;
  global: number;
  dimensions: Record<ReviewDimension, number>;
  /** Nombre d'avis par note globale (1 à 5). */
  distribution: Record<1 | 2 | 3 | 4 | 5, number>;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Moyennes (arrondies au dixième) sur les seuls avis validés ; null s'il n'y en a aucun. */
export function summarizeReviews(reviews: readonly Review[]): ReviewSummary | null {
  const validated = reviews.filter((r) => r.status === 'validated');
  if (validated.length === 0) return null;
  const mean = (pick: (r: Review) => number) => round1(validated.reduce((s, r) => s + pick(r), 0) / validated.length);
  const dimensions = Object.fromEntries(REVIEW_DIMENSIONS.map((d) => [d, mean((r) => r.scores[d])])) as Record<ReviewDimension, number>;
  const distribution = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const r of validated) distribution[r.scores.global as 1 | 2 | 3 | 4 | 5] += 1;
  return { count: validated.length, global: mean((r) => r.scores.global), dimensions, distribution };
}

/** Les derniers commentaires publiables (validés, non vides), du plus récent au plus ancien. */
export function latestComments(reviews: readonly Review[], limit = 5): Review[] {
  return reviews
    .filter((r) => r.status === 'validated' && r.comment && (r.comment.text ?? '').trim() !== '')
    .sort((a, b) => b.date.localeCompare(a.date))
    .slice(0, limit);
}
