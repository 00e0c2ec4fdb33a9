/**
 * Page « Recruter » : un employeur des Herbiers qui recrute des soudeurs et des chaudronniers
 * trouve les sessions proches, regroupées par organisme, et télécharge la liste en CSV (contenu
 * vérifié) ; erreurs de saisie ; version à imprimer ; accessibilité.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { axeViolations, horizontalOverflow } from './support/a11y';
import { tabUntilFocused } from './support/keyboard';

/** Les champs à suggestions sont des îles Preact : attendre qu'elles soient hydratées avant de taper. */
async function hydrated(page: Page): Promise<void> {
  await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
}

async function searchHerbiers(page: Page): Promise<void> {
  await page.goto('/entreprises/');
  await hydrated(page);
  await page.getByRole('combobox', { name: 'Ajouter un métier' }).fill('soudeur, chaudronnier');
  await page.getByRole('combobox', { name: 'Votre commune ou son code postal' }).fill('Les Herbiers');
  await page.getByLabel('Distance autour de la commune').selectOption('30');
  await page.getByRole('button', { name: 'Voir les formations' }).click();
}

test.describe('Parcours : un employeur des Herbiers recrute des soudeurs et des chaudronniers', () => {
  test('trouve les sessions proches par organisme et télécharge le CSV', async ({ page, request }) => {
    await searchHerbiers(page);
    await expect(page.getByRole('heading', { level: 2, name: /Les formations à moins de 30\s+km de Les Herbiers \(85500\)/ })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: /Soudeur \/ Soudeuse/ })).toBeChecked();
    await expect(page.getByRole('checkbox', { name: /Chaudronnier \/ Chaudronnière \(H2902\)/ })).toBeChecked();

    // Les formations listées sont celles de l'API sur place, avec au moins une session pas encore finie
    // (en cours, même fermée aux inscriptions — les futurs diplômés les plus proches —, ou à venir).
    const api = (await (await request.get('/api/formations?metier=H2913&metier=H2902&commune=85109&rayon=30&tri=distance&par_page=50')).json()) as {
      resultats: { id: string; actions: string[]; organisme: string; a_distance: boolean; distance_km: number }[];
    };
    const today = process.env.REFERENCE_DATE!;
    const onPlace = api.resultats.filter((r) => !r.a_distance);
    // Une carte réunit parfois plusieurs actions (même formation, même lieu) : leurs sessions comptent toutes.
    const liveOf = async (id: string) => ((await (await request.get(`/api/formations/${id}`)).json()) as { sessions: { fin: string | null }[] }).sessions.filter((x) => x.fin === null || x.fin >= today).length;
    const live = await Promise.all(onPlace.map(async (r) => (await Promise.all(r.actions.map(liveOf))).reduce((n, k) => n + k, 0)));
    const expected = onPlace.filter((_, i) => live[i]! > 0);
    expect(expected.length).toBeGreaterThan(0);
    const listed = await page.locator('[data-organisme] [data-action-id]').evaluateAll((els) => els.map((el) => el.getAttribute('data-action-id')));
    expect([...listed].sort()).toEqual(expected.map((r) => r.id).sort());
    const sessions = live.reduce((n, k) => n + k, 0);
    const organismes = new Set(expected.map((r) => r.organisme));
    await expect(page.locator('[data-employer-summary]')).toContainText(`${organismes.size} organismes, ${expected.length} formations, ${sessions} sessions en cours ou à venir`);
    // Chaque session dit où elle en est et si l'on peut s'y inscrire.
    await expect(page.locator('[data-organisme] [data-progress]').first()).toContainText(/^Session (en cours|à venir) .* — inscriptions (ouvertes|fermées)$/);
    // « Qui finit quand » : les sessions par date de fin, les plus proches d'abord.
    const byEnd = page.locator('[data-by-end] tbody tr');
    expect(await byEnd.count()).toBe(Math.min(20, sessions));
    await expect(page.locator('[data-end-summary] li').first()).toContainText(/sessions? se termin/);
    await expect(page.locator('[data-organisme]').first().getByText(/Téléphone|Courriel/).first()).toBeVisible();

    // Téléchargement du CSV : BOM, en-tête, une ligne par session, les organismes affichés.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-csv-link]').click()]);
    expect(download.suggestedFilename()).toMatch(/^formations-les-herbiers-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(bytes.toString('utf8'), { bom: true, delimiter: ';' });
    expect(rows[0]?.slice(0, 3)).toEqual(['Organisme', 'SIRET', 'Adresse de l’organisme']);
    expect(rows.length - 1).toBe(sessions);
    expect(new Set(rows.slice(1).map((r) => r[0]))).toEqual(organismes);
    const titles = new Set(await page.locator('[data-organisme] h4').allTextContents());
    expect(rows.slice(1).every((r) => titles.has(r[6] ?? ''))).toBe(true);
    expect(rows.slice(1).every((r) => /(Soudeur|Chaudronnier)/.test(r[7] ?? ''))).toBe(true);
    expect(rows.slice(1).every((r) => /^\d{2}\/\d{2}\/\d{4}$/.test(r[10] ?? '') || r[10] === '')).toBe(true);
    // Identifiant, fiche (une adresse complète qui répond), où en est la session, inscriptions ; par date de fin.
    expect(rows[0]?.slice(12)).toEqual(['Session', 'Inscriptions', 'Identifiant de l’action', 'Fiche de la formation']);
    expect(new Set(rows.slice(1).map((r) => r[14]))).toEqual(new Set(expected.flatMap((r) => r.actions).filter((id) => rows.some((row) => row[14] === id))));
    expect(rows.slice(1).every((r) => expected.some((x) => x.actions.includes(r[14]!)))).toBe(true);
    const fiche = new URL(rows[1]![15]!);
    expect(fiche.pathname).toMatch(new RegExp(`^/formations/${rows[1]![14]}-`));
    // La fiche d'une action réunie à d'autres redirige vers celle de sa carte ; elle répond.
    expect((await request.get(fiche.pathname)).status()).toBe(200);
    const ends = rows.slice(1).map((r) => (r[11] ? r[11].split('/').reverse().join('-') : '9999-12-31'));
    expect(ends).toEqual([...ends].sort());
    expect(ends[0]! >= today).toBe(true);
  });

  test('« se terminent dans les 3 mois » : seulement les sessions qui finissent d’ici là, dans la page et le CSV', async ({ page }) => {
    await page.goto('/entreprises/');
    await page.getByRole('combobox', { name: 'Ajouter un métier' }).fill('soudeur, chaudronnier');
    await page.getByRole('combobox', { name: 'Votre commune ou son code postal' }).fill('Les Herbiers');
    await page.getByLabel('Distance autour de la commune').selectOption('30');
    await page.getByLabel('Quand les sessions se terminent-elles ?').selectOption({ label: 'Se terminent dans les 3 mois' });
    await page.getByRole('button', { name: 'Voir les formations' }).click();
    await expect(page).toHaveURL(/fin=3/);
    await expect(page.locator('[data-employer-summary]')).toContainText('qui se terminent dans les 3 mois');
    await expect(page.getByLabel('Quand les sessions se terminent-elles ?')).toHaveValue('3');
    await expect(page.locator('[data-csv-link]')).toHaveAttribute('href', /fin=3/);
    expect(await axeViolations(page)).toEqual([]);
  });

  test('au clavier seul : remplir, envoyer, atteindre le téléchargement', async ({ page }) => {
    await page.goto('/entreprises/');
    await hydrated(page);
    await tabUntilFocused(page, page.getByRole('combobox', { name: 'Ajouter un métier' }));
    await page.keyboard.type('soudeur, chaudronnier');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('combobox', { name: 'Votre commune ou son code postal' })).toBeFocused();
    await page.keyboard.type('85500');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 2, name: /Les formations à moins de 30\s+km de Les Herbiers/ })).toBeVisible();
    const csv = page.locator('[data-csv-link]');
    await tabUntilFocused(page, csv, 120);
    const outline = await csv.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');
  });

  test('choisir un métier et une commune dans les suggestions, au clavier', async ({ page }) => {
    await page.goto('/entreprises/');
    await hydrated(page);
    const metier = page.getByRole('combobox', { name: 'Ajouter un métier' });
    await metier.fill('chaudron');
    await expect(page.getByRole('option', { name: /Chaudronnier/ }).first()).toBeVisible();
    await metier.press('ArrowDown');
    await metier.press('Enter');
    const commune = page.getByRole('combobox', { name: 'Votre commune ou son code postal' });
    await commune.fill('herbiers');
    await expect(page.getByRole('option', { name: /Les Herbiers/ })).toBeVisible();
    await commune.press('ArrowDown');
    await commune.press('Enter');
    await expect(commune).toHaveValue('Les Herbiers (85500)');
    await page.getByRole('button', { name: 'Voir les formations' }).click();
    await expect(page).toHaveURL(/metier=H2902/);
    await expect(page).toHaveURL(/code_commune=85109/);
    await expect(page.getByRole('checkbox', { name: /Chaudronnier \/ Chaudronnière \(H2902\)/ })).toBeChecked();
    await expect(page.getByRole('heading', { level: 2, name: /Les Herbiers \(85500\)/ })).toBeVisible();
  });

  test('un métier décoché disparaît de la recherche', async ({ page }) => {
    await searchHerbiers(page);
    await hydrated(page);
    await page.getByRole('checkbox', { name: /Soudeur \/ Soudeuse/ }).uncheck();
    await page.getByRole('button', { name: 'Voir les formations' }).click();
    await expect(page.getByRole('checkbox', { name: /Soudeur \/ Soudeuse/ })).toHaveCount(0);
    await expect(page.locator('main')).toContainText('Métiers : Chaudronnier / Chaudronnière.');
  });

  test('fonctionne sans JavaScript, avec un territoire', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/entreprises/');
    await page.getByRole('combobox', { name: 'Ajouter un métier' }).fill('soudeur');
    await page.getByLabel('Ou bien un territoire emploi-formation-orientation').selectOption({ label: 'Vendée Nord' });
    await page.getByRole('button', { name: 'Voir les formations' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Les formations dans le territoire Vendée Nord' })).toBeVisible();
    await expect(page.locator('[data-employer-summary]')).toBeVisible();
    await context.close();
  });

  test('version à imprimer : la liste seule', async ({ page }) => {
    await searchHerbiers(page);
    await page.getByRole('link', { name: 'Version à imprimer' }).click();
    await expect(page).toHaveURL(/vue=impression/);
    await expect(page.locator('form')).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Recruter en formant : les dispositifs' })).toHaveCount(0);
    await expect(page.locator('[data-organisme]').first()).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.site-header')).toBeHidden();
    expect(await axeViolations(page)).toEqual([]);
  });
});

