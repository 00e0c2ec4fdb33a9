/**
 * Locates the real open data of `../shared/data` (never copied into the repository).
 * Tests that need it call `sharedData('rome4')`: it returns the folder, or `null` after
 * printing a notice, so the test can be skipped visibly when the folder is absent.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export const sharedDataRoot = process.env.SHARED_DATA_DIR
  ? path.resolve(process.env.SHARED_DATA_DIR)
  : path.resolve(repoRoot, '../shared/data');

const announced = new Set<string>();

export function sharedData(sub: string): string | null {
  const dir = path.join(sharedDataRoot, sub);
  if (existsSync(dir)) return dir;
  if (!announced.has(sub)) {
    announced.add(sub);
    console.warn(`[SKIP] données réelles absentes : ${dir} introuvable — tests sur données réelles "${sub}" ignorés.`);
  }
  return null;
}
