/**
 * Ce que la fiche d'une formation dit des taux d'insertion, dans Chromium, sur les données de
 * démonstration : chaque chiffre dit sur qui il porte (ce CFA toutes formations, ce diplôme dans la
 * région et sa voie), le masquage sous 20 sortants, le taux par CFA sans nombre de sortants, le
 * crédit « données de démonstration » (jamais la source réelle pour un chiffre inventé), et la même
 * chose dans les résultats de recherche et sur la page d'un métier.
 */
import { expect, test, type APIRequestContext, type Locator } from '@playwright/test';
import { axeViolations, horizontalOverflow } from './support/a11y';
import { readManifest, readOffer } from './support/data';

interface Figure {
  statut: 'affiche' | 'masque';
  perimetre: string;
  voie: string | null;
  portee: string;
  sortants: number | null;
  demonstration: boolean;
}
interface Detail {
  id: string;
  formation: { intitule: string; metiers: { code: string }[] };
  insertion: Figure | { statut: 'absent' };
  insertion_autres: Figure[];
}

type Case = 'deux' | 'masque' | 'scolaire' | 'cfa-seul' | 'absent';

/** Une fiche de chaque cas, cherchée par l'API publique dans l'ordre de l'offre. */
async function findCases(request: APIRequestContext): Promise<Map<Case, Detail>> {
  const found = new Map<Case, Detail>();
  for (const action of readOffer().actions) {
    if (found.size === 5) break;
    const d = (await (await request.get(`/api/formations/${encodeURIComponent(action.id)}`)).json()) as Detail;
    const figures = d.insertion.statut === 'absent' ? [] : [d.insertion as Figure, ...d.insertion_autres];
    const region = figures.find((f) => f.perimetre === 'region');
    const cfa = figures.find((f) => f.perimetre === 'etablissement');
    const which: Case | null =
      figures.length === 0
        ? 'absent'
        : region?.statut === 'affiche' && region.voie === 'apprentissage' && cfa
          ? 'deux'
          : region?.statut === 'masque'
            ? 'masque'
            : region?.statut === 'affiche' && region.voie === 'scolaire'
              ? 'scolaire'
              : cfa && !region
                ? 'cfa-seul'
                : null;
    if (which && !found.has(which)) found.set(which, d);
  }
  return found;
}

const PERIOD = '\\d{4}-\\d{4}';
const figureOf = (section: Locator, scope: string) => section.locator(`.insertion__figure[data-scope="${scope}"]`);

