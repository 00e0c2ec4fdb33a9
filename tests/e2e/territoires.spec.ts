/**
 * Territoires EFOP : la liste des 18, la page d'un territoire dont les chiffres sont ceux de
 * l'API (`/api/formations?territoire=…`), l'avertissement « composition provisoire », la 404.
 */
import { expect, test } from '@playwright/test';
import { axeViolations, horizontalOverflow } from './support/a11y';
import { frNumber } from './support/data';

interface ApiPage {
  total: number;
  resultats: { sessions: unknown[] }[];
  facettes: { niveau: Record<string, number> };
}

test.describe('Territoires', () => {
  test('la liste donne les 18 territoires, une carte et l’avertissement provisoire', async ({ page }) => {
    await page.goto('/territoires/');
    await expect(page.locator('[data-territories] > li')).toHaveCount(18);
    await expect(page.getByRole('img', { name: /Carte des 18 territoires/ })).toBeVisible();
    await expect(page.locator('[data-provisional]')).toContainText('provisoire');
    await expect(page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Territoires' })).toHaveAttribute('aria-current', 'page');
  });

  test('la page d’un territoire montre les chiffres de l’API', async ({ page, request }) => {
    await page.goto('/territoires/');
    await page.locator('[data-territoire="mayenne-centre"] a').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mayenne Centre');

    // Toutes les pages de l'API pour ce territoire.
    let current = (await (await request.get('/api/formations?territoire=mayenne-centre&par_page=50')).json()) as ApiPage;
    const first = current;
    const results = [...current.resultats];
    for (let p = 2; results.length < first.total; p += 1) {
      current = (await (await request.get(`/api/formations?territoire=mayenne-centre&par_page=50&page=${p}`)).json()) as ApiPage;
      results.push(...current.resultats);
    }
    expect(first.total).toBeGreaterThan(0);
    await expect(page.locator('[data-figure="actions"] dd')).toHaveText(frNumber(first.total));
    await expect(page.locator('[data-figure="sessions"] dd')).toHaveText(frNumber(results.reduce((n, r) => n + r.sessions.length, 0)));

    // Par niveau : la facette « niveau » de l'API.
    const levels = page.locator('table[data-table="niveau"] tbody tr');
    const shown: Record<string, number> = {};
    for (const row of await levels.all()) {
      const key = (await row.getAttribute('data-key'))!;
      if (key !== 'aucun') shown[key] = Number((await row.locator('[data-actions]').textContent())!.replace(/\s/g, ''));
    }
    expect(shown).toEqual(first.facettes.niveau);
    const tableTotal = (await page.locator('table[data-table="niveau"] [data-actions]').allTextContents()).reduce((n, t) => n + Number(t.replace(/\s/g, '')), 0);
    expect(tableTotal).toBe(first.total);

    await expect(page.getByRole('img', { name: /Carte des lieux de formation/ })).toBeVisible();
    await expect(page.locator('[data-epcis] > li').first()).toBeVisible();
    await expect(page.getByRole('link', { name: 'Chercher une formation dans ce territoire' })).toHaveAttribute('href', '/formations?territoire=mayenne-centre');
    await page.getByRole('link', { name: /Vous recrutez/ }).click();
    await expect(page.getByLabel('Ou bien un territoire emploi-formation-orientation')).toHaveValue('mayenne-centre');
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('un territoire inconnu : 404 en français avec un lien vers la liste', async ({ page }) => {
    const response = await page.goto('/territoires/nulle-part/');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Territoire introuvable');
    await expect(page.getByRole('main').getByRole('link', { name: 'Voir les 18 territoires' })).toHaveAttribute('href', '/territoires/');
    expect(await axeViolations(page)).toEqual([]);
  });

  for (const path of ['/territoires/', '/territoires/vendee-ouest/']) {
    test(`${path} : 0 violation axe, lisible à 360 px`, async ({ page }) => {
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(path);
      await expect(page.locator('h1')).toHaveCount(1);
      expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
      expect(await axeViolations(page)).toEqual([]);
    });
  }
});
