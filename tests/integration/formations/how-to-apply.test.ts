/**
 * « Comment s'inscrire » et sa prochaine étape (src/formations/detail-view.ts `howToApply`), sur
 * toutes les cartes de la démo : la priorité des étapes (réunion d'information, conseiller,
 * entreprise, en ligne, appel, courriel) vérifiée carte par carte, et le coût de chaque variante.
 */
import { describe, expect, it } from 'vitest';
import { createApiServices } from '../../../src/http/services';
import { cardView } from '../../../src/formations/detail-view';
import { loadCatalog } from '../../../src/catalog/index';

describe('howToApply sur la démo', () => {
  it('chaque carte a des étapes et UNE prochaine étape, choisie dans l’ordre de priorité', () => {
    const services = createApiServices();
    const today = loadCatalog().manifest().referenceDate ?? '2026-12-01';
    const seen = new Map<string, number>();
    const cards = new Set<string>();
    for (const action of loadCatalog().offer().actions) {
      const card = services.details.card(action.id)!;
      if (cards.has(card.id)) continue;
      cards.add(card.id);
      const detail = services.details.get(card.id)!;
      const view = cardView(services.details, detail, today, { franceTravail: true }, null);
      const { next, steps } = view.apply;
      seen.set(next.kind, (seen.get(next.kind) ?? 0) + 1);
      expect(steps[0]?.title).toBe('Vérifier que la formation est pour vous');
      expect(steps.some((s) => s.title === 'Quand et comment s’inscrire')).toBe(true);
      const meeting = view.variants.some((v) => v.detail.reunions_information.some((d) => d >= today));
      const counsellor = view.variants.some((v) => v.freeFor.includes('demandeur'));
      const alternance = view.variants.some((v) => v.detail.rythme_type === 'alternance');
      const expected = meeting ? 'reunion' : counsellor ? 'conseiller' : alternance ? 'entreprise' : null;
      if (expected) expect(next.kind, card.id).toBe(expected);
      else expect(['en-ligne', 'appeler', 'ecrire', 'contacter'], card.id).toContain(next.kind);
      if (next.kind === 'en-ligne') expect(next.href).toMatch(/^https?:\/\//);
      if (next.kind === 'appeler') expect(next.href).toMatch(/^tel:/);
      // Chaque variante dit son coût pour cette situation, avec ses sources.
      for (const v of view.variants) {
        expect(v.cost.phrase.length).toBeGreaterThan(10);
        expect(v.cost.sources.length).toBeGreaterThan(0);
      }
      expect(view.best).toBeDefined();
    }
    expect(cards.size).toBeGreaterThan(1000);
    // La démo montre chaque sorte de prochaine étape utile.
    for (const kind of ['reunion', 'conseiller', 'entreprise']) expect(seen.get(kind) ?? 0, kind).toBeGreaterThan(0);
  });
});
