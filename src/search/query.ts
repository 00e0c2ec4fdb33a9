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
export const FACETS = ['level', 'teachingMode', 'financing', 'publics', 'departement', 'territoire', 'permanentEntry', 'handicapAccessible', 'certifying', 'startMonth', 'durationBucket'] as const;
export type FacetName = (typeof FACETS)[number];
export type Facets = Record<FacetName, Record<string, number>>;
