/**
 * Les réglages envoyés à Meilisearch (`updateSettings`), vérifiés sur l'objet que construit le
 * code : ce que le serveur en fait n'a été vérifié qu'en lisant son code (voir les fichiers
 * cités dans src/search/meilisearch-settings.ts).
 */
import { describe, expect, it } from 'vitest';
import type { GranularFilterableAttribute } from 'meilisearch';
import { MIN_WORD_SIZE_FOR_TYPOS } from '../../../src/search/analyzer';
import { buildMeilisearchSettings } from '../../../src/search/meilisearch-settings';
import { buildFilter, buildSort } from '../../../src/search/meilisearch-filters';
import { FACETS, MAX_PER_PAGE, SORTS, SearchQuery } from '../../../src/search/query';
import { MAX_PAGE as API_MAX_PAGE } from '../../../src/http/params';

describe('réglages de l’index Meilisearch', () => {
  const settings = buildMeilisearchSettings();

  it('cherche dans l’intitulé, les métiers, l’organisme puis la description, dans cet ordre', () => {
    expect(settings.searchableAttributes).toEqual(['title', 'metierLabels', 'organismeName', 'description']);
  });

  const rules = (settings.filterableAttributes ?? []).filter((r): r is GranularFilterableAttribute => typeof r !== 'string');
  const ruleFor = (field: string) => rules.find((r) => r.attributePatterns.includes(field));

  it('rend filtrables toutes les facettes et les champs des filtres, avec les seuls opérateurs utilisés', () => {
    for (const field of [...FACETS, 'romeCodes', 'distanceLearning']) {
      expect(ruleFor(field)?.features.filter, field).toEqual({ equality: true, comparison: false });
    }
    for (const field of ['sessionStartDays', 'durationHours']) expect(ruleFor(field)?.features.filter, field).toEqual({ equality: false, comparison: true });
    const patterns = rules.flatMap((r) => r.attributePatterns);
    expect(new Set(patterns).size).toBe(patterns.length);
  });

  it('ne construit aucune recherche dans les valeurs de facette (jamais utilisée)', () => {
    expect(settings.facetSearch).toBe(false);
    for (const rule of rules) expect(rule.features.facetSearch, rule.attributePatterns.join(',')).toBe(false);
    // Un nom de champ seul vaudrait « recherche de facette + tous les opérateurs » : seul _geo l'est (le serveur l'exige).
    expect((settings.filterableAttributes ?? []).filter((r) => typeof r === 'string')).toEqual(['_geo']);
  });

  it('chaque champ d’un filtre construit est filtrable avec son opérateur', () => {
    const query = SearchQuery.parse({
      romeCodes: ['D1102'],
      origin: { lat: 47.2, lon: -1.5 },
      radiusKm: 30,
      filters: { levels: [3], teachingModes: ['presentiel'], financing: ['cpf'], publics: ['80010'], departements: ['44'], territoires: ['t'], startFrom: '2027-01-01', startTo: '2027-02-01', permanentEntry: true, handicapAccessible: true, certifying: true, maxDurationHours: 400 },
    });
    for (const expression of buildFilter(query)) {
      for (const [, field, operator] of expression.matchAll(/([A-Za-z]+) (IN|=|>=|<=|\d+ TO)/g)) {
        const features = ruleFor(field ?? '')?.features.filter;
        expect(features, `${field} (${expression})`).toBeDefined();
        expect(operator === 'IN' || operator === '=' ? features?.equality : features?.comparison, `${field} ${operator}`).toBe(true);
      }
    }
  });

  it('rend triables les champs de chaque tri, tous numériques (le tri « distance » sur un rang 0/1, pas un booléen)', () => {
    expect([...(settings.sortableAttributes ?? [])].sort()).toEqual(
      ['_geo', 'distanceLearningRank', 'insertionRate', 'nextStartDay', 'reviewCount', 'reviewScore'],
    );
    for (const sort of SORTS) {
      for (const text of ['', 'cuisinier']) {
        for (const rule of buildSort(SearchQuery.parse({ sort, text, origin: { lat: 47.2, lon: -1.5 } }))) {
          const field = rule.startsWith('_geoPoint(') ? '_geo' : rule.split(':')[0];
          expect(settings.sortableAttributes, rule).toContain(field);
        }
      }
    }
  });

  it('applique d’abord le tri demandé (strict, comme le moteur embarqué), puis la pertinence', () => {
    expect(settings.rankingRules).toEqual(['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness']);
  });

  it('n’affiche que l’ActionDocument', () => {
    expect(settings.displayedAttributes).toEqual(['document']);
  });

  it('déclare le français pour tous les champs cherchables', () => {
    expect(settings.localizedAttributes).toEqual([
      { attributePatterns: ['title', 'metierLabels', 'organismeName', 'description'], locales: ['fra'] },
    ]);
  });

  it('tolère les fautes comme le moteur embarqué : 1 dès 5 lettres, 2 dès 9', () => {
    expect(settings.typoTolerance).toEqual({ enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } });
    expect(settings.typoTolerance?.minWordSizeForTypos).toEqual(MIN_WORD_SIZE_FOR_TYPOS);
  });

  it('ne déclare aucun mot vide : l’adaptateur les retire de la requête, et les cibles de synonymes les gardent', () => {
    expect(settings.stopWords).toEqual([]);
  });

  it('reprend les synonymes de data/synonymes.json (détail : tests/unit/search/synonyms.test.ts)', () => {
    const synonyms = settings.synonyms ?? {};
    expect(Object.keys(synonyms).length).toBeGreaterThan(300);
    expect(synonyms['as']).toContain('aide-soignant');
    expect(synonyms['aide soignant']).toContain('as');
    expect(synonyms['aide domicile']).toContain('assistant de vie aux familles');
  });

  it('borne les facettes ; sert toute page que l’API accepte (1 000 pages de 50)', () => {
    expect(settings.faceting).toEqual({ maxValuesPerFacet: 200 });
    const maxTotalHits = settings.pagination?.maxTotalHits ?? 0;
    expect(maxTotalHits).toBeGreaterThanOrEqual(API_MAX_PAGE * MAX_PER_PAGE);
    expect(maxTotalHits).toBe(50_000);
  });
});
