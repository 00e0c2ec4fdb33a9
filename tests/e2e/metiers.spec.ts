/**
 * Liste des métiers (groupés par grand domaine, ordre alphabétique) et fiche métier (contenu, SEO, JSON-LD).
 */
import { cardKeyOf, titleKey } from '../../src/domain/grouping';
import { expect, test } from '@playwright/test';
import { countsByDomain, frNumber, metiersOfDomain, readMetiers, readOffer } from './support/data';
import { axeViolations, horizontalOverflow } from './support/a11y';

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
  test('liste chaque formation du flux LHEO qui vise ce code ROME (une ligne par intitulé et niveau), avec son nombre de lieux', async ({ page }) => {
    const offer = readOffer();
    const metier = readMetiers().find((m) => offer.formations.some((f) => f.romeCodes.includes(m.code)))!;
    const formations = offer.formations.filter((f) => f.romeCodes.includes(metier.code));
    // Un lieu = une carte de la recherche (formation, organisme, lieu, modalité) ; une ligne = un intitulé et un niveau.
    const lines = new Set(formations.map((f) => `${titleKey(f.title)}|${f.exitLevel}`));
    const places = new Set(
      offer.actions.flatMap((a) => {
        const f = formations.find((x) => x.id === a.formationId);
        return f ? [cardKeyOf(a, f)] : [];
      }),
    ).size;
    await page.goto('/metiers/');
    await page.locator(`main a[href^="/metiers/${metier.code}-"]`).click();
    const region = page.getByRole('region', { name: 'Se former en Pays de la Loire' });
    await expect(region.locator('.trainings > li')).toHaveCount(lines.size);
    for (const f of formations) await expect(region.getByText(f.title, { exact: true }).first()).toBeVisible();
    await expect(region).toContainText(`dans ${places.toLocaleString('fr-FR')} lieu`);
  });
});

// ------------------------------------------------------------------------------------------
// Fiche complète, « Formations près de chez vous », recherche et liste de A à Z (issue 5)
// ------------------------------------------------------------------------------------------

interface ApiFormations {
  total: number;
  rayon_km: number | null;
  elargi: boolean;
  resultats: { id: string; a_distance: boolean; distance_km: number | null; sessions: unknown[]; metiers: string[] }[];
}

