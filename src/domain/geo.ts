/**
 * Référentiel géographique des Pays de la Loire : communes, EPCI, territoires EFOP et
 * anciens codes. Schémas zod, types inférés et fonctions pures (aucune entrée-sortie).
 */
import { z } from './zod';

/** Départements de la région Pays de la Loire (code région INSEE 52). */
export const DEPARTEMENTS_PDL = ['44', '49', '53', '72', '85'] as const;
export const DepartementPdl = z.enum(DEPARTEMENTS_PDL);
export type DepartementPdl = z.infer<typeof DepartementPdl>;

export const DEPARTEMENT_NAMES: Record<DepartementPdl, string> = {
  '44': 'Loire-Atlantique',
  '49': 'Maine-et-Loire',
  '53': 'Mayenne',
  '72': 'Sarthe',
  '85': 'Vendée',
};

export const GeoInseeCode = z.string().regex(/^(\d{5}|2[AB]\d{3})$/, 'code INSEE à 5 caractères attendu');
export const GeoPostcode = z.string().regex(/^\d{5}$/, 'code postal à 5 chiffres attendu');
export const Siren = z.string().regex(/^\d{9}$/, 'SIREN à 9 chiffres attendu');
export const Latitude = z.number().min(-90).max(90);
export const Longitude = z.number().min(-180).max(180);

/**
 * Origine des coordonnées d'une commune (règle de géocodage appliquée, de la plus fiable
 * à la plus approximative ; voir docs/adr/003-geo-referentiel.md).
 */
export const CoordSource = z.enum([
  /** Lieu GeoNames de même nom (normalisé) dans le département. */
  'geonames-name',
  /** Moyenne des lieux GeoNames des communes déléguées ou associées (commune nouvelle). */
  'geonames-delegated-mean',
  /** Lieu GeoNames rattaché au même code INSEE, sous un autre nom (chef-lieu, ancien nom). */
  'geonames-insee',
  /** Variante du nom : sans article, sans suffixe « -sur-… » / « -en-… », préfixe. */
  'geonames-name-variant',
  /** Moyenne des communes géocodées de même code postal principal et de même EPCI. */
  'postcode-epci-mean',
  /** Moyenne des communes géocodées de même code postal principal. */
  'postcode-mean',
  /** Moyenne des communes géocodées du même EPCI. */
  'epci-mean',
  /** Moyenne des communes géocodées du département (dernier recours). */
  'departement-mean',
]);
export type CoordSource = z.infer<typeof CoordSource>;

export const Commune = z.object({
  inseeCode: GeoInseeCode,
  name: z.string().min(1),
  departement: DepartementPdl,
  postcodes: z.array(GeoPostcode).min(1),
  mainPostcode: GeoPostcode,
  population: z.number().int().nonnegative(),
  epciCode: Siren.nullable(),
  epciName: z.string().nullable(),
  territoireSlug: z.string().nullable(),
  lat: Latitude,
  lon: Longitude,
  coordSource: CoordSource,
});
export type Commune = z.infer<typeof Commune>;

export const EpciType = z.enum(['CC', 'CA', 'CU', 'METRO', 'MET69']);
export type EpciType = z.infer<typeof EpciType>;

export const Epci = z.object({
  code: Siren.describe('SIREN de l’EPCI'),
  name: z.string().min(1),
  type: EpciType,
  /** Communes membres situées dans les Pays de la Loire (codes INSEE actuels). */
  memberCodes: z.array(GeoInseeCode).min(1),
  /** Départements des Pays de la Loire où l'EPCI a des communes membres. */
  departements: z.array(DepartementPdl).min(1),
  /** Communes membres hors région (EPCI à cheval sur la limite régionale) : non comptées. */
  outsideRegionMemberCodes: z.array(GeoInseeCode),
});
export type Epci = z.infer<typeof Epci>;

