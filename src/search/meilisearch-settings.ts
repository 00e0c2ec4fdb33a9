/**
 * Réglages de l'index Meilisearch, déclarés dans le code (jamais à la main dans la console) :
 * `reindex` les applique à chaque réindexation, avant l'ajout des documents.
 *
 * Forme des documents indexés (voir `toMeiliDocument` dans `meilisearch.ts`) :
 *  - `document` : l'ActionDocument tel quel, seul champ affiché (rendu dans les résultats) ;
 *  - champs de recherche, de filtre et de tri à plat, au premier niveau (ci-dessous).
 */
import type { Settings } from 'meilisearch';
import { FACETS } from './query';
import { MIN_WORD_SIZE_FOR_TYPOS, STOP_WORDS_FR } from './analyzer';
import { toMeilisearchSynonyms } from './synonyms';

/** Champs cherchables, du plus important au moins important (règle de classement `attribute`). */
export const SEARCHABLE_ATTRIBUTES = ['title', 'metierLabels', 'organismeName', 'description'] as const;

/**
 * Champs filtrables : toutes les facettes (une facette doit être filtrable), plus les champs
 * des filtres sans facette. `sessionStartDays` et `durationHours` sont numériques : Meilisearch
 * ne compare (`>=`, `<=`, `TO`) que des nombres, pas des chaînes de dates.
 */
export const FILTERABLE_ATTRIBUTES = [...FACETS, 'romeCodes', 'distanceLearning', 'sessionStartDays', 'durationHours', '_geo'] as const;

/** `nextStartDay` : prochain début en jours depuis le 1970-01-01 (tri « date »). */
export const SORTABLE_ATTRIBUTES = ['nextStartDay', 'insertionRate', 'reviewScore', 'reviewCount', '_geo', 'distanceLearning'] as const;

/**
 * `sort` EN TÊTE : un tri demandé (date, insertion, note, distance) est strict, la pertinence ne
 * fait que départager, comme dans le moteur embarqué. En « pertinence » avec du texte, la requête
 * n'envoie aucun tri (`buildSort`) : la règle `sort` n'a alors aucun effet. Avec `sort` après
 * `attribute` (ordre par défaut de Meilisearch), « trier par date » ne trierait qu'à l'intérieur
 * de chaque paquet de pertinence : des dates dans le désordre à l'écran.
 */
export const RANKING_RULES = ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'] as const;

/** Seul l'ActionDocument est renvoyé (la distance est calculée par l'adaptateur). */
export const DISPLAYED_ATTRIBUTES = ['document'] as const;

export const MAX_VALUES_PER_FACET = 200;
export const MAX_TOTAL_HITS = 10_000;

export function buildMeilisearchSettings(): Settings {
  return {
    searchableAttributes: [...SEARCHABLE_ATTRIBUTES],
    filterableAttributes: [...FILTERABLE_ATTRIBUTES],
    sortableAttributes: [...SORTABLE_ATTRIBUTES],
    displayedAttributes: [...DISPLAYED_ATTRIBUTES],
    rankingRules: [...RANKING_RULES],
    localizedAttributes: [{ attributePatterns: [...SEARCHABLE_ATTRIBUTES], locales: ['fra'] }],
    synonyms: toMeilisearchSynonyms(),
    stopWords: [...STOP_WORDS_FR],
    typoTolerance: { enabled: true, minWordSizeForTypos: { ...MIN_WORD_SIZE_FOR_TYPOS } },
    faceting: { maxValuesPerFacet: MAX_VALUES_PER_FACET },
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
  };
}
