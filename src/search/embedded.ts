/**
 * Moteur de recherche embarqué (voir docs/adr/004-moteur-de-recherche.md) : index en mémoire
 * dans le processus du serveur, construit par la chaîne de données, enregistré dans
 * `<données>/search/embedded-index.json` et rechargé au démarrage sans ré-analyser le texte.
 *
 * Le texte est cherché dans l'index plein texte (embedded-text-index.ts). Filtres, rayon,
 * tris, facettes et pagination sont faits ici, exacts (distance de haversine) et sur l'ensemble
 * filtré complet, à partir de structures construites au chargement :
 *  - un ensemble de bits par valeur de facette (niveau, modalité, financement, public,
 *    département, territoire, booléens) : les filtres de liste se combinent mot à mot ;
 *  - des tableaux typés pour le reste (dates de session, durée, coordonnées, clés de tri) ;
 *  - un rectangle autour du rayon écarte vite les lieux lointains, la distance exacte n'est
 *    calculée qu'une fois par lieu distinct ;
 *  - les facettes se comptent document par document, ou par bits pour un grand ensemble ;
 *  - seule la page demandée (et celles qui la précèdent) est triée.
 * Mesures et raisons : docs/adr/004-moteur-de-recherche.md, `npm run bench:search`.
 */
import path from 'node:path';
import { haversineKm, type LatLon } from '../domain/geo';
import { Catalog } from '../catalog/catalog';
import { currentGeneration } from '../catalog/files';
import { loadActionDocuments } from './documents';
import { emptyDict } from '../lib/lookup';
import { buildTextQuery } from './embedded-query';
import { TextIndex, type Accumulator, type SerializedTextIndex } from './embedded-text-index';
import { emptyFacets, facetValues, offerFacetValues } from './facets';
import { EMBEDDED_INDEX_VERSION, SEARCH_INDEX_DIR, readEmbeddedIndexFile, writeEmbeddedIndexFile } from './index-file';
import type { ActionDocument, SearchEngine, SearchHit, SearchResult } from './port';
import { FACETS, OFFER_FACETS, SearchQuery as SearchQuerySchema, type CountFacetName, type CountQuery, type CountResult, type FacetName, type OfferFacetName, type SearchQuery } from './query';

/**
 * Ensemble de documents sous forme de bits : le document i en fait partie si le bit `i & 31`
 * du mot `i >>> 5` vaut 1. Les filtres se combinent ainsi mot à mot (32 documents à la fois).
 */
type Bitset = Uint32Array;

function hasBit(bits: Bitset, i: number): boolean {
  return (((bits[i >>> 5] as number) >>> (i & 31)) & 1) === 1;
}

function setBit(bits: Bitset, i: number): void {
  bits[i >>> 5] = (bits[i >>> 5] as number) | (1 << (i & 31));
}

