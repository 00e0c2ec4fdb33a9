/**
 * Le démarrage du serveur construit (`node scripts/serve.mjs`) : il ne se dit prêt qu'une fois les
 * données et l'index chargés, et s'arrête avec un message en français quand ils sont illisibles.
 */
import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from './support/data';
import { freePort } from './support/server';

test('sans données construites : code de sortie 1 et message en français, pas de serveur à moitié prêt', async () => {
  const empty = mkdtempSync(path.join(tmpdir(), 'vmm-vide-'));
  try {
    const port = await freePort();
    const child = spawn(process.execPath, ['scripts/serve.mjs'], {
      cwd: projectRoot,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: path.join(empty, 'absent') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(stderr).toContain('Le service n’est pas prêt');
    expect(stderr).toContain('npm run data:build');
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

test('GET /api/sante : prêt, avec le moteur et « Rencontrer un pro »', async ({ request }) => {
  const response = await request.get('/api/sante');
  expect(response.status()).toBe(200);
  expect(response.headers()['cache-control']).toBe('no-store');
  expect(await response.json()).toEqual({ statut: 'prêt', moteur: 'embedded', contact: 'prêt' });
});
