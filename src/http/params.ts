/**
 * Paramètres de `GET /api/formations` : chaîne de requête → `SearchQuery` validée.
 *
 * Un schéma zod par paramètre (noms français, messages français) : le même schéma sert à
 * l'analyse ET au document OpenAPI (`openapi.ts`). Chaque paramètre est analysé séparément, pour
 * nommer CHAQUE champ invalide ; puis viennent les règles entre paramètres (lieu, dates, tri).
 *
 * Règles générales :
 * - une valeur vide (`rayon=`) vaut paramètre absent (formulaires HTML) ;
 * - les paramètres inconnus sont ignorés (compatibilité ascendante), mais tout paramètre répété
 *   plus de 50 fois est refusé ; un paramètre non répétable donné deux fois est refusé ;
 * - `rayon` sans lieu est ignoré (`rayon_km: null`) : un formulaire envoie toujours son rayon ;
 * - chaque valeur est bornée AVANT toute analyse : `q` à 200 caractères, les autres à 1 000
 *   (src/http/request-limits.ts) ; au-delà, le paramètre est refusé sans être lu ;
 * - l'analyse ne lève jamais d'exception : elle rend la requête, ou les messages par champ.
 */
import { z } from '../domain/zod';
import { DEPARTEMENTS_PDL, type Commune } from '../domain/geo';
import { REGION_PROGRAMME_CODES } from '../domain/financing';
import type { Level } from '../domain/levels';
import { TEACHING_MODES } from '../domain/offer';
import { AGE_BANDS, acceptedTags, type Situation } from '../domain/costs';
import { SITUATION_FIELDS } from '../lib/situation';
import type { GeoReferentiel } from '../geo/referentiel';
import { DEFAULT_RADIUS_KM } from '../domain/radius';
import { MAX_PAGE, MAX_PER_PAGE, SORTS, type GeoPoint, type SearchQuery } from '../search/query';
import { MAX_AUTOCOMPLETE_LENGTH, MAX_PARAM_LENGTH, MAX_TEXT_LENGTH } from './request-limits';

export { MAX_AUTOCOMPLETE_LENGTH, MAX_TEXT_LENGTH };

export const MAX_REPEAT = 50;
/** Page maximale : celle des moteurs (src/search/pagination.ts, plafond de Meilisearch compris). */
export { MAX_PAGE };
export const MAX_METIERS = 20;
export const MAX_DURATION_HOURS = 10_000;
export const DEFAULT_PER_PAGE = 20;

/** Valeurs de la facette « financement » (voir `financingFacetValues` dans le domaine). */
export const FINANCING_VALUES = [...REGION_PROGRAMME_CODES, 'cpf', 'region', 'france-travail', 'personnel', 'entreprise'] as const;

const BOOLEAN_WORDS = { true: true, oui: true, '1': true, false: false, non: false, '0': false } as const;

/** Caractères de contrôle (C0, DEL, C1) : remplacés par une espace dans le texte cherché. */
const CONTROL_CHARS = /\p{Cc}+/gu;

export function cleanText(value: string): string {
  return value.replace(CONTROL_CHARS, ' ').replace(/\s+/g, ' ').trim();
}

function integer(min: number, max: number, message: string) {
  return z.coerce.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message });
}

function decimal(min: number, max: number, message: string) {
  return z.coerce.number({ error: message }).min(min, { error: message }).max(max, { error: message });
}

const BOOLEAN_MESSAGE = 'Valeur attendue : true, false, oui, non, 1 ou 0.';

function yesNo(description: string) {
  return z
    .preprocess((v) => (typeof v === 'string' ? v.toLowerCase() : v), z.enum(Object.keys(BOOLEAN_WORDS) as (keyof typeof BOOLEAN_WORDS)[], { error: BOOLEAN_MESSAGE }))
    .transform((word) => BOOLEAN_WORDS[word])
    .optional()
    .describe(description);
}

/** Liste de valeurs d'un paramètre répétable (`niveau=3&niveau=4`), combinées par OU. */
function repeated<T extends z.ZodType>(item: T, description: string, max = MAX_REPEAT) {
  return z
    .array(item)
    .max(max, { error: `${max} valeurs au plus.` })
    .default([])
    .describe(`${description} Répétable (${max} fois au plus) : les valeurs sont combinées par « ou ».`);
}

const TEXT_MESSAGE = `La recherche ne doit pas dépasser ${MAX_TEXT_LENGTH} caractères.`;
const AUTOCOMPLETE_MESSAGE = `La recherche ne doit pas dépasser ${MAX_AUTOCOMPLETE_LENGTH} caractères.`;

