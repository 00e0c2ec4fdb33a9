/**
 * Erreurs de lecture des données construites (`data/build/`), toujours en français
 * et toujours avec le chemin du fichier en cause.
 */
import type { z } from '../domain/zod';

export class CatalogError extends Error {
  constructor(
    message: string,
    /** Chemin absolu du fichier (ou du dossier) en cause. */
    readonly file: string,
  ) {
    super(message);
    this.name = 'CatalogError';
  }
}

const REBUILD_HINT = 'Relancez la construction des données : « npm run data:build ».';
const MAX_LISTED_ISSUES = 8;

export function missingDirError(dir: string): CatalogError {
  return new CatalogError(`Dossier de données introuvable : ${dir}. ${REBUILD_HINT}`, dir);
}

export function missingFileError(file: string): CatalogError {
  return new CatalogError(`Fichier de données introuvable : ${file}. ${REBUILD_HINT}`, file);
}

export function unreadableFileError(file: string, cause: unknown): CatalogError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new CatalogError(`Fichier de données illisible (JSON invalide) : ${file} — ${detail}. ${REBUILD_HINT}`, file);
}

export function duplicateError(file: string, what: string, value: string): CatalogError {
  return new CatalogError(`Fichier de données invalide : ${file} — ${what} « ${value} » en double. ${REBUILD_HINT}`, file);
}

/** `[3].appellations[0].label`, `formations[2].title`… */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out === '' ? '(racine du fichier)' : out;
}

/** Identifiant (`code` ou `id`) de l'élément de tableau qui contient l'erreur, pour le retrouver dans le fichier. */
function elementIdentifier(data: unknown, path: readonly PropertyKey[]): string | null {
  let current: unknown = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return null;
    current = (current as Record<PropertyKey, unknown>)[segment as string];
    if (typeof segment === 'number' && current && typeof current === 'object') {
      const record = current as Record<string, unknown>;
      const id = record.code ?? record.id;
      if (typeof id === 'string' || typeof id === 'number') return String(id);
      return null;
    }
  }
  return null;
}

export function invalidFileError(file: string, error: z.ZodError, data: unknown): CatalogError {
  const issues = error.issues;
  const lines = issues.slice(0, MAX_LISTED_ISSUES).map((issue) => {
    const id = elementIdentifier(data, issue.path);
    return `  - ${formatPath(issue.path)}${id ? ` (identifiant « ${id} »)` : ''} : ${issue.message}`;
  });
  const more = issues.length - MAX_LISTED_ISSUES;
  if (more > 0) lines.push(`  … et ${more} autre${more > 1 ? 's' : ''} erreur${more > 1 ? 's' : ''}.`);
  const count = `${issues.length} erreur${issues.length > 1 ? 's' : ''}`;
  return new CatalogError(`Fichier de données invalide : ${file} (${count}).\n${lines.join('\n')}\n${REBUILD_HINT}`, file);
}