test.describe('Parcours : un jeune ouvre « aide-soignant » depuis la liste et trouve des formations près de Laval', () => {
  test('de la liste des métiers aux formations à moins de 30 km de Laval, sans JavaScript', async ({ browser, request }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/metiers/');
    await page.locator('section[data-domain="J"]').getByRole('link', { name: 'Aide-soignant / Aide-soignante' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aide-soignant / Aide-soignante');

    const near = page.getByRole('region', { name: 'Formations près de chez vous' });
    await near.getByLabel('Votre commune ou votre code postal').fill('Laval');
    await near.getByRole('button', { name: 'Voir les formations proches' }).click();
    await expect(page).toHaveURL(/\/metiers\/J1501-[^/]+\/pres-de-chez-vous\/\?commune=Laval/);
    await expect(page.getByRole('heading', { level: 2, name: /Formations à venir autour de Laval \(53000\)/ })).toBeVisible();

    // Les mêmes formations que l'API, dans le même ordre (les plus proches d'abord), à moins de 30 km.
    const api = (await (await request.get('/api/formations?metier=J1501&commune=53130&rayon=30&tri=distance&par_page=50')).json()) as ApiFormations;
    expect(api.elargi).toBe(false);
    const expected = api.resultats.filter((r) => r.sessions.length > 0).slice(0, 10);
    expect(expected.length).toBeGreaterThan(0);
    const items = page.locator('[data-near-results] > li');
    await expect(items).toHaveCount(expected.length);
    expect(await items.evaluateAll((els) => els.map((el) => el.getAttribute('data-action-id')))).toEqual(expected.map((r) => r.id));
    for (const distance of await page.locator('[data-near-results] [data-distance]').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-distance'))))) {
      expect(distance).toBeLessThanOrEqual(30);
    }
    await expect(page.locator('[data-near-summary]')).toContainText('À moins de 30 km');
    await expect(page.getByRole('link', { name: /Voir toutes les formations de ce métier autour de Laval/ })).toHaveAttribute(
      'href',
      '/formations?metier=J1501&commune=53130&rayon=30',
    );
    await context.close();
  });

  test('une commune qui n’existe pas : message clair, saisie gardée, statut 400', async ({ page }) => {
    const response = await page.goto('/metiers/J1501-aide-soignant-aide-soignante/pres-de-chez-vous/?commune=Zzzzville');
    expect(response?.status()).toBe(400);
    await expect(page.getByText('Aucune commune des Pays de la Loire ne correspond à « Zzzzville »')).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Votre commune ou votre code postal' })).toHaveValue('Zzzzville');
    await expect(page.getByRole('combobox', { name: 'Votre commune ou votre code postal' })).toHaveAttribute('aria-invalid', 'true');
    expect(await axeViolations(page)).toEqual([]);
  });

  test('« Me localiser » : la position du navigateur donne les formations proches', async ({ browser }) => {
    const context = await browser.newContext({ geolocation: { latitude: 48.0707, longitude: -0.7734 }, permissions: ['geolocation'] });
    const page = await context.newPage();
    await page.goto('/metiers/');
    await page.locator('main a[href^="/metiers/J1501-"]').first().click();
    await page.getByRole('button', { name: 'Me localiser' }).click();
    // La position ne va jamais dans l'adresse : seulement la commune la plus proche (Laval).
    await expect(page).toHaveURL(/code_commune=53130/);
    expect(page.url()).not.toMatch(/lat=|lon=/);
    await expect(page.locator('[data-near-results] > li').first()).toBeVisible();
    await expect(page.locator('[data-near-results] > li').first()).toBeVisible();
    await context.close();
  });

  test('« Me localiser » refusé : un message, et le champ commune reçoit le focus', async ({ browser }) => {
    const context = await browser.newContext({ permissions: [] });
    const page = await context.newPage();
    await page.goto('/metiers/');
    await page.locator('main a[href^="/metiers/J1501-"]').first().click();
    await page.getByRole('button', { name: 'Me localiser' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Indiquez plutôt votre commune' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Votre commune ou votre code postal' })).toBeFocused();
    await context.close();
  });
});

test.describe('Fiche métier complète', () => {
  test('montre compétences, chiffres de l’offre, insertion, « Rencontrer un pro » et métiers proches', async ({ page, request }) => {
    await page.goto('/metiers/');
    await page.locator('main a[href^="/metiers/J1501-"]').first().click();
    await expect(page.getByRole('heading', { level: 3, name: /Savoir-faire/ })).toBeVisible();
    await expect(page.getByRole('heading', { level: 3, name: /Savoir-être/ })).toBeVisible();
    await expect(page.getByRole('heading', { level: 3, name: /Savoirs/ })).toBeVisible();
    await expect(page.getByRole('link', { name: /Rencontrer un pro : Aide-soignant/ })).toHaveAttribute('href', '/rencontrer-un-pro/?metier=J1501');

    // Le nombre de lieux et de sessions dans la région est celui de l'API.
    let page1 = (await (await request.get('/api/formations?metier=J1501&par_page=50')).json()) as ApiFormations;
    const all = [...page1.resultats];
    for (let p = 2; all.length < page1.total; p += 1) {
      page1 = (await (await request.get(`/api/formations?metier=J1501&par_page=50&page=${p}`)).json()) as ApiFormations;
      all.push(...page1.resultats);
    }
    const sessions = all.reduce((n, r) => n + r.sessions.length, 0);
    const counts = page.locator('[data-offer-counts]');
    await expect(counts).toContainText(`dans ${frNumber(all.length)} lieux`);
    await expect(counts).toContainText(`${frNumber(sessions)} sessions à venir`);

    const insertion = page.getByRole('region', { name: 'Ce que deviennent les personnes formées' });
    await expect(insertion).toBeVisible();
    // Règle de diffusion : aucune ligne affichée sous 20 sortants ; un taux de CFA sans nombre publié le dit.
    const rows = insertion.locator('[data-insertion-row]');
    for (let i = 0; i < (await rows.count()); i += 1) {
      const cell = await rows.nth(i).locator('td:nth-child(4)').innerText();
      if (cell === 'non publié') await expect(rows.nth(i).locator('[data-insertion-scope]')).toHaveAttribute('data-insertion-scope', 'etablissement');
      else expect(Number(cell.replace(/\s/g, ''))).toBeGreaterThanOrEqual(20);
    }
    const related = page.getByRole('region', { name: 'Métiers proches' }).getByRole('link');
    expect(await related.count()).toBeGreaterThan(0);
    await related.first().click();
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Aide-soignant / Aide-soignante');
  });

  test('un code métier inconnu donne une 404 en français avec un lien vers la liste', async ({ page }) => {
    const response = await page.goto('/metiers/Z9999-metier-inconnu/');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Métier introuvable');
    await expect(page.getByRole('main').getByRole('link', { name: 'Voir la liste des métiers' })).toHaveAttribute('href', '/metiers/');
    const near = await page.goto('/metiers/Z9999-x/pres-de-chez-vous/?commune=Laval');
    expect(near?.status()).toBe(404);
    expect(await axeViolations(page)).toEqual([]);
  });
});

test.describe('Chercher un métier et liste de A à Z', () => {
  test('cherche par appellation, sans JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/metiers/');
    await page.getByRole('search', { name: 'Chercher un métier' }).getByLabel('Nom du métier').fill('soignant en ehpad');
    await page.getByRole('button', { name: 'Chercher' }).click();
    const results = page.locator('[data-metier-results] li');
    // Ces mots ne sont ensemble que dans une appellation : « Aide-soignant en EHPAD ».
    await expect(results.first()).toContainText('Aide-soignant / Aide-soignante');
    await expect(results.first()).toContainText('aussi appelé « Aide-soignant en EHPAD »');
    await results.first().getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aide-soignant / Aide-soignante');
    await context.close();
  });

  test('dit quand rien ne correspond, et refuse une recherche trop courte (400)', async ({ page }) => {
    await page.goto('/metiers/recherche/?q=xqzwv');
    await expect(page.getByRole('status').filter({ hasText: 'Aucun métier' })).toHaveText(/Aucun métier ne correspond à « xqzwv »/);
    const short = await page.goto('/metiers/recherche/?q=a');
    expect(short?.status()).toBe(400);
    await expect(page.getByText('Tapez au moins 2 caractères.')).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Nom du métier' })).toHaveValue('a');
  });

  test('la liste de A à Z a chaque métier une fois, par ordre alphabétique', async ({ page }) => {
    await page.goto('/metiers/a-z/');
    const labels = await page.locator('section[data-letter] ul a').allTextContents();
    const metiers = readMetiers();
    expect(labels).toHaveLength(metiers.length);
    const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
    expect(new Set(labels)).toEqual(new Set(metiers.map((m) => m.label)));
    for (const section of await page.locator('section[data-letter]').all()) {
      const inSection = await section.locator('ul a').allTextContents();
      expect(inSection).toEqual([...inSection].sort(collator.compare));
    }
  });

  for (const path of ['/metiers/J1501-aide-soignant-aide-soignante/', '/metiers/H2913-soudeur-soudeuse/', '/metiers/a-z/', '/metiers/recherche/?q=soudeur', '/metiers/J1501-aide-soignant-aide-soignante/pres-de-chez-vous/?commune=Laval']) {
    test(`${path} : 0 violation axe, lisible à 360 px`, async ({ page }) => {
      await page.setViewportSize({ width: 360, height: 740 });
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await expect(page.locator('h1')).toHaveCount(1);
      expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
      expect(await axeViolations(page)).toEqual([]);
    });
  }
});
