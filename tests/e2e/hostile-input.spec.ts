/**
 * Entrées hostiles contre le VRAI serveur (`node scripts/serve.mjs`, site construit) :
 *  - une adresse démesurée (15 000 « + » dans « Où ? ») : 414 en français, tout de suite ;
 *    un « Où ? » trop long mais dans l'adresse permise : la page, avec un message ;
 *  - « constructor » et ses cousins dans la recherche (API et page) : des résultats, pas de 503 ;
 *  - un corps de 10 Mo (annoncé ou envoyé par morceaux) : 413 en français avant que le corps ne
 *    soit lu (la réponse arrive avant que la moitié ne soit envoyée), et la mémoire du serveur
 *    ne grossit pas (serveur lancé ici, pour lire sa mémoire dans /proc).
 */
import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from './support/data';
import { freePort } from './support/server';

const WORDS = ['constructor', '__proto__', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
const TEN_MB = 10 * 1024 * 1024;

test('« Où ? » de 15 000 « + » : 414 en français, sans calcul', async ({ request }) => {
  const response = await request.get(`/formations?ou=a${'+'.repeat(15_000)}a`);
  expect(response.status()).toBe(414);
  expect(response.headers()['content-type']).toContain('text/html');
  expect(await response.text()).toContain('Cette adresse est trop longue');
  const api = await request.get(`/api/formations?q=${'+'.repeat(15_000)}`);
  expect(api.status()).toBe(414);
  expect(await api.json()).toEqual({ erreur: expect.stringContaining('trop longue') });
});

test('« Où ? » de 3 000 espaces : la page répond, dit que le texte est trop long, et montre des formations', async ({ page }) => {
  const response = await page.goto(`/formations?ou=a${'+'.repeat(3_000)}a`);
  expect(response?.status()).toBe(200);
  await expect(page.getByText('Où : le texte ne doit pas dépasser 100 caractères. Nous n’en avons pas tenu compte.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /formations? trouvées?/ })).toBeVisible();
});

test('« constructor », « __proto__ »… dans la recherche : des réponses, jamais une erreur', async ({ request }) => {
  for (const word of WORDS) {
    const api = await request.get(`/api/formations?q=${encodeURIComponent(word)}&${encodeURIComponent(word)}=1`);
    expect(api.status(), word).toBe(200);
    expect(await api.json()).toMatchObject({ total: expect.any(Number) });
    for (const url of [`/api/communes?q=${word}`, `/api/metiers?q=${word}`]) expect((await request.get(url)).status(), url).toBe(200);
    const page = await request.get(`/formations?q=${encodeURIComponent(word)}&ou=${encodeURIComponent(word)}`);
    expect(page.status(), word).toBe(200);
  }
});

test.describe('corps de requête de 10 Mo', () => {
  let server: ChildProcess | null = null;
  let base = '';
  let work = '';

  test.beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'vmm-corps-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ['scripts/serve.mjs'], {
      cwd: projectRoot,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', CONTACT_DB_PATH: path.join(work, 'contact.sqlite'), CONTACT_MAIL_DIR: path.join(work, 'mails') },
      stdio: 'ignore',
    });
    for (let i = 0; i < 150; i += 1) {
      if (await fetch(`${base}/api/sante`).then((r) => r.ok, () => false)) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('le serveur de test ne répond pas');
  });

  test.afterAll(() => {
    server?.kill();
    rmSync(work, { recursive: true, force: true });
  });

  const rssKb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server!.pid}/status`, 'utf8'))?.[1]);

  /**
   * Envoie 10 Mo par tranches de 64 Ko (une toutes les 10 ms : 1,6 s en tout) et rend la réponse, avec ce qui
   * était envoyé quand elle est arrivée. `chunked` : sans Content-Length.
   */
  function post(pathname: string, chunked: boolean): Promise<{ status: number; body: string; sentWhenAnswered: number; ms: number }> {
    return new Promise((resolve, reject) => {
      const started = performance.now();
      let sent = 0;
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', origin: base };
      if (!chunked) headers['content-length'] = String(TEN_MB);
      const req = httpRequest(`${base}${pathname}`, { method: 'POST', headers });
      const slice = Buffer.alloc(64 * 1024, 'a');
      const timer = setInterval(() => {
        if (sent >= TEN_MB) {
          clearInterval(timer);
          req.end();
          return;
        }
        sent += slice.length;
        req.write(slice);
      }, 10);
      req.on('response', (res) => {
        const sentWhenAnswered = sent;
        const ms = performance.now() - started;
        clearInterval(timer);
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body, sentWhenAnswered, ms });
        });
      });
      req.on('error', (error) => {
        clearInterval(timer);
        // La connexion peut être fermée par le serveur une fois la réponse envoyée.
        if (!('code' in error) || (error.code !== 'EPIPE' && error.code !== 'ECONNRESET')) reject(error);
      });
    });
  }

  for (const chunked of [false, true]) {
    test(`formulaire « devenir pro » (${chunked ? 'par morceaux' : 'Content-Length annoncé'}) : 413 en français avant la fin de l’envoi, mémoire stable`, async () => {
      const before = rssKb();
      const results = await Promise.all([1, 2, 3, 4].map(() => post('/rencontrer-un-pro/devenir-pro', chunked)));
      for (const r of results) {
        expect(r.status).toBe(413);
        expect(r.body).toContain('Envoi trop volumineux');
        expect(r.body).toContain('64 Ko au plus');
        expect(r.sentWhenAnswered, `réponse après ${r.sentWhenAnswered} octets envoyés (${Math.round(r.ms)} ms)`).toBeLessThan(TEN_MB / 2);
      }
      const grownMb = (rssKb() - before) / 1024;
      console.info(`corps de 10 Mo ×4 (${chunked ? 'par morceaux' : 'annoncés'}) : 413 en ${results.map((r) => Math.round(r.ms)).join(', ')} ms ; mémoire du serveur ${grownMb >= 0 ? '+' : ''}${grownMb.toFixed(1)} Mo`);
      expect(grownMb).toBeLessThan(30);
    });
  }

  test('sous /api : 413 en JSON', async () => {
    const r = await post('/api/formations', false);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toEqual({ erreur: expect.stringContaining('trop volumineux') });
  });
});
