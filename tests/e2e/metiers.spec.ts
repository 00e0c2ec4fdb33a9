/**
 * Liste des métiers (groupés par grand domaine, ordre alphabétique) et fiche métier (contenu, SEO, JSON-LD).
 */
import { expect, test } from '@playwright/test';
import { countsByDomain, metiersOfDomain, readMetiers, readOffer } from './support/data';

interface FullMetier {
  code: string;
  label: string;
  definition?: string | null;
  access?: string | null;
  appellations?: { label: string }[];
}

test.describe('Liste des métiers', () => {
  test('groupe les métiers par grand domaine de A à N, par ordre alphabétique', async ({ page }) => {
    const metiers = readMetiers();
    const letters = [...countsByDomain(metiers).keys()].sort();
    await page.goto('/metiers/');
    const sections = page.locator('main section[data-domain]');
    await expect(sections).toHaveCount(letters.length);
    expect(await sections.evaluateAll((els) => els.map((el) => el.getAttribute('data-domain')))).toEqual(letters);
    for (const letter of letters) {
      const labels = await page.locator(`section[data-domain="${letter}"] ul a`).allTextContents();
      expect(labels, `domaine ${letter}`).toEqual(metiersOfDomain(letter, metiers).map((m) => m.label));
    }
  });

  test('fonctionne sans JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/metiers/');
    const link = page.locator('main section[data-domain] a').first();
    const label = (await link.textContent())?.trim();
    await link.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(label ?? '');
    await context.close();
  });
});

test.describe('Fiche métier', () => {
  test('montre le libellé, le code, le domaine, les appellations, la définition et l’accès', async ({ page }) => {
    const metiers = readMetiers() as FullMetier[];
    const metier = metiers.find((m) => (m.appellations?.length ?? 0) > 1 && m.definition) ?? metiers[0]!;
    await page.goto('/metiers/');
    await page.locator(`main a[href^="/metiers/${metier.code}-"]`).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(metier.label);
    await expect(page).toHaveTitle(`${metier.label} | versmonmétier`);
    await expect(page.locator('.facts')).toContainText(metier.code);

    const others = (metier.appellations ?? []).map((a) => a.label).filter((l) => l.trim().toLowerCase() !== metier.label.trim().toLowerCase());
    if (others.length > 0) {
      const list = page.getByRole('region', { name: 'Aussi appelé' }).getByRole('listitem');
      await expect(list).toHaveCount(new Set(others.map((l) => l.trim().toLowerCase())).size);
      // Le texte est affiché tel quel, jamais interprété comme du HTML.
      for (const label of others) await expect(list.filter({ hasText: label }).first()).toBeVisible();
    }
    if (metier.definition) {
      const firstLine = metier.definition.split('\n').map((l) => l.trim()).find((l) => l)!.replace(/^[-•*]\s+/, '');
      await expect(page.getByRole('region', { name: 'Le métier' })).toContainText(firstLine);
    }

    const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
    expect(new URL(canonical!).pathname).toBe(new URL(page.url()).pathname);
  });

  test('publie un JSON-LD Occupation valide et échappé', async ({ page }) => {
    const metiers = readMetiers() as FullMetier[];
    const metier = metiers[0]!;
    await page.goto('/metiers/');
    await page.locator(`main a[href^="/metiers/${metier.code}-"]`).click();
    const scripts = page.locator('script[type="application/ld+json"]');
    await expect(scripts).toHaveCount(1);
    const raw = (await scripts.textContent()) ?? '';
    expect(raw).not.toMatch(/[<>]/);
    const data = JSON.parse(raw) as Record<string, unknown>;
    expect(data['@context']).toBe('https://schema.org');
    expect(data['@type']).toBe('Occupation');
    expect(data.name).toBe(metier.label);
    expect(data.occupationalCategory).toBe(metier.code);
    if (metier.definition) expect(data.description).toBe(metier.definition);
    const others = (metier.appellations ?? []).map((a) => a.label).filter((l) => l.trim().toLowerCase() !== metier.label.trim().toLowerCase());
    if (others.length > 0) expect(new Set(data.alternateName as string[])).toEqual(new Set(others));
  });
});

test.describe('Fiche métier : formations de l’offre importée', () => {
  test('liste chaque formation du flux LHEO qui vise ce code ROME, avec son nombre de lieux', async ({ page }) => {
    const offer = readOffer();
    const metier = readMetiers().find((m) => offer.formations.some((f) => f.romeCodes.includes(m.code)))!;
    const formations = offer.formations.filter((f) => f.romeCodes.includes(metier.code));
    const places = offer.actions.filter((a) => formations.some((f) => f.id === a.formationId)).length;
    await page.goto('/metiers/');
    await page.locator(`main a[href^="/metiers/${metier.code}-"]`).click();
    const region = page.getByRole('region', { name: 'Se former en Pays de la Loire' });
    await expect(region.locator('.trainings > li')).toHaveCount(formations.length);
    for (const f of formations) await expect(region.getByText(f.title, { exact: true }).first()).toBeVisible();
    await expect(region).toContainText(`dans ${places.toLocaleString('fr-FR')} lieu`);
  });
});
