/**
 * Les données que toutes les fiches métiers partagent : documents de l'offre (ceux de l'API),
 * statistique d'insertion de chaque action. Construites une fois par la racine de composition (src/app/).
 */
import type { Catalog } from '../catalog/index';
import type { InsertionStat } from '../domain/insertion';
import type { InsertionIndex } from '../http/insertion';
import type { OfferSnapshot } from '../offer-stats/snapshot';

export interface FicheContext {
  snapshot: OfferSnapshot;
  /** La meilleure statistique d'insertion rattachée à l'action (publiable ou non). */
  statOf(actionId: string): InsertionStat | null;
}

export function createFicheContext(snapshot: OfferSnapshot, catalog: Pick<Catalog, 'offer'>, insertion: Pick<InsertionIndex, 'statOf'>): FicheContext {
  const actions = new Map(catalog.offer().actions.map((a) => [a.id, a]));
  return {
    snapshot,
    statOf: (id) => {
      const action = actions.get(id);
      return action ? insertion.statOf(action) : null;
    },
  };
}
