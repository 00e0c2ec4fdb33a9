/**
 * Recherche de formations et pages des formations, dans Chromium, contre le site construit et
 * les données de démonstration : parcours d'usagers, clavier seul, sans JavaScript, carte,
 * adresses modifiées à la main, accessibilité (axe : 0 violation).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { enhanceSearch } from './support/search';
import { axeViolations, horizontalOverflow } from './support/a11y';
import { tabUntilFocused } from './support/keyboard';

interface ApiDetail {
  formation: { metiers: { code: string }[] };
}

/** Les cartes de résultats de la page. */
const cards = (page: Page): Locator => page.locator('.results .result-card');

/** Distance lue sur une carte (« Cholet — 12,4 km ») ; null pour « À distance ». */
async function distanceOf(card: Locator): Promise<number | null> {
  const where = await card.locator('dt:text-is("Lieu") + dd').innerText();
  const m = /([\d,]+)\s*km/.exec(where);
  return m ? Number((m[1] ?? '').replace(',', '.')) : null;
}

async function chooseCommune(page: Page, text: string, option: RegExp): Promise<void> {
  const ou = page.getByRole('combobox', { name: 'Où ?' });
  await ou.fill('');
  await ou.pressSequentially(text, { delay: 20 });
  await page.getByRole('option', { name: option }).first().click();
}

