/**
 * « À propos des données » : compteurs du manifeste, sources, licences et avertissements.
 */
import { expect, test } from '@playwright/test';
import { frNumber, readManifest } from './support/data';

test('affiche les compteurs et les sources du manifeste, et les attributions', async ({ page }) => {
  const manifest = readManifest();
  await page.goto('/donnees/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('À propos des données');

  const table = page.getByRole('table', { name: 'Nombre d’éléments dans les données' });
  for (const key of ['metiers', 'formations', 'actions', 'sessions', 'organismes', 'communes', 'reviews', 'insertionStats']) {
    await expect(table.locator(`tr[data-count="${key}"] td`)).toHaveText(frNumber(manifest.counts[key] ?? NaN));
  }
  for (const source of manifest.sources) {
    await expect(page.getByRole('region', { name: 'Les sources' })).toContainText(source.name);
  }

  const demoSection = page.getByRole('region', { name: 'Données de démonstration' });
  if (manifest.demo) await expect(demoSection).toContainText('inventés');
  else await expect(demoSection).toHaveCount(0);

  const licences = page.getByRole('region', { name: 'Licences et attributions' });
  await expect(licences).toContainText('© France Travail');
  await expect(licences).toContainText('Licence Ouverte');
  await expect(licences).toContainText('Etalab / INSEE');
  await expect(licences).toContainText('GeoNames');
  await expect(licences).toContainText('CC BY 4.0');
  await expect(page.getByRole('region', { name: 'Les territoires' })).toContainText('provisoire');
});
