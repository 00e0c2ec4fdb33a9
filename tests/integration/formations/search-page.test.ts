/** La page de recherche côté serveur, sur les données construites et le vrai moteur embarqué. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiServices, type ApiServices } from '../../../src/http/services';
import { loadEmbeddedEngine } from '../../../src/search/embedded';
import { resolveDataDir } from '../../../src/catalog/files';
import { loadCatalog } from '../../../src/catalog/index';
import { searchPage, type SearchPageDeps } from '../../../src/formations/search-page';
import { resolveCommuneText } from '../../../src/territories/place';
import { courseJsonLd, insertionView, type InsertionFigureView } from '../../../src/formations/detail-view';

let services: ApiServices;
let deps: SearchPageDeps;

beforeAll(async () => {
  services = createApiServices();
  const engine = await loadEmbeddedEngine(resolveDataDir());
  deps = { geo: services.geo, schema: services.formationsParams, insertion: services.insertion, engine };
});

describe('searchPage', () => {
  it('« Où ? » en texte (sans JavaScript) : la commune est retrouvée', async () => {
    expect(resolveCommuneText(services.geo, 'cholet')).toMatchObject({ ok: true, commune: { inseeCode: '49099' } });
    expect(resolveCommuneText(services.geo, 'Cholet (49300)')).toMatchObject({ ok: true, commune: { inseeCode: '49099' } });
    expect(resolveCommuneText(services.geo, '49300')).toMatchObject({ ok: true, commune: { inseeCode: '49099' } });
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
  it('commune hors région ou inconnue en texte : un message, et la recherche sans lieu', async () => {
    const view = await searchPage(new URLSearchParams('q=cuisine&ou=Paris'), deps);
    expect(view.messages[0]).toBe('Où : Paris n’est pas en Pays de la Loire : le site ne montre que les formations de la région, et celles à distance. Tapez une commune de la région proche de chez vous.');
    const typo = await searchPage(new URLSearchParams('q=cuisine&ou=Cholett'), deps);
    expect(typo.messages[0]).toBe('Où : Aucune commune des Pays de la Loire ne s’appelle « Cholett ». Vouliez-vous dire Cholet (49300) ?');
    expect(typo.state.commune).toBeNull();
    expect(view.origin).toBeNull();
  });
});

describe('page d’une formation : insertion et JSON-LD', () => {
  it('insertion : taux, masquage sous 20 sortants, absence dite ; chaque chiffre dit sur qui il porte et qui l’a produit', () => {
    expect(insertionView({ insertion: { statut: 'absent', message: 'Pas de donnée d’insertion pour cette formation.' }, insertion_autres: [] })).toEqual({
      status: 'absent',
      figures: [],
      message: 'Pas de donnée d’insertion pour cette formation.',
      demonstration: false,
    });
    const common = { source: 'inserjeunes' as const, demonstration: false, cumul: false, voie: null, region: '52', uai: null, etablissement: null };
    const hidden = { statut: 'masque' as const, message: 'moins de 20', ...common, millesime: '2023', perimetre: 'region' as const, voie: 'apprentissage' as const, portee: 'pour ce diplôme en Pays de la Loire, en apprentissage, 2023', sortants: 12 };
    const cfa = {
      statut: 'affiche' as const,
      libelle: 'Taux d’emploi 6 mois après la sortie, pour ce CFA (toutes formations), cumul 2023-2024',
      note: 'Le nombre de personnes sorties n’est pas publié pour ce CFA : ce taux réunit tous ses apprentis, toutes formations confondues.',
      ...common,
      demonstration: true,
      millesime: '2023-2024',
      cumul: true,
      perimetre: 'etablissement' as const,
      uai: '0440001A',
      etablissement: 'CFA du Bâtiment',
      portee: 'pour ce CFA (toutes formations), cumul 2023-2024',
      sortants: null,
      taux_emploi_6_mois: 62.5,
      taux_emploi_12_mois: 70,
      taux_poursuite_etudes: null,
    };
    const view = insertionView({ insertion: hidden, insertion_autres: [cfa] });
    expect(view.status).toBe('masque');
    expect(view.message).toBeNull();
    expect(view.demonstration, 'un chiffre réel parmi eux').toBe(false);
    expect(view.figures.map((f) => f.demonstration)).toEqual([false, true]);
    expect(view.figures.map((f) => [f.scope, f.status, f.title])).toEqual([
      ['region', 'masque', 'Pour ce diplôme en Pays de la Loire, en apprentissage, 2023'],
      ['etablissement', 'affiche', 'Pour ce CFA (toutes formations), cumul 2023-2024'],
    ]);
    const [masked, shown] = view.figures as [InsertionFigureView, InsertionFigureView];
    expect(masked.rates).toEqual([]);
    expect(masked.message).toBe('moins de 20');
    expect(masked.facts).toEqual([
      { label: 'Source', value: 'InserJeunes (ministères de l’Éducation nationale et du Travail)' },
      { label: 'Personnes sorties de formation', value: '12' },
    ]);
    expect(shown.rates).toEqual([
      { label: 'En emploi 6 mois après la sortie', value: '62,5 %' },
      { label: 'En emploi 12 mois après la sortie', value: '70 %' },
    ]);
    expect(shown.message).toBe(cfa.note);
    // Un chiffre de démonstration ne crédite jamais la source réelle.
    expect(shown.facts).toEqual([
      { label: 'Source', value: 'Données de démonstration (chiffre inventé)' },
      { label: 'Établissement', value: 'CFA du Bâtiment, UAI 0440001A' },
      { label: 'Personnes sorties de formation', value: 'nombre non publié' },
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
