/**
 * Accessibilité (RGAA 4.1 / WCAG 2.2 AA) : audit axe-core sans aucune violation, structure de page,
 * affichage sans défilement horizontal sur petit écran et au zoom 200 %.
 */
import { expect, test, type Page } from '@playwright/test';
import { axeViolations, horizontalOverflow } from './support/a11y';

/** Adresse d'une fiche métier : le premier lien de la liste des métiers. */
async function firstFicheUrl(page: Page): Promise<string> {
  await page.goto('/metiers/');
  const href = await page.locator('main section[data-domain] a[href^="/metiers/"]').first().getAttribute('href');
  expect(href, 'aucune fiche métier dans la liste').toBeTruthy();
  return href!;
}

/** `islands` : la page a des champs à suggestions, chargés au premier geste (client:interaction). */
const STATIC_PAGES = [
  { name: 'accueil', path: '/', islands: true },
  { name: 'liste des métiers', path: '/metiers/', islands: false },
  { name: 'ce que j’ai envie de faire', path: '/metiers/envies/', islands: false },
  { name: 'à propos des données', path: '/donnees/', islands: false },
];

async function checkPageStructure(page: Page, islands = false): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.locator('h1')).toHaveCount(1);
  await expect(page.locator('header')).toHaveCount(1);
  await expect(page.locator('main')).toHaveCount(1);
  await expect(page.locator('footer')).toHaveCount(1);
  await expect(page.getByRole('navigation', { name: 'Navigation principale' })).toBeVisible();
  expect((await page.title()).length).toBeGreaterThan(0);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /\S/);
  // Aucun JavaScript n'est nécessaire. Un seul fichier chargé d'avance, celui de « Ma sélection »
  // (compteur, boutons « Garder », écran partagé ; src/components/selection/selection-client.ts) ;
  // une page à îles a en plus les quelques lignes d'Astro en ligne, aucun autre fichier avant un geste.
  await expect(page.locator('script[src]')).toHaveCount(1);
  await expect(page.locator('script[src]')).toHaveAttribute('src', /^\/_astro\/Base\.astro_astro_type_script/);
  if (!islands) await expect(page.locator('script:not([type="application/ld+json"]):not([src])')).toHaveCount(0);
  // Le lien d'évitement est le premier élément focalisable.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Aller au contenu' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await expect(skip).toHaveAttribute('href', '#contenu');
}

test.describe('Accessibilité', () => {
  for (const { name, path, islands } of STATIC_PAGES) {
    test(`${name} (${path}) : structure et 0 violation axe`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await checkPageStructure(page, islands);
      expect(await axeViolations(page)).toEqual([]);
    });
  }

  test('une fiche métier : structure et 0 violation axe', async ({ page }) => {
    const url = await firstFicheUrl(page);
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    await checkPageStructure(page);
    expect(await axeViolations(page)).toEqual([]);
  });

  test('un centre d’intérêt (« J’ai envie de … ») : structure et 0 violation axe', async ({ page }) => {
    await page.goto('/metiers/envies/');
    const href = await page.locator('main .interest-list a').first().getAttribute('href');
    expect(href, 'aucun centre d’intérêt').toBeTruthy();
    const response = await page.goto(href!);
    expect(response?.status()).toBe(200);
    await checkPageStructure(page);
    expect(await axeViolations(page)).toEqual([]);
  });

  test('recherche comprise (« Nous avons compris ») : 0 violation axe, avec et sans métier retiré', async ({ page }) => {
    for (const path of ['/formations?q=couper+les+cheveux', '/formations?q=couper+les+cheveux&sans_metier=D1202', '/formations?q=je+veux+travailler']) {
      await page.goto(path);
      await expect(page.getByTestId('compris')).toBeVisible();
      expect(await axeViolations(page), path).toEqual([]);
    }
  });

  test('page inconnue : statut 404, texte en français et 0 violation axe', async ({ page }) => {
    const response = await page.goto('/cette-page-n-existe-pas/');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable');
    await expect(page.getByText('Cette page n’existe pas ou a été déplacée.')).toBeVisible();
    await expect(page.getByRole('main').getByRole('link', { name: 'Revenir à l’accueil' })).toHaveAttribute('href', '/');
    await expect(page.getByRole('main').getByRole('link', { name: 'Voir la liste des métiers' })).toHaveAttribute('href', '/metiers/');
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
    await checkPageStructure(page);
    expect(await axeViolations(page)).toEqual([]);
  });

  test('accueil à 360 px de large : pas de défilement horizontal', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/');
    const { scrollWidth } = await horizontalOverflow(page);
    expect(scrollWidth).toBeLessThanOrEqual(360);
    expect(await axeViolations(page)).toEqual([]);
  });

  test('toutes les pages à 320 px (zoom 400 %) et 640 px (zoom 200 %) : pas de défilement horizontal', async ({ page }) => {
    const paths = [...STATIC_PAGES.map((p) => p.path), await firstFicheUrl(page), '/page-inconnue/'];
    for (const width of [320, 640]) {
      await page.setViewportSize({ width, height: 720 });
      for (const path of paths) {
        await page.goto(path);
        const { scrollWidth } = await horizontalOverflow(page);
        expect(scrollWidth, `${path} à ${width} px`).toBeLessThanOrEqual(width);
      }
    }
  });

  test('les animations respectent « réduire les animations »', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('/');
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).toBe('auto');
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).toBe('smooth');
  });
});
