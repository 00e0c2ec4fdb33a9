/**
 * Audit axe-core (RGAA 4.1 / WCAG 2.2 AA) : renvoie les violations lisibles, pour un message d'échec clair.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface ReadableViolation {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

export async function axeViolations(page: Page): Promise<ReadableViolation[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 10),
  }));
}

/** Largeur du document comparée à celle de la fenêtre : aucune barre de défilement horizontale. */
export async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
}

/**
 * Les éléments qui dépassent à droite de la fenêtre (hors de ceux qui défilent dans leur propre
 * cadre, comme un tableau large) : pour dire ce qui déborde quand une page défile en largeur.
 */
export async function overflowingElements(page: Page, max = 8): Promise<string[]> {
  return page.evaluate((limit) => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.right <= width + 0.5) continue;
      let parent = el.parentElement;
      let scrolls = false;
      while (parent && parent !== document.body && !scrolls) {
        scrolls = getComputedStyle(parent).overflowX !== 'visible';
        parent = parent.parentElement;
      }
      if (scrolls) continue;
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      found.push(`${el.tagName.toLowerCase()}${cls} (jusqu’à ${Math.round(rect.right)} px) « ${(el.textContent ?? '').trim().slice(0, 60)} »`);
      if (found.length >= limit) break;
    }
    return found;
  }, max);
}
