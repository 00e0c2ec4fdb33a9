/**
 * La démonstration de « Rencontrer un pro » au premier démarrage, comme après `npm start` sur un
 * clone neuf : un serveur neuf (base et dossier d'e-mails temporaires, port libre, ni
 * CONTACT_PUBLIC_URL ni SITE_URL) montre les pros de démonstration, dits comme tels ; un pro de
 * démonstration reçoit une vraie demande (liens des e-mails vers le port réellement ouvert) ; le
 * compte de modération de démonstration affiché au démarrage se connecte ; un redémarrage ne
 * réinscrit rien ; en production, ce compte est refusé et l'adresse publique exigée.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { axeViolations } from './support/a11y';
import { confirmFromMail, linkPath, uniqueEmail, waitForMail } from './support/contact';
import { projectRoot } from './support/data';
import { freePort } from './support/server';
import { startServe, type ServeProcess } from './support/serve-process';

interface DemoProSource {
  firstName: string;
  lastName: string;
  email: string;
  communeCode: string;
  modes: string[];
  state: 'publie' | 'en-pause' | 'plafond-atteint' | 'en-attente';
}
const DEMO = JSON.parse(readFileSync(path.join(projectRoot, 'data/demo/pros.json'), 'utf8')) as { moderator: string; pros: DemoProSource[] };
const shown = (p: DemoProSource) => `${p.firstName} ${p.lastName.charAt(0).toLocaleUpperCase('fr')}.`;
const published = DEMO.pros.filter((p) => p.state === 'publie');
const hidden = DEMO.pros.filter((p) => p.state !== 'publie');
const pending = DEMO.pros.filter((p) => p.state === 'en-attente');

async function expectAccessible(page: Page): Promise<void> {
  await expect(page.locator('h1')).toHaveCount(1);
  expect(await axeViolations(page)).toEqual([]);
}

function credentials(output: string): { email: string; password: string } {
  const match = /Modération de démonstration \(hors production seulement\) sur \/admin\/ : e-mail (\S+), mot de passe (\S+)/.exec(output);
  if (!match) throw new Error(`compte de modération de démonstration absent de la sortie du serveur :\n${output}`);
  return { email: match[1]!, password: match[2]! };
}

async function signIn(page: Page, origin: string, email: string, password: string): Promise<number> {
  await page.goto(`${origin}/admin/connexion/`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Se connecter' }).click()]);
  return response.status();
}

test.describe.configure({ mode: 'serial' });

const work = mkdtempSync(path.join(tmpdir(), 'vmm-demo-pros-'));
const env = { CONTACT_DB_PATH: path.join(work, 'contact.sqlite'), CONTACT_MAIL_DIR: path.join(work, 'mails') };
let server: ServeProcess;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startServe(env);
});

test.afterAll(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

test('premier démarrage : « Rencontrer un pro » liste les pros de démonstration, dits comme tels', async ({ page }) => {
  test.setTimeout(120_000);
  expect(server.output()).toContain(`${DEMO.pros.length} pros de démonstration (${DEMO.pros.length} inscrits à l’instant par le parcours réel)`);
  await page.goto(`${server.origin}/rencontrer-un-pro/`);
  await expect(page.getByRole('heading', { level: 2, name: `${published.length} pros disponibles` })).toBeVisible();
  await expect(page.getByTestId('demo-pros')).toContainText('Démonstration : les profils marqués « Profil de démonstration » sont inventés');
  const cards = page.locator('article.pro-card');
  await expect(cards).toHaveCount(published.length);
  await expect(cards.filter({ hasText: 'Profil de démonstration' })).toHaveCount(published.length);
  for (const departement of ['44', '49', '53', '72', '85']) expect(await cards.filter({ hasText: `(${departement})` }).count(), departement).toBeGreaterThanOrEqual(5);
  const main = page.locator('main');
  for (const p of hidden) await expect(main, `${shown(p)} (${p.state}) ne doit pas être listé`).not.toContainText(shown(p));
  await expectAccessible(page);
  // Chercher marche sur les pros de démonstration : un métier près d'une commune.
  await page.goto(`${server.origin}/rencontrer-un-pro/?metier=D1104&commune=Angers&rayon=30`);
  await expect(page.locator('h2#resultats')).toContainText('Pâtissier / Pâtissière, à 30 km de Angers');
  expect(await cards.count()).toBeGreaterThanOrEqual(1);
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test('un pro de démonstration : sa page le dit, et une demande passe par le vrai relais, liens vers le port ouvert', async ({ page }) => {
  test.setTimeout(120_000);
  const pro = published.find((p) => p.communeCode === '49099' && p.modes.includes('telephone'))!;
  await page.goto(`${server.origin}/rencontrer-un-pro/?commune=Cholet&rayon=10`);
  await page.locator('article.pro-card').filter({ hasText: shown(pro) }).getByRole('link', { name: shown(pro) }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Écrire à ${shown(pro)}`);
  await expect(page.getByTestId('demo-pro')).toContainText('Profil de démonstration : cette personne et son employeur sont inventés.');
  await expect(page.locator('main')).not.toContainText(pro.email);
  await expect(page.locator('main')).not.toContainText(pro.lastName);
  await expectAccessible(page);

  const sandrine = uniqueEmail('sandrine');
  await page.getByLabel('Prénom').fill('Sandrine');
  await page.getByLabel('E-mail', { exact: true }).fill(sandrine);
  await page.getByLabel('Votre situation').selectOption({ label: 'Demandeur·se d’emploi' });
  await page.getByLabel('Votre âge').selectOption({ label: '26 à 44 ans' });
  await page.getByRole('radio', { name: 'Téléphone' }).check();
  await page.getByLabel('Ce que vous voulez savoir').fill('Bonjour, je n’ai pas de voiture : peut-on échanger par téléphone sur votre métier ?');
  await page.getByRole('checkbox', { name: /J’accepte/ }).check();
  await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
  await expect(page).toHaveURL(/\/rencontrer-un-pro\/demande-envoyee\/$/);
  await confirmFromMail(page, sandrine, 'Confirmez votre demande', 'Confirmer ma demande', { dir: env.CONTACT_MAIL_DIR, origin: server.origin });
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Demande envoyée');

  const [toPro] = await waitForMail(pro.email, 'Nouvelle demande d’échange de Sandrine', 1, env.CONTACT_MAIL_DIR);
  // Sans adresse publique donnée, les liens portent l'adresse et le port où le serveur écoute (pas localhost:4321).
  await page.goto(`${server.origin}${linkPath(toPro!.text, 'Accepter la demande', server.origin)}`);
  await page.getByRole('button', { name: 'Accepter et échanger nos coordonnées' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Demande acceptée');
  const [details] = await waitForMail(sandrine, 'accepte d’échanger avec vous', 1, env.CONTACT_MAIL_DIR);
  expect(details!.text).toContain(pro.email);
});

test('le compte de modération de démonstration affiché au démarrage se connecte et publie un profil en attente', async ({ page }) => {
  test.setTimeout(120_000);
  const { email, password } = credentials(server.output());
  expect(email).toBe(DEMO.moderator);
  expect(await signIn(page, server.origin, email, 'mauvais mot de passe')).toBe(401);
  expect(await signIn(page, server.origin, email, password)).toBe(303);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Profils à relire');
  for (const p of pending) {
    const region = page.getByRole('region', { name: new RegExp(shown(p).replace('.', '\\.')) });
    await expect(region).toContainText(p.email);
    await expect(region).toContainText('Profil de démonstration');
  }
  await expectAccessible(page);
  const first = pending[0]!;
  await page.getByRole('button', { name: `Publier le profil de ${shown(first)}` }).click();
  await expect(page.getByRole('status')).toContainText('Profil publié');
  await page.goto(`${server.origin}/rencontrer-un-pro/`);
  await expect(page.getByRole('heading', { level: 2, name: `${published.length + 1} pros disponibles` })).toBeVisible();
  await expect(page.locator('article.pro-card').filter({ hasText: shown(first) })).toContainText('Profil de démonstration');
});

test('redémarrage sur la même base : rien n’est réinscrit, même compte de modération', async ({ page }) => {
  test.setTimeout(120_000);
  const before = credentials(server.output());
  await server.stop();
  server = await startServe(env);
  expect(server.output()).toContain(`Rencontrer un pro : ${DEMO.pros.length} pros de démonstration. Modération`);
  expect(server.output()).not.toContain('inscrits à l’instant');
  expect(credentials(server.output())).toEqual(before);
  await page.goto(`${server.origin}/rencontrer-un-pro/`);
  await expect(page.getByRole('heading', { level: 2, name: `${published.length + 1} pros disponibles` })).toBeVisible();
});

test('en production : adresse publique exigée, et le compte de modération de démonstration est refusé', async ({ page }) => {
  test.setTimeout(180_000);
  const { email, password } = credentials(server.output());
  await server.stop();
  const production = { ...env, NODE_ENV: 'production', CONTACT_SECRET: 'cle-de-production-pour-le-test-0123456789', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(await freePort()) };
  // Sans CONTACT_PUBLIC_URL ni SITE_URL : le serveur refuse de démarrer (src/http/production.ts), et dit en
  // français ce qui manque.
  const refusal = await startServe(production).then(
    async (started) => {
      await started.stop();
      return 'démarré';
    },
    (error: Error) => error.message,
  );
  expect(refusal).toContain('Démarrage refusé : NODE_ENV=production');
  expect(refusal).toContain('CONTACT_PUBLIC_URL (ou SITE_URL) manque');
  // Avec l'adresse publique : le compte de démonstration est supprimé, rien n'est semé.
  server = await startServe({ ...production, CONTACT_PUBLIC_URL: 'https://versmonmetier.example.org' });
  expect(server.output()).toContain('compte(s) de modération de démonstration supprimé(s) : interdits en production');
  expect(server.output()).not.toContain('Modération de démonstration');
  expect(await signIn(page, server.origin, email, password)).toBe(401);
  await expect(page.getByRole('alert')).toContainText('Adresse e-mail ou mot de passe incorrect.');
});
