/**
 * Navigation au clavier seul : appuie sur Tab jusqu'à ce que l'élément voulu ait le focus.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export async function tabUntilFocused(page: Page, target: Locator, maxPresses = 80): Promise<number> {
  await expect(target).toHaveCount(1);
  for (let presses = 1; presses <= maxPresses; presses++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return presses;
  }
  const active = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200) ?? '(aucun)');
  throw new Error(`Élément jamais atteint après ${maxPresses} appuis sur Tab ; focus actuel : ${active}`);
}
