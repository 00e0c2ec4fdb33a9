/**
 * Moteur de recherche embarqué (voir docs/adr/004-moteur-de-recherche.md) : index en mémoire
 * dans le processus du serveur, construit par la chaîne de données, enregistré dans
 * `<données>/search/embedded-index.json` et rechargé au démarrage sans ré-analyser le texte.
 *
 * Le texte est cherché dans l'index plein texte (embedded-text-index.ts). Filtres, rayon,
 * tris, facettes et pagination sont faits ici sur les ActionDocuments : ils sont exacts
 * (distance de haversine, sans approximation) et portent sur l'ensemble filtré complet.
 * Les clés de tri et les valeurs de facettes sont précalculées en tableaux typés au
 * chargement, et seule la page demandée (et celles qui la précèdent) est triée.
 */
import path from 'node:path';
import { haversineKm } from '../domain/geo';
import { loadActionDocuments, todayInParis } from './documents';
import { buildTextQuery } from './embedded-query';
import { TextIndex, type SerializedTextIndex } from './embedded-text-index';
import { emptyFacets, facetValues } from './facets';
import { EMBEDDED_INDEX_VERSION, SEARCH_INDEX_DIR, readEmbeddedIndexFile, writeEmbeddedIndexFile } from './index-file';
import type { ActionDocument, SearchEngine, SearchHit, SearchResult } from './port';
import { FACETS, type FacetName, type SearchQuery } from './query';

function toSet<T>(values: readonly T[]): ReadonlySet<T> | null {
  return values.length === 0 ? null : new Set(values);
}

/**
 * Le filtre d'une requête (hors texte et hors rayon) : listes en OU, critères en ET,
 * booléens exacts quand ils sont donnés.
 */
function compileFilter(query: SearchQuery): (doc: ActionDocument) => boolean {
  const f = query.filters;
  const romeCodes = toSet(query.romeCodes);
  const levels = toSet<number>(f.levels);
  const modes = toSet<string>(f.teachingModes);
  const financing = toSet(f.financing);
  const publics = toSet(f.publics);
  const departements = toSet(f.departements);
  const territoires = toSet(f.territoires);
  const hasWindow = f.startFrom !== null || f.startTo !== null;
  const from = f.startFrom ?? '0000-01-01';
  const to = f.startTo ?? '9999-12-31';
  return (doc) =>
    (romeCodes === null || doc.romeCodes.some((c) => romeCodes.has(c))) &&
    (levels === null || (doc.level !== null && levels.has(doc.level))) &&
    (modes === null || modes.has(doc.teachingMode)) &&
    (financing === null || doc.financing.some((v) => financing.has(v))) &&
    (publics === null || doc.publics.some((v) => publics.has(v))) &&
    (departements === null || (doc.departement !== null && departements.has(doc.departement))) &&
    (territoires === null || (doc.territoire !== null && territoires.has(doc.territoire))) &&
    (!hasWindow || doc.sessionStarts.some((s) => s >= from && s <= to)) &&
    (f.permanentEntry === null || doc.permanentEntry === f.permanentEntry) &&
    (f.handicapAccessible === null || doc.handicapAccessible === f.handicapAccessible) &&
    (f.certifying === null || doc.certifying === f.certifying) &&
    (f.maxDurationHours === null || (doc.durationHours !== null && doc.durationHours <= f.maxDurationHours));
}

/** Les documents retenus par une requête, en tableaux parallèles. */
interface Candidates {
  count: number;
  /** Position du document dans `documents`. */
  doc: Int32Array;
  score: Float64Array;
  /** Distance à l'origine en km (0 sans origine). */
  distance: Float64Array;
}

/** Compare deux candidats (rangs dans `Candidates`) : négatif si `a` vient avant `b`. */
type Comparator = (a: number, b: number) => number;

