/**
 * Ce que les pages des territoires EFOP affichent, en fonctions pures : composition (EPCI et
 * communes), et projection des points sur une petite carte SVG statique (sans JavaScript).
 */
import { compareFrench } from '../catalog/catalog';
import type { Commune, Epci, EpciType, TerritoireEfop } from '../domain/geo';

export interface EpciPart {
  code: string;
  name: string;
  type: EpciType;
  communes: Commune[];
}

export interface TerritoryComposition {
  epcis: EpciPart[];
  /** Communes rattachées directement au territoire, sans EPCI du territoire (l'Île-d'Yeu). */
  direct: Commune[];
  communes: number;
  population: number;
}

export const EPCI_TYPE_LABELS: Record<EpciType, string> = {
  CC: 'communauté de communes',
  CA: 'communauté d’agglomération',
  CU: 'communauté urbaine',
  METRO: 'métropole',
  MET69: 'métropole',
};

/** Les EPCI du territoire (par nom) avec leurs communes (par nom), puis les communes rattachées seules. */
export function territoryComposition(territoire: TerritoireEfop, communes: readonly Commune[], epcis: readonly Epci[]): TerritoryComposition {
  const inTerritory = communes.filter((c) => territoire.communeCodes.includes(c.inseeCode));
  const byEpci = Map.groupBy(inTerritory, (c) => c.epciCode ?? '');
  const epciByCode = new Map(epcis.map((e) => [e.code, e]));
  const byName = (a: Commune, b: Commune) => compareFrench(a.name, b.name);
  const parts: EpciPart[] = territoire.epciCodes.flatMap((code) => {
    const epci = epciByCode.get(code);
    const members = byEpci.get(code) ?? [];
    return epci && members.length > 0 ? [{ code, name: epci.name, type: epci.type, communes: [...members].sort(byName) }] : [];
  });
  parts.sort((a, b) => compareFrench(a.name, b.name));
  const listed = new Set(parts.flatMap((p) => p.communes.map((c) => c.inseeCode)));
  return {
    epcis: parts,
    direct: inTerritory.filter((c) => !listed.has(c.inseeCode)).sort(byName),
    communes: inTerritory.length,
    population: inTerritory.reduce((n, c) => n + c.population, 0),
  };
}

export interface MapProjection {
  width: number;
  height: number;
  /** Coordonnées SVG (x vers la droite, y vers le bas) d'un point. */
  project(point: { lat: number; lon: number }): { x: number; y: number };
}

/**
 * Projection équirectangulaire ajustée à la latitude moyenne (suffisante à l'échelle d'une région),
 * cadrée sur les points donnés avec une marge, à la largeur demandée (hauteur au plus égale à la
 * largeur). Sans point : un cadre vide.
 */
export function fitProjection(points: readonly { lat: number; lon: number }[], width: number, margin = 12): MapProjection {
  if (points.length === 0) return { width, height: width / 2, project: () => ({ x: width / 2, y: width / 4 }) };
  const lats = points.map((p) => p.lat);
  const lons = points.map((p) => p.lon);
  const minLat = Math.min(...lats);
  const maxLat = Math.max(...lats);
  const minLon = Math.min(...lons);
  const maxLon = Math.max(...lons);
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * k, 1e-6);
  const spanY = Math.max(maxLat - minLat, 1e-6);
  const inner = width - 2 * margin;
  // Au plus un carré : une zone étroite et haute ne donne pas une carte démesurée.
  const scale = Math.min(inner / spanX, inner / spanY);
  const height = spanY * scale + 2 * margin;
  const offsetX = margin + (inner - spanX * scale) / 2;
  const offsetY = margin;
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    width,
    height: round(height),
    project: ({ lat, lon }) => ({ x: round(offsetX + (lon - minLon) * k * scale), y: round(offsetY + (maxLat - lat) * scale) }),
  };
}
