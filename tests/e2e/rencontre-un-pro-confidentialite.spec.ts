/**
 * Confidentialité : les e-mails, téléphones et noms de famille des pros n'apparaissent dans AUCUNE
 * page publique ni réponse de l'API avant l'acceptation d'une demande. Des pros aux coordonnées
 * connues sont créés dans la base du serveur testé (publié, en pause, en attente de modération,
 * avec une demande en attente), à côté des pros de démonstration inscrits au démarrage (leurs
 * coordonnées sont cherchées aussi) ; puis on parcourt tout le site en suivant les liens, on appelle
 * l'API, on envoie le formulaire de demande (erreur et succès), et on cherche ces coordonnées.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openSqliteContactStore } from '../../src/contact/sqlite/store';
import { DB_PATH, ensureDb, seedPro, uniqueEmail, type SeededPro } from './support/contact';
import { projectRoot } from './support/data';

function secretsOf(pros: Pick<SeededPro, 'email' | 'phone' | 'lastName'>[]): string[] {
  return pros.flatMap((p) => [p.email, p.lastName, ...(p.phone ? [p.phone, p.phone.replace(/\s/g, '')] : [])]);
}

/** Les pros de démonstration, inscrits au démarrage du serveur : leurs coordonnées ne doivent pas fuir non plus. */
const DEMO_PROS = (JSON.parse(readFileSync(path.join(projectRoot, 'data/demo/pros.json'), 'utf8')) as { pros: { email: string; phone?: string; lastName: string }[] }).pros.map((p) => ({
  email: p.email,
  phone: p.phone ?? '',
  lastName: p.lastName,
}));

function leaks(body: string, secrets: string[]): string[] {
  const lower = body.toLowerCase();
  return secrets.filter((s) => lower.includes(s.toLowerCase()));
}

const SKIP = /^\/(dev|_astro)\//;

async function crawl(request: APIRequestContext, starts: string[], limit = 400): Promise<Map<string, string>> {
  const seen = new Map<string, string>();
  const queue = [...starts];
  while (queue.length > 0 && seen.size < limit) {
    const path = queue.shift()!;
    if (seen.has(path) || SKIP.test(path)) continue;
    const response = await request.get(path, { maxRedirects: 5 });
    const body = await response.text();
    seen.set(path, body);
    expect(response.status(), path).toBeLessThan(500);
    for (const [, href] of body.matchAll(/href="([^"#]*)(?:#[^"]*)?"/g)) {
      if (!href || !href.startsWith('/') || href.startsWith('//')) continue;
      const clean = href.replace(/&amp;/g, '&');
      if (!seen.has(clean) && !queue.includes(clean)) queue.push(clean);
    }
  }
  return seen;
}

test('aucune coordonnée de pro dans les pages publiques ni dans l’API avant acceptation', async ({ page, request }) => {
  test.setTimeout(240_000);
  await ensureDb(page);
  const published = seedPro({ firstName: 'Gaby', metierCodes: ['D1104', 'D1102'] });
  const paused = seedPro({ firstName: 'Lou', metierCodes: ['D1104'] });
  const pending = seedPro({ firstName: 'Sacha', metierCodes: ['D1104'] });
  const store = openSqliteContactStore(DB_PATH);
  try {
    store.setProPaused(paused.id, true, 'pro');
    store.updateProStatus(pending.id, 'pending');
  } finally {
    store.close();
  }
  const pros = [published, paused, pending];
  const secrets = secretsOf([...pros, ...DEMO_PROS]);

  // Une demande en attente (non acceptée) pour le pro publié : formulaire en erreur, puis envoyé.
  const form = { firstName: 'Yanis', email: uniqueEmail('yanis'), situation: 'etudiant', ageBracket: '18-25', mode: 'telephone', message: 'Quelles études pour devenir pâtissier ?', consent: 'oui' };
  const formPage = await request.get(`/rencontrer-un-pro/pro/${published.id}/`);
  const key = /name="cle" value="([^"]+)"/.exec(await formPage.text())?.[1] ?? '';
  const headers = { origin: new URL(formPage.url()).origin };
  const invalid = await request.post(`/rencontrer-un-pro/pro/${published.id}/`, { form: { ...form, cle: key, message: 'court' }, headers });
  expect(invalid.status()).toBe(400);
  expect(leaks(await invalid.text(), secrets)).toEqual([]);
  const sent = await request.post(`/rencontrer-un-pro/pro/${published.id}/`, { form: { ...form, cle: key }, headers, maxRedirects: 0 });
  expect(sent.status()).toBe(303);

  const starts = [
    '/',
    '/rencontrer-un-pro/',
    '/rencontrer-un-pro/?metier=D1104&commune=Angers',
    '/rencontrer-un-pro/?metier=D1102&commune=49000&rayon=100',
    ...pros.map((p) => `/rencontrer-un-pro/pro/${p.id}/`),
    '/rencontrer-un-pro/devenir-pro/',
    '/rencontrer-un-pro/mon-profil/lien/',
    '/rencontrer-un-pro/demande-envoyee/',
    '/admin/',
    '/api/metiers?q=patissier',
    '/api/communes?q=Angers',
    '/api/formations?q=patisserie',
    '/api/openapi.json',
  ];
  const pages = await crawl(request, starts);
  expect(pages.size).toBeGreaterThan(20);
  // Les pros de démonstration sont listés, et leurs pages visitées : leurs coordonnées sont cherchées partout aussi.
  expect(DEMO_PROS.length).toBeGreaterThanOrEqual(40);
  expect([...pages.keys()].filter((p) => /^\/rencontrer-un-pro\/pro\/[\w-]{12}\/$/.test(p)).length).toBeGreaterThanOrEqual(30);
  // Le pro publié est bien listé (le test cherche au bon endroit)…
  expect(pages.get('/rencontrer-un-pro/?metier=D1104&commune=Angers')).toContain(`data-pro-id="${published.id}"`);
  // … mais ni le pro en pause ni celui en attente de modération.
  expect(pages.get('/rencontrer-un-pro/?metier=D1104&commune=Angers')).not.toContain(`data-pro-id="${paused.id}"`);
  expect(pages.get('/rencontrer-un-pro/?metier=D1104&commune=Angers')).not.toContain(`data-pro-id="${pending.id}"`);
  const found = [...pages.entries()].flatMap(([path, body]) => leaks(body, secrets).map((s) => `${path} : ${s}`));
  expect(found).toEqual([]);
});
