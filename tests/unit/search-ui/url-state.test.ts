import { describe, expect, it } from 'vitest';
import { apiParams, emptyState, monthRange, pageNumbers, stateFromParams, stateToParams, withoutParam } from '../../../src/components/search/url-state';
import { emptyResultsHelp, resultsHeading, widenedNotice } from '../../../src/components/search/results-text';
import { idFromSegment, detailPath } from '../../../src/lib/links';
import { facetLabels } from '../../../src/components/search/labels';

describe('état de la recherche ⇄ adresse', () => {
  it('aller-retour : l’adresse garde tout l’état, sans les valeurs par défaut', () => {
    const url = 'q=aide+soignante&ou=Cholet+%2849300%29&commune=49099&rayon=50&a_distance=oui&niveau=3&niveau=4&handicap=oui&mois=2026-09&duree_max=400&tri=distance&page=2';
    const state = stateFromParams(new URLSearchParams(url));
    expect(state).toMatchObject({ q: 'aide soignante', commune: '49099', rayon: 50, aDistance: true, mois: '2026-09', dureeMax: 400, tri: 'distance', page: 2 });
    expect(state.filters.niveau).toEqual(['3', '4']);
    expect(stateToParams(state).toString()).toBe(url);
    expect(stateToParams(emptyState()).toString()).toBe('');
  });
  it('paramètres de l’API : mois → dates, lieu sans « à distance » → présentiel et mixte, rayon toujours donné avec un lieu', () => {
    const s = stateFromParams(new URLSearchParams('q=cariste&commune=49099&mois=2026-02'));
    const p = apiParams(s);
    expect(p.get('debut_min')).toBe('2026-02-01');
    expect(p.get('debut_max')).toBe('2026-02-28');
    expect(p.getAll('modalite')).toEqual(['presentiel', 'mixte']);
    expect(p.get('rayon')).toBe('30');
    expect(p.has('ou') || p.has('mois') || p.has('a_distance')).toBe(false);
    expect(apiParams({ ...s, aDistance: true }).getAll('modalite')).toEqual([]);
    expect(apiParams({ ...s, commune: null }).has('rayon')).toBe(false);
  });
  it('mois invalides ignorés ; retirer un paramètre le remet à sa valeur par défaut', () => {
    expect(monthRange('2026-13')).toBeNull();
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    const s = stateFromParams(new URLSearchParams('rayon=-5&niveau=42&lat=1&lon=2&page=99999'));
    expect(withoutParam(s, 'rayon').rayon).toBe(30);
    expect(withoutParam(s, 'niveau').filters.niveau).toEqual([]);
    expect(withoutParam(s, 'lat')).toMatchObject({ lat: null, lon: null, commune: null });
    expect(withoutParam(s, 'page').page).toBe(1);
  });
  it('pages proposées autour de la page courante', () => {
    expect(pageNumbers(1, 1)).toEqual([1]);
    expect(pageNumbers(5, 20)).toEqual([1, null, 4, 5, 6, null, 20]);
    expect(pageNumbers(3, 20)).toEqual([1, 2, 3, 4, null, 20]);
  });
});

describe('adresse d’une formation', () => {
  const known = new Set(['VMM-A0000001', 'A/B 1']);
  it('`{id}-{slug}` : l’identifiant, même avec des tirets ou des caractères spéciaux', () => {
    expect(detailPath('VMM-A0000001', 'Diplôme d’État d’aide-soignant (DEAS)')).toBe('/formations/VMM-A0000001-diplome-d-etat-d-aide-soignant-deas');
    expect(idFromSegment('VMM-A0000001-diplome-d-etat-d-aide-soignant-deas', (id) => known.has(id))).toBe('VMM-A0000001');
    expect(idFromSegment('VMM-A0000001', (id) => known.has(id))).toBe('VMM-A0000001');
    expect(idFromSegment(detailPath('A/B 1', 'x').slice('/formations/'.length), (id) => known.has(id))).toBe('A/B 1');
    expect(idFromSegment('inconnu-123', (id) => known.has(id))).toBeUndefined();
    expect(idFromSegment('%E0%A4%A', (id) => known.has(id))).toBeUndefined();
  });
});

describe('phrases des résultats', () => {
  const labels = facetLabels([]);
  it('titre et élargissement', () => {
    expect(resultsHeading(0)).toBe('Aucune formation trouvée');
    expect(resultsHeading(1)).toBe('1 formation trouvée');
    expect(resultsHeading(1234)).toBe('1\u202f234 formations trouvées');
    expect(widenedNotice({ elargi: true, rayon_km: 20, total: 3 }, 10, 'Saumur')).toBe('Aucune formation sur place à moins de 10 km de Saumur : nous avons élargi la recherche à 20 km.');
    expect(widenedNotice({ elargi: false, rayon_km: 30, total: 3 }, 30, 'Saumur')).toBeNull();
  });
  it('rien trouvé : ce qui a été cherché, et des recherches plus larges', () => {
    const s = stateFromParams(new URLSearchParams('q=zz&commune=49099&rayon=20&niveau=3'));
    const help = emptyResultsHelp(s, { rayon_km: 20 }, 'Cholet', labels);
    expect(help.searched).toBe('Nous avons cherché « zz », à moins de 20 km de Cholet, avec 1 filtre : aucune formation ne correspond.');
    expect(help.suggestions.map((x) => x.label)).toEqual([
      'Chercher jusqu’à 30 km',
      'Inclure les formations à distance',
      'Retirer le filtre « Niveau 3 — CAP, BEP »',
      'Chercher « zz » partout, sans filtre',
    ]);
    expect(help.suggestions[0]?.state.rayon).toBe(30);
    expect(help.suggestions[2]?.state.filters.niveau).toEqual([]);
  });
});
