/**
 * Les données que toutes les fiches métiers partagent, chargées une fois par construction du
 * site : documents de l'offre (ceux de l'API), statistique d'insertion de chaque action.
 */
import { getApiServices } from '../http/services';
import { loadCatalog } from '../catalog';
import type { InsertionStat } from '../domain/insertion';
import { loadOfferSnapshot, type OfferSnapshot } from '../offer-stats/snapshot';

export interface FicheContext {
  snapshot: OfferSnapshot;
  /** La meilleure statistique d'insertion rattachée à l'action (publiable ou non). */
  statOf(actionId: string): InsertionStat | null;
}

let context: Promise<FicheContext> | null = null;

export function loadFicheContext(): Promise<FicheContext> {
  context ??= loadOfferSnapshot().then((snapshot) => {
    const actions = new Map(loadCatalog().offer().actions.map((a) => [a.id, a]));
    const { insertion } = getApiServices();
    return {
      snapshot,
      statOf: (id) => {
        const action = actions.get(id);
        return action ? insertion.statOf(action) : null;
      },
    };
  });
  return context;
}
