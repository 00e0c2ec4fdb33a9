/**
 * Le serveur construit ne se dit prêt (GET /api/sante) que si le manifeste, l'offre et l'index de
 * recherche viennent de la même construction : sur une copie des données dont l'offre porte un
 * autre identifiant, `node scripts/serve.mjs` s'arrête (code 1) avec le message en français.
 */
import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dataDir, projectRoot } from './support/data';
import { freePort } from './support/server';

test('GET /api/sante sur le serveur de la suite : prêt, données d’une seule construction', async ({ request }) => {
  const manifest = JSON.parse(readFileSync(path.join(dataDir, 'manifest.json'), 'utf8')) as { buildId?: string };
  expect(manifest.buildId).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{8}$/);
  expect((await request.get('/api/sante')).status()).toBe(200);
});

test('offre d’une autre construction que le manifeste : /api/sante 503, le serveur ne démarre pas', async () => {
  const work = mkdtempSync(path.join(tmpdir(), 'vmm-melange-'));
  try {
    const copy = path.join(work, 'donnees');
    cpSync(dataDir, copy, { recursive: true });
    const offre = JSON.parse(readFileSync(path.join(copy, 'offre.json'), 'utf8')) as { buildId: string };
    offre.buildId = '20250101T000000Z-00000000';
    writeFileSync(path.join(copy, 'offre.json'), JSON.stringify(offre));
    const port = await freePort();
    const child = spawn(process.execPath, ['scripts/serve.mjs'], {
      cwd: projectRoot,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: copy, CONTACT_DB_PATH: path.join(work, 'contact.sqlite'), CONTACT_MAIL_DIR: path.join(work, 'mails') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(stderr).toContain('L’offre (offre.json, construction 20250101T000000Z-00000000) ne vient pas de la même construction que le manifeste');
    expect(stderr).toContain('Le service n’est pas prêt');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
