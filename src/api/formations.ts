/**
 * `GET /api/formations` : la recherche, avec élargissement du rayon, et la réponse publique.
 *
 * Élargissement : avec un lieu, si AUCUNE formation sur place (présentiel ou mixte) n'est trouvée
 * dans le rayon demandé, on réessaie aux paliers suivants de [10, 20, 30, 50, 100] km
 * (30 → 50 → 100 par défaut), et on s'arrête au premier palier qui trouve, ou à 100 km.
 * Les formations entièrement à distance ne sont jamais limitées par le rayon (`a_distance: true`)
 * et ne comptent PAS comme « trouvé près de chez vous » : l'usager qui donne un lieu cherche
 * d'abord une formation où se rendre. Elles restent dans les résultats de chaque palier.
 * Si l'usager ne veut QUE des formations à distance (`modalite=distance`), rien n'est élargi.
 * Réponse : `rayon_km` = le rayon réellement utilisé, `elargi` = vrai s'il a changé (même si
 * rien n'est trouvé à 100 km).
 */
import { apiPlainText } from '../http/api-text';
import { insertionHeadline, type InsertionStat } from '../domain/insertion';
import { TEACHING_MODES, type TeachingMode } from '../domain/offer';
import type { ActionDocument, SearchEngine, SearchHit, SearchResult } from '../search/port';
import type { FacetName, Facets, SearchQuery } from '../search/query';
import type { FacetteName, FormationResult, FormationsResponse } from './schemas';

export const RADIUS_STEPS = [10, 20, 30, 50, 100] as const;

/** Les rayons à essayer après `requestedKm` : les paliers au-dessus, jusqu'à 100 km. */
export function widerRadii(requestedKm: number): number[] {
  return RADIUS_STEPS.filter((r) => r > requestedKm);
}

const ON_SITE_MODES = TEACHING_MODES.filter((m) => m !== 'distance');

/** Les modalités « sur place » que la requête peut rendre (aucune : pas d'élargissement). */
function onSiteModes(query: SearchQuery): TeachingMode[] {
  const wanted = query.filters.teachingModes;
  return wanted.length === 0 ? ON_SITE_MODES : wanted.filter((m) => m !== 'distance');
}

/**
 * Nombre de formations sur place du résultat, lu dans la facette « modalité » : pour les valeurs
 * demandées, son compte est celui du résultat, que le moteur calcule ses facettes de façon
 * disjonctive ou non.
 */
function onSiteCount(result: SearchResult, modes: readonly TeachingMode[]): number {
  return modes.reduce((sum, mode) => sum + (result.facets.teachingMode[mode] ?? 0), 0);
}

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

function roundKm(km: number | null): number | null {
  return km === null ? null : Math.round(km * 10) / 10;
}

function insertionOf(doc: ActionDocument, origin: InsertionOrigin): FormationResult['insertion'] {
  const stat = doc.insertionRate === null ? null : origin(doc.id);
  if (!stat || doc.insertionRate === null) return undefined;
  return { taux_emploi: doc.insertionRate, libelle: insertionHeadline(stat), source: stat.source, demonstration: stat.demo, millesime: stat.vintage, perimetre: stat.scope };
}

function toFormationResult({ document: doc, distanceKm }: SearchHit, origin: InsertionOrigin): FormationResult {
  const insertion = insertionOf(doc, origin);
  return {
    id: doc.id,
    intitule: apiPlainText(doc.title),
    organisme: apiPlainText(doc.organismeName),
    lieu: { commune: doc.city, code_insee: doc.inseeCode, lat: doc.lat, lon: doc.lon },
    distance_km: roundKm(distanceKm),
    a_distance: doc.distanceLearning,
    sessions: doc.sessions.map((s) => ({ debut: s.start, fin: s.end, en_cours: s.underway === true })),
    niveau_sortie: doc.level,
    modalite: doc.teachingMode,
    duree_heures: doc.durationHours,
    metiers: doc.romeCodes,
    ...(insertion && { insertion }),
    ...(doc.reviewCount > 0 && doc.reviewScore !== null && { avis: { note_globale: doc.reviewScore, nombre: doc.reviewCount } }),
  };
}

export async function searchFormations(engine: SearchEngine, query: SearchQuery, origin: InsertionOrigin): Promise<FormationsResponse> {
  let result = await engine.search(query);
  let radiusKm = query.radiusKm;
  const modes = onSiteModes(query);
  if (query.origin !== null && radiusKm !== null && modes.length > 0) {
    for (const wider of widerRadii(radiusKm)) {
      if (onSiteCount(result, modes) > 0) break;
      radiusKm = wider;
      result = await engine.search({ ...query, radiusKm: wider });
    }
  }
  return {
    total: result.total,
    page: result.page,
    par_page: result.perPage,
    rayon_km: radiusKm,
    elargi: radiusKm !== query.radiusKm,
    resultats: result.hits.map((hit) => toFormationResult(hit, origin)),
    facettes: facettes(result.facets),
  };
}
