/**
 * Référentiel géographique des Pays de la Loire en lecture : chargement des fichiers
 * produits par le build (`data/build/geo`) et recherches (commune par code INSEE, ancien
 * code ou commune déléguée ; recherche par nom ou code postal ; territoire EFOP ; EPCI).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from '../domain/zod';
import { distance as editDistance } from 'fastest-levenshtein';
import { Commune, DEPARTEMENTS_PDL, Epci, FormerCommune, TerritoireEfop, normalizeName, type DepartementPdl } from '../domain/geo';
import { DEFAULT_GEO_BUILD_DIR, GEO_BUILD_FILES } from './files';

export { validateTerritoires, resolveTerritoires, TERRITOIRE_EFOP_NAMES } from './territoires';

export interface GeoData {
  communes: readonly Commune[];
  epcis: readonly Epci[];
  territoires: readonly TerritoireEfop[];
  aliases: readonly FormerCommune[];
  /** Avertissement à afficher avec les territoires (composition provisoire). */
  territoiresNotice: string;
}

export interface GeoReferentiel {
  /** Commune actuelle, par son code INSEE ou par un ancien code / code de commune déléguée. */
  communeByInsee(code: string): Commune | undefined;
  /**
   * Recherche par nom (avec ou sans accents, « st » pour saint…) ou par début de code postal.
   * Classement : nom exact, puis début du nom, puis un mot du nom ; à égalité, la plus peuplée.
   * Les anciens noms (communes déléguées) renvoient la commune actuelle.
   */
  searchCommunes(query: string, limit?: number): Commune[];
  /**
   * Fautes de frappe : les communes dont le nom est à 1 faute (noms de 5 lettres au plus) ou 2 fautes
   * du texte tapé (« Cholett » → Cholet), les plus proches puis les plus peuplées. Vide si le texte
   * fait moins de 4 lettres.
   */
  suggestCommunes(query: string, limit?: number): Commune[];
  territoireOf(inseeCode: string): TerritoireEfop | undefined;
  epciOf(inseeCode: string): Epci | undefined;
  communesOfTerritoire(slug: string): Commune[];
  territoireBySlug(slug: string): TerritoireEfop | undefined;
  allCommunes(): readonly Commune[];
  allTerritoires(): readonly TerritoireEfop[];
  allEpcis(): readonly Epci[];
  territoiresNotice: string;
}

/**
 * « Laval 53 » / « Laval 53000 » : un nom suivi d'un numéro de département des Pays de la Loire ou
 * d'un code postal. Lu sans expression régulière (texte tapé par l'usager).
 */
export function splitPlaceQualifier(text: string): { text: string; departement: DepartementPdl | null; postcode: string | null } {
  const space = text.lastIndexOf(' ');
  if (space <= 0) return { text, departement: null, postcode: null };
  const tail = text.slice(space + 1);
  const head = text.slice(0, space).trim();
  const digits = tail !== '' && [...tail].every((ch) => ch >= '0' && ch <= '9');
  if (!digits || head === '') return { text, departement: null, postcode: null };
  const departement = DEPARTEMENTS_PDL.find((d) => d === tail) ?? null;
  if (departement !== null) return { text: head, departement, postcode: null };
  if (tail.length === 5) return { text: head, departement: null, postcode: tail };
  return { text, departement: null, postcode: null };
}

/** Rang d'une correspondance de recherche (plus petit = meilleur). */
const Rank = { Exact: 0, FormerExact: 1, Prefix: 2, FormerPrefix: 3, WordPrefix: 4, FormerWordPrefix: 5 } as const;

function textRank(key: string, query: string, former: boolean): number | null {
  if (key === query) return former ? Rank.FormerExact : Rank.Exact;
  if (key.startsWith(query)) return former ? Rank.FormerPrefix : Rank.Prefix;
  if (key.includes(` ${query}`)) return former ? Rank.FormerWordPrefix : Rank.WordPrefix;
  return null;
}