/** La longueur maximale de la valeur brute d'un paramètre, vérifiée avant de la lire. */
function rawLimit(name: string): { max: number; message: string } {
  return name === 'q' ? { max: MAX_TEXT_LENGTH, message: TEXT_MESSAGE } : { max: MAX_PARAM_LENGTH, message: `Valeur trop longue : ${MAX_PARAM_LENGTH} caractères au plus.` };
}

const DATE_MESSAGE = 'Date attendue au format AAAA-MM-JJ (ex. 2026-09-01).';

/** Ce que le schéma des paramètres lit du référentiel géographique. */
export type ParamsGeo = Pick<GeoReferentiel, 'communeByInsee' | 'allTerritoires'>;

/** « Ma situation » : cinq questions facultatives (mêmes paramètres sur la recherche et la fiche). */
const SITUATION_SHAPE = {
  inscrit_ft: yesNo('Ma situation : inscrit·e à France Travail (oui, non). Facultatif ; sert à dire ce que la formation vous coûterait.'),
  age: z
    .enum(AGE_BANDS, { error: `L’âge attendu est l’une de ces tranches : ${AGE_BANDS.join(', ')}.` })
    .optional()
    .describe(`Ma situation : tranche d’âge (${AGE_BANDS.join(', ')}). Facultatif.`),
  salarie: yesNo('Ma situation : salarié·e (oui, non). Facultatif.'),
  rqth: yesNo('Ma situation : reconnaissance de handicap, RQTH (oui, non). Facultatif.'),
  rsa: yesNo('Ma situation : allocataire du RSA (oui, non). Facultatif ; « oui » vaut inscription à France Travail (loi pour le plein emploi).'),
};

/**
 * « Ma situation » lue dans une adresse (fiche, « Préparer mon rendez-vous ») : une valeur
 * inconnue ou répétée est ignorée, avec un message français ; jamais d'erreur.
 */
export function parseSituation(searchParams: URLSearchParams): { situation: Situation; messages: string[] } {
  const messages: string[] = [];
  const values: Record<string, unknown> = {};
  for (const name of SITUATION_PARAMS) {
    const all = searchParams.getAll(name).filter((v) => v.trim() !== '');
    if (all.length === 0) continue;
    if (all.length > 1 || (all[0] as string).length > 40) {
      messages.push(`Ma situation : la réponse « ${name} » est donnée plusieurs fois ou trop longue. Nous n’en avons pas tenu compte.`);
      continue;
    }
    const parsed = SITUATION_SHAPE[name].safeParse(all[0]);
    if (parsed.success) values[name] = parsed.data;
    else messages.push(`Ma situation : ${parsed.error.issues[0]?.message ?? 'valeur invalide.'} Nous n’en avons pas tenu compte.`);
  }
  return { situation: situationOf(values as Parameters<typeof situationOf>[0]), messages };
}

