/**
 * Les statistiques d'insertion de chaque action, pour l'API : même rattachement que les documents
 * de recherche (`insertionTargets` + `insertionLinker`, src/domain/insertion.ts), afin que la source
 * et le millésime affichés soient ceux du taux `insertionRate` indexé (un test le vérifie) ; puis la
 * plus précise, la plus récente (`bestInsertionStat`), et une par périmètre pour la fiche.
 */
import { bestInsertionStat, discloseInsertion, insertionFigures, insertionLinker, insertionTargets, type InsertionStat } from '../domain/insertion';
import type { Action, Offer } from '../domain/offer';

export interface InsertionIndex {
  /** La meilleure statistique rattachée à l'action, publiable ou non (null : aucune). */
  statOf(action: Action): InsertionStat | null;
  /** Une statistique par périmètre (la meilleure d'abord), publiable ou non. */
  figuresOf(action: Action): InsertionStat[];
  /** La statistique publiable d'une action, avec un taux d'emploi (source du taux des résultats de recherche), sinon null. */
  originOf(actionId: string): InsertionStat | null;
}

export function createInsertionIndex(offer: Offer, stats: readonly InsertionStat[]): InsertionIndex {
  const actions = new Map(offer.actions.map((a) => [a.id, a]));
  const linkedStats = insertionLinker(stats);
  const targetOf = insertionTargets(offer);

  const statOf = (action: Action): InsertionStat | null => bestInsertionStat(linkedStats(targetOf(action)));

  return {
    statOf,
    figuresOf: (action) => insertionFigures(linkedStats(targetOf(action))),
    originOf(actionId) {
      const action = actions.get(actionId);
      const disclosure = discloseInsertion(action ? statOf(action) : null);
      // Comme `insertionRateOf` des documents : publiable ET avec un taux d'emploi (6 ou 12 mois).
      if (disclosure.kind !== 'shown') return null;
      return (disclosure.stat.employmentRate6m ?? disclosure.stat.employmentRate12m) === null ? null : disclosure.stat;
    },
  };
}
