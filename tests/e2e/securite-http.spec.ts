/**
 * Sécurité et transport, contre le serveur construit (`node scripts/serve.mjs`) :
 *   - les en-têtes de sécurité sur chaque type de page et chaque route de l'API (src/http/security-headers.ts) ;
 *   - la CSP appliquée dans le navigateur : 0 violation sur chaque type de page, carte comprise ;
 *   - la compression (brotli, gzip) de HTML, JSON, CSV, JS, CSS, GeoJSON, et le cache des fichiers à empreinte ;
 *   - 405, 403 (origine), 400 (adresse mal encodée) en français.
 */
import { expect, test, type Page } from '@playwright/test';
import { enhanceSearch } from './support/search';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { projectRoot } from './support/data';

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  bytes: number;
  body: Buffer;
}

/** Une requête HTTP brute (aucune décompression, aucun en-tête ajouté). */
function raw(baseURL: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  const url = new URL(path, baseURL);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: body.length, body });
      });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

async function samples(baseURL: string) {
  const list = JSON.parse((await raw(baseURL, '/api/formations?par_page=1')).body.toString()) as { resultats: { id: string }[] };
  const formationId = list.resultats[0]!.id;
  const metiers = (await raw(baseURL, '/metiers/a-z/')).body.toString();
  const metier = /href="(\/metiers\/[A-Z]\d{4}-[^"/]+)\/?"/.exec(metiers)![1]!;
  const territoires = (await raw(baseURL, '/territoires/')).body.toString();
  const territoire = /href="(\/territoires\/[a-z0-9-]+)\/?"/.exec(territoires)![1]!;
  const pros = (await raw(baseURL, '/rencontrer-un-pro/?commune=Cholet&rayon=100')).body.toString();
  const pro = /href="(\/rencontrer-un-pro\/pro\/[A-Za-z0-9_-]+)\/?"/.exec(pros)?.[1] ?? '/rencontrer-un-pro/pro/inconnu00000';
  return { formationId, metier, territoire, pro };
}

/** Chaque type de page : [adresse, données personnelles (no-store), ouverte par un lien magique (same-origin)]. */
function pages(s: Awaited<ReturnType<typeof samples>>): [string, boolean, boolean][] {
  return [
    ['/', false, false],
    ['/formations', false, false],
    ['/formations?q=aide+soignante&ou=Cholet', false, false],
    [`/formations/${s.formationId}`, false, false],
    ['/metiers/', false, false],
    ['/metiers/a-z/', false, false],
    ['/metiers/recherche/?q=aide', false, false],
    [`${s.metier}/`, false, false],
    [`${s.metier}/pres-de-chez-vous/?ou=Cholet`, false, false],
    ['/entreprises/', false, false],
    ['/territoires/', false, false],
    [`${s.territoire}/`, false, false],
    ['/donnees/', false, false],
    ['/rencontrer-un-pro/', false, false],
    [`${s.pro}/`, false, false],
    ['/rencontrer-un-pro/devenir-pro/', false, false],
    ['/rencontrer-un-pro/devenir-pro/merci/', true, false],
    ['/rencontrer-un-pro/demande-envoyee/', true, false],
    ['/rencontrer-un-pro/repondre/?t=jeton-invalide', true, true],
    ['/rencontrer-un-pro/confirmer/?t=jeton-invalide', true, true],
    ['/rencontrer-un-pro/confirmer-demande/?t=jeton-invalide', true, true],
    ['/rencontrer-un-pro/mon-profil/', true, true],
    ['/rencontrer-un-pro/mon-profil/lien/', true, true],
    ['/rencontrer-un-pro/signaler/?t=jeton-invalide', true, true],
    ['/selection/?e=m:J1501&n=ma+note', true, true],
    ['/selection/comparer/?e=f:1&e=f:2', true, true],
    ['/s/', true, true],
    ['/s/zzzzzz', true, true],
    ['/conseil/', true, false],
    ['/admin/connexion/', true, true],
    ['/admin/deverrouiller/?t=jeton-invalide', true, true],
    ['/admin/', true, true],
    ['/dev/mails/', true, true],
    ['/page-qui-n-existe-pas', false, false],
  ];
}

const API = [
  '/api/formations',
  '/api/formations?q=%20&par_page=500',
  '/api/communes?q=nan',
  '/api/metiers?q=aide',
  '/api/openapi.json',
  '/api/sante',
  '/api/entreprises/sessions.csv?metier=J1501&commune=Cholet',
  '/formations/fond-de-carte.geojson',
];

