/**
 * Sandrine, 34 ans, demandeuse d'emploi à Cholet, sans voiture, lit difficilement : sur son
 * téléphone (360 px) et au clavier seul, elle cherche « aide soignante », voit le premier
 * résultat sur le premier écran, répond à « Ma situation », coche « Gratuit pour moi », ouvre une
 * fiche, lit « Comment s'inscrire » et prépare son rendez-vous. axe : 0 violation à chaque état.
 */
import { expect, test, type Page } from '@playwright/test';
import { axeViolations, horizontalOverflow } from './support/a11y';
import { tabUntilFocused } from './support/keyboard';

const SEARCH = '/formations?q=aide+soignant&commune=49099&rayon=30';

/** Le haut du titre du premier résultat est dans la fenêtre, sans défiler. */
async function firstResultTop(page: Page): Promise<number> {
  const box = await page.locator('.results .result-card__title a').first().boundingBox();
  expect(box, 'aucun résultat').not.toBeNull();
  return box!.y;
}

test.describe('Parcours de Sandrine : téléphone, clavier seul, « Gratuit pour moi »', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('après une recherche, le premier résultat est sur le premier écran, à 360 px et au zoom 200 %', async ({ page, browser }) => {
    await page.goto(SEARCH);
    const top = await firstResultTop(page);
    expect(top).toBeLessThan(740);
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
    // Zoom 200 % d'un écran de 1280 × 1440 : une fenêtre de 640 × 720 px CSS.
    const zoomed = await browser.newContext({ viewport: { width: 640, height: 720 } });
    const z = await zoomed.newPage();
    await z.goto(SEARCH);
    expect(await firstResultTop(z)).toBeLessThan(720);
    await zoomed.close();
  });

  test('du champ « Quoi ? » au premier résultat en 5 appuis sur Tab au plus (lien « Aller aux résultats »)', async ({ page }) => {
    await page.goto(SEARCH);
    await page.getByRole('combobox', { name: 'Quoi ?' }).focus();
    const skip = page.getByRole('link', { name: /^Aller aux résultats/ });
    const first = await tabUntilFocused(page, skip, 5);
    await page.keyboard.press('Enter');
    const firstResult = page.locator('.results .result-card__title a').first();
    const second = await tabUntilFocused(page, firstResult, 5);
    expect(first + second).toBeLessThanOrEqual(5);
  });

  test('« Ma situation » → « Gratuit pour moi » → fiche → « Comment s’inscrire » → « Préparer mon rendez-vous », au clavier', async ({ page }) => {
    await page.goto(SEARCH);
    expect(await axeViolations(page)).toEqual([]);

    // Ma situation : une zone repliée, ouverte au clavier.
    const summary = page.locator('.search__situation > summary');
    await tabUntilFocused(page, summary, 40);
    await page.keyboard.press('Enter');
    const yes = page.getByRole('group', { name: 'Êtes-vous inscrit·e à France Travail ?' }).getByRole('radio', { name: 'Oui' });
    await tabUntilFocused(page, yes.locator('xpath=../..').getByRole('radio').last(), 10); // le groupe, sur « Je ne réponds pas »
    // Dans un groupe de boutons radio, les flèches changent le choix : « Je ne réponds pas » → « Oui ».
    await page.keyboard.press('ArrowDown');
    await expect(yes).toBeChecked();
    await expect(page).toHaveURL(/inscrit_ft=oui/);
    const free = page.getByRole('checkbox', { name: /Gratuit pour moi/ });
    await tabUntilFocused(page, free, 30);
    await page.keyboard.press('Space');
    await expect(page).toHaveURL(/gratuit=oui/);
    await expect(page.getByRole('link', { name: /Gratuit pour moi : retirer ce filtre/ })).toBeVisible();
    const cards = page.locator('.results .result-card');
    await expect(cards.first()).toBeVisible();
    for (const cost of await cards.locator('.result-card__cost').allTextContents()) expect(cost).toMatch(/^Gratuit pour vous/);
    expect(await axeViolations(page)).toEqual([]);

    // La fiche : ce que ça coûte pour elle, comment s'inscrire, la prochaine étape.
    const link = cards.first().locator('.result-card__title a');
    await tabUntilFocused(page, link, 60);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/formations\/[^/?]+\?.*inscrit_ft=oui/);
    await expect(page.locator('.formation__facts [data-cout]')).toHaveText(/^Gratuit pour vous/);
    const apply = page.getByRole('region', { name: 'Comment s’inscrire' });
    await expect(apply.locator('.formation__steps li').first()).toContainText('Vérifier que la formation est pour vous');
    await expect(apply.locator('.formation__next')).toContainText('Votre prochaine étape');
    expect(await axeViolations(page)).toEqual([]);
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);

    const prepare = page.getByRole('link', { name: 'Préparer mon rendez-vous' });
    await tabUntilFocused(page, prepare, 80);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Préparer mon rendez-vous');
    await expect(page.locator('.meeting .facts dd').first()).toHaveText(/^Gratuit pour vous/);
    await expect(page.getByRole('checkbox', { name: /Comment venir sans voiture/ })).toBeVisible();
    await page.getByLabel(/Mes autres questions/).fill('Y a-t-il un car depuis Cholet le matin ?');
    expect(await axeViolations(page)).toEqual([]);
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
  });

  test('les filtres : « Filtres (n) » ouvre une boîte de dialogue qui garde le focus ; les puces se retirent', async ({ page }) => {
    await page.goto(`${SEARCH}&niveau=4&certifiante=oui`);
    const open = page.locator('.search__filters-panel > summary');
    await expect(open).toHaveText('Filtres (2)');
    await open.click();
    const dialog = page.getByRole('dialog', { name: 'Filtres (2)' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: /^Voir / })).toBeFocused();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const inside = await dialog.evaluate((d) => d.contains(document.activeElement) || document.activeElement === document.body);
      expect(inside).toBe(true);
    }
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(open).toBeFocused();
    await page.getByRole('link', { name: /Certifiante .*: retirer ce filtre/ }).click();
    await expect(page).not.toHaveURL(/certifiante=/);
    await page.getByRole('link', { name: 'Tout effacer' }).click();
    await expect(page).not.toHaveURL(/niveau=/);
    await expect(page).toHaveURL(/q=aide/);
  });

  test('sans JavaScript : « Filtres » et « Ma situation » sont des zones dépliables, le formulaire marche', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(SEARCH);
    await page.locator('.search__situation > summary').click();
    await page.getByRole('group', { name: 'Êtes-vous inscrit·e à France Travail ?' }).getByRole('radio', { name: 'Oui' }).check();
    await page.getByRole('checkbox', { name: /Gratuit pour moi/ }).check();
    await page.getByRole('button', { name: 'Voir ce que ça me coûte' }).click();
    await expect(page).toHaveURL(/inscrit_ft=oui.*gratuit=oui|gratuit=oui.*inscrit_ft=oui/);
    for (const cost of await page.locator('.results .result-card__cost').allTextContents()) expect(cost).toMatch(/^Gratuit pour vous/);
    await page.locator('.search__filters-panel > summary').click();
    await expect(page.getByRole('group', { name: 'Niveau à la sortie' })).toBeVisible();
    await context.close();
  });
});

