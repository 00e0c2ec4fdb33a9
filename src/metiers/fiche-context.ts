/**
 * Les données que toutes les fiches métiers partagent : date de référence de l'offre, statistique
 * d'insertion de chaque action, actions de chaque code ROME (du catalogue) et l'offre d'un métier
 * en chiffres (comptée par le moteur de recherche, `SearchEngine#countFacets`). Construites une
 * fois par la racine de composition (src/app/).
 */
import type { Catalog } from '../catalog/index';
import type { InsertionStat } from '../domain/insertion';
import type { InsertionIndex } from '../http/insertion';
import { countOffer } from '../offer-stats/counts';
import type { SearchEngine } from '../search/port';
import { metierOffer, type MetierAction, type MetierOffer } from './fiche';

export interface FicheContext {
  /** Date de référence de l'offre (AAAA-MM-JJ) : celle des documents de recherche (manifeste). */
  today: string;
  /** La meilleure statistique d'insertion rattachée à l'action (publiable ou non). */
  statOf(actionId: string): InsertionStat | null;
  /** Chiffres de l'offre régionale du métier et résumé de l'insertion de ses actions. */
  offer(romeCode: string): Promise<MetierOffer>;
}

export function createFicheContext(catalog: Pick<Catalog, 'offer' | 'manifest'>, insertion: Pick<InsertionIndex, 'statOf'>, engine: Pick<SearchEngine, 'countFacets'>): FicheContext {
  const { actions: list, formations } = catalog.offer();
  const actions = new Map(list.map((a) => [a.id, a]));
  const formationsById = new Map(formations.map((f) => [f.id, f]));
  // Les actions de chaque code ROME, dans l'ordre de l'offre (une action qui vise deux métiers est dans les deux listes).
  const byRomeCode = new Map<string, MetierAction[]>();
  for (const action of list) {
    const formation = formationsById.get(action.formationId);
    if (formation === undefined) continue;
    for (const code of new Set(formation.romeCodes)) {
      const entry = { id: action.id, formationId: formation.id, title: formation.title };
      const own = byRomeCode.get(code);
      if (own) own.push(entry);
      else byRomeCode.set(code, [entry]);
    }
  }
  const statOf = (id: string) => {
    const action = actions.get(id);
    return action ? insertion.statOf(action) : null;
  };
  return {
    today: catalog.manifest().referenceDate,
    statOf,
    offer: async (romeCode) => metierOffer(await countOffer(engine, { romeCodes: [romeCode] }), byRomeCode.get(romeCode) ?? [], statOf),
  };
}
