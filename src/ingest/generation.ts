/**
 * Les générations des données construites : une construction n'écrit jamais dans les données
 * en service.
 *
 *   <racine>/generations/<id>.tmp-<pid>/   la construction en cours (tout y est écrit)
 *   <racine>/generations/<id>/             une construction terminée (renommée d'un coup)
 *   <racine>/current → generations/<id>    la génération en service (lien remplacé d'un coup)
 *
 * Tout fichier d'une génération porte le même identifiant de construction ou est listé avec lui :
 * `manifest.json` (identifiant, liste des fichiers avec taille et empreinte SHA-256), `offre.json`
 * et l'index de recherche (identifiant dans leur en-tête). Une construction tuée en route laisse
 * un dossier `.tmp-<pid>` que la suivante efface ; `current` n'a pas bougé. Après la bascule, on
 * garde la génération précédente (un serveur qui la lit encore continue de la lire) et on efface
 * les autres. Un dossier « à plat » d'une version précédente est remplacé proprement.
 *
 * Les lecteurs résolvent `current` une fois par processus : voir `dataGeneration` (src/catalog/files.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, mkdir, readdir, readFile, readlink, rename, rm, stat, symlink } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { CURRENT_LINK, DATA_FILES } from '../catalog/files';
import { Manifest, type ManifestFile } from '../catalog/manifest';
import { EMBEDDED_INDEX_FILE, SEARCH_INDEX_DIR } from '../search/index-file';

export const GENERATIONS_DIR = 'generations';
export const MANIFEST_FILE = DATA_FILES.manifest;
export const BUILD_STAMP_FILE = 'build-stamp.json';

/** Ce qu'une version précédente écrivait à plat dans le dossier racine (effacé après la première bascule). */
const LEGACY_ENTRIES = ['manifest.json', 'metiers.json', 'offre.json', 'insertion.json', 'avis.json', BUILD_STAMP_FILE, 'geo', 'search', 'reports', 'demo'];

/** Les fichiers sans lesquels une génération n'est pas complète. */
const REQUIRED_FILES = [...Object.values(DATA_FILES).filter((f) => f !== MANIFEST_FILE), `${SEARCH_INDEX_DIR}/${EMBEDDED_INDEX_FILE}`, BUILD_STAMP_FILE];

const TMP_MARK = '.tmp-';

/** « 20261201T101530Z-3f9a0c1e » : date de construction (UTC) et 8 caractères au hasard. */
export function newBuildId(now: Date = new Date()): string {
  const iso = now.toISOString();
  const compact = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return `${compact}-${randomBytes(4).toString('hex')}`;
}

export interface PreparedGeneration {
  root: string;
  buildId: string;
  /** Dossier temporaire où la construction écrit tout. */
  dir: string;
}

/** Un dossier neuf pour une construction, dans `<racine>/generations/`. */
export async function prepareGeneration(root: string, buildId: string = newBuildId()): Promise<PreparedGeneration> {
  const absolute = path.resolve(root);
  const dir = path.join(absolute, GENERATIONS_DIR, `${buildId}${TMP_MARK}${process.pid}`);
  await mkdir(dir, { recursive: true });
  return { root: absolute, buildId, dir };
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/** Tous les fichiers de la génération (sauf le manifeste), triés, avec taille et empreinte. */
export async function listGenerationFiles(dir: string): Promise<ManifestFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((f) => f !== MANIFEST_FILE)
    .sort();
  const listed: ManifestFile[] = [];
  for (const file of files) {
    const full = path.join(dir, file);
    listed.push({ path: file, bytes: (await stat(full)).size, sha256: await sha256(full) });
  }
  return listed;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Le nom de la génération vers laquelle pointe `<racine>/current`, ou null. */
async function currentTarget(root: string): Promise<string | null> {
  try {
    return path.basename(await readlink(path.join(root, CURRENT_LINK)));
  } catch {
    return null;
  }
}

export interface PublishedGeneration {
  dir: string;
  previous: string | null;
  removed: string[];
}

/**
 * Met en service une génération complète : renommage de son dossier, puis remplacement du lien
 * `current` (un lien temporaire renommé par-dessus : jamais de moment sans lien). Efface ensuite
 * les générations plus anciennes que la précédente, les constructions abandonnées et les fichiers
 * « à plat » d'une version précédente.
 */
export async function publishGeneration(generation: PreparedGeneration): Promise<PublishedGeneration> {
  const { root, buildId } = generation;
  const generationsDir = path.join(root, GENERATIONS_DIR);
  const dir = path.join(generationsDir, buildId);
  await rename(generation.dir, dir);

  const previous = await currentTarget(root);
  const link = path.join(root, CURRENT_LINK);
  const temporaryLink = path.join(root, `${CURRENT_LINK}${TMP_MARK}${process.pid}`);
  await rm(temporaryLink, { force: true });
  await symlink(path.join(GENERATIONS_DIR, buildId), temporaryLink);
  const existing = await lstat(link).catch(() => null);
  if (existing && !existing.isSymbolicLink()) await rm(link, { recursive: true, force: true });
  await rename(temporaryLink, link);

  const removed: string[] = [];
  for (const entry of LEGACY_ENTRIES) {
    const legacy = path.join(root, entry);
    if (await lstat(legacy).catch(() => null)) {
      await rm(legacy, { recursive: true, force: true });
      removed.push(entry);
    }
  }
  for (const entry of await readdir(generationsDir)) {
    if (entry === buildId || entry === previous) continue;
    const mark = entry.lastIndexOf(TMP_MARK);
    if (mark >= 0 && isAlive(Number(entry.slice(mark + TMP_MARK.length)))) continue; // une autre construction en cours
    await rm(path.join(generationsDir, entry), { recursive: true, force: true });
    removed.push(`${GENERATIONS_DIR}/${entry}`);
  }
  return { dir, previous, removed };
}

export type GenerationCheck = { ok: true; dir: string; manifest: Manifest } | { ok: false; reason: string };

/**
 * La génération en service de `root` est-elle complète ? `current` est un lien vers une
 * génération dont le manifeste a un identifiant, liste les fichiers indispensables, et dont
 * chaque fichier listé a encore sa taille et son empreinte.
 */
export async function verifyGeneration(root: string): Promise<GenerationCheck> {
  const link = path.join(path.resolve(root), CURRENT_LINK);
  const linkStat = await lstat(link).catch(() => null);
  if (!linkStat?.isSymbolicLink()) return { ok: false, reason: `pas de génération en service (${link} absent)` };
  const target = await readlink(link);
  const dir = path.resolve(path.dirname(link), target);
  let manifest: Manifest;
  try {
    manifest = Manifest.parse(JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), 'utf8')));
  } catch {
    return { ok: false, reason: `manifeste absent ou illisible dans ${dir}` };
  }
  if (!manifest.buildId) return { ok: false, reason: 'manifeste sans identifiant de construction' };
  const listed = new Set(manifest.files.map((f) => f.path));
  const missing = REQUIRED_FILES.filter((f) => !listed.has(f));
  if (missing.length > 0) return { ok: false, reason: `fichiers absents du manifeste : ${missing.join(', ')}` };
  for (const file of manifest.files) {
    const full = path.join(dir, file.path);
    const size = await stat(full).then((s) => s.size, () => null);
    if (size !== file.bytes || (await sha256(full)) !== file.sha256) return { ok: false, reason: `${file.path} manquant ou modifié depuis la construction` };
  }
  return { ok: true, dir, manifest };
}