test.describe('Recherche de formations', () => {
  test('Cholet, « aide soignante », 30 km : toutes à moins de 30 km et d’aide-soignant ; la fiche montre sessions, insertion et avis', async ({ page, request }) => {
    await page.goto('/formations');
    await enhanceSearch(page);
    await page.getByRole('combobox', { name: 'Quoi ?' }).fill('aide soignante');
    await chooseCommune(page, 'Chol', /^Cholet/);
    await expect(page.getByLabel('Distance maximale')).toHaveValue('30');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(page).toHaveURL(/commune=49099/);
    await expect(page.locator('#resultats-titre')).toBeFocused();
    await expect(page.getByTestId('elargi')).toHaveCount(0);
    const n = await cards(page).count();
    expect(n).toBeGreaterThan(0);
    for (let i = 0; i < n; i += 1) {
      const card = cards(page).nth(i);
      const km = await distanceOf(card);
      expect(km, await card.innerText()).not.toBeNull();
      expect(km!).toBeLessThanOrEqual(30);
      const id = await card.getAttribute('data-id');
      const detail = (await (await request.get(`/api/formations/${id}`)).json()) as ApiDetail;
      expect(detail.formation.metiers.map((m) => m.code), `métiers de ${id}`).toContain('J1501');
    }
    await cards(page).filter({ hasText: 'Diplôme d\'État d\'aide-soignant' }).first().getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('aide-soignant');
    await expect(page.locator('#sessions tbody tr').first()).toBeVisible();
    await expect(page.locator('#insertion')).toBeVisible();
    await expect(page.locator('#insertion')).toContainText(/en emploi|Pas de donnée d’insertion|pas affiché/);
    await page.locator('#insertion summary', { hasText: 'Comment est-ce calculé ?' }).click();
    await expect(page.locator('#insertion')).toContainText('Sous 20 personnes sorties');
    await expect(page.locator('#avis')).toBeVisible();
    await expect(page.locator('#avis')).toContainText(/Note globale|Pas encore d’avis/);
  });

  test('« developeur web » (faute de frappe) puis niveau 5 : des formations au développement, de niveau 5', async ({ page }) => {
    await page.goto('/formations');
    await enhanceSearch(page);
    const quoi = page.getByRole('combobox', { name: 'Quoi ?' });
    await quoi.pressSequentially('developeur web', { delay: 30 });
    await expect(page).toHaveURL(/q=developeur\+web/);
    // La liste suit la frappe sans perdre le focus.
    await expect(quoi).toBeFocused();
    await page.getByRole('checkbox', { name: /^Niveau 5/ }).check();
    await expect(page).toHaveURL(/niveau=5/);
    await expect(cards(page).first()).toBeVisible();
    const n = await cards(page).count();
    for (let i = 0; i < n; i += 1) {
      const card = cards(page).nth(i);
      await expect(card.locator('dt:text-is("Niveau à la sortie") + dd')).toHaveText(/^Niveau 5 — /);
      await expect(card.locator('h3')).toHaveText(/d[ée]velopp|web|logiciel|informati|num[ée]rique/i);
    }
    await expect(cards(page).locator('h3').filter({ hasText: /d[ée]velopp/i }).first()).toBeVisible();
    // Retour arrière : l'adresse et la liste reviennent à l'état précédent.
    await page.goBack();
    await expect(page).not.toHaveURL(/niveau=5/);
    await expect(page.getByRole('checkbox', { name: /^Niveau 5/ })).not.toBeChecked();
  });

  test('rien à moins de 10 km : la recherche s’élargit toute seule et le dit', async ({ page }) => {
    await page.goto('/formations');
    await enhanceSearch(page);
    await page.getByRole('combobox', { name: 'Quoi ?' }).fill('aide soignant');
    await page.getByLabel('Distance maximale').selectOption('10');
    await chooseCommune(page, 'Saumur', /^Saumur/);
    await expect(page.getByTestId('elargi')).toHaveText(/Aucune formation sur place à moins de 10 km de Saumur : nous avons élargi la recherche à \d+ km\./);
    const said = Number(/à (\d+) km\./.exec(await page.getByTestId('elargi').innerText())?.[1]);
    for (const card of await cards(page).all()) {
      const km = await distanceOf(card);
      if (km !== null) expect(km).toBeLessThanOrEqual(said);
    }
  });

  test('un rayon changé pendant la pause de frappe n’est pas écrasé par l’état d’avant', async ({ page }) => {
    await page.goto('/formations');
    await enhanceSearch(page);
    await page.getByRole('combobox', { name: 'Quoi ?' }).fill('cariste');
    await page.getByLabel('Distance maximale').selectOption('10');
    await expect(page.locator('.search__results')).toHaveAttribute('aria-busy', 'false');
    await page.waitForTimeout(500);
    await expect(page.getByLabel('Distance maximale')).toHaveValue('10');
    await expect(page.getByRole('combobox', { name: 'Quoi ?' })).toHaveValue('cariste');
    expect(new URL(page.url()).searchParams.get('q')).toBe('cariste');
  });

  test('au clavier seul : de l’accueil à la page d’une formation', async ({ page }) => {
    await page.goto('/');
    await tabUntilFocused(page, page.getByRole('combobox', { name: 'Quoi ?' }));
    await page.keyboard.type('aide soignant');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('combobox', { name: 'Où ?' })).toBeFocused();
    await page.keyboard.type('Cholet');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/formations\?/);
    await expect(page.getByRole('combobox', { name: 'Où ?' })).toHaveValue('Cholet (49300)');
    const firstResult = cards(page).first().getByRole('link');
    await tabUntilFocused(page, firstResult, 150);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/formations\/[^/?]+-[a-z0-9-]+$/);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });

  test('suggestions au clavier : flèches, Entrée, Échap', async ({ page }) => {
    await page.goto('/formations');
    await enhanceSearch(page);
    const ou = page.getByRole('combobox', { name: 'Où ?' });
    await ou.pressSequentially('49300', { delay: 20 });
    await expect(ou).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.press('ArrowDown');
    const active = await ou.getAttribute('aria-activedescendant');
    expect(active).toBeTruthy();
    await expect(page.locator(`#${active}`)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(ou).toHaveValue(/^Cholet \(49300\)$/);
    await expect(page).toHaveURL(/commune=49099/);
    await ou.pressSequentially(' x', { delay: 20 });
    await page.keyboard.press('Escape');
    await expect(ou).toHaveAttribute('aria-expanded', 'false');
  });

  test('carte et liste restent synchronisées ; la carte n’est chargée qu’à la demande', async ({ page }) => {
    const maplibre: string[] = [];
    page.on('request', (r) => r.url().includes('maplibre') && maplibre.push(r.url()));
    await page.goto('/formations?q=cuisine');
    // Sans attendre l'île : le clic sur « Afficher la carte » la charge, puis est rejoué.
    await expect(page.locator('form.search')).toHaveAttribute('data-enhanced', 'false');
    expect(maplibre, 'MapLibre chargé avant la demande').toEqual([]);
    await page.getByRole('button', { name: 'Afficher la carte' }).click();
    await page.mouse.move(0, 0); // la souris ne doit survoler aucun point
    const marker = page.locator('.map-marker').first();
    await expect(marker).toBeAttached({ timeout: 15_000 });
    expect(maplibre.length).toBeGreaterThan(0);
    // Le focus d'un point surligne sa formation dans la liste…
    const id = await marker.getAttribute('data-id');
    await marker.focus();
    await expect(page.locator(`.result-card[data-id="${id}"]`)).toHaveClass(/is-active/);
    await marker.blur();
    await expect(page.locator(`.result-card[data-id="${id}"]`)).not.toHaveClass(/is-active/);
    // … et le survol d'une formation surligne son point.
    await page.locator(`.result-card[data-id="${id}"]`).hover();
    await expect(page.locator(`.map-marker[data-id="${id}"]`)).toHaveClass(/is-active/);
    // Une nouvelle recherche met la carte à jour.
    await page.getByRole('checkbox', { name: /^Niveau 3/ }).check();
    await expect(page).toHaveURL(/niveau=3/);
    const shown = await cards(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    await expect
      .poll(async () => (await page.locator('.map-marker, .map-cluster').count()) > 0, { timeout: 10_000 })
      .toBe(true);
    for (const markerId of await page.locator('.map-marker').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))) expect(shown).toContain(markerId);
  });

  test('« Me localiser » refusé : un message clair', async ({ browser }) => {
    const context = await browser.newContext({ permissions: [] });
    const page = await context.newPage();
    await page.goto('/formations');
    await page.getByRole('button', { name: 'Me localiser' }).click();
    await expect(page.locator('.search__geo-message')).toHaveText(/refusé la localisation|introuvable|trop de temps/);
    await context.close();
  });

  test('« Me localiser » accepté : recherche autour de la commune la plus proche ; l’adresse ne porte jamais la position', async ({ browser }) => {
    const context = await browser.newContext({ permissions: ['geolocation'], geolocation: { latitude: 47.0598, longitude: -0.8797 } });
    const page = await context.newPage();
    const sent: string[] = [];
    page.on('request', (r) => sent.push(r.url()));
    await page.goto('/formations?q=aide+soignant');
    // Cliqué avant le chargement de l'île : le clic est rejoué dès qu'elle est prête.
    await expect(page.locator('form.search')).toHaveAttribute('data-enhanced', 'false');
    await page.getByRole('button', { name: 'Me localiser' }).click();
    await expect(page).toHaveURL(/commune=49099/);
    expect(page.url()).not.toMatch(/lat=|lon=/);
    await expect(page.getByRole('combobox', { name: 'Où ?' })).toHaveValue('Cholet (49300)');
    await expect(page.locator('.search__geo-message')).toContainText('Votre position exacte n’est pas gardée');
    expect(await distanceOf(cards(page).first())).not.toBeNull();
    // Seule une position arrondie (environ 1 km) a quitté le navigateur.
    expect(sent.filter((u) => u.includes('0598') || u.includes('8797'))).toEqual([]);
    expect(sent.some((u) => u.includes('/api/communes/proche?lat=47.06&lon=-0.88'))).toBe(true);
    await context.close();
  });

  test('« Me localiser » hors de la région : dit en français de taper une commune, ne cherche rien', async ({ browser }) => {
    const context = await browser.newContext({ permissions: ['geolocation'], geolocation: { latitude: 48.1173, longitude: -1.6778 } });
    const page = await context.newPage();
    await page.goto('/formations?q=aide+soignant');
    await page.getByRole('button', { name: 'Me localiser' }).click();
    await expect(page.locator('.search__geo-message')).toContainText('hors des Pays de la Loire');
    expect(page.url()).not.toMatch(/lat=|lon=|commune=/);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  test('sans JavaScript : formulaire GET, résultats, filtres et pages', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/formations');
    await page.getByRole('combobox', { name: 'Quoi ?' }).fill('aide soignante');
    await page.getByRole('combobox', { name: 'Où ?' }).fill('cholet');
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await expect(page).toHaveURL(/q=aide\+soignante/);
    await expect(page.getByRole('combobox', { name: 'Où ?' })).toHaveValue('Cholet (49300)');
    // Sans JavaScript, pas de commande qui ne marcherait pas : ni « Me localiser », ni « Afficher la carte ».
    await expect(page.getByRole('button', { name: 'Me localiser' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Afficher la carte' })).toBeHidden();
    await expect(page.locator('#resultats-titre')).toHaveText(/\d+ formations? trouvées?/);
    expect(await cards(page).count()).toBeGreaterThan(0);
    await page.getByRole('checkbox', { name: /^Certifiante/ }).check();
    await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
    await expect(page).toHaveURL(/certifiante=oui/);
    for (const card of await cards(page).all()) expect(await distanceOf(card)).toBeLessThanOrEqual(30);
    // Pagination par liens ordinaires.
    await page.goto('/formations');
    await page.getByRole('link', { name: 'Page suivante' }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page.locator('.pagination [aria-current="page"]')).toHaveText(/2/);
    await context.close();
  });

  test('adresses modifiées à la main : la page s’affiche avec des messages en français', async ({ page }) => {
    const pwned: string[] = [];
    page.on('dialog', (d) => {
      pwned.push(d.message());
      void d.dismiss();
    });
    const response = await page.goto('/formations?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&rayon=-5&page=99999&niveau=42&modalite=teleportation&tri=zzz&debut=x&mois=2026-13&duree_max=abc&commune=00000&lat=999');
    expect(response?.status()).toBe(200);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Certains choix n’ont pas pu être pris en compte');
    for (const field of ['Distance maximale', 'Niveau', 'Modalité', 'Tri', 'Page']) await expect(alert).toContainText(`${field} :`);
    await expect(page.getByRole('combobox', { name: 'Quoi ?' })).toHaveValue('<script>alert(1)</script>');
    await expect(page.getByLabel('Distance maximale')).toHaveValue('30');
    await page.waitForTimeout(300);
    expect(pwned).toEqual([]);
    // Page au-delà de la dernière : la dernière page, et on le dit.
    await page.goto('/formations?q=aide+soignant&page=500');
    await expect(page.getByRole('alert')).toContainText('Voici la dernière');
    // Identifiant inconnu : 404 en français.
    const missing = await page.goto('/formations/inconnu-123-une-formation');
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Formation introuvable');
  });

  test('l’île se charge à la première interaction : rien au départ, et ce qui est tapé ou coché pendant le chargement n’est pas perdu', async ({ page }) => {
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
    const searches: string[] = [];
    page.on('request', (r) => r.url().includes('/api/formations?') && searches.push(r.url()));
    // Le code de l'île est retenu jusqu'à ce que la personne ait tapé et coché.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/_astro\/SearchApp\.[\w-]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/formations?q=aide+soignant&page=2', { waitUntil: 'networkidle' });
    // Avant tout geste : seulement le petit script de « Ma sélection » (et le module qu'il importe), jamais l'île.
    expect(scripts.filter((s) => !/^\/_astro\/(Base\.astro_astro_type_script|links\.)/.test(s)), 'JavaScript de l’île chargé avant toute interaction').toEqual([]);
    await expect(page.getByRole('button', { name: 'Me localiser' })).toBeVisible();
    const quoi = page.getByRole('combobox', { name: 'Quoi ?' });
    await quoi.fill('cariste');
    await page.getByRole('checkbox', { name: /Entrées permanentes/ }).check();
    await expect(page.locator('form.search')).toHaveAttribute('data-enhanced', 'false');
    release();
    await expect(page.locator('form.search')).toHaveAttribute('data-enhanced', 'true');
    await expect(page).toHaveURL(/q=cariste/);
    await expect(page).toHaveURL(/entree_permanente=oui/);
    await expect(page).not.toHaveURL(/page=2/);
    await expect(quoi).toHaveValue('cariste');
    await expect(page.getByRole('checkbox', { name: /Entrées permanentes/ })).toBeChecked();
    expect(searches.some((u) => u.includes('q=cariste') && u.includes('entree_permanente=oui'))).toBe(true);
  });

  test('« Où ? » tapé sans choisir dans la liste : même réponse qu’sans JavaScript (ville hors région, faute de frappe proposée, jamais choisie)', async ({ page }) => {
    await page.goto('/formations');
    await enhanceSearch(page);
    const ou = page.getByRole('combobox', { name: 'Où ?' });
    await ou.fill('Rennes');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(page.getByRole('alert')).toContainText('Rennes (Ille-et-Vilaine) n’est pas en Pays de la Loire');
    expect(page.url()).not.toMatch(/commune=/);
    await enhanceSearch(page);
    await page.getByRole('combobox', { name: 'Où ?' }).fill('Cholett');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(page.getByRole('alert')).toContainText('Vouliez-vous dire Cholet (49300) ?');
    expect(page.url()).not.toMatch(/commune=/);
    expect(await axeViolations(page)).toEqual([]);
  });

  test('chaque carte dit l’état des inscriptions en mots : ouvertes, fermées ou aucune session', async ({ page, request }) => {
    // Toute l'offre au tri par date : les formations où l'on peut s'inscrire d'abord, les fermées ensuite.
    const all: string[] = [];
    for (let page = 1; ; page += 1) {
      const body = (await (await request.get(`/api/formations?par_page=50&tri=date&page=${page}`)).json()) as { resultats: { inscriptions: string }[]; total: number };
      all.push(...body.resultats.map((r) => r.inscriptions));
      if (all.length >= body.total || body.resultats.length === 0) break;
    }
    expect(new Set(all).has('ouvertes')).toBe(true);
    expect(new Set(all).has('fermees'), 'la démo a des formations fermées').toBe(true);
    const firstClosed = all.findIndex((state) => state !== 'ouvertes');
    expect(all.slice(firstClosed).every((state) => state !== 'ouvertes')).toBe(true);
    await page.goto('/formations?q=aide+soignant');
    const first = page.locator('[data-inscriptions]').first();
    await expect(first).toHaveText(/^(Ouvertes : vous pouvez vous inscrire\.|Fermées pour l’instant|Aucune session prévue)/);
  });

  test('le code de l’île ne vient pas (réseau coupé) : la page du serveur reste utilisable (recherche par le formulaire GET)', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route(/\/_astro\/SearchApp\.[\w-]+\.js$/, (route) => route.abort());
    await page.goto('/formations');
    await page.getByRole('combobox', { name: 'Quoi ?' }).fill('cariste');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(page).toHaveURL(/q=cariste/);
    await expect(page.locator('#resultats-titre')).toContainText(/formation/);
    await expect(page.locator('form.search')).toHaveAttribute('data-enhanced', 'false');
    expect(errors).toEqual([]);
  });

  test('hydratée sans rien changer : aucune recherche de plus, la page reste la même', async ({ page }) => {
    const searches: string[] = [];
    page.on('request', (r) => r.url().includes('/api/formations?') && searches.push(r.url()));
    await page.goto('/formations?q=aide+soignant&ou=Cholet&commune=49099&rayon=50&tri=distance&page=2');
    await enhanceSearch(page);
    await page.waitForTimeout(300);
    expect(searches).toEqual([]);
    await expect(page).toHaveURL(/page=2/);
  });

  test('page d’une formation : adresse stable, JSON-LD Course, Open Graph', async ({ page, request }) => {
    const api = (await (await request.get('/api/formations?q=aide+soignant&par_page=1')).json()) as { resultats: { id: string }[] };
    const id = api.resultats[0]!.id;
    const response = await page.goto(`/formations/${id}`);
    expect(response?.status()).toBe(200);
    await expect(page).toHaveURL(new RegExp(`/formations/${id}-[a-z0-9-]+$`));
    const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}') as Record<string, unknown>;
    expect(ld['@type']).toBe('Course');
    expect((ld.hasCourseInstance as unknown[]).length).toBeGreaterThan(0);
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', /\S/);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', new RegExp(`/formations/${id}-`));
    // Les métiers visés mènent à des pages qui existent.
    for (const href of await page.locator('#metiers a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
      expect((await request.get(href!)).status(), href!).toBe(200);
    }
  });
});

