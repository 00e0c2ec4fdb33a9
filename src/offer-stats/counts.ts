/**
 * L'offre de formation en chiffres, comptée par le moteur de recherche (port `SearchEngine`,
 * `countFacets`) : les mêmes actions que celles de `/api/formations`, avec le moteur embarqué comme
 * avec Meilisearch. Comptes d'actions, de sessions, de formations et d'organismes, par territoire
 * EFOP, par grand domaine du ROME, par niveau de sortie et par lieu.
 *
 * Une « session » est une session encore proposée à la date des documents (à venir, ou en cours
 * pour une formation à entrées et sorties permanentes) ; un compte de sessions est une somme, lue
 * dans les facettes « …SessionSlots » (voir `OFFER_FACETS`, src/search/query.ts).
 */
import type { Level } from '../domain/levels';
import { sessionsByKey } from '../search/facets';
import type { SearchEngine } from '../search/port';
import { CountQuery, NO_VALUE, type CountQueryInput } from '../search/query';
import { domainRows, levelRows, type CountRow, type OfferCounts } from './aggregate';

/** Ce qu'un comptage retient : des codes ROME (OU) et des filtres de la recherche. */
export interface OfferScope {
  romeCodes?: string[];
  filters?: CountQueryInput['filters'];
}

type Engine = Pick<SearchEngine, 'countFacets'>;

function count(engine: Engine, scope: OfferScope, facets: CountQueryInput['facets']) {
  return engine.countFacets(CountQuery.parse({ romeCodes: scope.romeCodes ?? [], filters: scope.filters ?? {}, facets }));
}

const keysOf = (values: Readonly<Record<string, number>> | undefined): number => Object.keys(values ?? {}).length;

/** Actions, sessions, formations et organismes distincts retenus par `scope` (toute l'offre sans `scope`). */
export async function countOffer(engine: Engine, scope: OfferScope = {}): Promise<OfferCounts> {
  const { total, facets } = await count(engine, scope, ['formationId', 'organismeId', 'sessionSlots']);
  return {
    actions: total,
    sessions: sessionsByKey(facets.sessionSlots).get('') ?? 0,
    formations: keysOf(facets.formationId),
    organismes: keysOf(facets.organismeId),
  };
}

/** Les chiffres de chaque territoire EFOP (slug → comptes) ; les actions hors territoire sont ignorées. */
export async function countByTerritoire(engine: Engine, slugs: readonly string[]): Promise<Map<string, OfferCounts>> {
  const { facets } = await count(engine, {}, ['territoire']);
  const present = slugs.filter((slug) => (facets.territoire?.[slug] ?? 0) > 0);
  const counts = await Promise.all(present.map(async (slug) => [slug, await countOffer(engine, { filters: { territoires: [slug] } })] as const));
  return new Map(counts);
}

/** Actions et sessions d'un lieu (clé `placeKey` : code INSEE, sinon « nom:<commune> »). */
export interface PlaceCount {
  actions: number;
  sessions: number;
}

export interface TerritoireOffer {
  counts: OfferCounts;
  byDomain: CountRow<string | null>[];
  byLevel: CountRow<Level | null>[];
  /** Par lieu (clé `placeKey`). */
  byPlace: Map<string, PlaceCount>;
}

/** L'offre d'un territoire : chiffres, par domaine, par niveau, par lieu. */
export async function territoireOffer(engine: Engine, slug: string): Promise<TerritoireOffer> {
  const scope: OfferScope = { filters: { territoires: [slug] } };
  const [counts, { facets }] = await Promise.all([
    countOffer(engine, scope),
    count(engine, scope, ['romeDomain', 'romeDomainSessionSlots', 'levelGroup', 'levelGroupSessionSlots', 'place', 'placeSessionSlots']),
  ]);
  const rows = (actions: Readonly<Record<string, number>> | undefined, slots: Readonly<Record<string, number>> | undefined) => {
    const sessions = sessionsByKey(slots);
    return Object.entries(actions ?? {}).map(([key, n]) => ({ key: key === NO_VALUE ? null : key, actions: n, sessions: sessions.get(key) ?? 0 }));
  };
  const placeSessions = sessionsByKey(facets.placeSessionSlots);
  return {
    counts,
    byDomain: domainRows(rows(facets.romeDomain, facets.romeDomainSessionSlots)),
    byLevel: levelRows(rows(facets.levelGroup, facets.levelGroupSessionSlots).map((r) => ({ ...r, key: r.key === null ? null : (Number(r.key) as Level) }))),
    byPlace: new Map(Object.entries(facets.place ?? {}).map(([key, actions]) => [key, { actions, sessions: placeSessions.get(key) ?? 0 }])),
  };
}