/** Les schémas des paramètres ; le référentiel donne les communes et les territoires existants. */
export function formationsParamsSchema(geo: ParamsGeo) {
  const territoires = geo.allTerritoires().map((t) => t.slug) as [string, ...string[]];
  return z.object({
    q: z
      .preprocess((v) => (typeof v === 'string' ? cleanText(v) : v), z.string().max(MAX_TEXT_LENGTH, { error: TEXT_MESSAGE }))
      .default('')
      .describe(`Texte libre : intitulé, métier, organisme… (${MAX_TEXT_LENGTH} caractères au plus ; caractères de contrôle retirés).`),
    metier: repeated(
      z.string().toUpperCase().regex(/^[A-N]\d{4}$/, { error: 'Code métier ROME attendu : une lettre de A à N puis 4 chiffres (ex. J1501).' }),
      'Code ROME d’un métier visé (ex. J1501).',
      MAX_METIERS,
    ),
    sans_metier: repeated(
      z.string().toUpperCase().regex(/^[A-N]\d{4}$/, { error: 'Code métier ROME attendu : une lettre de A à N puis 4 chiffres (ex. G1609).' }),
      'Code ROME d’un métier compris à retirer : ses formations ne sont plus ajoutées à celles qui contiennent les mots (voir `compris`).',
      MAX_METIERS,
    ),
    mots_seuls: yesNo('Chercher seulement les mots (oui) : aucun métier compris d’après les fiches métiers n’est ajouté.'),
    commune: z
      .string()
      .toUpperCase()
      .regex(/^(\d{5}|2[AB]\d{3})$/, { error: 'Code INSEE de commune attendu : 5 caractères (ex. 49007).' })
      .transform((code, ctx): Commune => {
        const commune = geo.communeByInsee(code);
        if (commune) return commune;
        ctx.issues.push({ code: 'custom', input: code, message: 'commune inconnue : aucun code INSEE des Pays de la Loire ne correspond (les anciens codes sont acceptés).' });
        return z.NEVER;
      })
      .optional()
      .describe('Code INSEE de la commune de départ (anciens codes et communes déléguées acceptés). Ne se combine pas avec lat et lon.'),
    lat: decimal(-90, 90, 'La latitude doit être un nombre entre -90 et 90.').optional().describe('Latitude du point de départ (avec lon, à la place de commune).'),
    lon: decimal(-180, 180, 'La longitude doit être un nombre entre -180 et 180.').optional().describe('Longitude du point de départ (avec lat, à la place de commune).'),
    rayon: decimal(1, 200, 'Le rayon doit être un nombre entre 1 et 200 km.')
      .optional()
      .describe(`Rayon de recherche en km autour du lieu (${DEFAULT_RADIUS_KM} par défaut ; ignoré sans lieu). Élargi automatiquement jusqu’à 100 km si rien n’est trouvé sur place.`),
    niveau: repeated(integer(1, 8, 'Le niveau doit être un nombre entier de 1 à 8.').transform((n) => n as Level), 'Niveau de sortie (nomenclature 2019, 1 à 8).'),
    modalite: repeated(z.enum(TEACHING_MODES, { error: 'La modalité doit être presentiel, distance ou mixte.' }), 'Modalité : presentiel, distance ou mixte.'),
    financement: repeated(
      z.enum(FINANCING_VALUES, { error: `Financement attendu parmi : ${FINANCING_VALUES.join(', ')}.` }),
      'Financement ou dispositif : dispositif de la Région, cpf, region, france-travail, personnel, entreprise.',
    ),
    public: repeated(z.string().regex(/^\d{5}$/, { error: 'Public attendu : un code Formacode à 5 chiffres (ex. 80010).' }), 'Public visé (code Formacode, ex. 80010 demandeur d’emploi).'),
    departement: repeated(z.enum(DEPARTEMENTS_PDL, { error: `Le département doit être l’un de : ${DEPARTEMENTS_PDL.join(', ')}.` }), 'Département des Pays de la Loire.'),
    territoire: repeated(z.enum(territoires, { error: 'territoire inconnu : voir la liste des territoires EFOP.' }), 'Territoire EFOP (identifiant, ex. maine-et-loire-sud).'),
    debut_min: z.iso.date({ error: DATE_MESSAGE }).optional().describe('Une session commence ce jour ou après (AAAA-MM-JJ).'),
    debut_max: z.iso.date({ error: DATE_MESSAGE }).optional().describe('Une session commence ce jour ou avant (AAAA-MM-JJ), pas avant debut_min.'),
    entree_permanente: yesNo('Entrées et sorties permanentes (true, false, oui, non, 1, 0).'),
    handicap: yesNo('Accessible aux personnes en situation de handicap (true, false, oui, non, 1, 0).'),
    certifiante: yesNo('Formation certifiante (true, false, oui, non, 1, 0).'),
    duree_max: decimal(1, MAX_DURATION_HOURS, `La durée maximale doit être un nombre d’heures entre 1 et ${MAX_DURATION_HOURS}.`)
      .optional()
      .describe('Durée maximale de la formation, en heures.'),
    ...SITUATION_SHAPE,
    gratuit: yesNo('« Gratuit pour moi » : seulement les formations gratuites pour la situation donnée (inscrit_ft, age, rqth, rsa). Sans réponse, seules les formations gratuites pour tous restent.'),
    tri: z
      .enum(SORTS, { error: `Le tri doit être l’un de : ${SORTS.join(', ')}.` })
      .default('pertinence')
      .describe('Ordre des résultats ; « distance » demande un lieu (commune, ou lat et lon).'),
    page: integer(1, MAX_PAGE, `La page doit être un nombre entier de 1 à ${MAX_PAGE}.`).default(1).describe('Numéro de page, à partir de 1.'),
    par_page: integer(1, MAX_PER_PAGE, `Le nombre de résultats par page doit être un nombre entier de 1 à ${MAX_PER_PAGE}.`)
      .default(DEFAULT_PER_PAGE)
      .describe('Nombre de résultats par page.'),
  });
}

