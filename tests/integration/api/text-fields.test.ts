/**
 * Les textes LHEO dans l'API (issue 15, §8) : jamais de HTML brut, le texte en clair et le même
 * HTML nettoyé que les pages, documentés dans l'OpenAPI.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/catalog/catalog';
import { createFormationDetails } from '../../../src/http/formation-detail';
import { FormationDetail } from '../../../src/http/schemas';
import { buildOpenApiDocument } from '../../../src/http/openapi';
import { createApiServices } from '../../../src/http/services';
import { safeLheoHtml } from '../../../src/formations/rich-text';

const HOSTILE = '<p>Devenir <b>aide-soignant</b><script>window.__pwned=1</script></p><img src=x onerror="alert(1)"><ul><li><a href="javascript:alert(1)">piège</a></li><li>soins &amp; hygiène</li></ul>';
const DANGER = /<script|onerror|javascript:|<img/i;

const catalog = loadCatalog();
const offer = catalog.offer();
const action = offer.actions[0]!;
const formation = offer.formations.find((f) => f.id === action.formationId)!;
const organisme = offer.organismes.find((o) => o.id === action.organismeId)!;

const details = createFormationDetails({
  ...offer,
  formations: offer.formations.map((f) => (f.id === formation.id ? { ...f, title: `Aide-soignant <script>alert(1)</script><b>DEAS</b>`, objective: HOSTILE, content: HOSTILE, expectedResults: 'Texte simple\n\nsur deux paragraphes' } : f)),
  organismes: offer.organismes.map((o) => (o.id === organisme.id ? { ...o, name: 'Centre <img src=x onerror=alert(1)>Formation' } : o)),
  actions: offer.actions.map((a) => (a.id === action.id ? { ...a, prerequisites: '<b onclick="x()">Aucun</b>' } : a)),
  reviews: catalog.reviews(),
  getMetier: (code) => catalog.getMetier(code),
  insertionFigures: () => [],
});

describe('textes LHEO dans GET /api/formations/{id}', () => {
  const d = details.get(action.id)!;

  it('aucun HTML brut : texte en clair, HTML nettoyé comme sur les pages', () => {
    expect(FormationDetail.parse(d)).toEqual(d);
    expect(JSON.stringify(d)).not.toMatch(DANGER);
    expect(d.formation.intitule).toBe('Aide-soignant DEAS');
    expect(d.formation.objectif).toBe('Devenir aide-soignant\nsoins & hygiène');
    expect(d.formation.objectif_html).toBe(safeLheoHtml(HOSTILE));
    expect(d.formation.objectif_html).toContain('<b>aide-soignant</b>');
    expect(d.formation.contenu_html).toContain('<li>soins &amp; hygiène</li>');
    expect(d.organisme.nom).toBe('Centre Formation');
    expect(d.prerequis).toBe('Aucun');
  });

  it('un texte sans balise reste tel quel, ses paragraphes aussi', () => {
    expect(d.formation.resultats_attendus).toBe('Texte simple\n\nsur deux paragraphes');
    expect(d.formation.resultats_attendus_html).toBe('<p>Texte simple</p><p>sur deux paragraphes</p>');
  });

  it('l’OpenAPI documente le texte brut et le HTML nettoyé', () => {
    const text = JSON.stringify(buildOpenApiDocument(createApiServices().formationsParams));
    expect(text).toContain('objectif_html');
    expect(text).toContain('HTML nettoyé');
    expect(text).not.toContain('peut contenir du HTML LHEO');
  });
});