function chain(...comparators: Comparator[]): Comparator {
  return (a, b) => {
    for (const compare of comparators) {
      const order = compare(a, b);
      if (order !== 0) return order;
    }
    return 0;
  };
}

/**
 * Les `k` premiers rangs dans l'ordre `compare`, triés. Tas des `k` meilleurs (le moins bon à
 * la racine) : O(n log k) au lieu de trier tout l'ensemble pour une page de 20.
 */
function topK(count: number, k: number, compare: Comparator): number[] {
  if (k * 4 >= count) return Array.from({ length: count }, (_, r) => r).sort(compare).slice(0, k);
  const heap: number[] = [];
  const worse = (a: number, b: number) => compare(a, b) > 0;
  const siftDown = (from: number) => {
    for (let at = from; ; ) {
      const left = 2 * at + 1;
      const right = left + 1;
      let top = at;
      if (left < heap.length && worse(heap[left] as number, heap[top] as number)) top = left;
      if (right < heap.length && worse(heap[right] as number, heap[top] as number)) top = right;
      if (top === at) return;
      [heap[at], heap[top]] = [heap[top] as number, heap[at] as number];
      at = top;
    }
  };
  for (let r = 0; r < count; r++) {
    if (heap.length < k) {
      heap.push(r);
      for (let at = heap.length - 1; at > 0; ) {
        const parent = (at - 1) >> 1;
        if (!worse(heap[at] as number, heap[parent] as number)) break;
        [heap[at], heap[parent]] = [heap[parent] as number, heap[at] as number];
        at = parent;
      }
    } else if (k > 0 && compare(r, heap[0] as number) < 0) {
      heap[0] = r;
      siftDown(0);
    }
  }
  return heap.sort(compare);
}

/** « AAAA-MM-JJ » → nombre croissant avec la date (AAAAMMJJ) ; null → +∞ (en dernier). */
function dateKey(date: string | null): number {
  return date === null ? Number.POSITIVE_INFINITY : Number(date.replaceAll('-', ''));
}

export class EmbeddedEngine implements SearchEngine {
  readonly name = 'embedded';
  // Clés de tri précalculées, une case par document. Les null valent −∞ pour les tris
  // décroissants (en dernier) et +∞ pour la date (croissante, en dernier aussi).
  private readonly nextStart: Float64Array;
  private readonly insertionRate: Float64Array;
  private readonly reviewScore: Float64Array;
  private readonly reviewCount: Float64Array;
  private readonly remote: Uint8Array;
  /** Rang de l'identifiant dans l'ordre des chaînes : départage stable. */
  private readonly idRank: Int32Array;
  // Valeurs de facettes internées : les valeurs du document i sont
  // `facetIds[facetStart[i]]` à `facetIds[facetStart[i + 1]]` (exclu), indices dans `facetKeys`.
  private readonly facetKeys: { facet: FacetName; value: string }[] = [];
  private readonly facetStart: Int32Array;
  private readonly facetIds: Int32Array;

