/**
 * « Rencontrer un pro » dans un vrai navigateur, contre le serveur construit : un lycéen d'Angers
 * demande un échange téléphonique à une pâtissière (avec l'e-mail d'un parent), elle accepte
 * depuis le lien de l'e-mail, chacun reçoit les coordonnées de l'autre ; un refus motivé ; une
 * modératrice publie un nouveau profil. axe-core : 0 violation sur chaque page du parcours.
 */
import { expect, test, type Page } from '@playwright/test';
import { axeViolations } from './support/a11y';
import { confirmFromMail, createModerator, ensureDb, linkPath, seedPro, uniqueEmail, uniqueLetters, waitForMail, writeDevMail } from './support/contact';

async function expectAccessible(page: Page): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.locator('h1')).toHaveCount(1);
  expect(await axeViolations(page)).toEqual([]);
}

/** Choisit une suggestion de l'autocomplétion au clavier (flèche bas puis Entrée). */
async function autocomplete(page: Page, label: string, typed: string, option: RegExp): Promise<void> {
  const input = page.getByRole('combobox', { name: new RegExp(`^${label}`) });
  await input.fill(typed);
  await expect(page.getByRole('option', { name: option }).first()).toBeVisible();
  await input.press('ArrowDown');
  await expect(page.getByRole('option', { name: option }).first()).toHaveAttribute('aria-selected', 'true');
  await input.press('Enter');
}

