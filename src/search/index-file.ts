/**
 * Le fichier d'index du moteur embarqué : `<données>/search/embedded-index.json`.
 *
 * Il contient les ActionDocuments ET l'index plein texte déjà construit (termes et occurrences) :
 * au démarrage, le serveur relit ce fichier sans re-analyser le texte des documents. Le
 * fichier est écrit à côté puis renommé, pour qu'un serveur qui le lit au même moment ne voie
 * jamais un fichier à moitié écrit.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { currentGeneration } from '../catalog/files';
import type { ActionDocument } from './port';

/** Sous-dossier de l'index dans le dossier de données. */
export const SEARCH_INDEX_DIR = 'search';
export const EMBEDDED_INDEX_FILE = 'embedded-index.json';
/**
 * Version du format : à incrémenter quand le fichier, l'analyseur (src/search/analyzer.ts) ou
 * les champs indexés changent, pour qu'un index ancien soit refusé plutôt que mal interrogé.
 */
export const EMBEDDED_INDEX_VERSION = 2;

export interface EmbeddedIndexFile {
  format: 'versmonmetier-index-embarque';
  version: number;
  /** Identifiant de la construction des données (celui du manifeste et de offre.json) ; null : index construit hors d'une construction. */
  buildId: string | null;
  /** Date de référence des documents (sessions passées retirées), AAAA-MM-JJ. */
  today: string;
  builtAt: string;
  documents: ActionDocument[];
  /** Index plein texte sérialisé (`TextIndex#toJSON`, voir embedded-text-index.ts). */
  index: unknown;
}

/** Chemin du fichier d'index dans le dossier de données (dans sa génération en service, s'il en a). */
export function embeddedIndexPath(dataDir: string): string {
  return path.join(currentGeneration(dataDir), SEARCH_INDEX_DIR, EMBEDDED_INDEX_FILE);
}

/** Écrit le fichier dans `indexDir` (créé au besoin) ; renvoie son chemin et sa taille en octets. */
export async function writeEmbeddedIndexFile(indexDir: string, content: EmbeddedIndexFile): Promise<{ file: string; bytes: number }> {
  await mkdir(indexDir, { recursive: true });
  const file = path.join(indexDir, EMBEDDED_INDEX_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  const json = JSON.stringify(content);
  await writeFile(temporary, json);
  await rename(temporary, file);
  return { file, bytes: Buffer.byteLength(json) };
}

/** Lit et vérifie le fichier d'index du dossier de données ; toute erreur dit quoi faire, en français. */
export async function readEmbeddedIndexFile(dataDir: string): Promise<EmbeddedIndexFile> {
  const file = embeddedIndexPath(dataDir);
  if (!existsSync(file)) {
    throw new Error(`Index de recherche introuvable : ${file}. Construisez-le avec « npm run data:build » (ou « npx tsx scripts/build-search-index.ts »).`);
  }
  let content: unknown;
  try {
    content = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`Index de recherche illisible : ${file} (${(error as Error).message}). Reconstruisez-le avec « npm run data:build ».`);
  }
  const candidate = content as Partial<EmbeddedIndexFile> | null;
  if (typeof candidate !== 'object' || candidate === null || candidate.format !== 'versmonmetier-index-embarque') {
    throw new Error(`Index de recherche invalide : ${file} n’est pas un index du moteur embarqué. Reconstruisez-le avec « npm run data:build ».`);
  }
  if (candidate.version !== EMBEDDED_INDEX_VERSION) {
    throw new Error(
      `Index de recherche d’une autre version (${String(candidate.version)}, ${EMBEDDED_INDEX_VERSION} attendue) : ${file}. Reconstruisez-le avec « npm run data:build ».`,
    );
  }
  if (!Array.isArray(candidate.documents) || typeof candidate.index !== 'object' || candidate.index === null) {
    throw new Error(`Index de recherche incomplet : ${file} (documents ou index absents). Reconstruisez-le avec « npm run data:build ».`);
  }
  return { ...(candidate as EmbeddedIndexFile), buildId: typeof candidate.buildId === 'string' ? candidate.buildId : null };
}
