/**
 * Aucune expression régulière du projet ne revient en arrière de façon super-linéaire (ReDoS) :
 * chacune (littéraux et `RegExp(…)` de src/, scripts/ et tools/, pages .astro comprises, trouvées par le
 * compilateur TypeScript : tests/support/regex-inventory.ts) passe au vérificateur `recheck`,
 * en JavaScript pur (RECHECK_BACKEND=pure : ni binaire natif ni JVM).
 *
 * Un `RegExp(motif)` dont le motif n'est pas écrit dans le code doit être listé ici avec
 * l'origine de ses motifs, et ces motifs sont vérifiés aussi.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostics } from 'recheck';
import { regexInventory, type FoundRegex } from '../../support/regex-inventory';
import { repoRoot } from '../../support/shared-data';

process.env.RECHECK_BACKEND = 'pure';
const { check } = await import('recheck');

/** Les `RegExp(motif)` à motif calculé, et d'où viennent leurs motifs. */
const DYNAMIC_SOURCES: Record<string, string> = {
  'tools/search/relevance.ts': 'tests/relevance/queries.json (titleMatches), écrit par l’équipe',
};

/**
 * Une machine chargée ralentit l'analyse : un délai dépassé est réessayé avec plus de temps.
 * Graine fixe : le « fuzzing » de recheck est aléatoire ; sans graine, un même motif passait un jour
 * et échouait le lendemain (vu sur src/ingest/rome.ts). Un motif que l'automate ne sait pas prouver
 * sûr est donc aussi jugé toujours de la même façon.
 */
const RANDOM_SEED = 20261202;
async function diagnose(source: string, flags: string): Promise<Diagnostics> {
  const first = await check(source, flags, { timeout: 30_000, randomSeed: RANDOM_SEED });
  if (first.status !== 'unknown') return first;
  return check(source, flags, { timeout: 120_000, randomSeed: RANDOM_SEED });
}

function describeProblem(d: Diagnostics, where: string): string {
  if (d.status === 'vulnerable') return `/${d.source}/${d.flags} (${where}) : ${d.complexity.summary}, attaque ${JSON.stringify(d.attack.pattern).slice(0, 80)}`;
  if (d.status === 'unknown') return `/${d.source}/${d.flags} (${where}) : analyse impossible (${d.error.kind})`;
  return '';
}

const inventory = regexInventory();

function relevancePatterns(): FoundRegex[] {
  const file = 'tests/relevance/queries.json';
  const raw = JSON.parse(readFileSync(path.join(repoRoot, file), 'utf8')) as { queries: { grades?: { titleMatches?: string }[] }[] };
  const patterns = new Set<string>();
  for (const q of raw.queries) for (const g of q.grades ?? []) if (g.titleMatches) patterns.add(g.titleMatches);
  return [...patterns].map((source) => ({ file, line: 0, source, flags: 'iu' }));
}

describe('expressions régulières (recheck)', () => {
  beforeAll(() => {
    expect(inventory.files).toBeGreaterThan(100);
    expect(inventory.found.length).toBeGreaterThan(100);
  });

  it('le vérificateur tourne ici pour de vrai : il signale /^(a+)+$/ et l’ancien motif « Commune (49300) »', async () => {
    expect((await diagnose('^(a+)+$', '')).status).toBe('vulnerable');
    expect((await diagnose('^(.*?)\\s*\\((\\d{5})\\)\\s*$', '')).status).toBe('vulnerable');
    expect((await diagnose('^[A-N]\\d{4}$', '')).status).toBe('safe');
  });

  it('chaque RegExp à motif calculé est connue, avec l’origine de ses motifs', () => {
    const unknown = inventory.dynamic.filter((d) => !Object.hasOwn(DYNAMIC_SOURCES, d.file));
    expect(unknown, 'vérifiez leurs motifs ici, ou écrivez le motif dans le code').toEqual([]);
  });

  it('aucune n’est vulnérable (littéraux, RegExp du code, motifs de titleMatches)', async () => {
    const patterns = [...inventory.found, ...relevancePatterns()];
    const unique = Map.groupBy(patterns, (r) => `/${r.source}/${r.flags}`);
    expect(relevancePatterns().length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const [, list] of unique) {
      const { source, flags } = list[0] as FoundRegex;
      const d = await diagnose(source, flags);
      if (d.status !== 'safe') problems.push(describeProblem(d, list.map((r) => `${r.file}:${r.line}`).join(', ')));
    }
    expect(problems).toEqual([]);
  }, 900_000);
});