export function createGeoReferentiel(data: GeoData): GeoReferentiel {
  const communes = [...data.communes].sort((a, b) => a.inseeCode.localeCompare(b.inseeCode));
  const byCode = new Map(communes.map((c) => [c.inseeCode, c]));
  const aliasTarget = new Map<string, string>();
  for (const a of data.aliases) if (!byCode.has(a.code)) aliasTarget.set(a.code, a.currentCode);
  const epciByCode = new Map(data.epcis.map((e) => [e.code, e]));
  const territoireBySlug = new Map(data.territoires.map((t) => [t.slug, t]));

  const searchKeys = communes.map((c) => ({ commune: c, key: normalizeName(c.name) }));
  const formerKeys = data.aliases
    .filter((a) => a.name !== null)
    .flatMap((a) => {
      const commune = byCode.get(a.currentCode);
      return commune && a.name !== null && normalizeName(a.name) !== normalizeName(commune.name)
        ? [{ commune, key: normalizeName(a.name) }]
        : [];
    });

  const communeByInsee = (code: string): Commune | undefined => {
    const trimmed = code.trim().toUpperCase();
    return byCode.get(trimmed) ?? byCode.get(aliasTarget.get(trimmed) ?? '');
  };

  const rankAndSort = (ranks: Map<string, number>, limit: number, postcode = ''): Commune[] =>
    [...ranks.entries()]
      .map(([code, rank]) => ({ commune: byCode.get(code) as Commune, rank }))
      .sort(
        (a, b) =>
          a.rank - b.rank ||
          Number(b.commune.mainPostcode === postcode) - Number(a.commune.mainPostcode === postcode) ||
          b.commune.population - a.commune.population ||
          a.commune.name.localeCompare(b.commune.name, 'fr'),
      )
      .slice(0, Math.max(0, limit))
      .map((r) => r.commune);

  const searchCommunes = (query: string, limit = 10): Commune[] => {
    const { text: raw, departement, postcode } = splitPlaceQualifier(query.trim());
    if (departement !== null || postcode !== null) {
      // « Laval 53 », « Laval 53000 » : le nom, dans ce département ou à ce code postal.
      const within = searchCommunes(raw, communes.length).filter((c) => (departement !== null ? c.departement === departement : c.postcodes.includes(postcode ?? '')));
      return within.slice(0, Math.max(0, limit));
    }
    if (raw === '') return [];
    const compact = raw.replace(/\s+/g, '');
    if (/^\d{2,5}$/.test(compact)) {
      const ranks = new Map<string, number>();
      for (const c of communes) {
        if (c.postcodes.some((p) => p === compact)) ranks.set(c.inseeCode, 0);
        else if (c.postcodes.some((p) => p.startsWith(compact))) ranks.set(c.inseeCode, 1);
      }
      return rankAndSort(ranks, limit, compact);
    }
    const q = normalizeName(raw);
    if (q === '') return [];
    const ranks = new Map<string, number>();
    const consider = (code: string, rank: number | null): void => {
      if (rank === null) return;
      const best = ranks.get(code);
      if (best === undefined || rank < best) ranks.set(code, rank);
    };
    for (const { commune, key } of searchKeys) consider(commune.inseeCode, textRank(key, q, false));
    for (const { commune, key } of formerKeys) consider(commune.inseeCode, textRank(key, q, true));
    return rankAndSort(ranks, limit);
  };

  const suggestCommunes = (query: string, limit = 5): Commune[] => {
    const q = normalizeName(splitPlaceQualifier(query.trim()).text);
    if (q.length < 4) return [];
    const allowed = q.length <= 5 ? 1 : 2;
    const best = new Map<string, number>();
    for (const keys of [searchKeys, formerKeys]) {
      for (const { commune, key } of keys) {
        // Bornes d'abord : une longueur trop différente ne peut pas être à `allowed` fautes.
        if (Math.abs(key.length - q.length) > allowed) continue;
        const d = editDistance(key, q);
        if (d > allowed) continue;
        const previous = best.get(commune.inseeCode);
        if (previous === undefined || d < previous) best.set(commune.inseeCode, d);
      }
    }
    return rankAndSort(best, limit);
  };

  return {
    communeByInsee,
    searchCommunes,
    suggestCommunes,
    territoireOf: (code) => {
      const slug = communeByInsee(code)?.territoireSlug;
      return slug ? territoireBySlug.get(slug) : undefined;
    },
    epciOf: (code) => {
      const epci = communeByInsee(code)?.epciCode;
      return epci ? epciByCode.get(epci) : undefined;
    },
    communesOfTerritoire: (slug) => {
      const t = territoireBySlug.get(slug);
      return t ? t.communeCodes.flatMap((code) => byCode.get(code) ?? []) : [];
    },
    territoireBySlug: (slug) => territoireBySlug.get(slug),
    allCommunes: () => communes,
    allTerritoires: () => data.territoires,
    allEpcis: () => data.epcis,
    territoiresNotice: data.territoiresNotice,
  };
}

const TerritoiresBuildFile = z.object({
  provisional: z.literal(true),
  notice: z.string(),
  territoires: z.array(TerritoireEfop),
});

function readParsed<T>(dir: string, file: string, schema: z.ZodType<T>): T {
  const full = path.join(dir, file);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(full, 'utf8'));
  } catch (error) {
    throw new Error(
      `Référentiel géographique illisible : ${full} (${(error as Error).message}). Lancez d'abord la construction des données (npm run data:build).`,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Error(`Référentiel géographique invalide : ${full} : ${parsed.error.message}`);
  return parsed.data;
}

/** Charge le référentiel construit dans `dir` (par défaut `data/build/geo`, relatif au dossier courant). */
export function loadGeoReferentiel(dir: string = DEFAULT_GEO_BUILD_DIR): GeoReferentiel {
  const territoires = readParsed(dir, GEO_BUILD_FILES.territoires, TerritoiresBuildFile);
  return createGeoReferentiel({
    communes: readParsed(dir, GEO_BUILD_FILES.communes, z.array(Commune)),
    epcis: readParsed(dir, GEO_BUILD_FILES.epcis, z.array(Epci)),
    aliases: readParsed(dir, GEO_BUILD_FILES.aliases, z.array(FormerCommune)),
    territoires: territoires.territoires,
    territoiresNotice: territoires.notice,
  });
}
