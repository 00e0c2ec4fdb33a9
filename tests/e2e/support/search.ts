/**
 * L'île de recherche (SearchApp) est hydratée à la première interaction (`client:interaction`) :
 * comme une personne qui arrive dans « Quoi ? », le test y met le focus, puis attend l'île.
 */
import { expect, type Page } from '@playwright/test';

export async function enhanceSearch(page: Page): Promise<void> {
  await page.getByRole('combobox', { name: 'Quoi ?' }).focus();
  await expect(page.locator('form.search')).toHaveAttribute('data-enhanced', 'true');
}
