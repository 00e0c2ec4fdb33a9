/**
 * Centre d'intérêt du ROME 4.0 (« J'ai envie de … ») : une entrée par ce qu'on aime faire, reliée à
 * des fiches métiers. Un lien « principal » dit que ce centre d'intérêt est le premier du métier.
 */
import { z } from './zod';
import { RomeCode } from './metier';

export const InterestLink = z.object({
  code: RomeCode,
  principal: z.boolean().describe('Centre d’intérêt principal du métier'),
});
export type InterestLink = z.infer<typeof InterestLink>;

export const Interest = z.object({
  code: z.string().regex(/^\d{1,4}$/).describe('Code du centre d’intérêt (ROME : 1 à 30)'),
  label: z.string().min(1).describe('« J’ai envie de … »'),
  definition: z.string().nullable().default(null),
  metiers: z.array(InterestLink).default([]),
  source: z.enum(['rome', 'demo']).describe('ROME officiel importé, ou centre d’intérêt de démonstration écrit par versmonmétier'),
});
export type Interest = z.infer<typeof Interest>;

/** Les métiers d'un centre d'intérêt : les liens principaux d'abord, puis par ordre donné par `compare`. */
export function interestMetiers<T extends { code: string }>(interest: Pick<Interest, 'metiers'>, metierOf: (code: string) => T | undefined, compare: (a: T, b: T) => number): { metier: T; principal: boolean }[] {
  const seen = new Set<string>();
  const out: { metier: T; principal: boolean }[] = [];
  for (const link of interest.metiers) {
    if (seen.has(link.code)) continue;
    const metier = metierOf(link.code);
    if (metier === undefined) continue;
    seen.add(link.code);
    out.push({ metier, principal: link.principal });
  }
  return out.sort((a, b) => Number(b.principal) - Number(a.principal) || compare(a.metier, b.metier));
}
