/**
 * « Les tests ne laissent pas de trace » : une photographie du projet avant les tests, comparée à
 * celle d'après. Deux vues :
 *   - chaque fichier et dossier du projet (taille, date de modification), hors des dossiers que les
 *     outils ont le droit d'écrire (`ALLOWED`) : un fichier apparu, modifié ou effacé — une base
 *     `data/contact.sqlite`, un e-mail dans `data/mails/`, un rapport dans `data/build/reports/`,
 *     une donnée réécrite — est une trace ;
 *   - `git status --ignored --porcelain` (dans un dépôt git) : une ligne nouvelle hors de `ALLOWED`
 *     est une trace.
 */
import { spawnSync } from 'node:child_process';
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Ce que construire et tester a le droit d'écrire dans le projet (outils, site construit, rapports de Playwright). */
export const ALLOWED = ['node_modules/', 'dist/', '.astro/', 'test-results/'];
const SKIPPED = new Set(['.git', ...ALLOWED.map((p) => p.slice(0, -1))]);

function walk(root: string, relative: string, into: Map<string, string>): void {
  for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
    const rel = relative ? `${relative}/${entry.name}` : entry.name;
    if (!relative && SKIPPED.has(entry.name)) continue;
    const stat = lstatSync(path.join(root, rel));
    if (entry.isDirectory()) {
      into.set(`${rel}/`, 'dossier');
      walk(root, rel, into);
    } else {
      into.set(rel, `${stat.size} o, ${stat.mtimeMs}`);
    }
  }
}

function gitStatus(root: string): Set<string> | null {
  const result = spawnSync('git', ['status', '--ignored', '--porcelain'], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) return null;
  return new Set(result.stdout.split('\n').filter(Boolean));
}

/** La photographie du projet `root`. */
export interface ProjectSnapshot {
  /** Chemin relatif → « taille, date de modification » (« dossier » pour un dossier, chemin terminé par /). */
  files: Map<string, string>;
  /** Lignes de `git status --ignored --porcelain`, ou null hors d'un dépôt git. */
  git: Set<string> | null;
}

export function snapshotProject(root: string): ProjectSnapshot {
  const files = new Map<string, string>();
  walk(root, '', files);
  return { files, git: gitStatus(root) };
}

const allowed = (p: string) => ALLOWED.some((prefix) => p === prefix || p.startsWith(prefix));

/**
 * Ce qui a changé entre deux photographies : des lignes lisibles (« nouveau : data/contact.sqlite »),
 * vides si les tests n'ont rien laissé.
 */
export function traces(before: ProjectSnapshot, after: ProjectSnapshot): string[] {
  const lines: string[] = [];
  for (const [p, meta] of after.files) {
    if (!before.files.has(p)) lines.push(`nouveau : ${p}`);
    else if (before.files.get(p) !== meta) lines.push(`modifié : ${p}`);
  }
  for (const p of before.files.keys()) if (!after.files.has(p)) lines.push(`effacé : ${p}`);
  if (before.git && after.git) {
    for (const line of after.git) {
      const p = line.slice(3);
      if (!before.git.has(line) && !allowed(p) && !lines.some((l) => l.endsWith(` ${p}`))) lines.push(`git status : ${line}`);
    }
  }
  return lines.sort();
}