  constructor(
    readonly documents: readonly ActionDocument[],
    private readonly text: TextIndex,
  ) {
    const n = documents.length;
    this.nextStart = Float64Array.from(documents, (d) => dateKey(d.nextStart));
    this.insertionRate = Float64Array.from(documents, (d) => d.insertionRate ?? Number.NEGATIVE_INFINITY);
    this.reviewScore = Float64Array.from(documents, (d) => d.reviewScore ?? Number.NEGATIVE_INFINITY);
    this.reviewCount = Float64Array.from(documents, (d) => d.reviewCount);
    this.remote = Uint8Array.from(documents, (d) => (d.distanceLearning ? 1 : 0));
    this.idRank = new Int32Array(n);
    documents
      .map((d, i) => ({ id: d.id, i }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .forEach(({ i }, rank) => (this.idRank[i] = rank));

    const keyIds = new Map<string, number>();
    const ids: number[] = [];
    this.facetStart = new Int32Array(n + 1);
    documents.forEach((doc, i) => {
      this.facetStart[i] = ids.length;
      const values = facetValues(doc);
      for (const facet of FACETS) {
        for (const value of values[facet]) {
          const key = `${facet}\u0000${value}`;
          let id = keyIds.get(key);
          if (id === undefined) {
            id = this.facetKeys.length;
            keyIds.set(key, id);
            this.facetKeys.push({ facet, value });
          }
          ids.push(id);
        }
      }
    });
    this.facetStart[n] = ids.length;
    this.facetIds = Int32Array.from(ids);
  }

  search(query: SearchQuery): Promise<SearchResult> {
    return Promise.resolve(this.searchSync(query));
  }

  searchSync(query: SearchQuery): SearchResult {
    const plan = buildTextQuery(query.text);
    const candidates = this.candidates(query, plan === null ? null : this.text.score(plan));
    const start = (query.page - 1) * query.perPage;
    const ranked = topK(candidates.count, Math.min(candidates.count, start + query.perPage), this.comparator(query, plan !== null, candidates));
    const hits: SearchHit[] = ranked.slice(start).map((r) => ({
      document: this.documents[candidates.doc[r] as number] as ActionDocument,
      distanceKm: query.origin === null ? null : (candidates.distance[r] as number),
    }));
    return { total: candidates.count, page: query.page, perPage: query.perPage, hits, facets: this.countFacets(candidates) };
  }

  /** Documents qui passent le texte, les filtres et le rayon (les actions à distance échappent au rayon). */
  private candidates(query: SearchQuery, textScores: ReadonlyMap<number, number> | null): Candidates {
    const accept = compileFilter(query);
    const { origin, radiusKm } = query;
    const size = textScores === null ? this.documents.length : textScores.size;
    const out: Candidates = { count: 0, doc: new Int32Array(size), score: new Float64Array(size), distance: new Float64Array(size) };
    const consider = (i: number, score: number) => {
      const doc = this.documents[i] as ActionDocument;
      if (!accept(doc)) return;
      const distance = origin === null ? 0 : haversineKm(origin, doc);
      if (radiusKm !== null && distance > radiusKm && !doc.distanceLearning) return;
      out.doc[out.count] = i;
      out.score[out.count] = score;
      out.distance[out.count] = distance;
      out.count++;
    };
    if (textScores === null) for (let i = 0; i < this.documents.length; i++) consider(i, 0);
    else for (const [i, score] of textScores) consider(i, score);
    return out;
  }

  /**
   * L'ordre des résultats. Chaque tri se termine par le score texte, la distance (avec une
   * origine) et l'identifiant, pour un ordre stable d'une page à l'autre.
   */
  private comparator(query: SearchQuery, hasText: boolean, c: Candidates): Comparator {
    const doc = c.doc;
    const asc = (key: Float64Array | Uint8Array | Int32Array): Comparator => (a, b) => (key[doc[a] as number] as number) - (key[doc[b] as number] as number);
    // Soustraction de deux −∞ : NaN ; on compare donc explicitement.
    const desc =
      (key: Float64Array): Comparator =>
      (a, b) => {
        const [x, y] = [key[doc[a] as number] as number, key[doc[b] as number] as number];
        return x === y ? 0 : x > y ? -1 : 1;
      };
    const byDate: Comparator = (a, b) => {
      const [x, y] = [this.nextStart[doc[a] as number] as number, this.nextStart[doc[b] as number] as number];
      return x === y ? 0 : x < y ? -1 : 1;
    };
    const byScore: Comparator = (a, b) => (c.score[b] as number) - (c.score[a] as number);
    const byDistance: Comparator = (a, b) => (c.distance[a] as number) - (c.distance[b] as number);
    const byId = asc(this.idRank);
    // Pertinence sans texte : les prochaines sessions d'abord, puis les plus proches.
    const pertinence = hasText ? chain(byScore, byDistance, byId) : chain(byDate, byDistance, byId);
    switch (query.sort) {
      case 'pertinence':
        return pertinence;
      case 'distance':
        return query.origin === null ? pertinence : chain(asc(this.remote), byDistance, byScore, byId);
      case 'date':
        return chain(byDate, byScore, byDistance, byId);
      case 'insertion':
        return chain(desc(this.insertionRate), byScore, byDistance, byId);
      case 'note':
        return chain(desc(this.reviewScore), desc(this.reviewCount), byScore, byDistance, byId);
    }
  }

  /** Facettes de l'ensemble filtré complet (toutes les pages). */
  private countFacets(c: Candidates): SearchResult['facets'] {
    const counts = new Int32Array(this.facetKeys.length);
    for (let r = 0; r < c.count; r++) {
      const i = c.doc[r] as number;
      for (let p = this.facetStart[i] as number, end = this.facetStart[i + 1] as number; p < end; p++) {
        const id = this.facetIds[p] as number;
        counts[id] = (counts[id] as number) + 1;
      }
    }
    const facets = emptyFacets();
    counts.forEach((count, id) => {
      if (count === 0) return;
      const { facet, value } = this.facetKeys[id] as { facet: FacetName; value: string };
      facets[facet][value] = count;
    });
    return facets;
  }
}

/** Moteur construit en mémoire à partir des documents (tests, petits volumes). */
export function createEmbeddedEngine(documents: readonly ActionDocument[]): EmbeddedEngine {
  return new EmbeddedEngine(documents, TextIndex.build(documents));
}

/**
 * Construit l'index des documents et l'écrit dans `outDir/embedded-index.json`
 * (`outDir` = `<données>/search` pour que `loadEmbeddedEngine(<données>)` le retrouve).
 */
export async function buildEmbeddedIndex(documents: readonly ActionDocument[], outDir: string, today: string = todayInParis()): Promise<{ file: string; bytes: number }> {
  return writeEmbeddedIndexFile(outDir, {
    format: 'versmonmetier-index-embarque',
    version: EMBEDDED_INDEX_VERSION,
    today,
    builtAt: new Date().toISOString(),
    documents: [...documents],
    index: TextIndex.build(documents).toJSON(),
  });
}

/** Charge le moteur depuis l'index enregistré dans `<dataDir>/search/` (sans ré-analyser les documents). */
export async function loadEmbeddedEngine(dataDir: string): Promise<EmbeddedEngine> {
  const file = await readEmbeddedIndexFile(dataDir);
  let text: TextIndex;
  try {
    text = TextIndex.fromJSON(file.index as SerializedTextIndex);
  } catch (error) {
    throw new Error(`Index de recherche invalide dans ${dataDir} (${(error as Error).message}). Reconstruisez-le avec « npm run data:build ».`);
  }
  if (text.documentCount !== file.documents.length) {
    throw new Error(`Index de recherche incohérent dans ${dataDir} : ${text.documentCount} documents indexés pour ${file.documents.length} enregistrés. Reconstruisez-le avec « npm run data:build ».`);
  }
  return new EmbeddedEngine(file.documents, text);
}

/**
 * Toute la chaîne depuis les données construites (`dataDir`, ex. data/build) : documents
 * (`loadActionDocuments`), puis index dans `<dataDir>/search/`. Appelée par la construction
 * des données et par scripts/build-search-index.ts.
 */
export async function buildSearchIndex(dataDir: string, options: { today?: string } = {}): Promise<{ documents: number; bytes: number; seconds: number }> {
  const started = performance.now();
  const today = options.today ?? todayInParis();
  const documents = await loadActionDocuments(dataDir, today);
  const { bytes } = await buildEmbeddedIndex(documents, path.join(dataDir, SEARCH_INDEX_DIR), today);
  return { documents: documents.length, bytes, seconds: (performance.now() - started) / 1000 };
}
