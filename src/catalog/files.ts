/**
 * Accès aux fichiers du dossier de données : résolution du dossier (et de sa génération en
 * service), lecture JSON et validation.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from '../domain/zod';
import { invalidFileError, missingDirError, missingFileError, unreadableFileError } from './errors';

export const DEFAULT_DATA_DIR = 'data/build';

/** Noms des fichiers produits par la construction des données, relatifs au dossier de données. */
export const DATA_FILES = {
  manifest: 'manifest.json',
  metiers: 'metiers.json',
  interets: 'interets.json',
  offre: 'offre.json',
  insertion: 'insertion.json',
  avis: 'avis.json',
  communes: 'geo/communes.json',
  territoires: 'geo/territoires.json',
} as const;

/**
 * Racine du projet : premier dossier contenant un `package.json` en remontant depuis ce module
 * (qu'il s'exécute depuis `src/` ou depuis le code compilé dans `dist/`), sinon le dossier courant.
 */
export function projectRoot(): string {
  let dir: string | null = null;
  try {
    dir = path.dirname(fileURLToPath(import.meta.url));
  } catch {
    dir = null;
  }
  while (dir) {
    if (existsSync(path.join(dir, 'package.json')) && !dir.split(path.sep).includes('node_modules')) {
      return dir;
    }
    const parent = path.dirname(dir);
    dir = parent === dir ? null : parent;
  }
  return process.cwd();
}

/**
 * Dossier racine des données, absolu : argument, sinon `DATA_DIR`, sinon `data/build` ; un chemin
 * relatif part de la racine du projet. `npm run data:build` y écrit chaque construction dans
 * `generations/<identifiant>/` puis fait pointer le lien `current` vers elle (src/ingest/generation.ts).
 */
export function resolveDataRoot(dataDir?: string): string {
  const dir = dataDir ?? process.env.DATA_DIR ?? DEFAULT_DATA_DIR;
  return path.resolve(projectRoot(), dir);
}

/** Nom du lien vers la génération en service, dans le dossier racine des données. */
export const CURRENT_LINK = 'current';

/**
 * La génération en service dans `dir` à cet instant : la cible de `dir/current` s'il existe,
 * sinon `dir` lui-même (dossier « à plat » : données d'une version précédente, jeu de test).
 */
export function currentGeneration(dir: string): string {
  const absolute = path.resolve(dir);
  const link = path.join(absolute, CURRENT_LINK);
  return existsSync(link) ? realpathSync(link) : absolute;
}

const generations = new Map<string, string>();

/**
 * La génération que CE processus lit dans le dossier racine `root` : résolue une seule fois,
 * puis la même pour tous les lecteurs (catalogue, référentiel géographique, index, pages),
 * même si une construction change `current` entre-temps : un processus ne mélange jamais deux
 * constructions.
 */
export function dataGeneration(root: string): string {
  const absolute = path.resolve(root);
  let dir = generations.get(absolute);
  if (dir === undefined) {
    dir = currentGeneration(absolute);
    generations.set(absolute, dir);
  }
  return dir;
}

/** Oublie les générations résolues (tests, ou `astro dev` après une reconstruction). */
export function forgetDataGenerations(): void {
  generations.clear();
}

/** Le dossier de données à lire (absolu) : la génération en service de `resolveDataRoot(dataDir)`, fixée pour le processus. */
export function resolveDataDir(dataDir?: string): string {
  return dataGeneration(resolveDataRoot(dataDir));
}

export function assertDataDir(dir: string): void {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw missingDirError(dir);
}

/** Lit `relativePath` dans `dir`, le parse en JSON et le valide ; toute erreur nomme le fichier. */
export function readDataFile<S extends z.ZodType>(dir: string, relativePath: string, schema: S): z.output<S> {
  const file = path.join(dir, relativePath);
  if (!existsSync(file)) throw missingFileError(file);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw unreadableFileError(file, cause);
  }
  const result = schema.safeParse(data);
  if (!result.success) throw invalidFileError(file, result.error, data);
  return result.data;
}
