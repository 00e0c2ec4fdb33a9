/** La page de recherche côté serveur, sur les données construites et le vrai moteur embarqué. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiServices, type ApiServices } from '../../../src/api/services';
import { loadEmbeddedEngine } from '../../../src/search/embedded';
import { resolveDataDir } from '../../../src/catalog/files';
import { loadCatalog } from '../../../src/catalog';
import { resolvePlaceText, searchPage, type SearchPageDeps } from '../../../src/search-ui/search-page';
import { courseJsonLd, insertionView } from '../../../src/search-ui/detail';

let services: ApiServices;
let deps: SearchPageDeps;

beforeAll(async () => {
  services = createApiServices();
  const engine = await loadEmbeddedEngine(resolveDataDir());
  deps = { geo: services.geo, schema: services.formationsParams, insertion: services.insertion, engine };
});

describe('searchPage', () => {
  it('« Où ? » en texte (sans JavaScript) : la commune est retrouvée', async () => {
    expect(resolvePlaceText(services.geo, 'cholet')?.inseeCode).toBe('49099');
    expect(resolvePlaceText(services.geo, 'Cholet (49300)')?.inseeCode).toBe('49099');
    expect(resolvePlaceText(services.geo, '49300')?.inseeCode).toBe('49099');
    const view = await searchPage(new URLSearchParams('q=aide+soignante&ou=cholet'), deps);
    expect(view.state).toMatchObject({ commune: '49099', ou: 'Cholet (49300)' });
    expect(view.origin?.label).toBe('Cholet');
    expect(view.messages).toEqual([]);
    expect(view.response.total).toBeGreaterThan(0);
    for (const r of view.response.resultats) expect(r.distance_km!).toBeLessThanOrEqual(30);
  });
  it('un code de commune qui ne correspond plus au texte retapé : le texte gagne', async () => {
    const view = await searchPage(new URLSearchParams('ou=Saumur&commune=49099'), deps);
    expect(view.state.commune).toBe('49328');
  });
  it('adresse modifiée à la main : chaque valeur refusée est retirée, avec un message français', async () => {
    const view = await searchPage(new URLSearchParams('q=cuisine&rayon=-5&niveau=42&tri=zzz&page=99999&commune=99999&mois=2026-13'), deps);
    for (const field of ['Niveau', 'Tri', 'Page', 'Où', 'Distance maximale']) expect(view.messages.some((m) => m.startsWith(`${field} :`)), field).toBe(true);
    expect(view.state).toMatchObject({ tri: 'pertinence', page: 1, commune: null });
    expect(view.response.total).toBeGreaterThan(0);
  });
  it('page au-delà de la dernière : la dernière page, et on le dit', async () => {
    const view = await searchPage(new URLSearchParams('q=aide+soignant&page=900'), deps);
    expect(view.state.page).toBe(Math.ceil(view.response.total / 20));
    expect(view.response.resultats.length).toBeGreaterThan(0);
    expect(view.messages.join(' ')).toContain('Voici la dernière');
  });
  it('commune inconnue en texte : un message, et la recherche sans lieu', async () => {
    const view = await searchPage(new URLSearchParams('q=cuisine&ou=Paris'), deps);
    expect(view.messages[0]).toContain('nous ne trouvons pas « Paris »');
    expect(view.origin).toBeNull();
  });
});

describe('page d’une formation : insertion et JSON-LD', () => {
  it('insertion : taux, masquage sous 20 sortants, absence dite', () => {
    expect(insertionView({ statut: 'absent', message: 'Pas de donnée d’insertion pour cette formation.' })).toMatchObject({ status: 'absent', rates: [], message: 'Pas de donnée d’insertion pour cette formation.' });
    const hidden = insertionView({ statut: 'masque', message: 'moins de 20', source: 'inserjeunes', millesime: '2023', perimetre: 'region', sortants: 12 });
    expect(hidden.rates).toEqual([]);
    expect(hidden.facts.find((f) => f.label.startsWith('Personnes'))?.value).toBe('12');
    const shown = insertionView({ statut: 'affiche', source: 'inserjeunes', millesime: '2023', perimetre: 'etablissement-formation', sortants: 40, taux_emploi_6_mois: 62.5, taux_emploi_12_mois: 70, taux_poursuite_etudes: null });
    expect(shown.rates).toEqual([
      { label: 'En emploi 6 mois après', value: '62,5 %' },
      { label: 'En emploi 12 mois après', value: '70 %' },
    ]);
  });
  it('JSON-LD Course + CourseInstance, et AggregateRating seulement avec des avis', () => {
    const details = loadCatalog().offer().actions.map((a) => services.details.get(a.id)!);
    const rated = details.find((d) => d.avis.resume !== null)!;
    const unrated = details.find((d) => d.avis.resume === null)!;
    const ld = courseJsonLd(rated, 'https://example.org/x');
    expect(ld['@type']).toBe('Course');
    expect((ld.hasCourseInstance as { '@type': string }[]).every((i) => i['@type'] === 'CourseInstance')).toBe(true);
    expect(ld.aggregateRating).toMatchObject({ '@type': 'AggregateRating', reviewCount: rated.avis.resume!.nombre });
    expect(courseJsonLd(unrated, 'https://example.org/y').aggregateRating).toBeUndefined();
  });
});
