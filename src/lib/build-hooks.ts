/**
 * Points de mesure de la génération statique (fiches métiers, territoires) : les pages signalent
 * le début de leur génération et chaque rendu. Sans effet, sauf pendant `astro build`, où l'outil
 * de mesure (tools/build-timing/, hors du code de production) s'inscrit sur `globalThis`.
 */
export type PageKind = 'metier' | 'territoire';

export interface BuildTimingListener {
  pagesStarted(kind: PageKind): void;
  pageRendered(kind: PageKind): void;
}

export const BUILD_TIMING_LISTENER = Symbol.for('versmonmetier.buildTimingListener');
type Holder = { [BUILD_TIMING_LISTENER]?: BuildTimingListener };

/** Appelé par `getStaticPaths` : la génération de ce type de pages commence. */
export function pagesStarted(kind: PageKind): void {
  (globalThis as Holder)[BUILD_TIMING_LISTENER]?.pagesStarted(kind);
}

/** Appelé à la fin du rendu d'une page. */
export function pageRendered(kind: PageKind): void {
  (globalThis as Holder)[BUILD_TIMING_LISTENER]?.pageRendered(kind);
}
