/**
 * Référence naïve du banc d'essai (`npm run bench:search`) : un parcours linéaire de TOUS les
 * ActionDocuments à chaque requête, avec les mêmes filtres et le même rayon que les moteurs,
 * et une correspondance par sous-chaîne sur le texte plié.
 *
 * Volontairement simple : c'est l'étalon « sans index » auquel on compare le moteur embarqué
 * (gain de vitesse visé : ≥ 10×). Pas de synonymes, pas de fautes de frappe, pas de racinisation ;
 * chaque mot de la requête (plié, mots vides retirés) doit apparaître tel quel dans l'intitulé,
 * les métiers, l'organisme ou la description. Score : 3 par mot trouvé dans l'intitulé, 2 dans
 * les métiers, 1 ailleurs. Facettes : `countFacets` (src/search/facets.ts) sur tous les
 * résultats filtrés.
 *
 * Sert aussi à `scripts/eval-relevance.ts` : `matchesQueryFilters` y délimite l'ensemble des
 * documents admissibles (mêmes filtres, même rayon) pour calculer le classement idéal.
 */
import { haversineKm, type LatLon } from '../../src/domain/geo';
import { STOP_WORDS_FR, fold } from '../../src/search/analyzer';
import type { ActionDocument, SearchEngine, SearchHit, SearchResult } from '../../src/search/port';
import { countFacets } from '../../src/search/facets';
import type { SearchQuery } from '../../src/search/query';

/** Vrai si le document passe les filtres et le rayon de la requête (le texte n'est pas regardé). */
export function matchesQueryFilters(doc: ActionDocument, query: SearchQuery, distanceKm: number | null): boolean {
  const f = query.filters;
  if (query.romeCodes.length > 0 && !doc.romeCodes.some((c) => query.romeCodes.includes(c))) return false;
  if (query.origin !== null && query.radiusKm !== null && !doc.distanceLearning) {
    if (distanceKm === null || distanceKm > query.radiusKm) return false;
  }
  if (f.levels.length > 0 && (doc.level === null || !f.levels.includes(doc.level))) return false;
  if (f.teachingModes.length > 0 && !f.teachingModes.includes(doc.teachingMode)) return false;
  if (f.financing.length > 0 && !doc.financing.some((v) => f.financing.includes(v))) return false;
  if (f.publics.length > 0 && !doc.publics.some((v) => f.publics.includes(v))) return false;
  if (f.departements.length > 0 && (doc.departement === null || !f.departements.includes(doc.departement))) return false;
  if (f.territoires.length > 0 && (doc.territoire === null || !f.territoires.includes(doc.territoire))) return false;
  if (f.startFrom !== null || f.startTo !== null) {
    const from = f.startFrom ?? '0000-00-00';
    const to = f.startTo ?? '9999-99-99';
    if (!doc.sessionStarts.some((s) => s >= from && s <= to)) return false;
  }
  if (f.permanentEntry !== null && doc.permanentEntry !== f.permanentEntry) return false;
  if (f.handicapAccessible !== null && doc.handicapAccessible !== f.handicapAccessible) return false;
  if (f.certifying !== null && doc.certifying !== f.certifying) return false;
  if (f.maxDurationHours !== null && (doc.durationHours === null || doc.durationHours > f.maxDurationHours)) return false;
  return true;
}

/** Distance en km depuis l'origine de la requête (null sans origine). */
export function distanceFrom(origin: LatLon | null, doc: ActionDocument): number | null {
  return origin === null ? null : haversineKm(origin, doc);
}

/** Mots de la requête pour la correspondance par sous-chaîne : pliés, mots vides retirés. */
export function scanTerms(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0 && !STOP_WORDS_FR.has(w));
}

interface ScanDoc {
  doc: ActionDocument;
  title: string;
  metiers: string;
  rest: string;
}

interface Scored {
  doc: ActionDocument;
  score: number;
  distanceKm: number | null;
}

function compareNullableDesc(a: number | null, b: number | null): number {
  return (b ?? Number.NEGATIVE_INFINITY) - (a ?? Number.NEGATIVE_INFINITY);
}

function compareScored(sort: SearchQuery['sort']): (a: Scored, b: Scored) => number {
  const byDistance = (a: Scored, b: Scored) => (a.distanceKm ?? 0) - (b.distanceKm ?? 0);
  const byDate = (a: Scored, b: Scored) => (a.doc.nextStart ?? '9999').localeCompare(b.doc.nextStart ?? '9999');
  switch (sort) {
    case 'pertinence':
      return (a, b) => b.score - a.score || byDistance(a, b) || byDate(a, b);
    case 'distance':
      return (a, b) => Number(a.doc.distanceLearning) - Number(b.doc.distanceLearning) || byDistance(a, b) || b.score - a.score;
    case 'date':
      return (a, b) => byDate(a, b) || b.score - a.score;
    case 'insertion':
      return (a, b) => compareNullableDesc(a.doc.insertionRate, b.doc.insertionRate) || b.score - a.score;
    case 'note':
      return (a, b) => compareNullableDesc(a.doc.reviewScore, b.doc.reviewScore) || b.doc.reviewCount - a.doc.reviewCount || b.score - a.score;
  }
}

/** Le moteur naïf (même port que les vrais moteurs, sans index). */
export class LinearScanEngine implements Omit<SearchEngine, 'name'> {
  readonly name = 'linear-scan';
  private readonly docs: readonly ScanDoc[];

  constructor(documents: readonly ActionDocument[]) {
    this.docs = documents.map((doc) => ({
      doc,
      title: fold(doc.title),
      metiers: fold(doc.metierLabels.join(' | ')),
      rest: fold(`${doc.organismeName} | ${doc.description}`),
    }));
  }

  get size(): number {
    return this.docs.length;
  }

  search(query: SearchQuery): Promise<SearchResult> {
    return Promise.resolve(this.searchSync(query));
  }

  searchSync(query: SearchQuery): SearchResult {
    const terms = scanTerms(query.text);
    const matched: Scored[] = [];
    for (const entry of this.docs) {
      let score = 0;
      let ok = true;
      for (const term of terms) {
        if (entry.title.includes(term)) score += 3;
        else if (entry.metiers.includes(term)) score += 2;
        else if (entry.rest.includes(term)) score += 1;
        else {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      const distanceKm = distanceFrom(query.origin, entry.doc);
      if (!matchesQueryFilters(entry.doc, query, distanceKm)) continue;
      matched.push({ doc: entry.doc, score, distanceKm });
    }
    matched.sort(compareScored(query.sort));
    const start = (query.page - 1) * query.perPage;
    const hits: SearchHit[] = matched.slice(start, start + query.perPage).map((s) => ({ document: s.doc, distanceKm: s.distanceKm }));
    return { total: matched.length, page: query.page, perPage: query.perPage, hits, facets: countFacets(matched.map((s) => s.doc)) };
  }
}
