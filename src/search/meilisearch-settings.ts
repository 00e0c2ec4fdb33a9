/**
 * Réglages de l'index Meilisearch, déclarés dans le code (jamais à la main dans la console) :
 * `reindex` les applique à chaque réindexation, avant l'ajout des documents.
 *
 * Forme des documents indexés (voir `toMeiliDocument` dans `meilisearch.ts`) :
 *  - `document` : l'ActionDocument tel quel, seul champ affiché (rendu dans les résultats) ;
 *  - champs de recherche, de filtre et de tri à plat, au premier niveau (ci-dessous).
 *
 * Comportements du serveur cités ici : lus dans son code source (meilisearch/meilisearch, tag
 * v1.50.0), jamais observés sur un serveur (aucun ne tourne sur nos machines). Version minimale
 * du serveur : `MIN_MEILISEARCH_VERSION` (meilisearch.ts).
 */
import type { FilterableAttributes, Settings } from 'meilisearch';
import { FACETS, OFFER_FACETS } from './query';
import { MIN_WORD_SIZE_FOR_TYPOS } from './analyzer';
import { MAX_RESULT_WINDOW } from './pagination';
import { toMeilisearchSynonyms } from './synonyms';

/** Champs cherchables, du plus important au moins important (règle de classement `attribute`). */
export const SEARCHABLE_ATTRIBUTES = ['title', 'metierLabels', 'organismeName', 'description'] as const;

/**
 * Champs filtrés par égalité (`=`, `IN`) : toutes les facettes (une facette doit être
 * filtrable), les codes ROME et `distanceLearning` (un booléen : Meilisearch l'indexe comme la
 * chaîne « true » / « false », `extract_facets.rs`), et les facettes de comptage de l'offre
 * (`OFFER_FACETS` : formations, organismes, domaines, lieux, rangs de session).
 */
export const EQUALITY_FILTER_ATTRIBUTES = [...FACETS, ...OFFER_FACETS, 'romeCodes', 'distanceLearning'] as const;
/** Champs comparés (`>=`, `<=`, `TO`) : numériques, Meilisearch ne compare que des nombres. */
export const COMPARISON_FILTER_ATTRIBUTES = ['sessionStartDays', 'durationHours'] as const;

/**
 * Règles de filtre « fines » (Meilisearch ≥ 1.14) : chaque champ n'a que les opérateurs dont les
 * filtres ont besoin, et AUCUN n'a de recherche dans les valeurs de facette (`facetSearch`) :
 * un nom de champ seul vaut « tous les opérateurs + recherche de facette »
 * (`FilterableAttributesFeatures::legacy_default`, crates/milli/src/filterable_attributes_rules.rs),
 * soit des structures construites à chaque indexation et jamais lues (l'API ne cherche pas dans
 * les valeurs de facette). `_geo` reste un nom seul : le serveur ne reconnaît le filtre
 * géographique que sous cette forme (`has_geo`, même fichier).
 */
export const FILTERABLE_ATTRIBUTES: FilterableAttributes = [
  { attributePatterns: [...EQUALITY_FILTER_ATTRIBUTES], features: { facetSearch: false, filter: { equality: true, comparison: false } } },
  { attributePatterns: [...COMPARISON_FILTER_ATTRIBUTES], features: { facetSearch: false, filter: { equality: false, comparison: true } } },
  '_geo',
];

/**
 * Champs triables, tous numériques (ou `_geo`) : `nextStartDay` (prochain début en jours depuis
 * le 1970-01-01, tri « date »), `distanceLearningRank` (0 sur place, 1 entièrement à distance :
 * tri « distance »). On ne trie pas sur le booléen `distanceLearning` : Meilisearch n'en trierait
 * que la chaîne « false » < « true », ce que sa documentation ne promet pas.
 */
export const SORTABLE_ATTRIBUTES = ['nextStartDay', 'insertionRate', 'reviewScore', 'reviewCount', '_geo', 'distanceLearningRank'] as const;

/**
 * `sort` EN TÊTE : un tri demandé (date, insertion, note, distance) est strict, AVEC ou sans
 * texte, et la pertinence ne fait que départager, comme dans le moteur embarqué. En
 * « pertinence » avec du texte, la requête n'envoie aucun tri (`buildSort`) : la règle `sort`
 * n'a alors aucun effet. Avec `sort` après `attribute` (ordre par défaut de Meilisearch),
 * « trier par date » ne trierait qu'à l'intérieur de chaque paquet de pertinence : des dates
 * dans le désordre à l'écran.
 */
export const RANKING_RULES = ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'] as const;

/** Seul l'ActionDocument est renvoyé (la distance est calculée par l'adaptateur). */
export const DISPLAYED_ATTRIBUTES = ['document'] as const;

/**
 * Valeurs rendues par facette (`faceting.maxValuesPerFacet`, 100 par défaut). Les comptes de
 * l'offre lisent TOUTES les valeurs d'une facette (une par formation, par organisme, par lieu et
 * rang de session…) : le plafond est donc très au-dessus du nombre de formations de la région, et
 * un comptage qui l'atteindrait est une erreur (`toCountResult`, meilisearch.ts), pas un chiffre faux.
 */
export const MAX_VALUES_PER_FACET = 100_000;

/**
 * Plafond des résultats que le serveur rend : Meilisearch borne `offset`, `limit` ET `totalHits`
 * à `pagination.maxTotalHits` (`prepare_search` et `number_of_hits`, crates/meilisearch/src/
 * search/mod.rs), tout en comptant les facettes sur tous les résultats. Réglé sur la dernière
 * page demandable (`MAX_RESULT_WINDOW` = 1 000 pages de 50) : toute page que l'API accepte est
 * servie ; le total exact au-delà est lu dans une facette (`exactTotal`, meilisearch.ts).
 */
export const MAX_TOTAL_HITS = MAX_RESULT_WINDOW;

export function buildMeilisearchSettings(): Settings {
  return {
    searchableAttributes: [...SEARCHABLE_ATTRIBUTES],
    filterableAttributes: FILTERABLE_ATTRIBUTES,
    sortableAttributes: [...SORTABLE_ATTRIBUTES],
    displayedAttributes: [...DISPLAYED_ATTRIBUTES],
    rankingRules: [...RANKING_RULES],
    localizedAttributes: [{ attributePatterns: [...SEARCHABLE_ATTRIBUTES], locales: ['fra'] }],
    synonyms: toMeilisearchSynonyms(),
    // AUCUN mot vide déclaré au serveur : l'adaptateur les retire lui-même de la requête
    // (`meilisearchQueryText`). Déclarés, ils seraient retirés des cibles de synonymes
    // (`normalize`, crates/milli/src/update/settings.rs) mais garderaient leur position dans
    // les documents (`process_tokens`, crates/milli/src/update/new/extract/searchable/
    // tokenize_document.rs) : la phrase « assistant vie familles » ne serait jamais côte à côte
    // dans « assistant de vie aux familles », et le synonyme ne trouverait rien.
    stopWords: [],
    typoTolerance: { enabled: true, minWordSizeForTypos: { ...MIN_WORD_SIZE_FOR_TYPOS } },
    faceting: { maxValuesPerFacet: MAX_VALUES_PER_FACET },
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
    // Pas de recherche dans les valeurs de facette (Meilisearch ≥ 1.12) : rien ne l'utilise.
    facetSearch: false,
  };
}
