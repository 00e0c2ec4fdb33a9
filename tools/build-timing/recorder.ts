/**
 * Mesure de la génération des pages statiques (fiches métiers, territoires) pendant `astro build`.
 *
 * Les pages appellent `pagesStarted(kind)` dans `getStaticPaths` (le début de la génération) et
 * `pageRendered(kind)` à la fin de leur rendu (src/lib/build-hooks.ts, sans effet hors mesure) ;
 * `resetBuildTimings` inscrit ce module comme leur écouteur, et l'intégration `buildTimingIntegration`
 * lit ces mesures quand Astro a fini de générer les pages, les affiche et les écrit en JSON. Les pages
 * et l'intégration tournent dans le même processus : la mesure est gardée sur `globalThis`.
 */
import { BUILD_TIMING_LISTENER, type BuildTimingListener, type PageKind } from '../../src/lib/build-hooks';

export type { PageKind };

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
  (globalThis as { [BUILD_TIMING_LISTENER]?: BuildTimingListener })[BUILD_TIMING_LISTENER] = { pagesStarted: startPages, pageRendered };
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
