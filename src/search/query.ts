/**
 * Modèle de requête et de résultat de recherche, commun aux deux moteurs (embarqué, Meilisearch)
 * et à l'API. La requête est déjà validée et résolue : le lieu est un point (lat, lon), la commune
 * ayant été traduite par la couche API.
 */
import { z } from '../domain/zod';
import { Level } from '../domain/levels';
import { TeachingMode } from '../domain/offer';
import { RomeCode } from '../domain/metier';
import { MAX_PAGE, MAX_PER_PAGE } from './pagination';

export const SORTS = ['pertinence', 'distance', 'date', 'insertion', 'note'] as const;
export const Sort = z.enum(SORTS);
export type Sort = z.infer<typeof Sort>;

export { MAX_PAGE, MAX_PER_PAGE } from './pagination';

const IsoDate = z.iso.date();

export const GeoPoint = z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) });
export type GeoPoint = z.infer<typeof GeoPoint>;

export const SearchFilters = z.object({
  levels: z.array(Level).default([]).describe('Niveaux de sortie (OU)'),
  teachingModes: z.array(TeachingMode).default([]),
  financing: z.array(z.string().min(1)).default([]).describe('Valeurs de financingFacetValues (OU)'),
  publics: z.array(z.string().min(1)).default([]),
  departements: z.array(z.string().regex(/^\d{2}$/)).default([]),
  territoires: z.array(z.string().min(1)).default([]).describe('Slugs des territoires EFOP'),
  startFrom: IsoDate.nullable().default(null).describe('Une session commence ce jour ou après'),
  startTo: IsoDate.nullable().default(null).describe('Une session commence ce jour ou avant'),
  permanentEntry: z.boolean().nullable().default(null),
  handicapAccessible: z.boolean().nullable().default(null),
  certifying: z.boolean().nullable().default(null),
  maxDurationHours: z.number().positive().nullable().default(null),
  freeFor: z.array(z.string().min(1)).default([]).describe('« Gratuit pour moi » : étiquettes de src/domain/costs.ts acceptedTags (OU)'),
});
export type SearchFilters = z.infer<typeof SearchFilters>;

export const SearchQuery = z.object({
  text: z.string().max(200).default(''),
  romeCodes: z.array(RomeCode).max(20).default([]),
  origin: GeoPoint.nullable().default(null),
  /** Rayon autour de `origin` ; les actions entièrement à distance ne sont jamais exclues par le rayon. */
  radiusKm: z.number().min(1).max(200).nullable().default(null),
  filters: SearchFilters.prefault({}),
  sort: Sort.default('pertinence'),
  page: z.number().int().min(1).max(MAX_PAGE).default(1),
  perPage: z.number().int().min(1).max(MAX_PER_PAGE).default(20),
});
export type SearchQuery = z.infer<typeof SearchQuery>;
export type SearchQueryInput = z.input<typeof SearchQuery>;

/** Les facettes calculées, une par filtre : valeur → nombre d'actions. */
export const FACETS = ['level', 'teachingMode', 'financing', 'publics', 'departement', 'territoire', 'permanentEntry', 'handicapAccessible', 'certifying', 'startMonth', 'durationBucket', 'freeFor'] as const;
export type FacetName = (typeof FACETS)[number];
export type Facets = Record<FacetName, Record<string, number>>;

/**
 * Facettes de comptage de l'offre (pages métiers, territoires, accueil) : elles ne filtrent rien,
 * elles comptent. Une facette compte des actions ; un compte de SESSIONS (une somme) s'obtient
 * avec les facettes « …SessionSlots » : une action à n sessions y a les n valeurs « 1 » à « n »
 * (préfixées de sa clé de groupe pour les facettes par groupe, « clé#k »), si bien que la somme
 * des comptes d'une facette (ou d'un préfixe) est le nombre de sessions. Les deux moteurs
 * comptent ainsi de la même façon, par documents (voir `offerFacetValues`, facets.ts).
 *  - formationId, organismeId : un compte par formation / organisme (leur nombre = nombre de clés) ;
 *  - romeDomain : lettre du grand domaine du ROME (A à N), « - » sans code ROME reconnu ;
 *  - levelGroup : niveau de sortie, « - » s'il n'est pas précisé ;
 *  - place : le lieu (code INSEE, sinon « nom:<commune> ») ;
 *  - sessionSlots, territoireSessionSlots, romeDomainSessionSlots, levelGroupSessionSlots, placeSessionSlots.
 */
export const OFFER_FACETS = [
  'formationId',
  'organismeId',
  'romeDomain',
  'levelGroup',
  'place',
  'sessionSlots',
  'territoireSessionSlots',
  'romeDomainSessionSlots',
  'levelGroupSessionSlots',
  'placeSessionSlots',
] as const;
export type OfferFacetName = (typeof OFFER_FACETS)[number];
/** Toute facette qu'un comptage peut demander : celles de la recherche et celles de l'offre. */
export type CountFacetName = FacetName | OfferFacetName;
export const COUNT_FACETS: readonly CountFacetName[] = [...FACETS, ...OFFER_FACETS];
/** Valeur d'une facette de groupe pour « non précisé » (niveau, domaine). */
export const NO_VALUE = '-';
/** Séparateur clé de groupe / rang de session dans les facettes « …SessionSlots » par groupe. */
export const SLOT_SEPARATOR = '#';

/** Un comptage : les actions retenues par ces filtres (sans texte ni lieu), comptées par facette. */
export const CountQuery = z.object({
  romeCodes: z.array(RomeCode).max(20).default([]),
  filters: SearchFilters.prefault({}),
  facets: z.array(z.enum(COUNT_FACETS as [CountFacetName, ...CountFacetName[]])).min(1),
});
export type CountQuery = z.infer<typeof CountQuery>;
export type CountQueryInput = z.input<typeof CountQuery>;

export interface CountResult {
  /** Nombre d'actions retenues. */
  total: number;
  /** Pour chaque facette demandée : valeur → nombre d'actions (valeurs à 0 absentes). */
  facets: Partial<Record<CountFacetName, Record<string, number>>>;
}
