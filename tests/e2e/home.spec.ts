/**
 * Page d'accueil : vrais compteurs issus des données construites, bandeau « démonstration »,
 * et parcours au clavier seul jusqu'à une fiche métier.
 */
import { expect, test } from '@playwright/test';
import { countsByDomain, escapeRegExp, frCount, frNumber, metiersOfDomain, readManifest, readMetiers } from './support/data';
import { tabUntilFocused } from './support/keyboard';

const DEMO_TEXT = 'Données de démonstration : les formations, organismes, taux d’insertion, avis et professionnels affichés sont fictifs.';

test.describe('Accueil', () => {
  test('affiche le nombre de métiers de chaque grand domaine, calculé sur les données construites', async ({ page }) => {
    const counts = countsByDomain(readMetiers());
    expect(counts.size, 'metiers.json ne contient aucun métier').toBeGreaterThan(0);

    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('versmonmétier');
    await expect(page.getByText('Trouvez une formation près de chez vous, découvrez des métiers.')).toBeVisible();

    const section = page.getByRole('region', { name: 'Découvrir les métiers' });
    await expect(section.locator('a[data-domain]')).toHaveCount(counts.size);
    for (const [letter, n] of counts) {
      const card = section.locator(`a[data-domain="${letter}"]`);
      await expect(card).toContainText(frCount(n, 'métier', 'métiers'));
      await expect(card).toHaveAttribute('href', `/metiers/#domaine-${letter}`);
    }
  });

  test('le domaine J (Santé) montre exactement son nombre de métiers', async ({ page }) => {
    const expected = countsByDomain(readMetiers()).get('J');
    test.skip(expected === undefined, 'aucun métier du domaine J dans les données');
    await page.goto('/');
    const countText = frCount(expected ?? 0, 'métier', 'métiers').split(/\s+/).map(escapeRegExp).join('\\s+');
    // Nom accessible du lien : « Domaine J, Santé : n métiers ».
    const card = page.getByRole('link', { name: new RegExp(`^Domaine J\\W+Santé\\W+${countText}$`) });
    await expect(card).toHaveCount(1);
    await expect(card).toHaveAttribute('data-domain', 'J');
  });

  test('affiche les chiffres de l’offre tirés du manifeste', async ({ page }) => {
    const { counts } = readManifest();
    await page.goto('/');
    for (const key of ['formations', 'sessions', 'organismes'] as const) {
      await expect(page.locator(`[data-figure="${key}"] dd`)).toHaveText(frNumber(counts[key] ?? NaN));
    }
    await expect(page.locator('[data-figure="metiers"] dd')).toHaveText(frNumber(readMetiers().length));
  });

  test('montre le bandeau « données de démonstration » seulement si le manifeste le demande', async ({ page }) => {
    const { demo } = readManifest();
    for (const path of ['/', '/metiers/', '/donnees/']) {
      await page.goto(path);
      const banner = page.getByTestId('demo-banner');
      if (demo) {
        await expect(banner).toBeVisible();
        await expect(banner).toContainText(DEMO_TEXT);
      } else {
        await expect(banner).toHaveCount(0);
      }
    }
  });

  test('au clavier seul : accueil → liste des métiers → fiche', async ({ page }) => {
    const counts = countsByDomain(readMetiers());
    const letter = counts.has('J') ? 'J' : [...counts.keys()].sort()[0]!;
    const first = metiersOfDomain(letter)[0]!;

    await page.goto('/');
    // Le premier élément focalisable est le lien d'évitement.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Aller au contenu' })).toBeFocused();

    const navLink = page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Métiers', exact: true });
    await tabUntilFocused(page, navLink);
    // Le focus est bien visible : contour épais.
    const outline = await navLink.evaluate((el) => {
      const style = getComputedStyle(el);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    expect(outline.style).toBe('solid');
    expect(outline.width).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/metiers\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Les métiers');

    // Lien d'évitement, puis sommaire des domaines.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Aller au contenu' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('main')).toBeFocused();

    const tocLink = page.getByRole('navigation', { name: 'Les grands domaines' }).locator(`a[href="#domaine-${letter}"]`);
    await tabUntilFocused(page, tocLink, 40);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`#domaine-${letter}$`));

    // Tab suivant : le premier métier du domaine (ordre alphabétique).
    const metierLink = page.locator(`section[data-domain="${letter}"]`).getByRole('link', { name: first.label, exact: true });
    await page.keyboard.press('Tab');
    await expect(metierLink).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/metiers/${first.code}-[a-z0-9-]+/$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(first.label);
  });

  test('« Où ? » sur l’accueil : les mêmes suggestions que la recherche, fautes de frappe comprises, au clavier', async ({ page }) => {
    await page.goto('/');
    const ou = page.getByRole('combobox', { name: 'Où ?' });
    await ou.focus();
    await ou.pressSequentially('Cholett', { delay: 30 });
    await expect(page.getByRole('option', { name: /Cholet/ }).first()).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(ou).toHaveValue('Cholet (49300)');
    await page.getByRole('combobox', { name: 'Quoi ?' }).fill('aide soignant');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(page).toHaveURL(/commune=49099/);
    await expect(page.getByRole('combobox', { name: 'Où ?' })).toHaveValue('Cholet (49300)');
  });

  test('sans JavaScript : l’accueil cherche quand même, et une ville hors région reçoit une réponse en français', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('combobox', { name: 'Quoi ?' }).fill('cuisine');
    await page.getByRole('combobox', { name: 'Où ?' }).fill('Rennes');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(page.getByRole('alert')).toContainText('Rennes (Ille-et-Vilaine) n’est pas en Pays de la Loire');
    await context.close();
  });
});
