/**
 * `GET /api/formations` : la réponse publique du cas d'usage « chercher des formations »
 * (src/formations/search.ts, élargissement du rayon compris), au format de l'API.
 * Réponse : `rayon_km` = le rayon réellement utilisé, `elargi` = vrai s'il a changé (même si
 * rien n'est trouvé au dernier palier) ; `a_distance: true` pour une formation entièrement à distance.
 */
import { apiPlainText } from './api-text';
import { insertionHeadline, type InsertionStat } from '../domain/insertion';
import { roundKm, searchFormations as runSearch, type FormationSearch } from '../formations/search';
import type { ActionDocument, SearchEngine, SearchHit } from '../search/port';
import type { FacetName, Facets, SearchQuery } from '../search/query';
import type { FacetteName, FormationResult, FormationsResponse } from './schemas';

/** La statistique du taux d'insertion publiable d'une action (celui de `insertionRate`). */
export type InsertionOrigin = (actionId: string) => InsertionStat | null;

const FACET_NAMES: Record<FacetteName, FacetName> = {
  niveau: 'level',
  modalite: 'teachingMode',
  financement: 'financing',
  public: 'publics',
  departement: 'departement',
  territoire: 'territoire',
  entree_permanente: 'permanentEntry',
  handicap: 'handicapAccessible',
  certifiante: 'certifying',
  debut: 'startMonth',
  duree: 'durationBucket',
};

function facettes(facets: Facets): FormationsResponse['facettes'] {
  return Object.fromEntries(Object.entries(FACET_NAMES).map(([out, name]) => [out, facets[name]])) as FormationsResponse['facettes'];
}

function insertionOf(doc: ActionDocument, origin: InsertionOrigin): FormationResult['insertion'] {
  const stat = doc.insertionRate === null ? null : origin(doc.id);
  if (!stat || doc.insertionRate === null) return undefined;
  return { taux_emploi: doc.insertionRate, libelle: insertionHeadline(stat), source: stat.source, demonstration: stat.demo, millesime: stat.vintage, perimetre: stat.scope };
}

const ENROLMENT_WORDS = { open: 'ouvertes', closed: 'fermees', none: 'aucune-session' } as const;

export function toFormationResult({ document: doc, distanceKm }: SearchHit, origin: InsertionOrigin): FormationResult {
  const insertion = insertionOf(doc, origin);
  return {
    id: doc.id,
    intitule: apiPlainText(doc.title),
    organisme: apiPlainText(doc.organismeName),
    lieu: { commune: doc.city, code_insee: doc.inseeCode, lat: doc.lat, lon: doc.lon },
    distance_km: roundKm(distanceKm),
    a_distance: doc.distanceLearning,
    sessions: doc.sessions.map((s) => ({ debut: s.start, fin: s.end, en_cours: s.underway === true, complete: s.full === true })),
    inscriptions: ENROLMENT_WORDS[doc.enrolment ?? 'open'],
    niveau_sortie: doc.level,
    modalite: doc.teachingMode,
    duree_heures: doc.durationHours,
    metiers: doc.romeCodes,
    ...(insertion && { insertion }),
    ...(doc.reviewCount > 0 && doc.reviewScore !== null && { avis: { note_globale: doc.reviewScore, nombre: doc.reviewCount } }),
  };
}

/** Le résultat du cas d'usage, au format de l'API. */
export function toFormationsResponse(search: FormationSearch, origin: InsertionOrigin): FormationsResponse {
  return {
    total: search.total,
    page: search.page,
    par_page: search.perPage,
    rayon_km: search.radiusKm,
    elargi: search.widened,
    resultats: search.hits.map((hit) => toFormationResult(hit, origin)),
    facettes: facettes(search.facets),
  };
}

/** `GET /api/formations` pour une requête déjà analysée. */
export async function searchFormations(engine: SearchEngine, query: SearchQuery, origin: InsertionOrigin): Promise<FormationsResponse> {
  return toFormationsResponse(await runSearch(engine, query), origin);
}