/** Nombre de bits à 1 d'un mot de 32 bits. */
function popcount(word: number): number {
  let x = word - ((word >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/**
 * Coût relatif, mesuré, d'une valeur de facette comptée document par document face à un mot
 * de bits compté (voir `countFacets`).
 */
const FACET_COUNT_RATIO = 1;

/** « AAAA-MM-JJ » → AAAAMMJJ : l'ordre des nombres est celui des dates. */
function dateNumber(date: string): number {
  return Number(date.replaceAll('-', ''));
}

/** Rectangle de latitudes et longitudes (degrés). */
export interface LatLonBox {
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
}

/** Kilomètres par degré de latitude, sur la sphère de `haversineKm`. */
const KM_PER_DEGREE = haversineKm({ lat: 0, lon: 0 }, { lat: 1, lon: 0 });

/**
 * Un rectangle qui contient tout le disque de rayon `radiusKm` autour de `origin` (distance de
 * haversine) : il sert seulement à écarter vite les documents lointains, la distance exacte
 * décide ensuite. Bornes prudentes (élargies d'un millionième) :
 *  - latitude : la distance vaut au moins R·|Δφ| ;
 *  - longitude : h ≥ cos φ₀ · cos φ · sin²(Δλ/2), avec φ dans la bande de latitudes, d'où
 *    sin(Δλ/2) ≤ sin(δ/2) / √(cos φ₀ · cos φmax) (δ = rayon / R). Sans borne (toutes
 *    longitudes) près d'un pôle ou si le disque passe l'antiméridien.
 */
export function boundingBox(origin: LatLon, radiusKm: number): LatLonBox {
  const margin = 1 + 1e-6;
  const dLat = (radiusKm / KM_PER_DEGREE) * margin;
  const box = { minLat: origin.lat - dLat, maxLat: origin.lat + dLat, minLon: -Infinity, maxLon: Infinity };
  const rad = Math.PI / 180;
  const farthest = Math.max(Math.abs(box.minLat), Math.abs(box.maxLat));
  const sine = Math.sin((radiusKm / KM_PER_DEGREE) * rad / 2) / Math.sqrt(Math.cos(origin.lat * rad) * Math.cos(farthest * rad));
  if (farthest >= 90 || !(sine < 1)) return box;
  const dLon = ((2 * Math.asin(sine)) / rad) * margin;
  if (origin.lon - dLon < -180 || origin.lon + dLon > 180) return box;
  return { ...box, minLon: origin.lon - dLon, maxLon: origin.lon + dLon };
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

/** −1, 0 ou 1 selon l'ordre croissant de deux nombres, infinis compris (les clés nulles valent ±∞). */
function ascending(x: number, y: number): number {
  return x === y ? 0 : x < y ? -1 : 1;
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
  /** Construction des données dont vient l'index chargé (null : index construit en mémoire, ou sans identifiant). */
  buildId: string | null = null;
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
  private readonly facetKeyIds = new Map<string, number>();
  private readonly facetStart: Int32Array;
  private readonly facetIds: Int32Array;
  // Filtres : les documents de chaque valeur de facette (même indice que `facetKeys`), de
  // chaque code ROME, et les valeurs vérifiées document par document.
  private readonly facetBits: Bitset[];
  private readonly romeDocs = new Map<string, Int32Array>();
  /** Débuts de session (AAAAMMJJ) du document i : `starts[startAt[i]]` à `starts[startAt[i + 1]]` (exclu). */
  private readonly startAt: Int32Array;
  private readonly starts: Int32Array;
  /** Durée en heures (NaN si inconnue : aucun filtre de durée ne la retient). */
  private readonly duration: Float64Array;
  private readonly lat: Float64Array;
  private readonly lon: Float64Array;
  /**
   * Lieu du document i (indice dans `placeDocument`, un document par coordonnées distinctes) :
   * beaucoup d'actions partagent un lieu, la distance de haversine est calculée une fois par
   * lieu et par requête (`placeDistance`, NaN tant qu'elle n'est pas calculée).
   */
  private readonly placeOf: Int32Array;
  private readonly placeDocument: Int32Array;
  private readonly placeDistance: Float64Array;
  // Tampons réutilisés d'une requête à l'autre (la recherche est synchrone).
  private readonly mask: Bitset;
  private readonly romeMask: Bitset;
  private readonly candidateBits: Bitset;
  private readonly pool: Candidates;
  /**
   * Facettes de comptage de l'offre, internées à la première demande (`countFacets`) : les valeurs
   * du document i sont `offerIds[offerStart[i]]` à `offerIds[offerStart[i + 1]]` (exclu), indices dans `offerKeys`.
   */
  private offer: { keys: { facet: OfferFacetName; value: string }[]; start: Int32Array; ids: Int32Array } | null = null;

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

    const ids: number[] = [];
    this.facetStart = new Int32Array(n + 1);
    const romeLists = new Map<string, number[]>();
    documents.forEach((doc, i) => {
      this.facetStart[i] = ids.length;
      const values = facetValues(doc);
      for (const facet of FACETS) for (const value of values[facet]) ids.push(this.facetKeyId(facet, value, true));
      for (const code of new Set(doc.romeCodes)) {
        const list = romeLists.get(code);
        if (list === undefined) romeLists.set(code, [i]);
        else list.push(i);
      }
    });
    this.facetStart[n] = ids.length;
    this.facetIds = Int32Array.from(ids);

    const words = (n + 31) >>> 5;
    this.facetBits = this.facetKeys.map(() => new Uint32Array(words));
    for (let i = 0; i < n; i++) {
      for (let p = this.facetStart[i] as number; p < (this.facetStart[i + 1] as number); p++) setBit(this.facetBits[this.facetIds[p] as number] as Bitset, i);
    }
    for (const [code, list] of romeLists) this.romeDocs.set(code, Int32Array.from(list));
    this.startAt = new Int32Array(n + 1);
    documents.forEach((d, i) => (this.startAt[i + 1] = (this.startAt[i] as number) + d.sessionStarts.length));
    this.starts = Int32Array.from(documents.flatMap((d) => d.sessionStarts.map(dateNumber)));
    this.duration = Float64Array.from(documents, (d) => d.durationHours ?? Number.NaN);
    this.lat = Float64Array.from(documents, (d) => d.lat);
    this.lon = Float64Array.from(documents, (d) => d.lon);
    const places = new Map<string, number>();
    const placeDocuments: number[] = [];
    this.placeOf = Int32Array.from(documents, (d, i) => {
      const key = `${d.lat} ${d.lon}`;
      let place = places.get(key);
      if (place === undefined) {
        place = placeDocuments.push(i) - 1;
        places.set(key, place);
      }
      return place;
    });
    this.placeDocument = Int32Array.from(placeDocuments);
    this.placeDistance = new Float64Array(placeDocuments.length);
    this.mask = new Uint32Array(words);
    this.romeMask = new Uint32Array(words);
    this.candidateBits = new Uint32Array(words);
    this.pool = { count: 0, doc: new Int32Array(n), score: new Float64Array(n), distance: new Float64Array(n) };
  }

  /** Indice de la valeur de facette (créé au besoin avec `create`) ; −1 si elle n'existe pas. */
  private facetKeyId(facet: FacetName, value: string, create = false): number {
    const key = `${facet}\u0000${value}`;
    let id = this.facetKeyIds.get(key);
    if (id === undefined) {
      if (!create) return -1;
      id = this.facetKeys.length;
      this.facetKeyIds.set(key, id);
      this.facetKeys.push({ facet, value });
    }
    return id;
  }

  search(query: SearchQuery): Promise<SearchResult> {
    return Promise.resolve(this.searchSync(query));
  }

  /**
   * La dernière requête (sans sa page) : ses candidats et leurs facettes. Le cas d'usage relit souvent
   * la même requête page après page (« complètes d'abord », src/formations/search.ts) : les pages
   * suivantes ne recalculent ni le texte, ni les filtres, ni les facettes (seulement l'ordre).
   */
  private last: { key: string; candidates: Candidates; facets: SearchResult['facets']; ranked: number[] } | null = null;

  searchSync(query: SearchQuery): SearchResult {
    const plan = buildTextQuery(query.text);
    const key = JSON.stringify({ ...query, page: 0, perPage: 0 });
    let candidates: Candidates;
    let facets: SearchResult['facets'];
    const again = this.last !== null && this.last.key === key;
    if (this.last !== null && again) {
      ({ candidates, facets } = this.last);
    } else {
      const found = this.candidates(query, plan === null ? null : this.text.score(plan));
      facets = this.countSearchFacets(found);
      // Copie : `pool` est réutilisé par la requête suivante.
      candidates = { count: found.count, doc: found.doc.slice(0, found.count), score: found.score.slice(0, found.count), distance: found.distance.slice(0, found.count) };
      this.last = { key, candidates, facets, ranked: [] };
    }
    const start = (query.page - 1) * query.perPage;
    const needed = Math.min(candidates.count, start + query.perPage);
    const last = this.last as NonNullable<EmbeddedEngine['last']>;
    // Relue : on classe d'un coup assez de résultats pour les pages suivantes (au moins RANK_AHEAD).
    if (last.ranked.length < needed) last.ranked = topK(candidates.count, again ? Math.min(candidates.count, Math.max(needed, RANK_AHEAD)) : needed, this.comparator(query, plan !== null, candidates));
    const ranked = last.ranked.slice(0, needed);
    const hits: SearchHit[] = ranked.slice(start).map((r) => ({
      document: this.documents[candidates.doc[r] as number] as ActionDocument,
      distanceKm: query.origin === null ? null : (candidates.distance[r] as number),
    }));
    return { total: candidates.count, page: query.page, perPage: query.perPage, hits, facets: cloneFacets(facets) };
  }

  countFacets(query: CountQuery): Promise<CountResult> {
    return Promise.resolve(this.countFacetsSync(query));
  }

  /** Les comptes par facette de l'ensemble filtré complet : les filtres de la recherche, sans texte ni lieu. */
  countFacetsSync(query: CountQuery): CountResult {
    const search = SearchQuerySchema.parse({ romeCodes: query.romeCodes, filters: query.filters });
    const candidates = this.candidates(search, null);
    const wanted = new Set<CountFacetName>(query.facets);
    const facets: CountResult['facets'] = {};
    if (FACETS.some((name) => wanted.has(name))) {
      const counted = this.countSearchFacets(candidates);
      for (const name of FACETS) if (wanted.has(name)) facets[name] = counted[name];
    }
    if (OFFER_FACETS.some((name) => wanted.has(name))) {
      const offer = this.offerFacets();
      const counts = new Int32Array(offer.keys.length);
      for (let r = 0; r < candidates.count; r++) {
        const i = candidates.doc[r] as number;
        for (let p = offer.start[i] as number, end = offer.start[i + 1] as number; p < end; p++) {
          const id = offer.ids[p] as number;
          counts[id] = (counts[id] as number) + 1;
        }
      }
      for (const name of OFFER_FACETS) if (wanted.has(name)) facets[name] = emptyDict<number>();
      counts.forEach((count, id) => {
        if (count === 0) return;
        const { facet, value } = offer.keys[id] as { facet: OfferFacetName; value: string };
        const bucket = facets[facet];
        if (bucket !== undefined) bucket[value] = count;
      });
    }
    return { total: candidates.count, facets };
  }

  private offerFacets(): NonNullable<EmbeddedEngine['offer']> {
    if (this.offer !== null) return this.offer;
    const keys: { facet: OfferFacetName; value: string }[] = [];
    const keyIds = new Map<string, number>();
    const ids: number[] = [];
    const start = new Int32Array(this.documents.length + 1);
    this.documents.forEach((doc, i) => {
      start[i] = ids.length;
      const values = offerFacetValues(doc);
      for (const facet of OFFER_FACETS) {
        for (const value of values[facet]) {
          const key = `${facet}\u0000${value}`;
          let id = keyIds.get(key);
          if (id === undefined) {
            id = keys.push({ facet, value }) - 1;
            keyIds.set(key, id);
          }
          ids.push(id);
        }
      }
    });
    start[this.documents.length] = ids.length;
    this.offer = { keys, start, ids: Int32Array.from(ids) };
    return this.offer;
  }

  /**
   * Les filtres de liste et les booléens en un ensemble de bits (null sans filtre) : les valeurs
   * d'une liste en OU, les filtres en ET. Une valeur inconnue ne retient aucun document.
   */
  private filterMask(query: SearchQuery): Bitset | null {
    const f = query.filters;
    const groups: Bitset[][] = [];
    const facet = (name: FacetName, values: readonly (string | number | boolean | null)[]) => {
      const chosen = values.filter((v) => v !== null);
      if (chosen.length > 0) groups.push(chosen.flatMap((v) => this.facetBits[this.facetKeyId(name, String(v))] ?? []));
    };
    facet('level', f.levels);
    facet('teachingMode', f.teachingModes);
    facet('financing', f.financing);
    facet('publics', f.publics);
    facet('departement', f.departements);
    facet('territoire', f.territoires);
    facet('permanentEntry', [f.permanentEntry]);
    facet('handicapAccessible', [f.handicapAccessible]);
    facet('certifying', [f.certifying]);
    facet('freeFor', f.freeFor);
    if (query.romeCodes.length > 0) {
      this.romeMask.fill(0);
      for (const code of query.romeCodes) for (const i of this.romeDocs.get(code) ?? []) setBit(this.romeMask, i);
      groups.push([this.romeMask]);
    }
    if (groups.length === 0) return null;
    const mask = this.mask;
    for (let w = 0; w < mask.length; w++) {
      let bits = -1;
      for (let g = 0; g < groups.length && bits !== 0; g++) {
        const group = groups[g] as Bitset[];
        let any = 0;
        for (let v = 0; v < group.length; v++) any |= (group[v] as Bitset)[w] as number;
        bits &= any;
      }
      mask[w] = bits;
    }
    return mask;
  }

  /**
   * Documents qui passent le texte, les filtres et le rayon (les actions à distance échappent
   * au rayon). Les filtres de liste et les booléens passent par `filterMask` ; les dates de
   * session, la durée et la distance sont vérifiées ensuite, document par document.
   */
  private candidates(query: SearchQuery, text: Accumulator | null): Candidates {
    const mask = this.filterMask(query);
    const f = query.filters;
    const hasWindow = f.startFrom !== null || f.startTo !== null;
    const from = f.startFrom === null ? 0 : dateNumber(f.startFrom);
    const to = f.startTo === null ? Number.POSITIVE_INFINITY : dateNumber(f.startTo);
    const maxDuration = f.maxDurationHours;
    const { origin, radiusKm } = query;
    const box = origin !== null && radiusKm !== null ? boundingBox(origin, radiusKm) : null;
    const placeDistance = this.placeDistance.fill(Number.NaN);
    const out = this.pool;
    out.count = 0;
    const consider = (i: number, score: number) => {
      if (maxDuration !== null && !((this.duration[i] as number) <= maxDuration)) return;
      if (hasWindow) {
        let found = false;
        for (let p = this.startAt[i] as number, end = this.startAt[i + 1] as number; p < end && !found; p++) {
          const start = this.starts[p] as number;
          found = start >= from && start <= to;
        }
        if (!found) return;
      }
      let distance = 0;
      if (origin !== null) {
        const near = this.remote[i] === 1 || box === null;
        if (!near) {
          const lat = this.lat[i] as number;
          const lon = this.lon[i] as number;
          if (lat < box.minLat || lat > box.maxLat || lon < box.minLon || lon > box.maxLon) return;
        }
        const place = this.placeOf[i] as number;
        distance = placeDistance[place] as number;
        if (Number.isNaN(distance)) {
          distance = haversineKm(origin, this.documents[this.placeDocument[place] as number] as ActionDocument);
          placeDistance[place] = distance;
        }
        if (!near && distance > (radiusKm as number)) return;
      }
      out.doc[out.count] = i;
      out.score[out.count] = score;
      out.distance[out.count] = distance;
      out.count++;
    };
    if (text !== null) {
      for (let p = 0; p < text.size; p++) {
        const i = text.docs[p] as number;
        if (mask === null || hasBit(mask, i)) consider(i, text.value[i] as number);
      }
    } else if (mask === null) {
      for (let i = 0; i < this.documents.length; i++) consider(i, 0);
    } else {
      for (let w = 0; w < mask.length; w++) {
        for (let bits = mask[w] as number; bits !== 0; ) {
          const lowest = bits & -bits;
          bits ^= lowest;
          consider((w << 5) + 31 - Math.clz32(lowest), 0);
        }
      }
    }
    return out;
  }

  /**
   * L'ordre des résultats. Chaque tri se termine par le score texte, la distance (avec une
   * origine) et l'identifiant, pour un ordre stable d'une page à l'autre. Les critères sont
   * enchaînés par `||` (et non par une boucle sur une liste de fonctions) : le moteur JavaScript
   * peut alors les intégrer dans le comparateur, appelé une fois par candidat ou plus.
   */
  private comparator(query: SearchQuery, hasText: boolean, c: Candidates): Comparator {
    const { doc, score, distance } = c;
    const { idRank, nextStart, remote, insertionRate, reviewScore, reviewCount } = this;
    const at = (key: Float64Array | Uint8Array | Int32Array, r: number) => key[doc[r] as number] as number;
    const byScore: Comparator = (a, b) => ascending(score[b] as number, score[a] as number);
    const byDistance: Comparator = (a, b) => ascending(distance[a] as number, distance[b] as number);
    const byDate: Comparator = (a, b) => ascending(at(nextStart, a), at(nextStart, b));
    const byId: Comparator = (a, b) => at(idRank, a) - at(idRank, b);
    // Pertinence sans texte : les prochaines sessions d'abord, puis les plus proches.
    const pertinence: Comparator = hasText ? (a, b) => byScore(a, b) || byDistance(a, b) || byId(a, b) : (a, b) => byDate(a, b) || byDistance(a, b) || byId(a, b);
    switch (query.sort) {
      case 'pertinence':
        return pertinence;
      case 'distance':
        return query.origin === null ? pertinence : (a, b) => at(remote, a) - at(remote, b) || byDistance(a, b) || byScore(a, b) || byId(a, b);
      case 'date':
        return (a, b) => byDate(a, b) || byScore(a, b) || byDistance(a, b) || byId(a, b);
      case 'insertion':
        return (a, b) => ascending(at(insertionRate, b), at(insertionRate, a)) || byScore(a, b) || byDistance(a, b) || byId(a, b);
      case 'note':
        return (a, b) =>
          ascending(at(reviewScore, b), at(reviewScore, a)) || ascending(at(reviewCount, b), at(reviewCount, a)) || byScore(a, b) || byDistance(a, b) || byId(a, b);
    }
  }

  /**
   * Facettes de l'ensemble filtré complet (toutes les pages). Deux façons de compter, au même
   * résultat : valeur par valeur des documents retenus, ou, pour un grand ensemble, en
   * comptant les bits communs à l'ensemble et à chaque valeur (32 documents par opération).
   */
  private countSearchFacets(c: Candidates): SearchResult['facets'] {
    const counts = new Int32Array(this.facetKeys.length);
    const valuesPerDocument = this.facetIds.length / Math.max(1, this.documents.length);
    if (c.count * valuesPerDocument * FACET_COUNT_RATIO > this.mask.length * this.facetKeys.length) {
      const chosen = this.candidateBits.fill(0);
      for (let r = 0; r < c.count; r++) setBit(chosen, c.doc[r] as number);
      this.facetBits.forEach((bits, id) => {
        let count = 0;
        for (let w = 0; w < chosen.length; w++) count += popcount((chosen[w] as number) & (bits[w] as number));
        counts[id] = count;
      });
    } else {
      for (let r = 0; r < c.count; r++) {
        const i = c.doc[r] as number;
        for (let p = this.facetStart[i] as number, end = this.facetStart[i + 1] as number; p < end; p++) {
          const id = this.facetIds[p] as number;
          counts[id] = (counts[id] as number) + 1;
        }
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

/** Une requête relue (même requête, autre page) : nombre de résultats classés d'un coup. */
const RANK_AHEAD = 1_000;

/** Une copie des facettes (l'appelant peut modifier la sienne sans toucher celles gardées pour la page suivante). */
function cloneFacets(facets: SearchResult['facets']): SearchResult['facets'] {
  const out = emptyFacets();
  for (const name of FACETS) Object.assign(out[name], facets[name]);
  return out;
}

/** Moteur construit en mémoire à partir des documents (tests, petits volumes). */
export function createEmbeddedEngine(documents: readonly ActionDocument[]): EmbeddedEngine {
  return new EmbeddedEngine(documents, TextIndex.build(documents));
}

/**
 * Construit l'index des documents et l'écrit dans `outDir/embedded-index.json`
 * (`outDir` = `<données>/search` pour que `loadEmbeddedEngine(<données>)` le retrouve).
 */
export async function buildEmbeddedIndex(
  documents: readonly ActionDocument[],
  outDir: string,
  today: string,
  buildId: string | null = null,
): Promise<{ file: string; bytes: number }> {
  return writeEmbeddedIndexFile(outDir, {
    format: 'versmonmetier-index-embarque',
    version: EMBEDDED_INDEX_VERSION,
    buildId,
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
  const engine = new EmbeddedEngine(file.documents, text);
  engine.buildId = file.buildId;
  return engine;
}

/**
 * Toute la chaîne depuis les données construites (`dataDir`, ex. data/build) : documents
 * (`loadActionDocuments`), puis index dans `<dataDir>/search/` (de sa génération en service).
 * Appelée par la construction des données et par scripts/build-search-index.ts. `today` : la date
 * de référence (AAAA-MM-JJ). L'index porte `buildId`, par défaut celui de offre.json : il reste de
 * la même construction que l'offre.
 */
export async function buildSearchIndex(
  dataDir: string,
  options: { today: string; buildId?: string | null },
): Promise<{ documents: number; bytes: number; seconds: number }> {
  const started = performance.now();
  const { today } = options;
  const dir = currentGeneration(dataDir);
  const documents = await loadActionDocuments(dir, today);
  const buildId = options.buildId !== undefined ? options.buildId : new Catalog(dir).offerBuildId();
  const { bytes } = await buildEmbeddedIndex(documents, path.join(dir, SEARCH_INDEX_DIR), today, buildId);
  return { documents: documents.length, bytes, seconds: (performance.now() - started) / 1000 };
}
