/**
 * « Dites-le avec vos mots » (issue 17) dans le navigateur : une phrase de tous les jours trouve des
 * formations, la page dit ce qu'elle a compris et laisse le changer (avec et sans JavaScript) ;
 * « Ce que j'ai envie de faire » depuis l'accueil et la liste des métiers ; au clavier et à 360 px.
 */
import { expect, test } from '@playwright/test';
import { horizontalOverflow } from './support/a11y';

test.describe('Dites-le avec vos mots', () => {
  test('« couper les cheveux » : des formations de coiffure, « Nous avons compris : métier Coiffeur / Coiffeuse »', async ({ page }) => {
    await page.goto('/formations?q=couper+les+cheveux');
    const understood = page.getByTestId('compris');
    await expect(understood).toContainText('Nous avons compris : métier Coiffeur / Coiffeuse.');
    const first = page.locator('.results > li').first();
    await expect(first.locator('[data-correspondance="metier"]')).toContainText('Mène au métier Coiffeur / Coiffeuse');
    await expect(first.locator('.result-card__title')).toContainText(/coiffure/i);
  });

  test('retirer le métier, puis chercher seulement les mots, sans JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/formations?q=couper+les+cheveux');
    await page.getByRole('link', { name: /Retirer « Coiffeur \/ Coiffeuse »/ }).click();
    await expect(page).toHaveURL(/sans_metier=D1202/);
    await expect(page.locator('[data-correspondance="metier"]')).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Remettre les métiers retirés' })).toBeVisible();
    await page.goto('/formations?q=soigner+les+malades');
    await page.getByRole('link', { name: 'Chercher seulement les mots « soigner les malades »' }).click();
    await expect(page).toHaveURL(/mots_seuls=oui/);
    await expect(page.getByTestId('compris')).toContainText('Vous cherchez seulement les mots « soigner les malades ».');
    await expect(page.locator('[data-correspondance="metier"]')).toHaveCount(0);
    await context.close();
  });

  test('avec JavaScript, au clavier : retirer un métier met la liste à jour sans recharger', async ({ page }) => {
    await page.goto('/formations?q=couper+les+cheveux');
    await page.getByRole('combobox', { name: 'Quoi ?' }).click(); // charge l'île
    await expect(page.locator('form.search')).toHaveAttribute('data-enhanced', 'true');
    const remove = page.getByRole('link', { name: /Retirer « Coiffeur \/ Coiffeuse »/ });
    await remove.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/sans_metier=D1202/);
    await expect(page.locator('[data-correspondance="metier"]')).toHaveCount(0);
  });

  test('seulement des mots de la demande : un message en français, pas une erreur', async ({ page }) => {
    const response = await page.goto('/formations?q=je+veux+travailler');
    expect(response?.status()).toBe(200);
    await expect(page.getByTestId('compris')).toContainText('Dites-nous ce que vous aimeriez faire');
  });

  test('à 360 px : la zone « Nous avons compris » ne déborde pas', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/formations?q=faire+des+gateaux');
    await expect(page.getByTestId('compris')).toBeVisible();
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
  });
});

test.describe('Ce que j’ai envie de faire', () => {
  test('depuis l’accueil : une envie, ses métiers principaux d’abord, chacun avec « Formations près de chez vous »', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Choisir ce que j’ai envie de faire' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ce que j’ai envie de faire');
    await page.getByRole('link', { name: /prendre soin des autres/ }).click();
    const sections = page.locator('main section h2');
    await expect(sections.first()).toHaveText('Les métiers de cette envie');
    const firstMetier = page.locator('main .interest-metiers li').first();
    await expect(firstMetier.getByRole('link').first()).toHaveAttribute('href', /^\/metiers\/[A-N]\d{4}-/);
    await expect(firstMetier.getByRole('link', { name: /Formations près de chez vous pour devenir/ })).toHaveAttribute('href', /\/pres-de-chez-vous\/$/);
  });

  test('depuis la liste des métiers', async ({ page }) => {
    await page.goto('/metiers/');
    await page.getByRole('link', { name: /Ce que j’ai envie de faire/ }).click();
    await expect(page).toHaveURL(/\/metiers\/envies\/$/);
    expect(await page.locator('main .interest-list li').count()).toBeGreaterThan(5);
  });
});

test.describe('Phrases hostiles ou inattendues (page et API)', () => {
  const texts = [
    'je voudrais vraiment un jour travailler dans un endroit où je pourrais aider les gens qui ont besoin de soins et aussi faire à manger pour eux tous les jours de la semaine svp merci beaucoup',
    'je veux travailler devenir faire un métier',
    '👩‍🍳🍕✂️💇 💉',
    'I want to be a cuisinier in a restaurant please',
    'constructor __proto__ toString',
  ];
  test('jamais une erreur serveur, toujours du français', async ({ page, request }) => {
    for (const q of texts) {
      const api = await request.get(`/api/formations?q=${encodeURIComponent(q)}`);
      expect(api.status(), q).toBe(200);
      const body = (await api.json()) as { compris: { message: string | null } | null; total: number };
      expect(body.compris, q).not.toBeNull();
      const response = await page.goto(`/formations?q=${encodeURIComponent(q)}`);
      expect(response?.status(), q).toBe(200);
      await expect(page.getByRole('heading', { level: 2, name: /formations? trouvées?|Aucune formation trouvée/ })).toBeVisible();
    }
  });
});
