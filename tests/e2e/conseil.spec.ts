/**
 * Une conseillère sur un écran partagé : mode « écran partagé », 3 formations, 1 métier et 1 pro
 * gardés → comparer → page à imprimer (une page A4) → le code QR se lit (décodeur jsQR) et mène au
 * lien court → le téléphone de la personne (un autre contexte, 360 px) l'ouvre et le garde →
 * « Nouvelle personne » laisse stockage, adresse et champs vides. Le même parcours au clavier seul ;
 * axe 0 violation à chaque page et à chaque état ; effacement automatique après 20 minutes sans geste.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { axeViolations, horizontalOverflow } from './support/a11y';
import { tabUntilFocused } from './support/keyboard';

const SEARCH = '/formations?q=cuisine';

async function noViolations(page: Page, state: string): Promise<void> {
  expect(await axeViolations(page), state).toEqual([]);
}

/** Ce que l'appareil garde (sauf le réglage du mode lui-même), et la session. */
async function deviceState(page: Page) {
  return page.evaluate(() => ({
    local: Object.keys(localStorage).filter((k) => k !== 'vmm-ecran-partage'),
    session: Object.keys(sessionStorage),
    mode: localStorage.getItem('vmm-ecran-partage'),
  }));
}

async function decodeQr(page: Page, selector: string): Promise<string> {
  const shot = await page.locator(selector).screenshot();
  const png = PNG.sync.read(shot);
  const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height);
  expect(code, 'code QR illisible').not.toBeNull();
  return code!.data;
}

