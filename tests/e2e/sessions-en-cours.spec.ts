/**
 * Sessions déjà commencées où l'on peut encore entrer (la démo en a) : la carte de résultat et la
 * fiche le disent en mots, et la session ne disparaît ni de la recherche ni de la fiche.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { axeViolations } from './support/a11y';
import { dataDir } from './support/data';

interface IndexedDoc {
  id: string;
  title: string;
  city: string;
  inseeCode: string | null;
  distanceLearning: boolean;
  sessions: { start: string | null; end: string | null; underway?: boolean }[];
}

const index = JSON.parse(readFileSync(path.join(dataDir, 'search', 'embedded-index.json'), 'utf8')) as { today: string; documents: IndexedDoc[] };
const underway = index.documents.filter((d) => !d.distanceLearning && d.inseeCode !== null && d.sessions.some((s) => s.underway === true && s.start !== null));

const frDate = (iso: string) => new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

test('une session commencée où l’on peut encore entrer : dite « commencée » sur la carte et sur la fiche', async ({ page, request }) => {
  test.setTimeout(120_000);
  // La démo en a (le test regarde au bon endroit).
  expect(underway.length).toBeGreaterThanOrEqual(10);
  // Une action dont la seule session proposée est commencée : sans elle, la carte dirait « aucune date ».
  const doc = underway.find((d) => d.sessions.length === 1) ?? underway[0]!;
  const session = doc.sessions.find((s) => s.underway)!;
  const started = frDate(session.start!);

  // API : la session est proposée, marquée en cours.
  const api = await request.get(`/api/formations?q=${encodeURIComponent(doc.title)}&commune=${doc.inseeCode}&rayon=10&par_page=50`);
  expect(api.status()).toBe(200);
  const result = ((await api.json()) as { resultats: { id: string; sessions: { debut: string; en_cours: boolean }[] }[] }).resultats.find((r) => r.id === doc.id);
  expect(result, `${doc.id} dans les résultats`).toBeDefined();
  expect(result!.sessions).toContainEqual(expect.objectContaining({ debut: session.start, en_cours: true }));

  // Carte de résultat (page de recherche, rendue par le serveur).
  await page.goto(`/formations?q=${encodeURIComponent(doc.title)}&commune=${doc.inseeCode}&rayon=10&par_page=50`);
  const card = page.locator(`.result-card[data-id="${doc.id}"]`);
  await expect(card).toContainText(`commencée le ${started}, entrée encore possible`);
  await expect(card).not.toContainText('Aucune date annoncée');

  // Fiche : la ligne de la session le dit en mots, elle ne disparaît pas.
  await card.getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(doc.title);
  const row = page.locator('#sessions tr[data-etape="en-cours-ouverte"]').first();
  await expect(row).toContainText(`Commencée le ${started} — entrée encore possible`);
  expect(await axeViolations(page)).toEqual([]);
});
