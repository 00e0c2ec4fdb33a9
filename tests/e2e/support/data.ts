/**
 * Les chiffres attendus par les tests navigateur, relus directement dans les fichiers JSON construits
 * (`DATA_DIR`, sinon `data/build`), sans passer par `src/catalog` : le test vérifie le site, pas lui-même.
 */
import type { Action, Formation } from '../../../src/domain/offer';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../../..', import.meta.url));
const dataRoot = path.resolve(projectRoot, process.env.DATA_DIR ?? 'data/build');
/** La génération en service (lien `current` écrit par `npm run data:build`), sinon le dossier lui-même. */
export const dataDir = existsSync(path.join(dataRoot, 'current')) ? realpathSync(path.join(dataRoot, 'current')) : dataRoot;

export interface RawMetier {
  code: string;
  label: string;
}

export interface RawManifest {
  demo: boolean;
  counts: Record<string, number>;
  sources: { name: string; kind: string; description?: string }[];
}

function readJson<T>(relative: string): T {
  const file = path.join(dataDir, relative);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new Error(`Test : impossible de lire ${file} (construisez les données, ou réglez DATA_DIR) — ${String(error)}`);
  }
}

export function readMetiers(): RawMetier[] {
  return readJson<RawMetier[]>('metiers.json');
}

export function readManifest(): RawManifest {
  return readJson<RawManifest>('manifest.json');
}

/** Nombre de métiers par lettre de grand domaine (première lettre du code ROME). */
export function countsByDomain(metiers: RawMetier[] = readMetiers()): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of metiers) counts.set(m.code.charAt(0), (counts.get(m.code.charAt(0)) ?? 0) + 1);
  return counts;
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** Les métiers d'un domaine, par ordre alphabétique français. */
export function metiersOfDomain(letter: string, metiers: RawMetier[] = readMetiers()): RawMetier[] {
  return metiers.filter((m) => m.code.startsWith(letter)).sort((a, b) => collator.compare(a.label, b.label));
}

const nf = new Intl.NumberFormat('fr-FR');

/** « 1 métier », « 3 métiers », « 1 234 métiers » (espaces insécables comme sur le site). */
export function frCount(n: number, one: string, many: string): string {
  return `${nf.format(n)}\u00a0${n >= 2 ? many : one}`;
}

export function frNumber(n: number): string {
  return nf.format(n);
}

/** Échappe un texte pour l'utiliser tel quel dans une expression régulière. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface RawOffer {
  formations: (Pick<Formation, 'id' | 'title' | 'romeCodes' | 'exitLevel'>)[];
  actions: (Pick<Action, 'id' | 'formationId' | 'organismeId' | 'place' | 'teachingMode'>)[];
}

export function readOffer(): RawOffer {
  return readJson<RawOffer>('offre.json');
}