export const TerritoireEfop = z.object({
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'slug en minuscules et tirets attendu'),
  name: z.string().min(1),
  departement: DepartementPdl,
  epciCodes: z.array(Siren),
  /** Toutes les communes du territoire : membres PdL de ses EPCI + communes rattachées directement. */
  communeCodes: z.array(GeoInseeCode),
  provisional: z.literal(true),
});
export type TerritoireEfop = z.infer<typeof TerritoireEfop>;

export const FormerCommuneKind = z.enum(['commune-deleguee', 'commune-associee', 'ancien-code']);
export type FormerCommuneKind = z.infer<typeof FormerCommuneKind>;

/** Ancien code INSEE, ou commune déléguée / associée, rattaché à une commune actuelle. */
export const FormerCommune = z.object({
  code: GeoInseeCode,
  /** Nom de la commune déléguée ou associée ; null pour un simple ancien code. */
  name: z.string().nullable(),
  kind: FormerCommuneKind,
  currentCode: GeoInseeCode,
});
export type FormerCommune = z.infer<typeof FormerCommune>;

export interface LatLon {
  lat: number;
  lon: number;
}

/** Rayon terrestre moyen (UGGI), en km. */
const EARTH_RADIUS_KM = 6371.0088;

/** Distance orthodromique (formule de haversine), en kilomètres. */
export function haversineKm(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * « Me localiser » : au-delà de cette distance du centre de la commune de la région la plus proche,
 * la position est dite hors des Pays de la Loire (les plus grandes communes de la région font moins
 * de 10 km du centre au bord).
 */
export const NEAREST_COMMUNE_MAX_KM = 10;

/**
 * La commune dont le centre est le plus proche du point, si elle est à moins de `maxKm` ; sinon
 * null (position hors de la région). Parcours linéaire : 1 228 communes.
 */
export function nearestCommune<C extends LatLon>(communes: readonly C[], point: LatLon, maxKm = NEAREST_COMMUNE_MAX_KM): { commune: C; km: number } | null {
  let best: { commune: C; km: number } | null = null;
  for (const commune of communes) {
    const km = haversineKm(point, commune);
    if (best === null || km < best.km) best = { commune, km };
  }
  return best !== null && best.km <= maxKm ? best : null;
}

/**
 * Normalise un nom pour la recherche et les rapprochements : minuscules, accents et
 * ligatures repliés, apostrophes, tirets et autre ponctuation → espace, espaces réduits,
 * « st » → « saint », « ste » → « sainte ».
 * `normalizeName("St-Jean-d’Angély")` === `"saint jean d angely"`.
 */
export function normalizeName(value: string): string {
  return value
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .map((word) => (word === 'st' ? 'saint' : word === 'ste' ? 'sainte' : word))
    .join(' ');
}

interface BBox {
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
}

function inBox(box: BBox, lat: number, lon: number): boolean {
  return lat >= box.minLat && lat <= box.maxLat && lon >= box.minLon && lon <= box.maxLon;
}

/** France métropolitaine continentale (îles du Ponant comprises). */
const MAINLAND_FRANCE: BBox = { minLat: 42.3, maxLat: 51.15, minLon: -5.25, maxLon: 8.25 };
/** Corse. */
const CORSICA: BBox = { minLat: 41.3, maxLat: 43.1, minLon: 8.5, maxLon: 9.6 };

/**
 * Les coordonnées tombent-elles en France métropolitaine ou en Corse ? Contrôle grossier
 * par rectangles englobants, pour rejeter à l'import des coordonnées manifestement fausses
 * (inversées, nulles, hors de France).
 */
export function isInFrance(lat: number, lon: number): boolean {
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return false;
  return inBox(MAINLAND_FRANCE, lat, lon) || inBox(CORSICA, lat, lon);
}

/** Rectangle englobant des Pays de la Loire (île d'Yeu et Noirmoutier comprises). */
export const PDL_BBOX: Readonly<BBox> = { minLat: 46.2, maxLat: 48.6, minLon: -2.6, maxLon: 1.0 };

export function isInPaysDeLaLoireBBox(lat: number, lon: number): boolean {
  return Number.isFinite(lat) && Number.isFinite(lon) && inBox(PDL_BBOX, lat, lon);
}