test.describe('Rencontrer un pro', () => {
  test.beforeEach(async ({ page }) => {
    // Parcours longs : axe-core tourne sur chaque page.
    test.setTimeout(180_000);
    await ensureDb(page);
  });

  test('un lycéen d’Angers demande un échange téléphonique à une pâtissière, qui accepte depuis l’e-mail', async ({ page }) => {
    const pro = seedPro();
    const student = uniqueEmail('leo');
    const parent = uniqueEmail('parent');

    await page.goto('/');
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Rencontrer un pro' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rencontrer un pro');
    await expectAccessible(page);

    await autocomplete(page, 'Métier', 'pâtiss', /^Pâtissier \/ Pâtissière$/);
    await autocomplete(page, 'Près de', 'Angers', /^Angers 49000$/);
    await page.getByRole('button', { name: 'Chercher' }).click();
    await expect(page).toHaveURL(/metier=P%C3%A2tissier/);
    const card = page.locator(`article[data-pro-id="${pro.id}"]`);
    await expect(card).toContainText(`Camille ${pro.lastName.charAt(0)}.`);
    await expect(card).toContainText('Angers (49)');
    await expect(card).not.toContainText(pro.lastName);
    await expectAccessible(page);

    await card.getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Écrire à Camille ${pro.lastName.charAt(0)}.`);
    await expectAccessible(page);

    // Un premier envoi sans l'e-mail du parent : refusé, message à côté du champ, saisie gardée.
    await page.getByLabel('Prénom').fill('Léo');
    await page.getByLabel('E-mail', { exact: true }).fill(student);
    await page.getByLabel('Votre situation').selectOption({ label: 'Collégien·ne ou lycéen·ne' });
    await page.getByLabel('Votre âge').selectOption({ label: '15 à 17 ans' });
    await page.getByRole('radio', { name: 'Téléphone' }).check();
    await page.getByLabel('Ce que vous voulez savoir').fill('Bonjour, je suis en seconde à Angers. Comment devient-on pâtissier ?');
    await page.getByRole('checkbox', { name: /J’accepte que versmonmétier transmette ma demande/ }).check();
    const [rejected] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Envoyer ma demande' }).click()]);
    expect(rejected.status()).toBe(400);
    const guardian = page.getByLabel('E-mail d’un parent ou d’un·e conseiller·e');
    await expect(guardian).toHaveAttribute('aria-invalid', 'true');
    const describedBy = (await guardian.getAttribute('aria-describedby')) ?? '';
    await expect(page.locator(`[id="${describedBy.split(' ').at(-1)}"]`)).toContainText('moins de 18 ans');
    await expect(page.getByRole('alert')).toContainText('Le formulaire contient une erreur');
    await expect(page.getByLabel('Prénom')).toHaveValue('Léo');
    await expect(page.getByLabel('Ce que vous voulez savoir')).toHaveValue(/Comment devient-on pâtissier/);
    await expect(page.getByRole('radio', { name: 'Téléphone' })).toBeChecked();
    await expectAccessible(page);

    await guardian.fill(parent);
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await expect(page).toHaveURL(/\/rencontrer-un-pro\/demande-envoyee\/$/);
    await expect(page.getByRole('status')).toContainText('elle n’est pas encore envoyée');
    await expectAccessible(page);

    // Rien ne part tant que le lycéen ET son parent n'ont pas confirmé, chacun par son lien.
    const [toStudent] = await waitForMail(student, 'Confirmez votre demande');
    expect(toStudent!.text).not.toContain('Comment devient-on pâtissier');
    await confirmFromMail(page, student, 'Confirmez votre demande', 'Confirmer ma demande', { beforeClick: expectAccessible });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Adresse confirmée');
    await expect(page.getByRole('status')).toContainText('dès que votre parent ou votre conseiller·e aura donné son accord');
    await expectAccessible(page);
    await page.goto(linkPath(toStudent!.text, 'Confirmer ma demande'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ce lien a déjà servi');
    await confirmFromMail(page, parent, 'votre accord', 'Je suis d’accord', {
      beforeClick: async (p) => {
        await expect(p.getByRole('heading', { level: 1 })).toHaveText('Donner mon accord');
        await expectAccessible(p);
      },
    });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Demande envoyée à ${pro.firstName} ${pro.lastName.charAt(0)}.`);
    await expectAccessible(page);

    // Le pro reçoit la demande, sans les coordonnées du lycéen ; le lycéen et son parent, une confirmation sans celles du pro.
    const [toPro] = await waitForMail(pro.email, 'Nouvelle demande d’échange de Léo');
    expect(toPro!.text).not.toContain(student);
    expect(toPro!.text).toContain('moins de 18 ans');
    const [receipt] = await waitForMail(student, 'est envoyée');
    expect(receipt!.text).not.toContain(pro.email);
    expect(receipt!.text).not.toContain(pro.phone);
    await waitForMail(parent, 'Copie : Votre demande');

    await page.goto(linkPath(toPro!.text, 'Accepter la demande'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accepter la demande de Léo');
    await expect(page.locator('main')).not.toContainText(student);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Accepter et échanger nos coordonnées' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Demande acceptée');
    await expectAccessible(page);

    const [details] = await waitForMail(student, 'accepte d’échanger avec vous');
    expect(details!.text).toContain(pro.email);
    expect(details!.text).toContain(pro.phone);
    const [proDetails] = await waitForMail(pro.email, 'Coordonnées de Léo');
    expect(proDetails!.text).toContain(student);
    expect(proDetails!.text).toContain(parent);
    await waitForMail(parent, 'Copie : Camille');

    // Le lien ne sert qu'une fois.
    const again = await page.goto(linkPath(toPro!.text, 'Accepter la demande'));
    expect(again?.status()).toBe(410);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ce lien a déjà servi');
    await expectAccessible(page);
  });

  test('un pro refuse avec une raison : la personne la reçoit, avec d’autres pros à contacter', async ({ page }) => {
    const pro = seedPro({ firstName: 'Dominique', modes: ['visio', 'telephone'] });
    const adult = uniqueEmail('sam');
    await page.goto(`/rencontrer-un-pro/pro/${pro.id}/?metier=D1104`);
    await page.getByLabel('Prénom').fill('Sam');
    await page.getByLabel('E-mail', { exact: true }).fill(adult);
    await page.getByLabel('Votre situation').selectOption({ label: 'Demandeur·se d’emploi' });
    await page.getByLabel('Votre âge').selectOption({ label: '26 à 44 ans' });
    await page.getByRole('radio', { name: 'Visio' }).check();
    await page.getByLabel('Ce que vous voulez savoir').fill('Je pense à une reconversion en pâtisserie, quelles formations ?');
    await page.getByRole('checkbox', { name: /J’accepte/ }).check();
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await expect(page).toHaveURL(/demande-envoyee/);
    await confirmFromMail(page, adult, 'Confirmez votre demande', 'Confirmer ma demande');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Demande envoyée');

    const [toPro] = await waitForMail(pro.email, 'Nouvelle demande d’échange de Sam');
    await page.goto(linkPath(toPro!.text, 'Refuser la demande'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Refuser la demande de Sam');
    await expectAccessible(page);
    // Sans raison : refusé, message en français à côté du groupe.
    await page.getByRole('button', { name: 'Refuser la demande' }).click();
    await expect(page.getByRole('group', { name: 'Pourquoi refusez-vous ?' })).toContainText('Choisissez une raison.');
    await expectAccessible(page);
    await page.getByRole('radio', { name: 'Hors de mon métier' }).check();
    await page.getByRole('button', { name: 'Refuser la demande' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Demande refusée');
    await expectAccessible(page);

    const [declined] = await waitForMail(adult, 'ne peut pas donner suite');
    expect(declined!.text).toContain('hors de mon métier');
    expect(declined!.text).not.toContain(pro.email);
    expect(declined!.text).not.toContain(pro.phone);
    await page.goto(linkPath(declined!.text, 'Voir d’autres professionnels'));
    await expect(page.getByRole('combobox', { name: 'Métier' })).toHaveValue('Pâtissier / Pâtissière (D1104)');
    await expect(page.getByRole('combobox', { name: 'Près de' })).toHaveValue('Angers (49000)');
  });

  test('une modératrice publie un nouveau profil (compte créé en ligne de commande)', async ({ page }) => {
    const moderator = uniqueEmail('moderation');
    const password = `mot-de-passe-${uniqueLetters(8)}`;
    createModerator(moderator, password);
    const proEmail = uniqueEmail('nouveau');
    const lastName = `Durand${uniqueLetters(3)}`;
    // Prénom unique : la base du serveur garde les profils des passages précédents.
    const firstName = `Alix${uniqueLetters(4)}`;
    const shown = `${firstName} ${lastName.charAt(0)}.`;

    await page.goto('/rencontrer-un-pro/devenir-pro/');
    await expectAccessible(page);
    await page.getByLabel('Prénom').fill(firstName);
    await page.getByLabel('Nom', { exact: true }).fill(lastName);
    await page.getByLabel('E-mail').fill(proEmail);
    await autocomplete(page, 'Métier', 'boulang', /^Boulanger \/ Boulangère$/);
    await autocomplete(page, 'Commune où vous travaillez', 'Saumur', /^Saumur/);
    await page.getByRole('checkbox', { name: 'Visite d’entreprise' }).check();
    await page.getByLabel('Présentation').fill('Boulangère à Saumur, je fais visiter le fournil aux curieux le samedi matin.');
    await page.getByRole('checkbox', { name: /J’accepte que versmonmétier/ }).check();
    await page.getByRole('button', { name: 'M’inscrire' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vérifiez vos e-mails');
    await expectAccessible(page);

    const [verify] = await waitForMail(proEmail, 'Confirmez votre adresse e-mail');
    await page.goto(linkPath(verify!.text, 'Confirmer mon adresse e-mail'));
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Confirmer mon adresse e-mail' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Adresse e-mail confirmée');

    // Pas encore public.
    await page.goto('/rencontrer-un-pro/?metier=D1102&commune=Saumur');
    await expect(page.locator('main')).not.toContainText(shown);

    await page.goto('/admin/');
    await expect(page).toHaveURL(/\/admin\/connexion\/$/);
    await expectAccessible(page);
    await page.getByLabel('E-mail').fill(moderator);
    await page.getByLabel('Mot de passe').fill('mauvais mot de passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('alert')).toContainText('Adresse e-mail ou mot de passe incorrect.');
    await page.getByLabel('Mot de passe').fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Profils à relire');
    await expectAccessible(page);

    const section = page.getByRole('region', { name: new RegExp(shown.replace('.', '\\.')) });
    await expect(section).toContainText(proEmail);
    await section.getByRole('button', { name: `Publier le profil de ${shown}` }).click();
    await expect(page.getByRole('status')).toContainText('Profil publié');
    await expect(page.getByRole('region', { name: new RegExp(shown.replace('.', '\\.')) })).toHaveCount(0);
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Statistiques' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Statistiques');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Signalements' }).click();
    await expectAccessible(page);
    // Connecté, mais un formulaire sans le bon jeton anti-CSRF : refusé (403), rien n'est fait.
    const forged = await page.request.post(page.url(), {
      headers: { origin: new URL(page.url()).origin, 'content-type': 'application/x-www-form-urlencoded' },
      data: 'csrf=faux&report=1&resolution=x',
    });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain('Formulaire expiré : rechargez la page et recommencez.');

    await waitForMail(proEmail, 'Votre profil est publié');
    await page.goto('/rencontrer-un-pro/?metier=D1102&commune=Saumur');
    await expect(page.locator('main')).toContainText(shown);
    await expect(page.locator('main')).not.toContainText(proEmail);

    await page.goto('/admin/');
    await page.getByRole('button', { name: /Se déconnecter/ }).click();
    await page.goto('/admin/');
    await expect(page).toHaveURL(/\/admin\/connexion\/$/);
  });

  test('un lien falsifié ou inconnu donne une page en français, jamais une erreur 500', async ({ page }) => {
    for (const path of ['/rencontrer-un-pro/repondre/?t=abc.def', '/rencontrer-un-pro/confirmer/?t=', '/rencontrer-un-pro/mon-profil/?t=%00', '/rencontrer-un-pro/signaler/?t=x.y.z']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(400);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ce lien n’est pas valide');
      await expectAccessible(page);
    }
    const missing = await page.goto('/rencontrer-un-pro/pro/inconnu00000/');
    expect(missing?.status()).toBe(404);
    await expectAccessible(page);
  });

  test('pages du parcours à 360 px de large : pas de défilement horizontal', async ({ page }) => {
    const pro = seedPro();
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of ['/rencontrer-un-pro/?metier=D1104&commune=Angers', `/rencontrer-un-pro/pro/${pro.id}/`, '/rencontrer-un-pro/devenir-pro/', '/admin/connexion/']) {
      await page.goto(path);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360);
    }
  });

  test('hors production et sans SMTP, /dev/mails montre les e-mails écrits en local comme on les lit', async ({ page }) => {
    const pro = seedPro();
    const email = uniqueEmail('dev');
    await page.goto(`/rencontrer-un-pro/mon-profil/lien/`);
    await page.getByLabel('E-mail').fill(pro.email);
    await page.getByRole('button', { name: 'Recevoir le lien' }).click();
    await expect(page.getByRole('status')).toContainText('Si un profil existe avec cette adresse');
    const [mail] = await waitForMail(pro.email, 'Votre lien pour gérer votre profil');
    // La liste : objet, destinataire, expéditeur, date (pas des noms de fichiers).
    await page.goto('/dev/mails/');
    await expectAccessible(page);
    const item = page.locator(`li[data-file="${mail!.file}"]`);
    await expect(item).toContainText(pro.email);
    await expect(item).toContainText('ne-pas-repondre@versmonmetier.example');
    await expect(item).toContainText(/\d{1,2} \p{L}+ \d{4} à \d{2}:\d{2}/u);
    await item.getByRole('link', { name: 'Votre lien pour gérer votre profil' }).click();
    // Le message : décodé (ni MIME ni quoted-printable), liens entiers et cliquables.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Votre lien pour gérer votre profil');
    await expectAccessible(page);
    const main = page.locator('main');
    await expect(main).toContainText(`Bonjour ${pro.firstName},`);
    for (const raw of ['=3D', 'Content-Type', 'Content-Transfer-Encoding', 'MIME-Version']) await expect(main).not.toContainText(raw);
    const manageUrl = /Gérer mon profil : (\S+)/.exec(mail!.text)?.[1] ?? '';
    expect(manageUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/rencontrer-un-pro\/mon-profil\/\?t=/);
    await expect(page.getByRole('region', { name: 'Le même message en version texte (logiciels sans HTML)' }).getByRole('link', { name: manageUrl })).toHaveAttribute('href', manageUrl);
    const manage = page.getByRole('region', { name: 'Le message, tel qu’il s’affiche' }).getByRole('link', { name: 'Gérer mon profil' });
    await expect(manage).toHaveAttribute('href', manageUrl);
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.setViewportSize({ width: 1280, height: 720 });
    // Le lien de gestion, cliqué depuis le message, ouvre les réglages.
    await manage.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gérer mon profil');
    // Une adresse inconnue reçoit la même réponse, et aucun e-mail.
    await page.goto(`/rencontrer-un-pro/mon-profil/lien/`);
    await page.getByLabel('E-mail').fill(email);
    await page.getByRole('button', { name: 'Recevoir le lien' }).click();
    await expect(page.getByRole('status')).toContainText('Si un profil existe avec cette adresse');
    // La pause masque le profil.
    await page.goto(linkPath(mail!.text, 'Gérer mon profil'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gérer mon profil');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Mettre mon profil en pause' }).click();
    await expect(page.getByRole('status')).toContainText('en pause');
    const hidden = await page.goto(`/rencontrer-un-pro/pro/${pro.id}/`);
    expect(hidden?.status()).toBe(404);
  });

  test('/dev/mails : un <script> dans un e-mail ne s’exécute jamais, le HTML est nettoyé', async ({ page }) => {
    const file = await writeDevMail('Message piégé', '<p>Bonjour</p><script>window.__xss = 1</script><img src="x" onerror="window.__xss = 2"><a href="javascript:window.__xss = 3">piège</a> <a href="https://vmm.example.org/ok" onclick="window.__xss = 4">bon lien</a>');
    const response = await page.goto(`/dev/mails/${file}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Message piégé');
    await expect(page.getByRole('link', { name: 'bon lien' })).toHaveAttribute('href', 'https://vmm.example.org/ok');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('main script, main img, main [onclick], main [onerror], main a[href^="javascript"]').count()).toBe(0);
    await expect(page.locator('main')).toContainText('piège');
    await expectAccessible(page);
    expect((await page.goto('/dev/mails/000000-absent.eml'))?.status()).toBe(404);
  });

  test('un formulaire envoyé d’un autre site est refusé (contrôle d’origine d’Astro)', async ({ page, baseURL }) => {
    const response = await page.request.post(`${baseURL}rencontrer-un-pro/devenir-pro/`, {
      headers: { origin: 'https://pirate.example', 'content-type': 'application/x-www-form-urlencoded' },
      data: 'firstName=A',
    });
    expect(response.status()).toBe(403);
  });
});