function expectCommonHeaders(r: RawResponse, where: string) {
  expect(r.headers['x-content-type-options'], where).toBe('nosniff');
  expect(r.headers['x-frame-options'], where).toBe('DENY');
  expect(r.headers['permissions-policy'], where).toContain('geolocation=(self)');
  const csp = String(r.headers['content-security-policy'] ?? '');
  expect(csp, where).toContain("frame-ancestors 'none'");
  expect(csp, where).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(r.headers['strict-transport-security'], `${where} : pas de HSTS en HTTP clair`).toBeUndefined();
}

test.describe('en-têtes de sécurité', () => {
  test('sur chaque type de page : CSP, nosniff, cadres interdits, Referrer-Policy, Permissions-Policy, no-store des données personnelles', async ({ baseURL }) => {
    const s = await samples(baseURL!);
    for (const [path, personal, magic] of pages(s)) {
      const r = await raw(baseURL!, path);
      expect(r.status, path).toBeLessThan(500);
      expectCommonHeaders(r, path);
      if (String(r.headers['content-type']).startsWith('text/html')) {
        expect(String(r.headers['content-security-policy']), path).toMatch(/script-src 'self'/);
      }
      expect(r.headers['referrer-policy'], path).toBe(magic ? 'same-origin' : 'strict-origin-when-cross-origin');
      if (personal) expect(r.headers['cache-control'], path).toBe('no-store');
      else expect(String(r.headers['cache-control'] ?? ''), path).not.toContain('private');
    }
  });

  test('sur chaque route de l’API et fichier servi, erreurs comprises', async ({ baseURL }) => {
    const s = await samples(baseURL!);
    for (const path of [...API, `/api/formations/${s.formationId}`, '/api/formations/inconnu', '/api/formations?rayon=abc']) {
      const r = await raw(baseURL!, path);
      expectCommonHeaders(r, path);
      expect(r.headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
    }
  });

  test('HSTS seulement quand la requête est arrivée en HTTPS (mandataire)', async ({ baseURL }) => {
    const r = await raw(baseURL!, '/', { headers: { 'x-forwarded-proto': 'https' } });
    expect(r.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
  });
});

/** Enregistre toute violation de CSP (événement du document et messages de la console). */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('__reportCsp', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCsp: (t: string) => void }).__reportCsp(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(`${page.url()} : ${message.text()}`);
  });
  return violations;
}

test.describe('CSP dans le navigateur', () => {
  test('0 violation sur chaque type de page', async ({ page, baseURL }) => {
    const violations = await watchCsp(page);
    const s = await samples(baseURL!);
    for (const [path] of pages(s)) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
    }
    expect(violations).toEqual([]);
  });

  test('0 violation avec la carte chargée (recherche et fiche), l’autocomplétion et les îlots', async ({ page }) => {
    const violations = await watchCsp(page);
    await page.goto('/formations?q=cuisine');
    await enhanceSearch(page);
    await page.getByRole('button', { name: 'Afficher la carte' }).click();
    await expect(page.locator('.map-marker, .map-cluster').first()).toBeAttached({ timeout: 15_000 });
    await page.locator('input[name="ou"]').fill('Chol');
    await page.waitForTimeout(600);
    await page.goto('/formations?q=aide+soignante&ou=Cholet');
    await page.locator('article a, .result a').first().click();
    await page.locator('#lieu').scrollIntoViewIfNeeded();
    await expect(page.locator('.map .maplibregl-canvas')).toBeAttached({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
  });
});

test.describe('compression et cache', () => {
  test('brotli et gzip pour HTML, JSON, CSV, JS, CSS et GeoJSON ; Vary ; fichiers à empreinte immuables', async ({ baseURL }) => {
    const home = (await raw(baseURL!, '/formations')).body.toString();
    const js = /"(\/_astro\/[^"]+\.js)"/.exec(home)?.[1];
    const css = /href="(\/_astro\/[^"]+\.css)"/.exec(home)?.[1];
    expect(js, 'un script /_astro/ dans la page').toBeTruthy();
    expect(css, 'une feuille de style /_astro/ dans la page').toBeTruthy();
    const targets = ['/', '/formations?q=cuisine', '/api/formations', '/api/entreprises/sessions.csv?metier=J1501&commune=Cholet', js!, css!, '/formations/fond-de-carte.geojson'];
    for (const path of targets) {
      const plain = await raw(baseURL!, path);
      for (const encoding of ['br', 'gzip'] as const) {
        const r = await raw(baseURL!, path, { headers: { 'accept-encoding': encoding } });
        expect(r.status, path).toBe(200);
        expect(r.headers['content-encoding'], `${path} (${encoding})`).toBe(encoding);
        expect(String(r.headers.vary), path).toMatch(/accept-encoding/i);
        expect(r.bytes, `${path} (${encoding}) plus petit`).toBeLessThan(plain.bytes);
      }
      expect(plain.headers['content-encoding'], `${path} sans Accept-Encoding`).toBeUndefined();
    }
    for (const path of [js!, css!]) {
      expect((await raw(baseURL!, path)).headers['cache-control'], path).toBe('public, max-age=31536000, immutable');
    }
    // Chrome annonce « gzip, deflate, br, zstd » : brotli d'abord.
    expect((await raw(baseURL!, js!, { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } })).headers['content-encoding']).toBe('br');
  });
});

