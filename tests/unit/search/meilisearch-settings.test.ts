import { describe, expect, it } from 'vitest';
import { MIN_WORD_SIZE_FOR_TYPOS, STOP_WORDS_FR } from '../../../src/search/analyzer';
import { buildMeilisearchSettings } from '../../../src/search/meilisearch-settings';
import { FACETS } from '../../../src/search/query';
import { loadSynonyms } from '../../../src/search/synonyms';

describe('réglages de l’index Meilisearch', () => {
  const settings = buildMeilisearchSettings();

  it('cherche dans l’intitulé, les métiers, l’organisme puis la description, dans cet ordre', () => {
    expect(settings.searchableAttributes).toEqual(['title', 'metierLabels', 'organismeName', 'description']);
  });

  it('rend filtrables toutes les facettes, les champs des filtres et _geo', () => {
    const filterable = settings.filterableAttributes ?? [];
    for (const facet of FACETS) expect(filterable).toContain(facet);
    for (const field of ['romeCodes', 'distanceLearning', 'sessionStartDays', 'durationHours', '_geo']) expect(filterable).toContain(field);
    expect(new Set(filterable).size).toBe(filterable.length);
  });

  it('rend triables les champs de chaque tri, dont _geo et distanceLearning', () => {
    expect([...(settings.sortableAttributes ?? [])].sort()).toEqual(
      ['_geo', 'distanceLearning', 'insertionRate', 'nextStartDay', 'reviewCount', 'reviewScore'],
    );
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

  it('reprend les mots vides de l’analyseur, sans en retirer ni ajouter', () => {
    expect([...(settings.stopWords ?? [])].sort()).toEqual([...STOP_WORDS_FR].sort());
    expect(settings.stopWords).toContain('les');
    expect(settings.stopWords).not.toContain('ce');
  });

  it('reprend les synonymes de data/synonymes.json, non vides et symétriques', () => {
    const synonyms = settings.synonyms ?? {};
    const entries = Object.entries(synonyms);
    expect(entries.length).toBe(new Set(loadSynonyms().flatMap((g) => g.terms)).size);
    for (const [term, targets] of entries) {
      expect(targets.length, term).toBeGreaterThan(0);
      expect(targets, term).not.toContain(term);
      for (const target of targets) expect(synonyms[target], `${target} → ${term}`).toContain(term);
    }
    expect(synonyms['as']).toContain('aide-soignant');
    expect(synonyms['aide-soignant']).toContain('as');
  });

  it('borne les facettes et la pagination', () => {
    expect(settings.faceting).toEqual({ maxValuesPerFacet: 200 });
    expect(settings.pagination).toEqual({ maxTotalHits: 10_000 });
  });
});