test.describe('Recherche de formations : accessibilité', () => {
  const pages = [
    { name: 'recherche avec résultats', path: '/formations?q=aide+soignante&ou=Cholet' },
    { name: 'recherche vide', path: '/formations?q=zzzzqqqq&ou=Cholet' },
    { name: 'formation inconnue (404)', path: '/formations/inconnu-123' },
  ];
  for (const { name, path } of pages) {
    test(`${name} : 0 violation axe`, async ({ page }) => {
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
      await expect(page.locator('h1')).toHaveCount(1);
      expect(await axeViolations(page)).toEqual([]);
    });
  }

  test('page d’une formation (avec sa carte chargée) : 0 violation axe', async ({ page }) => {
    await page.goto('/formations?q=aide+soignante&ou=Cholet');
    await cards(page).first().getByRole('link').click();
    await page.locator('#lieu').scrollIntoViewIfNeeded();
    await expect(page.locator('.map .maplibregl-canvas')).toBeAttached({ timeout: 15_000 });
    expect(await axeViolations(page)).toEqual([]);
  });

  test('recherche vide : dit ce qui a été cherché et propose d’élargir', async ({ page }) => {
    await page.goto('/formations?q=zzzzqqqq&ou=Cholet&niveau=3');
    // Rien à 30 km : l'API a déjà élargi jusqu'à 100 km, et la page le dit.
    await expect(page.getByTestId('elargi')).toHaveText('Aucune formation à moins de 30 km de Cholet, ni même à 100 km.');
    await expect(page.locator('.search__empty')).toContainText('Nous avons cherché « zzzzqqqq », à moins de 100 km de Cholet, avec 1 filtre');
    await expect(page.locator('.search__empty').getByRole('link', { name: 'Inclure les formations à distance' })).toBeVisible();
    await expect(page.locator('.search__empty').getByRole('link', { name: /Chercher « zzzzqqqq » partout/ })).toBeVisible();
    await expect(page.locator('.search__empty').getByRole('link', { name: /Retirer le filtre « Niveau 3/ })).toBeVisible();
  });

  test('à 360 px de large et au zoom 200 % : pas de défilement horizontal', async ({ page }) => {
    for (const width of [360, 640]) {
      await page.setViewportSize({ width, height: 740 });
      for (const path of ['/formations?q=aide+soignante&ou=Cholet', '/formations/inconnu-1']) {
        await page.goto(path);
        expect((await horizontalOverflow(page)).scrollWidth, `${path} à ${width} px`).toBeLessThanOrEqual(width);
      }
      await page.goto('/formations?q=aide+soignante&ou=Cholet');
      await cards(page).first().getByRole('link').click();
      expect((await horizontalOverflow(page)).scrollWidth, `fiche à ${width} px`).toBeLessThanOrEqual(width);
    }
  });
});
