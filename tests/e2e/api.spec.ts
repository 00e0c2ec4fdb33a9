/**
 * L'API publique, par HTTP, contre le serveur CONSTRUIT (`node scripts/serve.mjs`) :
 * recherche, erreurs 400 en français, ~200 requêtes hostiles (jamais de 5xx), OpenAPI,
 * autocomplétions, fiche formation.
 */
import { expect, test, type APIResponse } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from './support/data';
import { seededRandom } from '../../src/demo/random';

const offre = JSON.parse(readFileSync(path.join(dataDir, 'offre.json'), 'utf8')) as { actions: { id: string; sessions: unknown[] }[] };

async function jsonOf(response: APIResponse): Promise<unknown> {
  expect(response.headers()['content-type'], response.url()).toBe('application/json; charset=utf-8');
  return response.json();
}

interface SearchBody {
  total: number;
  rayon_km: number | null;
  elargi: boolean;
  resultats: { id: string; distance_km: number | null; a_distance: boolean }[];
  facettes: Record<string, Record<string, number>>;
}

test.describe('API publique', () => {
  test('GET /api/communes/proche : la commune la plus proche, jamais en cache ; hors région 404 ; paramètres faux 400', async ({ request }) => {
    const near = await request.get('/api/communes/proche?lat=47.06&lon=-0.88');
    expect(near.status()).toBe(200);
    expect(near.headers()['cache-control']).toBe('no-store');
    expect(await jsonOf(near)).toMatchObject({ code_insee: '49099', nom: 'Cholet', code_postal: '49300', departement: '49' });
    const rennes = await request.get('/api/communes/proche?lat=48.12&lon=-1.68');
    expect(rennes.status()).toBe(404);
    expect(((await jsonOf(rennes)) as { erreur: string }).erreur).toContain('hors des Pays de la Loire');
    for (const [qs, field, message] of [
      ['lat=47.06', 'lon', 'Le paramètre lon est obligatoire.'],
      ['lat=100&lon=0', 'lat', 'La latitude doit être un nombre entre -90 et 90.'],
      ['lat=47&lat=48&lon=0', 'lat', 'Ce paramètre ne peut être donné qu’une fois.'],
      ['lat=abc&lon=0', 'lat', 'La latitude doit être un nombre entre -90 et 90.'],
      [`lat=${'4'.repeat(40)}&lon=0`, 'lat', 'Valeur trop longue : 32 caractères au plus.'],
    ] as const) {
      const bad = await request.get(`/api/communes/proche?${qs}`);
      expect(bad.status(), qs).toBe(400);
      expect(((await jsonOf(bad)) as { champs: Record<string, string> }).champs[field], qs).toBe(message);
    }
  });

  test('GET /api/formations?commune=49099&q=aide+soignant : 200, JSON, en-têtes', async ({ request }) => {
    const response = await request.get('/api/formations?commune=49099&q=aide+soignant');
    expect(response.status()).toBe(200);
    expect(response.headers()['cache-control']).toBe('public, max-age=60');
    expect(response.headers()['access-control-allow-origin']).toBe('*');
    const body = (await jsonOf(response)) as SearchBody;
    expect(body.total).toBeGreaterThan(0);
    expect(body.rayon_km).toBeGreaterThanOrEqual(30);
    expect(Object.keys(body.facettes)).toHaveLength(12);
    for (const r of body.resultats) if (!r.a_distance) expect(r.distance_km).toBeLessThanOrEqual((body.rayon_km ?? 0) + 0.05);
  });

  test('GET /api/formations?rayon=-1 : 400, message français sur le champ', async ({ request }) => {
    const response = await request.get('/api/formations?rayon=-1');
    expect(response.status()).toBe(400);
    expect(response.headers()['cache-control']).toBe('no-store');
    expect(await jsonOf(response)).toEqual({ erreur: 'Paramètres invalides', champs: { rayon: 'Le rayon doit être un nombre entre 1 et 200 km.' } });
  });

  test('plusieurs paramètres invalides : chacun nommé, commune inconnue comprise', async ({ request }) => {
    const response = await request.get('/api/formations?commune=99999&niveau=9&page=99999&tri=prix');
    expect(response.status()).toBe(400);
    const body = (await jsonOf(response)) as { champs: Record<string, string> };
    expect(Object.keys(body.champs).sort()).toEqual(['commune', 'niveau', 'page', 'tri']);
    expect(body.champs.commune).toContain('commune inconnue');
  });

  test('~200 requêtes aléatoires et hostiles : jamais de 5xx, du JSON dès que l’URI est bien formée', async ({ request }) => {
    const random = seededRandom('20261123');
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const names = ['q', 'metier', 'commune', 'lat', 'lon', 'rayon', 'niveau', 'modalite', 'financement', 'public', 'departement', 'territoire', 'debut_min', 'debut_max', 'entree_permanente', 'handicap', 'certifiante', 'duree_max', 'tri', 'page', 'par_page', 'x', '__proto__', '%00', ''];
    const values = [
      '', '-1', '0', '1', '3', '9', '30', '1e309', 'NaN', 'abc', 'oui', 'distance', 'J1501', '49099', '44109', '99999', '2026-02-30', '2026-09-01',
      '%00%01%7F', '%', '%zz', '%E0%A4%A', '%F0%9F%8E%93', '")%20OR%20_geoRadius(', "'%20OR%201=1--", '%22%22%22', '<script>', '..%2F..%2Fetc%2Fpasswd',
      'x'.repeat(3000), 'presentiel', 'cpf', 'maine-et-loire-sud', '47.2', '-1.55', '__proto__', 'constructor', '%EF%BB%BF',
    ];
    const queries: string[] = [];
    for (let i = 0; i < 170; i += 1) {
      const count = 1 + Math.floor(random() * 6);
      queries.push(Array.from({ length: count }, () => `${pick(names)}=${pick(values)}`).join('&'));
    }
    queries.push('niveau=3&'.repeat(60), 'q&q&q', '&&&&', '=', '==', `q=${'%C3%A9'.repeat(400)}`);
    for (const v of values.slice(0, 12)) queries.push(`q=${v}&page=${v}&rayon=${v}&lat=${v}&lon=${v}`);

    const urls = [
      ...queries.map((qs) => `/api/formations?${qs}`),
      ...values.slice(0, 10).map((v) => `/api/communes?q=${v}`),
      ...values.slice(10, 20).map((v) => `/api/metiers?q=${v}`),
      ...values.slice(20, 30).map((v) => `/api/formations/${v}`),
    ];
    expect(urls.length).toBeGreaterThanOrEqual(200);
    let malformed = 0;
    for (const url of urls) {
      const response = await request.get(url);
      expect(response.status(), url.slice(0, 120)).toBeLessThan(500);
      const body = (await jsonOf(response)) as { erreur?: string; champs?: Record<string, string> };
      // Un pourcentage mal formé (« %zz ») : scripts/serve.mjs répond 400 en français, avant l'API.
      if (!isWellFormedUri(url)) {
        malformed += 1;
        expect(response.status(), url.slice(0, 120)).toBe(400);
        expect(body.erreur, url.slice(0, 120)).toMatch(/^Adresse mal formée/);
        continue;
      }
      if (response.status() === 400) {
        expect(body.erreur, url.slice(0, 120)).toBe('Paramètres invalides');
        for (const message of Object.values(body.champs ?? {})) expect(message).toMatch(/[a-zàéèêç]{3,}/);
      }
    }
    expect(malformed).toBeLessThan(urls.length / 2);
  });

  test('GET /api/openapi.json : OpenAPI 3.1 avec les routes', async ({ request }) => {
    const response = await request.get('/api/openapi.json');
    expect(response.status()).toBe(200);
    const doc = (await jsonOf(response)) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/formations', '/api/formations/{id}', '/api/communes', '/api/metiers']));
  });

  test('GET /api/communes?q=chateau : Château-Gontier-sur-Mayenne', async ({ request }) => {
    const response = await request.get('/api/communes?q=chateau');
    expect(response.status()).toBe(200);
    const communes = (await jsonOf(response)) as { nom: string; code_insee: string }[];
    expect(communes.map((c) => c.nom)).toContain('Château-Gontier-sur-Mayenne');
    expect(communes.length).toBeLessThanOrEqual(10);
    const short = await request.get('/api/communes?q=c');
    expect(short.status()).toBe(400);
    expect(((await jsonOf(short)) as { champs: { q: string } }).champs.q).toMatch(/au moins 2 caractères/);
  });

  test('GET /api/metiers?q=aide soi : J1501', async ({ request }) => {
    const response = await request.get('/api/metiers?q=aide%20soi');
    expect(response.status()).toBe(200);
    const metiers = (await jsonOf(response)) as { code: string }[];
    expect(metiers.map((m) => m.code)).toContain('J1501');
  });

  test('GET /api/formations/{id} : la fiche, ou 404 en français', async ({ request }) => {
    const action = offre.actions[0];
    if (!action) throw new Error('offre vide');
    const found = await request.get(`/api/formations/${encodeURIComponent(action.id)}`);
    expect(found.status()).toBe(200);
    const detail = (await jsonOf(found)) as { id: string; sessions: unknown[]; insertion: { statut: string } };
    expect(detail.id).toBe(action.id);
    expect(detail.sessions).toHaveLength(action.sessions.length);
    expect(['affiche', 'masque', 'absent']).toContain(detail.insertion.statut);

    const missing = await request.get('/api/formations/inconnue-0000');
    expect(missing.status()).toBe(404);
    expect(await jsonOf(missing)).toEqual({ erreur: 'Formation introuvable' });
  });
});

function isWellFormedUri(url: string): boolean {
  try {
    decodeURI(url);
    return true;
  } catch {
    return false;
  }
}