test.describe('Taux d’insertion : la fiche dit quel chiffre elle montre', () => {
  test.skip(readManifest().sources.find((s) => s.name.startsWith('Taux d’insertion'))?.kind !== 'demo', 'données d’insertion réelles : ce parcours vérifie la démo');

  let cases: Map<Case, Detail>;
  test.beforeAll(async ({ request }) => {
    cases = await findCases(request);
    expect([...cases.keys()].sort(), 'la démo montre chaque cas').toEqual(['absent', 'cfa-seul', 'deux', 'masque', 'scolaire']);
  });

  test('deux chiffres : ce diplôme dans la région en apprentissage, et ce CFA toutes formations (sans nombre de sortants) ; démonstration', async ({ page }) => {
    const d = cases.get('deux') as Detail;
    await page.goto(`/formations/${d.id}`);
    const section = page.locator('#insertion');
    await expect(section).toContainText('Voici 2 chiffres : ils ne portent pas sur les mêmes personnes.');
    const region = figureOf(section, 'region');
    await expect(region.getByRole('heading', { level: 3 })).toHaveText(new RegExp(`^Pour ce diplôme en Pays de la Loire, en apprentissage, ${PERIOD}$`));
    await expect(region.locator('.insertion__rates li').first()).toHaveText(/^\d+ % en emploi 6 mois après la sortie$/);
    await expect(region.locator('dt:text-is("Personnes sorties de formation") + dd')).toHaveText(/^\d[\d\s\u202f]*$/);
    const cfa = figureOf(section, 'etablissement');
    await expect(cfa.getByRole('heading', { level: 3 })).toHaveText(new RegExp(`^Pour ce CFA \\(toutes formations\\), cumul ${PERIOD}$`));
    await expect(cfa.locator('.insertion__rates li').first()).toHaveText(/^\d+ % en emploi 6 mois après la sortie$/);
    await expect(cfa).toContainText('Le nombre de personnes sorties n’est pas publié pour ce CFA : ce taux réunit tous ses apprentis, toutes formations confondues.');
    await expect(cfa.locator('dt:text-is("Personnes sorties de formation") + dd')).toHaveText('nombre non publié');
    // Chiffres inventés : « données de démonstration », jamais la source réelle comme crédit.
    for (const figure of [region, cfa]) {
      await expect(figure.locator('dt:text-is("Source") + dd')).toHaveText('Données de démonstration (chiffre inventé)');
      await expect(figure).not.toContainText('InserJeunes');
    }
    await section.locator('summary', { hasText: 'Comment est-ce calculé ?' }).click();
    await expect(section).toContainText('Ici, les chiffres sont des données de démonstration : ils sont inventés.');
    await expect(section).toContainText('« Pour ce CFA (toutes formations) » : tous les apprentis sortis de ce centre');
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 360, height: 800 });
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
  });

  test('moins de 20 sortants : pas de taux, et la fiche dit pourquoi', async ({ page }) => {
    const d = cases.get('masque') as Detail;
    await page.goto(`/formations/${d.id}`);
    const region = figureOf(page.locator('#insertion'), 'region');
    await expect(region).toHaveAttribute('data-status', 'masque');
    await expect(region.getByRole('heading', { level: 3 })).toHaveText(new RegExp(`^Pour ce diplôme en Pays de la Loire, en (apprentissage|voie scolaire \\(lycée\\)), ${PERIOD}$`));
    await expect(region.locator('.insertion__rates')).toHaveCount(0);
    await expect(region).toContainText(/Le taux n’est pas affiché : moins de 20 personnes sont sorties de cette formation dans la région \(tous établissements\) \(\d+\), le chiffre ne serait pas fiable\./);
  });

  test('voie scolaire : le chiffre du diplôme en lycée dans la région', async ({ page }) => {
    const d = cases.get('scolaire') as Detail;
    await page.goto(`/formations/${d.id}`);
    const region = figureOf(page.locator('#insertion'), 'region');
    await expect(region.getByRole('heading', { level: 3 })).toHaveText(new RegExp(`^Pour ce diplôme en Pays de la Loire, en voie scolaire \\(lycée\\), ${PERIOD}$`));
    await expect(region.locator('.insertion__rates li').first()).toHaveText(/^\d+ % en emploi/);
  });

  test('chiffre du CFA seul, et fiche sans donnée', async ({ page }) => {
    await page.goto(`/formations/${(cases.get('cfa-seul') as Detail).id}`);
    const section = page.locator('#insertion');
    await expect(section.locator('.insertion__figure')).toHaveCount(1);
    await expect(figureOf(section, 'etablissement').getByRole('heading', { level: 3 })).toHaveText(new RegExp(`^Pour ce CFA \\(toutes formations\\), cumul ${PERIOD}$`));
    await page.goto(`/formations/${(cases.get('absent') as Detail).id}`);
    await expect(page.locator('#insertion')).toHaveAttribute('data-status', 'absent');
    await expect(page.locator('#insertion .insertion__message')).toHaveText('Pas de donnée d’insertion pour cette formation.');
    await expect(page.locator('#insertion .insertion__figure')).toHaveCount(0);
  });

  test('résultats de recherche et page métier : le taux dit sur qui il porte, crédité « données de démonstration »', async ({ page }) => {
    const d = cases.get('deux') as Detail;
    await page.goto(`/formations?q=${encodeURIComponent(d.formation.intitule)}&tri=insertion`);
    const badge = page.locator('.result-badge--insertion').first();
    await expect(badge).toHaveText(new RegExp(`^\\d+ % : taux d’emploi (6|12) mois après la sortie, pour ce (diplôme en Pays de la Loire, en (apprentissage|voie scolaire \\(lycée\\))|CFA \\(toutes formations\\), cumul), ${PERIOD} \\(données de démonstration \\(chiffre inventé\\)\\)$`));
    const code = d.formation.metiers[0]?.code as string;
    await page.goto('/metiers/');
    await page.locator(`main a[href^="/metiers/${code}-"]`).first().click();
    const summary = page.getByRole('region', { name: 'Ce que deviennent les personnes formées' });
    const scopes = summary.locator('[data-insertion-row] [data-insertion-scope]');
    await expect(scopes.first()).toBeVisible();
    for (const text of await scopes.allTextContents()) {
      expect(text).toMatch(new RegExp(`^Chiffre pour (ce diplôme en Pays de la Loire, en (apprentissage|voie scolaire \\(lycée\\)), ${PERIOD}|le CFA « .+ » \\(toutes formations\\), cumul ${PERIOD})$`));
    }
    for (const cell of await summary.locator('[data-insertion-row] td:nth-child(5)').allTextContents()) expect(cell).toBe('Données de démonstration (chiffre inventé)');
  });
});
