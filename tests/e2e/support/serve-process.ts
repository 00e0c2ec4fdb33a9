/**
 * Un serveur construit lancé comme `npm start` le fait (`node scripts/serve.mjs`), dans son propre
 * processus, sur un port libre, avec l'environnement donné : pour les tests qui ont besoin d'un
 * serveur neuf (base vide) ou d'autres réglages que le serveur commun des tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { projectRoot } from './data';
import { freePort } from './server';

export interface ServeProcess {
  port: number;
  origin: string;
  /** Tout ce que le serveur a écrit (sortie standard et erreurs), au fil de l'eau. */
  output(): string;
  stop(): Promise<void>;
}

/** Démarre le serveur et attend « Le service est prêt » (60 s au plus) ; échoue avec sa sortie sinon. */
export async function startServe(env: NodeJS.ProcessEnv): Promise<ServeProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['scripts/serve.mjs'], {
    cwd: projectRoot,
    env: { ...process.env, CONTACT_PUBLIC_URL: '', SITE_URL: '', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit');
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  const deadline = Date.now() + 60_000;
  while (!output.includes('Le service est prêt')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`le serveur n’a pas démarré :\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { port, origin: `http://127.0.0.1:${port}`, output: () => output, stop };
}
