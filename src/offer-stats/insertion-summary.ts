/**
 * Ce que deviennent les personnes formées, pour un ensemble d'actions (celles qui mènent à un
 * métier) : les statistiques d'insertion distinctes, avec la même règle de diffusion que la page
 * d'une formation (`discloseInsertion` : rien n'est affiché sous 20 sortants), leur source et
 * leur millésime. Aucun taux n'est moyenné entre sources, millésimes ou périmètres différents :
 * chaque statistique est montrée pour ce qu'elle est.
 */
import { discloseInsertion, type InsertionStat } from '../domain/insertion';

export interface InsertionEntry {
  formationId: string;
  formationTitle: string;
  /** La meilleure statistique rattachée à l'action (publiable ou non), null sans donnée. */
  stat: InsertionStat | null;
}

export interface DisclosedStat {
  stat: InsertionStat;
  /** Intitulés des formations concernées, sans doublon, par ordre alphabétique. */
  formations: string[];
}

export interface InsertionSummary {
  /** Statistiques publiables (20 sortants ou plus, ou nombre non publié), des plus grands effectifs aux plus petits. */
  shown: DisclosedStat[];
  /** Statistiques non publiées (moins de 20 sortants). */
  hidden: DisclosedStat[];
  /** Formations sans aucune donnée d'insertion. */
  formationsWithoutData: number;
  formations: number;
}

/** Deux actions rattachées à la même statistique (même source, périmètre, diplôme, établissement…) la partagent. */
function statKey(s: InsertionStat): string {
  return [s.source, s.demo, s.vintage, s.cumulative, s.scope, s.route, s.region, s.actionId, s.formationId, s.diplomaCode, s.mefstat11, s.romeCode, s.uai].join('|');
}

export function summarizeInsertion(entries: readonly InsertionEntry[]): InsertionSummary {
  const byStat = new Map<string, { stat: InsertionStat; formations: Set<string> }>();
  const withData = new Set<string>();
  for (const { formationId, formationTitle, stat } of entries) {
    if (stat === null) continue;
    withData.add(formationId);
    const key = statKey(stat);
    const group = byStat.get(key) ?? { stat, formations: new Set<string>() };
    group.formations.add(formationTitle);
    byStat.set(key, group);
  }
  const groups = [...byStat.values()]
    .map(({ stat, formations }) => ({ stat, formations: [...formations].sort((a, b) => a.localeCompare(b, 'fr')) }))
    .sort((a, b) => (b.stat.leavers ?? 0) - (a.stat.leavers ?? 0) || b.stat.vintage.localeCompare(a.stat.vintage) || (a.formations[0] ?? '').localeCompare(b.formations[0] ?? '', 'fr'));
  const formations = new Set(entries.map((e) => e.formationId));
  return {
    shown: groups.filter((g) => discloseInsertion(g.stat).kind === 'shown'),
    hidden: groups.filter((g) => discloseInsertion(g.stat).kind === 'hidden'),
    formationsWithoutData: [...formations].filter((id) => !withData.has(id)).length,
    formations: formations.size,
  };
}