test.describe('Recruter : erreurs et cas limites', () => {
  test('métier et commune introuvables : 400, messages en français, saisie gardée, résumé des erreurs', async ({ page }) => {
    const response = await page.goto('/entreprises/?ajout=xqzw&commune=Zzzzville&rayon=30&territoire=');
    expect(response?.status()).toBe(400);
    const summary = page.getByRole('alert');
    await expect(summary).toContainText('Le formulaire contient 2 erreurs');
    await expect(summary.getByRole('link', { name: /Aucun métier ne correspond à « xqzw »/ })).toHaveAttribute('href', '#ajout');
    await expect(summary.getByRole('link', { name: /Aucune commune des Pays de la Loire ne correspond à « Zzzzville »/ })).toHaveAttribute('href', '#commune');
    await expect(page.getByRole('combobox', { name: 'Ajouter un métier' })).toHaveValue('xqzw');
    await expect(page.getByRole('combobox', { name: 'Votre commune ou son code postal' })).toHaveValue('Zzzzville');
    expect(await axeViolations(page)).toEqual([]);
  });

  test('commune ET territoire : on demande de choisir', async ({ page }) => {
    const response = await page.goto('/entreprises/?ajout=soudeur&commune=Cholet&territoire=vendee-nord');
    expect(response?.status()).toBe(400);
    await expect(page.getByRole('alert')).toContainText('pas les deux');
  });

  test('le CSV d’une liste vide reste valide ; une demande invalide donne une 400 en français', async ({ request }) => {
    let emptyCsv: string | null = null;
    for (const slug of ['mayenne-nord', 'sarthe-nord', 'maine-et-loire-est', 'loire-atlantique-sud', 'vendee-sud', 'mayenne-sud']) {
      const response = await request.get(`/api/entreprises/sessions.csv?metier=A1433&territoire=${slug}`);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toBe('text/csv; charset=utf-8');
      const text = (await response.body()).toString('utf8');
      if (parse(text, { bom: true, delimiter: ';' }).length === 1) {
        emptyCsv = text;
        break;
      }
    }
    expect(emptyCsv, 'un territoire sans formation de maraîcher').not.toBeNull();
    expect(emptyCsv!.startsWith('\uFEFFOrganisme;SIRET;')).toBe(true);

    const bad = await request.get('/api/entreprises/sessions.csv?metier=Z9999&territoire=mayenne-nord');
    expect(bad.status()).toBe(400);
    expect(await bad.text()).toContain('Métier inconnu');
    const incomplete = await request.get('/api/entreprises/sessions.csv?metier=H2913');
    expect(incomplete.status()).toBe(400);
    for (const hostile of ['metier=%22)%20OR%20_geoRadius(', `metier=${'J1501&metier='.repeat(500)}J1501&territoire=mayenne-nord`, 'commune=%00%1f&metier=H2913']) {
      const r = await request.get(`/api/entreprises/sessions.csv?${hostile}`);
      expect(r.status(), hostile.slice(0, 40)).toBeLessThan(500);
    }
  });

  test('la page vide : 0 violation axe, dispositifs et appel à devenir « pro », lisible à 360 px', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    const response = await page.goto('/entreprises/');
    expect(response?.status()).toBe(200);
    await expect(page.locator('[data-scheme]')).toHaveCount(5);
    for (const link of await page.locator('[data-scheme] a').all()) await expect(link).toHaveAttribute('href', /^https:\/\/(www\.|entreprendre\.)?(service-public\.fr|paysdelaloire\.fr)\//);
    await expect(page.getByRole('link', { name: 'Devenir « pro » bénévole' })).toHaveAttribute('href', '/rencontrer-un-pro/devenir-pro');
    // À 360 px, le menu est replié derrière « Menu » (sans JavaScript) : on l'ouvre comme la personne.
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByText('Menu', { exact: true }).click();
    await expect(page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Recruter' })).toHaveAttribute('aria-current', 'page');
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
    expect(await axeViolations(page)).toEqual([]);
  });

  test('avec des résultats : 0 violation axe, lisible à 360 px', async ({ page }) => {
    await searchHerbiers(page);
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 360, height: 740 });
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
  });
});