export type FormationsParamsSchema = ReturnType<typeof formationsParamsSchema>;
type Shape = FormationsParamsSchema['shape'];
export type ParamName = keyof Shape & string;
export type FormationsParams = { [K in ParamName]: z.output<Shape[K]> };

function isParamName(schema: FormationsParamsSchema, name: string): name is ParamName {
  return Object.hasOwn(schema.shape, name);
}

/** Les paramètres répétables : reçus en liste, même s'ils ne sont donnés qu'une fois. */
export function isRepeatable(schema: FormationsParamsSchema, name: ParamName): boolean {
  return schema.shape[name].unwrap() instanceof z.ZodArray;
}

export type FieldErrors = Record<string, string>;
/** Ce que la personne a changé dans ce qui a été compris : métiers retirés, mots seuls. */
export interface UnderstandingChoice {
  removedMetiers: string[];
  wordsOnly: boolean;
}
export type ParseResult = { ok: true; query: SearchQuery; situation: Situation; understanding: UnderstandingChoice } | { ok: false; champs: FieldErrors };

/**
 * Analyse la chaîne de requête. Ne lève jamais d'exception : rend la `SearchQuery` (lieu
 * résolu en point), ou un message français pour chaque paramètre invalide.
 */
export function parseFormationsParams(schema: FormationsParamsSchema, searchParams: URLSearchParams): ParseResult {
  // Une Map (et non un objet) : un paramètre nommé « __proto__ » reste un paramètre comme un autre.
  const errors = new Map<string, string>();
  const fail = (name: string, message: string) => {
    if (!errors.has(name)) errors.set(name, message);
  };
  const raw = new Map<ParamName, string | string[]>();
  for (const name of new Set(searchParams.keys())) {
    const all = searchParams.getAll(name);
    if (all.length > MAX_REPEAT) {
      fail(name, `Paramètre répété plus de ${MAX_REPEAT} fois.`);
      continue;
    }
    if (!isParamName(schema, name)) continue;
    const limit = rawLimit(name);
    if (all.some((v) => v.length > limit.max)) {
      fail(name, limit.message);
      continue;
    }
    const values = all.filter((v) => v.trim() !== '');
    if (values.length === 0) continue;
    else if (isRepeatable(schema, name)) raw.set(name, values);
    else if (values.length > 1) fail(name, 'Ce paramètre ne peut être donné qu’une fois.');
    else raw.set(name, values[0] as string);
  }

  const values: Partial<FormationsParams> = {};
  for (const name of Object.keys(schema.shape) as ParamName[]) {
    if (errors.has(name)) continue;
    const result = schema.shape[name].safeParse(raw.get(name));
    if (result.success) Object.assign(values, { [name]: result.data });
    else fail(name, result.error.issues[0]?.message ?? 'Valeur invalide.');
  }

  const hasLat = raw.has('lat');
  const hasLon = raw.has('lon');
  if (raw.has('commune') && (hasLat || hasLon)) fail('commune', 'Donnez soit une commune, soit lat et lon, pas les deux.');
  if (hasLat && !hasLon) fail('lon', 'lon est obligatoire avec lat.');
  if (hasLon && !hasLat) fail('lat', 'lat est obligatoire avec lon.');
  if (values.debut_min && values.debut_max && values.debut_min > values.debut_max) fail('debut_max', 'debut_max doit être égale ou postérieure à debut_min.');
  const hasPlace = raw.has('commune') || (hasLat && hasLon);
  if (values.tri === 'distance' && !hasPlace) fail('tri', 'Le tri par distance demande un lieu : commune, ou lat et lon.');

  if (errors.size > 0) return { ok: false, champs: Object.fromEntries(errors) };
  const params = values as FormationsParams;
  return { ok: true, query: toSearchQuery(params), situation: situationOf(params), understanding: { removedMetiers: params.sans_metier, wordsOnly: params.mots_seuls === true } };
}

/** Les réponses de « Ma situation » lues dans les paramètres (absentes : non répondues). */
export function situationOf(p: Pick<FormationsParams, 'inscrit_ft' | 'age' | 'salarie' | 'rqth' | 'rsa'>): Situation {
  const s: Situation = {};
  if (p.inscrit_ft !== undefined) s.franceTravail = p.inscrit_ft;
  if (p.age !== undefined) s.age = p.age;
  if (p.salarie !== undefined) s.employed = p.salarie;
  if (p.rqth !== undefined) s.disability = p.rqth;
  if (p.rsa !== undefined) s.rsa = p.rsa;
  return s;
}

/** Les paramètres de « Ma situation », dans l'ordre du formulaire (src/lib/situation.ts). */
export const SITUATION_PARAMS = SITUATION_FIELDS;

