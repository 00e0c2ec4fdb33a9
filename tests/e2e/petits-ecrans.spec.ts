/**
 * Sur un écran de 320 px (un petit téléphone, ou le zoom à 400 %), aucune page ne défile en
 * largeur : chaque type de page, avec les contenus les plus longs des données (adresse web et
 * e-mail d'organisme, intitulés, noms) et un « pro » aux mots très longs. Les mots longs, les
 * adresses web et les e-mails passent à la ligne (règle commune de src/styles/global.css) ; un
 * tableau trop large défile dans son propre cadre.
 */
import { groupActions } from '../../src/domain/grouping';
import type { Action } from '../../src/domain/offer';
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { metierSlug } from '../../src/lib/slug';
import { horizontalOverflow, overflowingElements } from './support/a11y';
import { ensureDb, seedPro } from './support/contact';
import { dataDir, readMetiers } from './support/data';

const WIDTH = 320;

interface RawContact {
  email: string | null;
  website: string | null;
}
interface RawOfferFull {
  organismes: { id: string; contact: RawContact | null }[];
  formations: { id: string; title: string; romeCodes: string[] }[];
  actions: { id: string; formationId: string; organismeId: string; place: { postcode: string | null } | null; contact: RawContact | null }[];
}

const offer = JSON.parse(readFileSync(path.join(dataDir, 'offre.json'), 'utf8')) as RawOfferFull;
const metiers = readMetiers();
const territoires = (JSON.parse(readFileSync(path.join(dataDir, 'geo', 'territoires.json'), 'utf8')) as { territoires: { slug: string }[] }).territoires;

const contactLength = (c: RawContact | null | undefined) => (c?.website?.length ?? 0) + (c?.email?.length ?? 0);
const organismes = new Map(offer.organismes.map((o) => [o.id, o]));
const formations = new Map(offer.formations.map((f) => [f.id, f]));
const metierCodes = new Set(metiers.map((m) => m.code));

/** L'action dont l'organisme a l'adresse web et l'e-mail les plus longs, avec un métier et un code postal. */
const longest = offer.actions
  .filter((a) => a.place?.postcode && formations.get(a.formationId)?.romeCodes.some((c) => metierCodes.has(c)))
  .map((a) => ({ action: a, length: contactLength(organismes.get(a.organismeId)?.contact) + contactLength(a.contact) }))
  .sort((a, b) => b.length - a.length)[0]?.action;
if (!longest) throw new Error('Test : aucune action avec un métier et un code postal dans les données');
const formation = formations.get(longest.formationId)!;
// La carte de la recherche qui réunit cette action (même formation, même organisme, même lieu) porte l'identifiant de sa première action.
const cardId = groupActions(offer.actions as unknown as Action[], (a) => formations.get(a.formationId)).find((g) => g.some((a) => a.id === longest.id))![0]!.id;
const metier = metiers.find((m) => formation.romeCodes.includes(m.code))!;
const postcode = longest.place!.postcode!;
const longestLabel = [...metiers].sort((a, b) => b.label.length - a.label.length)[0]!;

async function expectNoHorizontalScroll(page: Page, what: string): Promise<void> {
  const { scrollWidth } = await horizontalOverflow(page);
  const detail = scrollWidth > WIDTH ? `\n${(await overflowingElements(page)).join('\n')}` : '';
  expect(scrollWidth, `${what} : la page fait ${scrollWidth} px de large à ${WIDTH} px${detail}`).toBeLessThanOrEqual(WIDTH);
}

const PAGES: { name: string; path: string | (() => string); status?: number; check?: (page: Page) => Promise<void> }[] = [
  { name: 'accueil', path: '/' },
  { name: 'recherche de formations, vide', path: '/formations' },
  {
    name: 'recherche de formations, avec des résultats',
    path: () => `/formations?q=${encodeURIComponent(formation.title)}&ou=${postcode}`,
    check: async (page) => expect(page.locator(`main a[href^="/formations/${cardId}"]`).first()).toBeVisible(),
  },
  { name: 'fiche formation (contact le plus long)', path: () => `/formations/${encodeURIComponent(longest.id)}`, check: async (page) => expect(page.locator('h1')).toContainText(formation.title) },
  { name: 'liste des métiers', path: '/metiers/' },
  { name: 'fiche métier (intitulé le plus long)', path: () => `/metiers/${metierSlug(longestLabel)}/` },
  { name: 'métiers de A à Z', path: '/metiers/a-z/' },
  { name: 'recherche de métiers', path: '/metiers/recherche/?q=agent' },
  {
    name: 'un métier près de chez vous, avec des résultats',
    path: () => `/metiers/${metierSlug(metier)}/pres-de-chez-vous/?commune=${postcode}`,
    check: async (page) => expect(page.locator('main a[href^="/formations/"]').first()).toBeVisible(),
  },
  { name: 'recruter, vide', path: '/entreprises/' },
  {
    name: 'recruter, avec des résultats (organisme au contact le plus long)',
    path: () => `/entreprises/?metier=${metier.code}&ajout=&commune=${postcode}&rayon=30&territoire=`,
    check: async (page) => expect(page.locator(`article.organisme[data-organisme="${longest.organismeId}"]`)).toBeVisible(),
  },
  { name: 'territoires', path: '/territoires/' },
  { name: 'un territoire', path: () => `/territoires/${territoires[0]!.slug}/` },
  { name: 'rencontrer un pro', path: '/rencontrer-un-pro/' },
  { name: 'devenir pro', path: '/rencontrer-un-pro/devenir-pro' },
  { name: 'signaler, sans lien valide', path: '/rencontrer-un-pro/signaler', status: 400 },
  { name: 'mon profil, sans lien valide', path: '/rencontrer-un-pro/mon-profil', status: 400 },
  { name: 'à propos des données', path: '/donnees/' },
  { name: 'connexion à la modération', path: '/admin/connexion' },
  { name: 'page introuvable', path: '/cette-page-n-existe-pas/', status: 404 },
];

test.describe(`Aucune page ne défile en largeur à ${WIDTH} px`, () => {
  test.use({ viewport: { width: WIDTH, height: 640 } });

  for (const { name, path: target, status = 200, check } of PAGES) {
    test(name, async ({ page }) => {
      const url = typeof target === 'string' ? target : target();
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(status);
      await check?.(page);
      await expectNoHorizontalScroll(page, `${name} (${url})`);
    });
  }

  test('rencontrer un pro : un pro aux mots très longs, dans la liste et sur sa page', async ({ page }) => {
    await ensureDb(page);
    const pro = seedPro({
      firstName: 'Marie-Bernadette-Geneviève',
      employer: 'Établissement-public-intercommunal-de-santé-des-Mauges-et-du-Choletais',
      presentation: 'Infirmière coordinatrice : https://www.etablissement-public-intercommunal-de-sante.example.org/infirmiere-coordinatrice-parcours',
    });
    await page.goto('/rencontrer-un-pro/?metier=D1104&commune=49007');
    await expect(page.locator(`article[data-pro-id="${pro.id}"]`)).toBeVisible();
    await expectNoHorizontalScroll(page, 'liste des pros');
    const response = await page.goto(`/rencontrer-un-pro/pro/${pro.id}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Marie-Bernadette-Geneviève');
    await expectNoHorizontalScroll(page, 'page d’un pro');
  });
});