test.describe('Cartes réunies et mauvaises entrées', () => {
  test('l’adresse d’une action réunie à d’autres redirige vers la fiche de sa carte, à son ancre ; le rendez-vous d’une formation inconnue : 404 en français', async ({ request, page }) => {
    const api = (await (await request.get('/api/formations?q=aide+soignant&par_page=50')).json()) as { resultats: { id: string; actions: string[] }[] };
    const merged = api.resultats.find((r) => r.actions.length > 1);
    expect(merged, 'aucune carte à plusieurs actions dans la démo').toBeDefined();
    const other = merged!.actions.find((id) => id !== merged!.id)!;
    const response = await request.get(`/formations/${other}?inscrit_ft=oui`, { maxRedirects: 0 });
    expect(response.status()).toBe(301);
    expect(response.headers().location).toMatch(new RegExp(`^/formations/${merged!.id}-[a-z0-9-]+\\?inscrit_ft=oui#action-${other}$`));
    await page.goto(`/formations/${other}`);
    await expect(page.locator(`#action-${other}`)).toHaveCount(1);
    const detail = (await (await request.get(`/api/formations/${other}`)).json()) as { carte: { id: string; actions: string[] } };
    expect(detail.carte).toEqual({ id: merged!.id, actions: merged!.actions });
    const missing = await page.goto('/formations/INCONNUE-0/rendez-vous');
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Formation introuvable');
  });

  test('« Ma situation » contradictoire ou inconnue : un message, jamais une erreur', async ({ page, request }) => {
    await page.goto(`${SEARCH}&rsa=oui&inscrit_ft=non&age=vieux`);
    await expect(page.locator('.notice--warning')).toContainText('Ma situation (âge)');
    await page.locator('.search__situation > summary').click();
    await expect(page.locator('.search__situation')).toContainText('les personnes au RSA y sont inscrites automatiquement');
    const bad = await request.get('/api/formations?age=vieux');
    expect(bad.status()).toBe(400);
    expect(((await bad.json()) as { champs: Record<string, string> }).champs.age).toContain('tranches');
  });

  test('une faute de frappe sans résultat : « Vouliez-vous dire » et des métiers proches, qui mènent à des formations', async ({ page }) => {
    await page.goto('/formations?q=aide+soingnnate');
    await expect(page.getByRole('heading', { name: 'Aucune formation trouvée' })).toBeVisible();
    const correction = page.getByTestId('vouliez-vous-dire').getByRole('link');
    await expect(correction).toHaveText('« Aide-soignante »');
    await expect(page.getByTestId('metiers-proches').getByRole('link').first()).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await correction.click();
    await expect(page).toHaveURL(/q=Aide-soignante/);
    await expect(page.locator('.results .result-card').first()).toBeVisible();
  });
});
