/**
 * Derrière un mandataire inverse (TRUST_PROXY) : les limites portent sur l'adresse réelle du
 * visiteur, pas sur celle du mandataire ; un réglage illisible empêche de démarrer, en français.
 * Le serveur des tests tourne avec TRUST_PROXY=loopback (tests/playwright.config.ts).
 */
import { expect, test } from '@playwright/test';
import { axeViolations } from './support/a11y';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { projectRoot } from './support/data';
import { freePort } from './support/server';

test('TRUST_PROXY illisible : code de sortie 1 et message en français', async () => {
  const port = await freePort();
  const child = spawn(process.execPath, ['scripts/serve.mjs'], {
    cwd: projectRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', TRUST_PROXY: 'pas-une-adresse' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  expect(code).toBe(1);
  expect(stderr).toContain('Démarrage refusé : TRUST_PROXY illisible');
});

test('les essais de connexion sont comptés par visiteur réel (X-Forwarded-For du mandataire)', async ({ request, baseURL }) => {
  const login = (visitor: string, account: string) =>
    request.post('/admin/connexion/', {
      headers: { origin: baseURL!.replace(/\/$/, ''), 'x-forwarded-for': visitor },
      form: { email: `${account}@versmonmetier.test`, password: 'mauvais-mot-de-passe' },
      maxRedirects: 0,
    });
  // 10 essais par quart d'heure et par adresse, tous comptes confondus ; le onzième attend.
  const statuses: number[] = [];
  for (let i = 0; i < 11; i++) statuses.push((await login('192.0.2.77', `inconnu-${i}`)).status());
  expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
  expect(statuses[10]).toBe(429);
  // Un autre visiteur, derrière le même mandataire, n'est pas gêné.
  expect((await login('192.0.2.78', 'inconnu-0')).status()).toBe(401);
});

test('5 échecs pour un même compte depuis une adresse : cette adresse attend, pas les autres', async ({ request, baseURL }) => {
  const login = (visitor: string) =>
    request.post('/admin/connexion/', {
      headers: { origin: baseURL!.replace(/\/$/, ''), 'x-forwarded-for': visitor },
      form: { email: 'cible@versmonmetier.test', password: 'mauvais-mot-de-passe' },
      maxRedirects: 0,
    });
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) statuses.push((await login('192.0.2.90')).status());
  expect(statuses.slice(0, 5)).toEqual(Array(5).fill(401));
  expect(statuses[5]).toBe(429);
  // La modératrice qui se connecte d'ailleurs peut encore essayer.
  expect((await login('192.0.2.91')).status()).toBe(401);
});

test('lien de déverrouillage falsifié : page en français, 400, 0 violation axe', async ({ page }) => {
  const response = await page.goto('/admin/deverrouiller/?t=jeton-invalide');
  expect(response?.status()).toBe(400);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/lien/i);
  expect(await axeViolations(page)).toEqual([]);
});