async function pdfPages(page: Page): Promise<number> {
  const pdf = (await page.pdf({ format: 'A4', printBackground: false })).toString('latin1');
  return (pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

async function openOnPhone(browser: Browser, url: string) {
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await phone.newPage();
  const response = await page.goto(url);
  expect(response?.status()).toBe(200);
  return { phone, page };
}

test.describe('Conseil sur écran partagé', () => {
  test('sélection, comparaison, impression, code QR, téléphone de la personne, « Nouvelle personne »', async ({ page, browser }) => {
    await page.goto('/conseil/');
    await noViolations(page, '/conseil/ désactivé');
    await page.getByRole('button', { name: 'Mode écran partagé' }).click();
    await expect(page.getByRole('button', { name: 'Mode écran partagé' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('html')).toHaveClass(/ecran-partage/);
    await expect(page.locator('.shared-bar')).toBeVisible();
    await noViolations(page, '/conseil/ activé');

    // Trois formations depuis la recherche : l'état du bouton et le compteur suivent, un message est annoncé.
    await page.goto(SEARCH);
    await expect(page.getByRole('button', { name: 'Me localiser' })).toBeHidden();
    expect(await page.locator('form.search').getAttribute('autocomplete')).toBe('off');
    const keep = page.locator('.results button[data-selection-item]');
    const titles: string[] = [];
    for (let i = 0; i < 3; i++) {
      const button = keep.nth(i);
      await expect(button).toHaveAttribute('aria-pressed', 'false');
      await button.click();
      await expect(button).toHaveAttribute('aria-pressed', 'true');
      titles.push((await page.locator('.results .result-card__title').nth(i).innerText()).trim());
    }
    await expect(page.locator('#selection-status')).toContainText('est dans votre sélection : 3 éléments');
    await expect(page.getByRole('link', { name: 'Ma sélection (3)' })).toBeVisible();
    await noViolations(page, 'recherche, 3 gardées');
    // Décocher puis recocher : l'état est annoncé dans les deux sens.
    await keep.nth(2).click();
    await expect(page.locator('#selection-status')).toContainText('n’est plus dans votre sélection : 2 éléments');
    await keep.nth(2).click();

    // Un métier, un pro.
    await page.goto('/metiers/');
    await page.locator('main section[data-domain] a[href^="/metiers/"]').first().click();
    await page.getByRole('button', { name: /^Garder dans ma sélection : le métier/ }).click();
    await page.goto('/rencontrer-un-pro/');
    await page.locator('.pro-card button[data-selection-item]').first().click();
    await expect(page.getByRole('link', { name: 'Ma sélection (5)' })).toBeVisible();

    // La sélection : rangée par sorte ; une note.
    await page.getByRole('link', { name: 'Ma sélection (5)' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Formations (3)' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Métier (1)' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Pro à rencontrer (1)' })).toBeVisible();
    const note = page.locator('textarea[data-note-for^="f:"]').first();
    await note.fill('Demander les horaires du bus depuis Cholet');
    await noViolations(page, 'ma sélection');

    // Comparer, depuis Cholet.
    await page.getByLabel('Votre commune ou code postal').fill('Cholet');
    await page.getByRole('button', { name: 'Comparer les formations cochées' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Comparer des formations' })).toBeVisible();
    await expect(page.locator('.compare-table thead th')).toHaveCount(3);
    await expect(page.locator('.compare-table tbody tr')).toHaveCount(12);
    await expect(page.locator('.compare-table')).toContainText('de Cholet');
    await noViolations(page, 'comparaison');
    await page.getByRole('link', { name: '← Revenir à ma sélection' }).click();
    await expect(note).toHaveValue('Demander les horaires du bus depuis Cholet');

    // Emporter : lien court, code QR, une page A4.
    await page.getByRole('button', { name: 'Créer un lien et un code QR' }).click();
    await expect(page).toHaveURL(/\/s\/[2-9a-z]{6}$/);
    const shortUrl = page.url();
    await expect(page.locator('main')).toContainText('Demander les horaires du bus depuis Cholet');
    for (const title of titles) await expect(page.locator('main')).toContainText(title);
    await noViolations(page, 'lien court');
    expect(await decodeQr(page, '.share-main figure svg')).toBe(shortUrl);
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.site-header')).toBeHidden();
    await expect(page.getByRole('button', { name: 'Envoyer par e-mail' })).toBeHidden();
    // La page imprimée (ou enregistrée en PDF) tient sur une feuille A4.
    expect(await pdfPages(page)).toBe(1);
    await page.emulateMedia({ media: null });

    // Le téléphone de la personne ouvre le lien et garde la sélection.
    const { phone, page: mobile } = await openOnPhone(browser, await decodeQr(page, '.share-main figure svg'));
    await expect(mobile.locator('main')).toContainText(titles[0]!);
    expect((await horizontalOverflow(mobile)).scrollWidth).toBeLessThanOrEqual(360);
    await noViolations(mobile, 'lien court sur le téléphone');
    await mobile.getByRole('button', { name: 'Garder cette sélection sur cet appareil' }).click();
    await expect(mobile).toHaveURL(/\/selection\/\?e=/);
    await expect(mobile.getByRole('link', { name: 'Ma sélection (5)' })).toBeVisible();
    await expect(mobile.getByRole('heading', { level: 2, name: 'Formations (3)' })).toBeVisible();
    await phone.close();

    // « Nouvelle personne » : tout part.
    await page.goto(SEARCH);
    await page.getByRole('combobox', { name: 'Quoi ?' }).fill('boulanger');
    await page.getByRole('button', { name: 'Nouvelle personne : tout effacer' }).click();
    await expect(page).toHaveURL(/\/conseil\/$/);
    await expect(page.locator('[data-cleared-notice]')).toContainText('Tout est effacé');
    expect(await deviceState(page)).toEqual({ local: [], session: [], mode: '1' });
    await expect(page.getByRole('link', { name: 'Ma sélection (0)' })).toBeAttached();
    for (const field of await page.locator('main input[type="text"]').all()) await expect(field).toHaveValue('');
    await noViolations(page, 'après « Nouvelle personne »');
    await page.goto('/selection/');
    await expect(page.getByRole('heading', { level: 2, name: 'Votre sélection est vide' })).toBeVisible();
  });

  test('au clavier seul : garder, ouvrir la sélection, créer le lien, « Nouvelle personne »', async ({ page }) => {
    await page.goto('/conseil/');
    await tabUntilFocused(page, page.getByRole('button', { name: 'Mode écran partagé' }));
    await page.keyboard.press('Enter');
    await expect(page.locator('html')).toHaveClass(/ecran-partage/);
    await page.goto(SEARCH);
    for (let i = 0; i < 3; i++) {
      const button = page.locator('.results button[data-selection-item]').nth(i);
      await tabUntilFocused(page, button, 200);
      await page.keyboard.press('Space');
      await expect(button).toHaveAttribute('aria-pressed', 'true');
    }
    await page.keyboard.press('Shift+Tab');
    await tabUntilFocused(page, page.getByRole('link', { name: 'Ma sélection (3)' }), 200);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 2, name: 'Formations (3)' })).toBeVisible();
    await tabUntilFocused(page, page.getByRole('button', { name: 'Créer un lien et un code QR' }), 200);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/s\/[2-9a-z]{6}$/);
    await tabUntilFocused(page, page.getByRole('button', { name: 'Nouvelle personne : tout effacer' }), 50);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/conseil\/$/);
    expect(await deviceState(page)).toEqual({ local: [], session: [], mode: '1' });
  });

  test('20 minutes sans geste : prévenu une minute avant, puis tout est effacé', async ({ page }) => {
    await page.clock.install();
    await page.goto('/conseil/');
    await page.getByRole('button', { name: 'Mode écran partagé' }).click();
    await page.goto(SEARCH);
    await page.locator('.results button[data-selection-item]').first().click();
    await page.clock.fastForward('18:50');
    await expect(page.locator('[data-idle-warning]')).toBeHidden();
    await page.clock.fastForward('00:20');
    await expect(page.getByRole('alert').filter({ hasText: 'tout sera effacé' })).toBeVisible();
    await noViolations(page, 'avertissement avant effacement');
    // « Je suis encore là » : on repart pour 20 minutes.
    await page.getByRole('button', { name: 'Je suis encore là' }).click();
    await expect(page.locator('[data-idle-warning]')).toBeHidden();
    await page.clock.fastForward('19:10');
    await expect(page.locator('[data-idle-warning]')).toBeVisible();
    await page.clock.fastForward('01:00');
    await expect(page).toHaveURL(/\/conseil\/$/);
    await expect(page.locator('[data-cleared-notice]')).toContainText('20 minutes');
    expect(await deviceState(page)).toEqual({ local: [], session: [], mode: '1' });
  });
});

test.describe('Partir de la sélection d’une personne', () => {
  test('la conseillère tape le code (ici celui de la démonstration) : la sélection, les notes et « Préparer mon rendez-vous »', async ({ page }) => {
    await page.goto('/conseil/');
    const code = (await page.locator('a[href^="/s/"] strong').innerText()).trim();
    expect(code).toMatch(/^[2-9a-z]{6}$/);
    await page.getByLabel('Code de la sélection, ou son lien').fill(code.toUpperCase());
    await page.getByRole('button', { name: 'Ouvrir sa sélection' }).click();
    await expect(page).toHaveURL(new RegExp(`/s/${code}$`));
    await expect(page.getByRole('heading', { level: 2, name: 'Formations (3)' })).toBeVisible();
    await expect(page.locator('main')).toContainText('Démonstration : demander s’il y a un car depuis Cholet.');
    const meeting = page.getByRole('link', { name: /^Préparer mon rendez-vous pour/ }).first();
    await meeting.click();
    await expect(page.getByRole('heading', { level: 1, name: 'Préparer mon rendez-vous' })).toBeVisible();
  });

  test('à 360 px : la comparaison est une formation après l’autre, sans défilement horizontal', async ({ browser }) => {
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await phone.newPage();
    await page.goto(SEARCH);
    const ids = await page.locator('.results button[data-selection-item]').evaluateAll((els) => els.slice(0, 3).map((e) => (e as HTMLElement).dataset.selectionItem ?? ''));
    await page.goto(`/selection/comparer/?${ids.map((t) => `e=${encodeURIComponent(t)}`).join('&')}&ou=Cholet`);
    await expect(page.locator('.compare-table thead')).toBeHidden();
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
    await expect(page.locator('.compare-table tbody td').first()).toBeVisible();
    await expect(page.locator('.compare-table tbody td').first()).toHaveAttribute('data-column', /\S/);
    await noViolations(page, 'comparaison à 360 px');
    await page.goto(`/selection/?${ids.map((t) => `e=${encodeURIComponent(t)}`).join('&')}`);
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
    await noViolations(page, 'sélection à 360 px');
    await phone.close();
  });
});

test.describe('Ma sélection : mauvaises adresses et liste sans JavaScript', () => {
  test('entrées hostiles : jamais une 500, toujours du français', async ({ page, request }) => {
    const long = 'x'.repeat(5000);
    for (const path of [
      `/selection/?e=%3Cscript%3E&e=f:${long}&n=${long}`,
      `/selection/?${Array.from({ length: 300 }, (_, i) => `e=f:${i}`).join('&')}`,
      '/selection/?ajouter=constructor&retirer=__proto__&retour=//evil.example.com',
      `/selection/comparer/?comparer=f:1&comparer=%00&ou=${long}&age=999`,
      '/selection/comparer/?e=m:J1501',
      '/s/%E0%A4%A',
      `/s/?code=${long}`,
    ]) {
      const response = await request.get(path);
      expect(response.status(), path).toBeLessThan(500);
      expect(await response.text(), path).toContain('lang="fr"');
    }
    const origin = new URL(page.url() === 'about:blank' ? 'http://127.0.0.1/' : page.url()).origin;
    for (const data of ['{"e":"f:1"}', 'e=', `${Array.from({ length: 2000 }, () => 'e=f:1').join('&')}`]) {
      const response = await request.post('/s/', { data, headers: { 'content-type': data.startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded', origin }, maxRedirects: 0 });
      expect(response.status(), data.slice(0, 20)).toBeLessThan(500);
    }
    await page.goto('/selection/');
    await noViolations(page, 'sélection vide');
    await page.goto('/s/');
    await noViolations(page, 'ouvrir une sélection');
  });

  test('codes inconnu, mal formé, supprimé : une page en français, jamais une 500', async ({ page, request }) => {
    for (const [path, status, text] of [
      ['/s/zzzzzz', 404, 'Ce lien n’existe pas'],
      ['/s/%3Cscript%3E', 404, 'Ce lien n’existe pas'],
      ['/s/?code=pas+un+code', 400, 'n’est pas bien formé'],
    ] as const) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(status);
      await expect(page.locator('main')).toContainText(text);
      await expect(page.getByRole('link', { name: 'Chercher une formation' }).or(page.getByRole('link', { name: 'Revenir à ma sélection' }))).toBeVisible();
      await noViolations(page, path);
    }
    // Un lien créé puis supprimé : 410, dit comme tel.
    const created = await request.post('/s/', { form: { e: 'm:J1501' }, maxRedirects: 0, headers: { origin: new URL(page.url()).origin } });
    expect(created.status()).toBe(303);
    const code = (created.headers().location ?? '').split('/s/')[1] ?? '';
    await page.goto(`/s/${code}`);
    await page.getByRole('button', { name: 'Supprimer ce lien' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Lien supprimé' })).toBeVisible();
    const gone = await page.goto(`/s/${code}`);
    expect(gone?.status()).toBe(410);
    await expect(page.locator('main')).toContainText('a été supprimé');
  });

  test('plus de 4 formations à comparer : un message clair ; une formation retirée de l’offre : « plus proposée »', async ({ page }) => {
    await page.goto(SEARCH);
    const ids = await page.locator('.results button[data-selection-item]').evaluateAll((els) => els.slice(0, 5).map((e) => (e as HTMLElement).dataset.selectionItem ?? ''));
    expect(ids).toHaveLength(5);
    const query = ids.map((t) => `comparer=${encodeURIComponent(t)}`).join('&');
    const response = await page.goto(`/selection/comparer/?${query}`);
    expect(response?.status()).toBe(400);
    await expect(page.getByRole('alert')).toContainText('on peut en comparer 4 au plus');
    await noViolations(page, 'comparaison de 5');
    await page.goto(`/selection/?e=${encodeURIComponent(ids[0]!)}&e=f:VMM-RETIREE-404`);
    await expect(page.getByText('Cette formation n’est plus proposée')).toBeVisible();
    await noViolations(page, 'formation plus proposée');
  });

  test('sans JavaScript : garder, retirer et revenir passent par l’adresse', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(SEARCH);
    await page.locator('.results button[data-selection-item]').first().click();
    await expect(page).toHaveURL(/\/selection\/\?e=f%3A/);
    await expect(page.getByRole('heading', { level: 2, name: 'Formation (1)' })).toBeVisible();
    await page.getByRole('link', { name: '← Revenir à la page précédente' }).click();
    await expect(page).toHaveURL(/q=cuisine/);
    await page.locator('.results button[data-selection-item]').nth(1).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Formations (2)' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Ma sélection (2)' })).toBeAttached();
    await page.locator('button[data-selection-remove]').first().click();
    await expect(page.getByRole('heading', { level: 2, name: 'Formation (1)' })).toBeVisible();
    await context.close();
  });
});
