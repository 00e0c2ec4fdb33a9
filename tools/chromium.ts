/**
 * Le Chromium des tests navigateur : celui de Debian (`/usr/bin/chromium`), ou `CHROMIUM_PATH`.
 * Jamais `playwright install`. Vérifié une fois avant les tests : s'il manque, une seule phrase
 * dit comment l'installer, au lieu d'un échec de lancement par test.
 */
import { accessSync, constants } from 'node:fs';
import { spawnSync } from 'node:child_process';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** Le chemin de Chromium : `CHROMIUM_PATH`, sinon celui de Debian. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH?.trim() || DEFAULT_CHROMIUM_PATH;
}

/** null si Chromium est là et démarre ; sinon la phrase (en français) qui dit quoi faire. */
export function chromiumProblem(env: NodeJS.ProcessEnv = process.env): string | null {
  const file = chromiumPath(env);
  const where = env.CHROMIUM_PATH?.trim() ? `CHROMIUM_PATH=${file}` : file;
  try {
    accessSync(file, constants.X_OK);
  } catch {
    return `Tests navigateur impossibles : Chromium est introuvable (${where}). Installez-le avec « apt-get install -y chromium » (Debian), ou donnez son chemin dans CHROMIUM_PATH.`;
  }
  const version = spawnSync(file, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (version.status !== 0) {
    const reason = (version.stderr || version.error?.message || '').trim().split('\n')[0] || `code ${version.status ?? version.signal}`;
    return `Tests navigateur impossibles : Chromium (${where}) ne démarre pas (${reason}). Réinstallez-le avec « apt-get install -y chromium », ou donnez un autre chemin dans CHROMIUM_PATH.`;
  }
  return null;
}