test.describe('erreurs en français', () => {
  test('405 pour une méthode non prise en charge, TRACE compris, avec Allow (JSON sous /api)', async ({ baseURL }) => {
    for (const method of ['TRACE', 'DELETE', 'PUT', 'POST', 'PATCH']) {
      const r = await raw(baseURL!, '/api/formations', { method });
      expect(r.status, method).toBe(405);
      expect(r.headers.allow, method).toBe('GET, HEAD, OPTIONS');
      expect(JSON.parse(r.body.toString()).erreur, method).toContain(`La méthode ${method} n’est pas prise en charge`);
    }
    const page = await raw(baseURL!, '/formations', { method: 'TRACE' });
    expect(page.status).toBe(405);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body.toString()).toContain('Méthode non prise en charge');
    expect((await raw(baseURL!, '/api/formations', { method: 'OPTIONS' })).status).toBe(204);
  });

  test('un envoi sans Origin ou d’un autre site : page 403 en français', async ({ baseURL }) => {
    const attempts: Record<string, string>[] = [{ origin: 'https://pirate.example', 'content-type': 'application/x-www-form-urlencoded' }, { 'content-type': 'application/x-www-form-urlencoded' }];
    for (const headers of attempts) {
      const r = await raw(baseURL!, '/rencontrer-un-pro/devenir-pro/', { method: 'POST', headers, body: 'firstName=A' });
      expect(r.status).toBe(403);
      expect(r.headers['content-type']).toMatch(/^text\/html/);
      const body = r.body.toString();
      expect(body).toContain('lang="fr"');
      expect(body).toContain('Ce formulaire n’a pas été envoyé depuis versmonmétier');
      expect(body).not.toMatch(/forbidden/i);
    }
  });

  test('adresse mal encodée : 400 qui dit où et pourquoi (UTF-8 invalide, « % » mal formé)', async ({ baseURL }) => {
    const latin1 = await raw(baseURL!, '/formations?q=%E9t%E9');
    expect(latin1.status).toBe(400);
    expect(latin1.body.toString()).toContain('« %E9 » n’est pas du texte UTF-8');
    const percent = await raw(baseURL!, '/api/formations?q=100%');
    expect(percent.status).toBe(400);
    expect(JSON.parse(percent.body.toString()).erreur).toContain('n’est pas un caractère encodé');
  });
});

test.describe('production', () => {
  test('NODE_ENV=production sans secret, adresse publique ni SMTP : démarrage refusé en français, code 1', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1' };
    for (const name of ['CONTACT_SECRET', 'CONTACT_PUBLIC_URL', 'SITE_URL', 'SMTP_HOST']) delete env[name];
    const child = spawn(process.execPath, ['scripts/serve.mjs'], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(stderr).toContain('Démarrage refusé : NODE_ENV=production, mais 3 réglages manquent');
    expect(stderr).toContain('CONTACT_SECRET manque');
    expect(stderr).toContain('CONTACT_PUBLIC_URL (ou SITE_URL) manque');
    expect(stderr).toContain('SMTP_HOST manque');
  });

  test('/dev/mails ne répond pas à un nom d’hôte qui n’est pas local', async ({ baseURL }) => {
    expect((await raw(baseURL!, '/dev/mails/')).status).toBe(200);
    expect((await raw(baseURL!, '/dev/mails/', { headers: { host: 'pirate.example' } })).status).toBe(404);
  });
});
