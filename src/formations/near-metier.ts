/**
 * « Quelles formations mènent à ce métier près de chez moi ? » (fiche métier) : les formations
 * à venir les plus proches, à moins de 30 km (le rayon par défaut) d'une commune ou de la position
 * de l'usager, par la même recherche que `GET /api/formations?metier=CODE&commune=INSEE&rayon=30&tri=distance`.
 * Si rien n'est trouvé sur place dans les 30 km, la recherche élargit le rayon et on le dit.
 */
import type { Commune } from '../domain/geo';
import { isInFrance } from '../domain/geo';
import type { FormationResult } from '../http/schemas';
import { z } from '../domain/zod';
import { DEFAULT_RADIUS_KM } from '../domain/radius';
import { formationsQuery } from './search';
import { formationsSearchHref } from '../lib/links';
import { resolveCommuneCode, resolveCommuneText } from '../territories/place';
import type { LocalSearchServices } from './services';

export const NEAR_RADIUS_KM = DEFAULT_RADIUS_KM;
export const NEAR_LIMIT = 10;
/** Précision gardée d'une position (3 décimales ≈ 100 m) : assez pour une distance, pas plus. */
const POSITION_DECIMALS = 3;

export type NearOrigin =
  | { kind: 'commune'; commune: Commune; alternatives: Commune[] }
  | { kind: 'position'; lat: number; lon: number };

export type NearRequest =
  | { kind: 'empty'; askPosition: boolean }
  | { kind: 'invalid'; field: 'commune' | 'position'; message: string; communeText: string }
  | { kind: 'ok'; origin: NearOrigin; communeText: string };

const Coordinate = (min: number, max: number) => z.coerce.number().min(min).max(max);
const round = (n: number) => Number(n.toFixed(POSITION_DECIMALS));

/**
 * Lit la requête de la page : `commune` (texte tapé), `code_commune` (code INSEE, dans nos liens),
 * `lat` et `lon` (position donnée par le navigateur), `localiser=1` (« Me localiser » demandé : la
 * page demande alors la position au navigateur, puis revient avec `lat` et `lon`).
 */
export function parseNearRequest(geo: LocalSearchServices['geo'], params: URLSearchParams): NearRequest {
  const communeText = (params.get('commune') ?? '').slice(0, 200);
  const code = params.get('code_commune')?.trim() ?? '';
  const lat = params.get('lat')?.trim() ?? '';
  const lon = params.get('lon')?.trim() ?? '';

  if (lat !== '' || lon !== '') {
    const la = Coordinate(-90, 90).safeParse(lat);
    const lo = Coordinate(-180, 180).safeParse(lon);
    if (!la.success || !lo.success || lat === '' || lon === '') {
      return { kind: 'invalid', field: 'position', message: 'Position invalide : indiquez plutôt votre commune.', communeText };
    }
    if (!isInFrance(la.data, lo.data)) {
      return { kind: 'invalid', field: 'position', message: 'Votre position semble hors de France : indiquez plutôt votre commune.', communeText };
    }
    return { kind: 'ok', origin: { kind: 'position', lat: round(la.data), lon: round(lo.data) }, communeText };
  }
  if (params.get('localiser') === '1') return { kind: 'empty', askPosition: true };
  if (code !== '') {
    const resolved = resolveCommuneCode(geo, code);
    return resolved.ok
      ? { kind: 'ok', origin: { kind: 'commune', commune: resolved.commune, alternatives: [] }, communeText: resolved.commune.name }
      : { kind: 'invalid', field: 'commune', message: resolved.message, communeText };
  }
  if (communeText.trim() === '') return { kind: 'empty', askPosition: false };
  const resolved = resolveCommuneText(geo, communeText);
  return resolved.ok
    ? { kind: 'ok', origin: { kind: 'commune', commune: resolved.commune, alternatives: resolved.alternatives }, communeText }
    : { kind: 'invalid', field: 'commune', message: resolved.message, communeText };
}

export interface NearTrainings {
  /** Les formations à venir les plus proches (NEAR_LIMIT au plus), sur place d'abord, puis à distance. */
  results: FormationResult[];
  /** Nombre de formations du métier dans le rayon utilisé (avec ou sans session à venir). */
  total: number;
  radiusKm: number;
  widened: boolean;
  /** La recherche complète, pré-remplie. */
  searchHref: string;
}

function originParams(origin: NearOrigin): Record<string, string | number> {
  return origin.kind === 'commune' ? { commune: origin.commune.inseeCode } : { lat: origin.lat, lon: origin.lon };
}

function originPoint(origin: NearOrigin): { lat: number; lon: number } {
  return origin.kind === 'commune' ? { lat: origin.commune.lat, lon: origin.commune.lon } : { lat: origin.lat, lon: origin.lon };
}

export async function nearestTrainings(services: Pick<LocalSearchServices, 'search' | 'card'>, code: string, origin: NearOrigin): Promise<NearTrainings> {
  const place = originParams(origin);
  const found = await services.search(
    formationsQuery({ romeCodes: [code.toUpperCase()], origin: originPoint(origin), radiusKm: NEAR_RADIUS_KM, sort: 'distance', perPage: 50 }),
  );
  return {
    results: found.hits.filter((hit) => hit.document.sessions.length > 0).slice(0, NEAR_LIMIT).map((hit) => services.card(hit)),
    total: found.total,
    radiusKm: found.radiusKm ?? NEAR_RADIUS_KM,
    widened: found.widened,
    searchHref: formationsSearchHref({ metier: code, ...place, rayon: NEAR_RADIUS_KM }),
  };
}