function origin(p: FormationsParams): GeoPoint | null {
  if (p.commune) return { lat: p.commune.lat, lon: p.commune.lon };
  if (p.lat !== undefined && p.lon !== undefined) return { lat: p.lat, lon: p.lon };
  return null;
}

function toSearchQuery(p: FormationsParams): SearchQuery {
  const point = origin(p);
  return {
    text: p.q,
    romeCodes: p.metier,
    origin: point,
    radiusKm: point ? (p.rayon ?? DEFAULT_RADIUS_KM) : null,
    filters: {
      levels: p.niveau,
      teachingModes: p.modalite,
      financing: p.financement,
      publics: p.public,
      departements: p.departement,
      territoires: p.territoire,
      startFrom: p.debut_min ?? null,
      startTo: p.debut_max ?? null,
      permanentEntry: p.entree_permanente ?? null,
      handicapAccessible: p.handicap ?? null,
      certifying: p.certifiante ?? null,
      maxDurationHours: p.duree_max ?? null,
      freeFor: p.gratuit === true ? acceptedTags(situationOf(p)) : [],
    },
    sort: p.tri,
    page: p.page,
    perPage: p.par_page,
  };
}

// ------------------------------------------------------------------------------------------
// Autocomplétions : GET /api/communes?q=, GET /api/metiers?q=
// ------------------------------------------------------------------------------------------

export const AutocompleteParams = z.object({
  q: z
    .preprocess(
      (v) => (typeof v === 'string' ? cleanText(v) : v),
      z
        .string({ error: 'Le paramètre q est obligatoire (2 caractères au moins).' })
        .min(2, { error: 'Tapez au moins 2 caractères.' })
        .max(MAX_AUTOCOMPLETE_LENGTH, { error: AUTOCOMPLETE_MESSAGE }),
    )
    .describe('Début du nom cherché (2 caractères au moins, accents facultatifs).'),
});

/** Le texte `q` d'une autocomplétion (un seul `q`, 2 à 100 caractères), ou le message d'erreur. */
export function parseAutocompleteParams(searchParams: URLSearchParams): { ok: true; q: string } | { ok: false; champs: FieldErrors } {
  const all = searchParams.getAll('q');
  if (all.length > 1) return { ok: false, champs: { q: 'Ce paramètre ne peut être donné qu’une fois.' } };
  if ((all[0]?.length ?? 0) > MAX_AUTOCOMPLETE_LENGTH) return { ok: false, champs: { q: AUTOCOMPLETE_MESSAGE } };
  const result = AutocompleteParams.shape.q.safeParse(all[0]);
  if (result.success) return { ok: true, q: result.data };
  return { ok: false, champs: { q: result.error.issues[0]?.message ?? 'Valeur invalide.' } };
}

// ------------------------------------------------------------------------------------------
// « Me localiser » : GET /api/communes/proche?lat=&lon=
// ------------------------------------------------------------------------------------------

export const NearParams = z.object({
  lat: decimal(-90, 90, 'La latitude doit être un nombre entre -90 et 90.').describe('Latitude de la position (arrondie par le site à 2 décimales, environ 1 km, avant l’envoi).'),
  lon: decimal(-180, 180, 'La longitude doit être un nombre entre -180 et 180.').describe('Longitude de la position (arrondie de même).'),
});

/** lat et lon, chacun une fois, ou les messages d'erreur par champ. */
export function parseNearParams(searchParams: URLSearchParams): { ok: true; lat: number; lon: number } | { ok: false; champs: FieldErrors } {
  const champs: FieldErrors = {};
  const values: Partial<Record<'lat' | 'lon', number>> = {};
  for (const name of ['lat', 'lon'] as const) {
    const all = searchParams.getAll(name);
    if (all.length > 1) champs[name] = 'Ce paramètre ne peut être donné qu’une fois.';
    else if (all.length === 0 || all[0]!.trim() === '') champs[name] = `Le paramètre ${name} est obligatoire.`;
    else if (all[0]!.length > 32) champs[name] = 'Valeur trop longue : 32 caractères au plus.';
    else {
      const parsed = NearParams.shape[name].safeParse(all[0]);
      if (parsed.success) values[name] = parsed.data;
      else champs[name] = parsed.error.issues[0]?.message ?? 'Valeur invalide.';
    }
  }
  if (values.lat === undefined || values.lon === undefined) return { ok: false, champs };
  return { ok: true, lat: values.lat, lon: values.lon };
}
