/**
 * Bornes de la pagination, communes aux deux moteurs, à l'API et à la page de recherche.
 * Module sans dépendance : la page de recherche (îlot Preact) l'importe sans tirer zod.
 *
 * Meilisearch ne rend aucun résultat au-delà du rang `pagination.maxTotalHits` (il borne
 * `offset` et `limit` à ce plafond : `prepare_search`, crates/meilisearch/src/search/mod.rs,
 * v1.50.0) : l'index est réglé sur `MAX_RESULT_WINDOW`, et aucune page demandable (au plus
 * `MAX_PAGE` pages de `MAX_PER_PAGE`) ne dépasse ce rang. Le total, lui, est toujours exact
 * (voir `meilisearch.ts`), même au-delà.
 */
export const MAX_PER_PAGE = 50;
export const MAX_PAGE = 1000;
/** Le rang du dernier résultat qu'on peut demander : 50 000. */
export const MAX_RESULT_WINDOW = MAX_PAGE * MAX_PER_PAGE;

/**
 * La dernière page à proposer pour `total` résultats, `perPage` par page : au moins 1, au plus
 * `MAX_PAGE` (au-delà, l'API refuse la page et Meilisearch ne rendrait rien).
 */
export function lastPage(total: number, perPage: number): number {
  return Math.min(MAX_PAGE, Math.max(1, Math.ceil(total / perPage)));
}
