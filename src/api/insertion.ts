/**
 * La statistique d'insertion de chaque action, pour l'API : même rattachement que les documents
 * de recherche (`linkedStats` dans `src/search/documents.ts`, non exporté), afin que la source et
 * le millésime affichés soient ceux du taux `insertionRate` indexé (un test le vérifie) :
 *  - périmètre établissement : l'action ou la formation désignée, ou le couple
 *    (UAI de l'organisme, code diplôme de la formation) ;
 *  - périmètres régional et national : le code diplôme de la formation.
 * Puis la plus précise, la plus récente (`bestInsertionStat`).
 */
import { bestInsertionStat, discloseInsertion, type InsertionStat } from '../domain/insertion';
import type { Action, Offer } from '../domain/offer';

export interface InsertionIndex {
  /** La meilleure statistique rattachée à l'action, publiable ou non (null : aucune). */
  statOf(action: Action): InsertionStat | null;
  /** La statistique publiable d'une action, avec un taux d'emploi (source du taux des résultats de recherche), sinon null. */
  originOf(actionId: string): InsertionStat | null;
}

export function createInsertionIndex(offer: Offer, stats: readonly InsertionStat[]): InsertionIndex {
  const formations = new Map(offer.formations.map((f) => [f.id, f]));
  const organismes = new Map(offer.organismes.map((o) => [o.id, o]));
  const actions = new Map(offer.actions.map((a) => [a.id, a]));

  const byId = new Map<string, InsertionStat[]>();
  for (const stat of stats) {
    if (stat.scope !== 'etablissement-formation') continue;
    for (const id of new Set([stat.actionId, stat.formationId])) if (id !== null) byId.set(id, [...(byId.get(id) ?? []), stat]);
  }
  const byDiploma = Map.groupBy(stats, (s) => s.diplomaCode);

  const statOf = (action: Action): InsertionStat | null => {
    const formation = formations.get(action.formationId);
    const uai = organismes.get(action.organismeId)?.uai ?? null;
    const linked = new Set([...(byId.get(action.id) ?? []), ...((formation && byId.get(formation.id)) ?? [])]);
    const sameDiploma = formation?.diplomaCode ? (byDiploma.get(formation.diplomaCode) ?? []) : [];
    for (const stat of sameDiploma) if (stat.scope !== 'etablissement-formation' || (uai !== null && stat.uai === uai)) linked.add(stat);
    return bestInsertionStat([...linked]);
  };

  return {
    statOf,
    originOf(actionId) {
      const action = actions.get(actionId);
      const disclosure = discloseInsertion(action ? statOf(action) : null);
      // Comme `insertionRateOf` des documents : publiable ET avec un taux d'emploi (6 ou 12 mois).
      if (disclosure.kind !== 'shown') return null;
      return (disclosure.stat.employmentRate6m ?? disclosure.stat.employmentRate12m) === null ? null : disclosure.stat;
    },
  };
}
