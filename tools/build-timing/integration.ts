/**
 * Intégration Astro : à la fin de la génération statique (`astro:build:generated`), affiche le
 * nombre de fiches métiers et de pages territoires générées et le temps pris, et l'écrit dans
 * `dist/build-timing.json` (lu par `scripts/measure-static-build.ts`).
 * Le temps d'un type de page va de son `getStaticPaths` au rendu de sa dernière page.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildTimings, resetBuildTimings, type PageKind } from './recorder';

export const BUILD_TIMING_FILE = 'build-timing.json';

const LABELS: Record<PageKind, string> = { metier: 'fiches métiers', territoire: 'pages territoires' };

export interface BuildTimingReport {
  builtAt: string;
  dataDir: string;
  /** Par type de page : nombre de pages et secondes de génération. */
  pages: Partial<Record<PageKind, { pages: number; seconds: number }>>;
  /** Du premier getStaticPaths mesuré à la fin de toute la génération statique. */
  staticGenerationSeconds: number | null;
}

export function buildTimingIntegration(): AstroIntegration {
  let outDir = '';
  return {
    name: 'versmonmetier:build-timing',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
      },
      'astro:build:start': () => {
        resetBuildTimings();
      },
      'astro:build:generated': ({ logger }) => {
        const end = performance.now();
        const timings = buildTimings();
        const seconds = (ms: number) => Math.round(ms) / 1000;
        const report: BuildTimingReport = { builtAt: new Date().toISOString(), dataDir: process.env.DATA_DIR ?? 'data/build', pages: {}, staticGenerationSeconds: null };
        const starts: number[] = [];
        for (const kind of Object.keys(LABELS) as PageKind[]) {
          const t = timings[kind];
          if (!t) continue;
          starts.push(t.startedAt);
          report.pages[kind] = { pages: t.pages, seconds: seconds(t.lastRenderedAt - t.startedAt) };
          logger.info(`${t.pages.toLocaleString('fr-FR')} ${LABELS[kind]} générées en ${seconds(t.lastRenderedAt - t.startedAt).toLocaleString('fr-FR')} s`);
        }
        if (starts.length > 0) {
          report.staticGenerationSeconds = seconds(end - Math.min(...starts));
          logger.info(`génération statique (toutes les pages) : ${report.staticGenerationSeconds.toLocaleString('fr-FR')} s`);
        }
        writeFileSync(path.join(outDir, BUILD_TIMING_FILE), `${JSON.stringify(report, null, 2)}\n`);
      },
    },
  };
}
