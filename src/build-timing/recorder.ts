/**
 * Mesure de la génération des pages statiques (fiches métiers, territoires) pendant `astro build`.
 *
 * Les pages appellent `startPages(kind)` dans `getStaticPaths` (le début de la génération) et
 * `pageRendered(kind)` à la fin de leur rendu ; l'intégration `buildTimingIntegration` lit ces
 * mesures quand Astro a fini de générer les pages, les affiche et les écrit en JSON. Les pages et
 * l'intégration tournent dans le même processus : la mesure est gardée sur `globalThis`.
 */

export type PageKind = 'metier' | 'territoire';

export interface KindTiming {
  pages: number;
  /** Instants (performance.now(), ms) : appel de getStaticPaths, dernier rendu. */
  startedAt: number;
  lastRenderedAt: number;
}

export type BuildTimings = Partial<Record<PageKind, KindTiming>>;

const KEY = Symbol.for('versmonmetier.buildTimings');
type Holder = { [KEY]?: BuildTimings };

export function buildTimings(): BuildTimings {
  const holder = globalThis as Holder;
  holder[KEY] ??= {};
  return holder[KEY];
}

export function resetBuildTimings(): void {
  (globalThis as Holder)[KEY] = {};
}

export function startPages(kind: PageKind): void {
  const timings = buildTimings();
  const now = performance.now();
  timings[kind] ??= { pages: 0, startedAt: now, lastRenderedAt: now };
}

export function pageRendered(kind: PageKind): void {
  const timings = buildTimings();
  const now = performance.now();
  const timing = (timings[kind] ??= { pages: 0, startedAt: now, lastRenderedAt: now });
  timing.pages += 1;
  timing.lastRenderedAt = now;
}
