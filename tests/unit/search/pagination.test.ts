import { describe, expect, it } from 'vitest';
import { MAX_PAGE, MAX_PER_PAGE, MAX_RESULT_WINDOW, lastPage } from '../../../src/search/pagination';
import { MAX_PAGE as API_MAX_PAGE } from '../../../src/http/params';
import { SearchQuery } from '../../../src/search/query';

describe('pagination commune aux moteurs, à l’API et à la page', () => {
  it('dernière page : au moins 1, arrondie au-dessus', () => {
    expect(lastPage(0, 20)).toBe(1);
    expect(lastPage(1, 20)).toBe(1);
    expect(lastPage(20, 20)).toBe(1);
    expect(lastPage(21, 20)).toBe(2);
  });

  it('jamais au-delà de ce que l’API accepte et que Meilisearch rend, quelle que soit la taille', () => {
    // 49 079 actions (banc à 100 000 sessions), 20 par page : 2 454 pages, dont seules 1 000 sont servies.
    expect(lastPage(49_079, 20)).toBe(MAX_PAGE);
    expect(lastPage(1_000_000, MAX_PER_PAGE)).toBe(MAX_PAGE);
    expect(lastPage(1_000_000, MAX_PER_PAGE) * MAX_PER_PAGE).toBeLessThanOrEqual(MAX_RESULT_WINDOW);
  });

  it('l’API et le modèle de requête partagent la borne', () => {
    expect(API_MAX_PAGE).toBe(MAX_PAGE);
    expect(SearchQuery.parse({ page: MAX_PAGE }).page).toBe(MAX_PAGE);
    expect(() => SearchQuery.parse({ page: MAX_PAGE + 1 })).toThrow();
  });
});
