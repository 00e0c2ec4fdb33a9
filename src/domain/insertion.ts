/**
 * Taux d'insertion (InserJeunes, InserSup, France Travail) et règle de diffusion.
 */
import { z } from './zod';

export const INSERTION_MIN_LEAVERS = 20;

const Rate = z.number().min(0).max(100).nullable().describe('Taux en pourcentage (0 à 100)');

export const InsertionStat = z.object({
  source: z.enum(['inserjeunes', 'insersup', 'france-travail']),
  vintage: z.string().min(4).describe('Millésime, ex. « 2023 » ou « 2022-2023 »'),
  scope: z.enum(['etablissement-formation', 'region', 'national']),
  /** Identifiants liés : action ou formation (périmètre établissement), diplôme ou ROME sinon. */
  actionId: z.string().nullable().default(null),
  formationId: z.string().nullable().default(null),
  diplomaCode: z.string().nullable().default(null),
  romeCode: z.string().nullable().default(null),
  uai: z.string().nullable().default(null),
  leavers: z.number().int().nonnegative().describe('Nombre de sortants'),
  employmentRate6m: Rate,
  employmentRate12m: Rate,
  furtherStudyRate: Rate.describe('Taux de poursuite d’études'),
});
export type InsertionStat = z.infer<typeof InsertionStat>;

export type InsertionDisclosure =
  | { kind: 'none'; message: string }
  | { kind: 'hidden'; message: string; stat: Pick<InsertionStat, 'source' | 'vintage' | 'scope' | 'leavers'> }
  | { kind: 'shown'; stat: InsertionStat };

/**
 * Règle de diffusion : rien n'est affiché sous 20 sortants (le taux ne serait pas fiable),
 * et l'absence de donnée est dite explicitement.
 */
export function discloseInsertion(stat: InsertionStat | null | undefined): InsertionDisclosure {
  if (!stat) return { kind: 'none', message: 'Pas de donnée d’insertion pour cette formation.' };
  if (stat.leavers < INSERTION_MIN_LEAVERS) {
    return {
      kind: 'hidden',
      message: `Le taux n’est pas affiché : moins de ${INSERTION_MIN_LEAVERS} personnes sont sorties de cette formation (${stat.leavers}), le chiffre ne serait pas fiable.`,
      stat: { source: stat.source, vintage: stat.vintage, scope: stat.scope, leavers: stat.leavers },
    };
  }
  return { kind: 'shown', stat };
}

const SCOPE_RANK: Record<InsertionStat['scope'], number> = { 'etablissement-formation': 0, region: 1, national: 2 };

/** La statistique la plus précise (établissement > région > national), puis la plus récente. */
export function bestInsertionStat(stats: readonly InsertionStat[]): InsertionStat | null {
  const sorted = [...stats].sort((a, b) => SCOPE_RANK[a.scope] - SCOPE_RANK[b.scope] || b.vintage.localeCompare(a.vintage));
  return sorted[0] ?? null;
}

/** Ce qu'il faut d'une action pour lui rattacher ses statistiques d'insertion. */
export interface InsertionTarget {
  actionId: string;
  formationId: string;
  /** Code diplôme de la formation (InserJeunes, InserSup), s'il est connu. */
  diplomaCode: string | null;
  /** UAI de l'organisme (code établissement), s'il est connu. */
  uai: string | null;
}

/**
 * Rattache les statistiques à une action (une seule règle pour la recherche, l'API et les pages) :
 *  - périmètre établissement : l'action ou la formation désignée, ou le couple
 *    (UAI de l'organisme, code diplôme de la formation) comme dans InserJeunes ;
 *  - périmètres régional et national : le code diplôme de la formation.
 */
export function insertionLinker(stats: readonly InsertionStat[]): (target: InsertionTarget) => InsertionStat[] {
  const byId = new Map<string, InsertionStat[]>();
  const byDiploma = new Map<string, InsertionStat[]>();
  const add = (map: Map<string, InsertionStat[]>, key: string, stat: InsertionStat) => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [stat]);
    else list.push(stat);
  };
  for (const stat of stats) {
    if (stat.scope === 'etablissement-formation') for (const id of new Set([stat.actionId, stat.formationId])) if (id !== null) add(byId, id, stat);
    if (stat.diplomaCode !== null) add(byDiploma, stat.diplomaCode, stat);
  }
  return ({ actionId, formationId, diplomaCode, uai }) => {
    const linked = new Set<InsertionStat>([...(byId.get(actionId) ?? []), ...(byId.get(formationId) ?? [])]);
    if (diplomaCode !== null) {
      for (const stat of byDiploma.get(diplomaCode) ?? []) if (stat.scope !== 'etablissement-formation' || (uai !== null && stat.uai === uai)) linked.add(stat);
    }
    return [...linked];
  };
}
