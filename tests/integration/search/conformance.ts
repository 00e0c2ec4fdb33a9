/**
 * Suite de conformité du port de recherche : TOUT moteur (embarqué, Meilisearch) doit la passer.
 *
 *   defineConformanceSuite('moteur embarqué', (docs) => Promise.resolve(createEmbeddedEngine(docs)));
 *
 * Le jeu d'actions est écrit ici (une quarantaine, autour de vraies villes des Pays de la Loire),
 * et chaque résultat attendu est RECALCULÉ dans le test à partir de ce jeu (filtres, haversine,
 * facettes) : rien n'est recopié à la main d'une sortie du moteur.
 *
 * Ce qui est vérifié ne dépend d'aucun moteur : pas de mesure de temps, pas d'ordre exact entre
 * des documents aussi pertinents l'un que l'autre (« attendu parmi les résultats / dans les
 * 3 premiers »), distances à 0,1 km près (Meilisearch arrondit au mètre, l'adaptateur au
 * dixième de km). Un tri demandé est strict, avec ou sans texte, dans les deux moteurs (la règle
 * `sort` vient en tête des règles de classement de Meilisearch : RANKING_RULES).
 *
 * Différences LÉGITIMES entre moteurs : nommées dans `DIFFERENCES` ci-dessous, chacune vérifiée
 * pour chaque moteur (le comportement de l'un et de l'autre est fixé, pas ignoré) et décrite dans
 * docs/adr/004-moteur-de-recherche.md. Les deux moteurs lisent les mêmes mots (sans mots vides ni
 * opérateurs, 10 au plus) ; ce qui les sépare vient de la racinisation (le moteur embarqué
 * racinise, Meilisearch non) et de la façon de compter les fautes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { haversineKm } from '../../../src/domain/geo';
import type { Level } from '../../../src/domain/levels';
import type { TeachingMode } from '../../../src/domain/offer';
import type { ActionDocument, SearchEngine, SearchResult } from '../../../src/search/port';
import { CountQuery, FACETS, SearchQuery, type CountQueryInput, type Facets, type SearchQueryInput } from '../../../src/search/query';

// ---------------------------------------------------------------------------------------------
// Le jeu d'actions
// ---------------------------------------------------------------------------------------------

/** Kilomètres par degré de latitude (rayon terrestre moyen 6 371,0088 km). */
const KM_PER_DEGREE_LAT = (6371.0088 * Math.PI) / 180;

interface Place {
  city: string;
  inseeCode: string | null;
  departement: string | null;
  territoire: string | null;
  lat: number;
  lon: number;
}

const NANTES: Place = { city: 'Nantes', inseeCode: '44109', departement: '44', territoire: 'loire-atlantique-centre', lat: 47.218, lon: -1.553 };
const ANGERS: Place = { city: 'Angers', inseeCode: '49007', departement: '49', territoire: 'maine-et-loire-centre', lat: 47.478, lon: -0.563 };
const CHOLET: Place = { city: 'Cholet', inseeCode: '49099', departement: '49', territoire: 'maine-et-loire-sud', lat: 47.06, lon: -0.879 };
const LAVAL: Place = { city: 'Laval', inseeCode: '53130', departement: '53', territoire: 'mayenne-centre', lat: 48.073, lon: -0.767 };
const LE_MANS: Place = { city: 'Le Mans', inseeCode: '72181', departement: '72', territoire: 'sarthe-centre', lat: 48.006, lon: 0.199 };
const LA_ROCHE: Place = { city: 'La Roche-sur-Yon', inseeCode: '85191', departement: '85', territoire: 'vendee-centre', lat: 46.67, lon: -1.426 };
/** Plein nord de Nantes, à 29 et 31 km : de part et d'autre d'un rayon de 30 km. */
const NORD_29: Place = { city: 'Nort-sur-Erdre', inseeCode: '44110', departement: '44', territoire: 'loire-atlantique-nord', lat: 47.218 + 29 / KM_PER_DEGREE_LAT, lon: -1.553 };
const NORD_31: Place = { city: 'Saffré', inseeCode: '44149', departement: '44', territoire: 'loire-atlantique-nord', lat: 47.218 + 31 / KM_PER_DEGREE_LAT, lon: -1.553 };
/** Lieu sans commune reconnue : ni département, ni territoire. */
const SANS_COMMUNE: Place = { city: 'Lieu non précisé', inseeCode: null, departement: null, territoire: null, lat: 47.3, lon: -0.9 };

interface Row {
  title: string;
  rome?: string[];
  labels?: string[];
  level?: Level | null;
  mode?: TeachingMode;
  financing?: string[];
  publics?: string[];
  starts?: string[];
  permanentEntry?: boolean;
  handicapAccessible?: boolean | null;
  certifying?: boolean;
  hours?: number | null;
  insertionRate?: number | null;
  review?: [number, number] | null;
  organisme?: string;
  description?: string;
}

function action(id: string, place: Place, row: Row): ActionDocument {
  const starts = [...(row.starts ?? [])].sort();
  const mode = row.mode ?? 'presentiel';
  const permanentEntry = row.permanentEntry ?? false;
  return {
    id,
    formationId: `F-${id}`,
    title: row.title,
    organismeId: `O-${row.organisme ?? place.city}`,
    organismeName: row.organisme ?? `Centre de formation de ${place.city}`,
    metierLabels: row.labels ?? [],
    description: row.description ?? '',
    romeCodes: row.rome ?? [],
    level: row.level === undefined ? 3 : row.level,
    teachingMode: mode,
    distanceLearning: mode === 'distance',
    financing: row.financing ?? [],
    publics: row.publics ?? [],
    departement: place.departement,
    territoire: place.territoire,
    inseeCode: place.inseeCode,
    city: place.city,
    lat: place.lat,
    lon: place.lon,
    sessionStarts: starts,
    sessions: starts.length === 0 && permanentEntry ? [{ start: null, end: null }] : starts.map((start) => ({ start, end: null })),
    nextStart: starts[0] ?? null,
    permanentEntry,
    handicapAccessible: row.handicapAccessible === undefined ? true : row.handicapAccessible,
    certifying: row.certifying ?? true,
    durationHours: row.hours === undefined ? 600 : row.hours,
    insertionRate: row.insertionRate ?? null,
    reviewScore: row.review?.[0] ?? null,
    reviewCount: row.review?.[1] ?? 0,
  };
}

const DEAS: Row = {
  title: "Diplôme d'État d'aide-soignant (DEAS)",
  rome: ['J1501'],
  labels: ['Aide-soignant / Aide-soignante', 'Aide-soignant en EHPAD'],
  level: 4,
  financing: ['region', 'visa-sanitaire-social'],
  publics: ['83056'],
  hours: 1540,
  description: 'Accompagner les personnes dans les gestes de la vie quotidienne et réaliser des soins.',
};
const CAP_BOULANGER: Row = {
  title: 'CAP Boulanger',
  rome: ['D1102'],
  labels: ['Boulanger / Boulangère'],
  financing: ['cpf', 'france-travail'],
  publics: ['83056', '81046'],
  hours: 800,
  description: 'Fabriquer les pains courants et les viennoiseries.',
};
const CAP_PATISSIER: Row = {
  title: 'CAP Pâtissier',
  rome: ['D1104'],
  labels: ['Pâtissier / Pâtissière'],
  financing: ['cpf', 'personnel'],
  hours: 600,
  description: 'Réaliser les pâtes, crèmes et entremets de la pâtisserie.',
};

const FIXTURE: ActionDocument[] = [
  // Nantes
  action('nan-deas', NANTES, { ...DEAS, starts: ['2027-01-04', '2027-09-06'], insertionRate: 88.5, review: [4.6, 25] }),
  action('nan-boul', NANTES, { ...CAP_BOULANGER, starts: ['2026-12-07'], handicapAccessible: false, insertionRate: 72, review: [4.1, 8] }),
  action('nan-pat', NANTES, { ...CAP_PATISSIER, starts: ['2027-02-01', '2027-03-01'], insertionRate: 65, review: [4.1, 20] }),
  action('nan-chariot', NANTES, {
    title: 'Conduite de chariot élévateur en sécurité',
    rome: ['N1101'],
    labels: ['Conducteur / Conductrice de chariot élévateur'],
    level: null,
    financing: ['entreprise'],
    permanentEntry: true,
    hours: 35,
    description: 'Conduire en sécurité un chariot automoteur à conducteur porté.',
  }),
  action('nan-routier', NANTES, {
    title: 'Titre professionnel Conducteur du transport routier de marchandises sur porteur',
    rome: ['N4101'],
    labels: ['Conducteur / Conductrice de transport de marchandises'],
    financing: ['france-travail', 'region'],
    starts: ['2027-01-11'],
    hours: 420,
    insertionRate: 81,
    review: [3.9, 4],
  }),
  action('nan-thermique', NANTES, {
    title: 'CAP Monteur en installations thermiques',
    rome: ['F1603'],
    labels: ['Monteur / Monteuse en installations thermiques', 'Fumiste'],
    starts: ['2027-09-06'],
    hours: 900,
    handicapAccessible: null,
  }),
  action('nan-dev', NANTES, {
    title: 'Titre professionnel Développeur web et web mobile',
    rome: ['M1805'],
    labels: ['Développeur / Développeuse web'],
    level: 5,
    mode: 'mixte',
    financing: ['cpf', 'region'],
    publics: ['83056'],
    starts: ['2027-03-15'],
    hours: 1200,
    insertionRate: 58.5,
    review: [4.8, 2],
  }),
  action('nan-infirmier', NANTES, { title: "Diplôme d'État d'infirmier", rome: ['J1506'], labels: ['Infirmier / Infirmière'], level: 6, hours: 4200, starts: ['2027-09-01'] }),
  action('nan-cuisinier', NANTES, { title: 'Titre professionnel Cuisinier', rome: ['G1609'], labels: ['Cuisinier / Cuisinière'], financing: ['region'], publics: ['83056'], starts: ['2027-04-05'], hours: 1000 }),
  action('nan-boulangerie', NANTES, { title: 'Mention complémentaire Boulangerie spécialisée', rome: ['D1102'], labels: ['Boulanger / Boulangère'], level: 3, starts: ['2027-01-18'], hours: 400, certifying: true }),
  // Au nord de Nantes, de part et d'autre de 30 km
  action('nord29-prepa', NORD_29, {
    title: "Préparation à l'entrée en formation d'aide-soignant",
    rome: ['J1501'],
    level: 2,
    certifying: false,
    financing: ['prepa-avenir'],
    starts: ['2026-12-14'],
    hours: 140,
  }),
  action('nord31-boul', NORD_31, { ...CAP_BOULANGER, starts: ['2027-01-04'], insertionRate: 70 }),
  // Angers
  action('ang-deas', ANGERS, { ...DEAS, starts: ['2027-02-01'], permanentEntry: false, insertionRate: 90, review: [4.2, 11] }),
  action('ang-bp-boul', ANGERS, { title: 'BP Boulanger', rome: ['D1102'], labels: ['Boulanger / Boulangère'], level: 4, financing: ['entreprise'], starts: ['2027-09-13'], hours: 1200 }),
  action('ang-pat', ANGERS, { ...CAP_PATISSIER, starts: ['2027-01-04'], review: [3.5, 6] }),
  action('ang-caces', ANGERS, {
    title: 'CACES R489 chariots de manutention catégories 1A, 3 et 5',
    rome: ['N1101'],
    labels: ['Cariste'],
    level: null,
    financing: ['entreprise', 'cpf'],
    starts: ['2026-12-01', '2027-01-05', '2027-02-02'],
    hours: 21,
  }),
  action('ang-fimo', ANGERS, { title: 'FIMO marchandises', rome: ['N4101'], level: null, starts: ['2027-03-01'], hours: 140, financing: ['personnel'] }),
  action('ang-elec', ANGERS, { title: 'CAP Électricien', rome: ['F1602'], labels: ['Électricien / Électricienne du bâtiment'], starts: ['2027-09-06'], hours: 800, insertionRate: 77 }),
  action('ang-soudeur', ANGERS, {
    title: 'Titre professionnel Soudeur assembleur industriel',
    rome: ['H2913'],
    labels: ['Soudeur / Soudeuse'],
    permanentEntry: true,
    starts: ['2027-01-25'],
    hours: 700,
    insertionRate: 84,
  }),
  // Cholet
  action('cho-deas', CHOLET, { ...DEAS, starts: ['2027-09-06'], handicapAccessible: null, insertionRate: 86 }),
  action('cho-cuisine', CHOLET, { title: 'CAP Cuisine', rome: ['G1609'], labels: ['Cuisinier / Cuisinière'], starts: ['2027-09-06'], hours: 800, review: [4.6, 3] }),
  action('cho-ashq', CHOLET, { title: 'Agent de service hospitalier qualifié (ASHQ)', rome: ['J1301'], level: 2, certifying: false, permanentEntry: true, hours: 280 }),
  // Laval
  action('lav-deas', LAVAL, { ...DEAS, starts: ['2027-01-04'], review: [4.0, 9] }),
  action('lav-boul', LAVAL, { ...CAP_BOULANGER, starts: ['2027-02-15'], financing: ['region'] }),
  action('lav-maintenance', LAVAL, {
    title: 'Bac pro Maintenance des systèmes de production connectés',
    rome: ['I1304'],
    labels: ['Technicien / Technicienne de maintenance industrielle'],
    level: 4,
    starts: ['2027-09-01'],
    hours: 1800,
    description: 'Diagnostiquer les pannes, remplacer les pièces usées, travaux de soudure et d’usinage.',
  }),
  // Le Mans
  action('lem-poids-lourd', LE_MANS, { title: 'Permis C conducteur poids lourd', rome: ['N4101'], level: null, starts: ['2026-12-07', '2027-01-11'], hours: 140, financing: ['france-travail'] }),
  action('lem-bts-sio', LE_MANS, { title: 'BTS Services informatiques aux organisations', rome: ['M1805'], level: 5, starts: ['2027-09-01'], hours: 1350, financing: ['region'] }),
  action('lem-compta', LE_MANS, { title: 'Titre professionnel Gestionnaire comptable et fiscal', rome: ['M1203'], labels: ['Comptable'], level: 5, starts: ['2027-02-08'], hours: 980, review: [4.0, 15] }),
  // La Roche-sur-Yon
  action('lry-pat', LA_ROCHE, { ...CAP_PATISSIER, starts: ['2027-09-06'], insertionRate: 61 }),
  action('lry-advf', LA_ROCHE, {
    title: 'Titre professionnel Assistant de vie aux familles',
    rome: ['K1302'],
    labels: ['Assistant / Assistante de vie aux familles'],
    starts: ['2027-01-11'],
    hours: 700,
    publics: ['81046'],
  }),
  action('lry-cuisine', LA_ROCHE, { title: 'Bac pro Cuisine', rome: ['G1609'], labels: ['Cuisinier / Cuisinière'], level: 4, starts: ['2027-09-01'], hours: 1800 }),
  // Entièrement à distance : coordonnées de leur organisme
  action('dist-compta', LE_MANS, { title: 'Titre professionnel Comptable assistant à distance', rome: ['M1203'], labels: ['Comptable'], level: 4, mode: 'distance', starts: ['2027-01-04'], permanentEntry: true, hours: 700, financing: ['cpf'] }),
  action('dist-dev', LAVAL, { title: 'Développeur web en ligne', rome: ['M1805'], level: 5, mode: 'distance', starts: ['2027-02-01'], hours: 900, financing: ['cpf', 'personnel'], review: [4.6, 3] }),
  action('dist-prepa-as', LA_ROCHE, { title: 'Préparation au concours aide-soignant à distance', rome: ['J1501'], level: 2, mode: 'distance', certifying: false, starts: ['2027-01-18'], hours: 60 }),
  action('dist-nantes', NANTES, { title: 'Remise à niveau en mathématiques à distance', level: 1, mode: 'distance', certifying: false, permanentEntry: true, hours: null, handicapAccessible: null }),
  // Sans commune, sans date, sans durée
  action('sans-commune', SANS_COMMUNE, { title: 'CléA socle de connaissances et de compétences', level: null, handicapAccessible: null, hours: null, certifying: true }),
  // Synonymes de plusieurs mots, avec des mots vides : « auxiliaire de vie » → « accompagnant éducatif et social »
  action('ang-deaes', ANGERS, {
    title: "Diplôme d'État d'accompagnant éducatif et social",
    rome: ['K1302'],
    labels: ['Accompagnant éducatif et social'],
    level: 3,
    starts: ['2027-03-08'],
    hours: 1400,
    description: 'Accompagner au quotidien des personnes fragiles, à domicile ou en établissement.',
  }),
  // Valeurs de facette accentuées et en majuscules (les moteurs doivent les rendre telles quelles).
  action('lav-vae', LAVAL, { title: 'Accompagnement à la validation des acquis', level: null, financing: ['Région'], publics: ['Salarié'], permanentEntry: true, hours: 24 }),
  action('lem-vae', LE_MANS, { title: 'Accompagnement VAE en ligne', level: null, financing: ['region', 'cpf'], publics: ['salarie'], starts: ['2027-05-03'], hours: 20 }),
];

// ---------------------------------------------------------------------------------------------
// Calculs attendus, indépendants du moteur
// ---------------------------------------------------------------------------------------------

const byId = new Map(FIXTURE.map((d) => [d.id, d]));
const allIds = FIXTURE.map((d) => d.id);
const sorted = (ids: Iterable<string>) => [...ids].sort();
const idsOf = (result: SearchResult) => result.hits.map((h) => h.document.id);
const idsWhere = (predicate: (doc: ActionDocument) => boolean) => sorted(FIXTURE.filter(predicate).map((d) => d.id));
const doc = (id: string) => byId.get(id) as ActionDocument;

/** Texte plié d'un document (intitulé, métiers, organisme, description) découpé en mots. */
function words(d: ActionDocument): string[] {
  return `${d.title} ${d.metierLabels.join(' ')} ${d.organismeName} ${d.description}`
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}
const hasWordStartingWith = (d: ActionDocument, prefix: string) => words(d).some((w) => w.startsWith(prefix));

/** Tranche de durée attendue (bornes de la facette durationBucket). */
function expectedBucket(hours: number | null): string | null {
  if (hours === null) return null;
  if (hours < 150) return '<150';
  if (hours <= 400) return '150-400';
  if (hours <= 800) return '400-800';
  return '>800';
}


// ---------------------------------------------------------------------------------------------
// Comptes de l'offre (countFacets), recalculés ici sur les documents
// ---------------------------------------------------------------------------------------------

/** Nombre de documents par clé (une fois par document et par clé). */
function tally(docs: readonly ActionDocument[], keysOf: (d: ActionDocument) => readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of docs) for (const key of new Set(keysOf(d))) out[key] = (out[key] ?? 0) + 1;
  return out;
}

/** Sessions par clé (somme des sessions des documents de la clé). */
function sessionSums(docs: readonly ActionDocument[], keysOf: (d: ActionDocument) => readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of docs) for (const key of new Set(keysOf(d))) if (d.sessions.length > 0) out[key] = (out[key] ?? 0) + d.sessions.length;
  return out;
}

/** Somme des comptes des facettes « …SessionSlots », par clé (avant le dernier « # ») ; '' sans clé. */
function slotSums(slots: Record<string, number> | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [value, count] of Object.entries(slots ?? {})) {
    const at = value.lastIndexOf('#');
    const key = at < 0 ? '' : value.slice(0, at);
    out[key] = (out[key] ?? 0) + count;
  }
  return out;
}

/**
 * Un second petit jeu pour les comptes : actions de plusieurs domaines (lettre répétée comprise),
 * formations et organismes partagés, niveaux inconnus, lieux sans commune, nombres de sessions variés.
 */
const OFFER_FIXTURE: ActionDocument[] = [
  { ...action('o-1', NANTES, { title: 'Soudure et maintenance', rome: ['H2913', 'H2902', 'I1304'], starts: ['2027-01-04', '2027-02-01', '2027-03-01'] }), formationId: 'F-shared', organismeId: 'O-a' },
  { ...action('o-2', NANTES, { title: 'Soudure', rome: ['H2913'], starts: ['2027-01-04'], level: null }), formationId: 'F-shared', organismeId: 'O-b' },
  { ...action('o-3', ANGERS, { title: 'Aide-soignant', rome: ['J1501', 'K1302'], starts: ['2027-01-04', '2027-05-03'], level: 4 }), organismeId: 'O-a' },
  { ...action('o-4', SANS_COMMUNE, { title: 'Sans commune', rome: [], starts: ['2027-01-04', '2027-02-01'], level: null }), organismeId: 'O-c' },
  { ...action('o-5', SANS_COMMUNE, { title: 'Sans commune bis', rome: ['Z9999'], permanentEntry: true }), organismeId: 'O-c' },
  { ...action('o-6', ANGERS, { title: 'Sans session', rome: ['K1302'] }), organismeId: 'O-b' },
];

const DOMAIN_LETTERS = new Set('ABCDEFGHIJKLMN');
const domainsOf = (d: ActionDocument) => {
  const letters = d.romeCodes.map((c) => c.charAt(0)).filter((l) => DOMAIN_LETTERS.has(l));
  return letters.length > 0 ? letters : ['-'];
};
const levelOf = (d: ActionDocument) => [d.level === null ? '-' : String(d.level)];
const placeOf = (d: ActionDocument) => [d.inseeCode ?? `nom:${d.city}`];
const territoireOf = (d: ActionDocument) => (d.territoire === null ? [] : [d.territoire]);

function expectedFacets(docs: readonly ActionDocument[]): Facets {
  const facets = Object.fromEntries(FACETS.map((f) => [f, {}])) as Facets;
  const add = (facet: keyof Facets, value: string | number | boolean | null) => {
    if (value === null) return;
    facets[facet][String(value)] = (facets[facet][String(value)] ?? 0) + 1;
  };
  for (const d of docs) {
    add('level', d.level);
    add('teachingMode', d.teachingMode);
    d.financing.forEach((v) => add('financing', v));
    d.publics.forEach((v) => add('publics', v));
    add('departement', d.departement);
    add('territoire', d.territoire);
    add('permanentEntry', d.permanentEntry);
    add('handicapAccessible', d.handicapAccessible);
    add('certifying', d.certifying);
    new Set(d.sessionStarts.map((s) => s.slice(0, 7))).forEach((m) => add('startMonth', m));
    add('durationBucket', expectedBucket(d.durationHours));
  }
  return facets;
}

/** Vérifie qu'une suite de valeurs respecte un ordre, les null en dernier. */
function expectOrdered<T>(values: readonly (T | null)[], inOrder: (a: T, b: T) => boolean, label: string): void {
  for (let k = 1; k < values.length; k++) {
    const [a, b] = [values[k - 1] as T | null, values[k] as T | null];
    if (a === null) expect(b, `${label} : une valeur après un null (rang ${k})`).toBeNull();
    else if (b !== null) expect(inOrder(a, b), `${label} : ${String(a)} puis ${String(b)} (rang ${k})`).toBe(true);
  }
}

// ---------------------------------------------------------------------------------------------
// La suite
// ---------------------------------------------------------------------------------------------

/**
 * Les différences légitimes, par moteur (voir l'ADR 004, « Deux moteurs, deux lectures ») :
 *  - `firstLetterTypo` : Meilisearch compte une faute sur la PREMIÈRE lettre pour deux
 *    (`find_one_typo_derivations` ne cherche que des mots de même première lettre,
 *    crates/milli/src/search/new/query_term/compute_derivations.rs, v1.50.0) : de 5 à 8 lettres
 *    (une faute permise), « zoudeur » ne trouve pas « soudeur » ; dès 9 lettres, si ;
 *  - `shortPlural` : sans racinisation, un pluriel ou un féminin n'est retrouvé que par la
 *    tolérance aux fautes (dès 5 lettres), un début de mot, ou les libellés « Boulanger /
 *    Boulangère » : « caps » (4 lettres) ne trouve pas « CAP » dans Meilisearch ;
 *  - `filterCase` : Meilisearch compare les valeurs de filtre sans la casse (`normalize_facet` :
 *    décomposition NFKD puis minuscules, crates/milli/src/lib.rs) mais AVEC les accents ; le
 *    moteur embarqué compare la valeur exacte. L'API n'accepte que des codes en minuscules sans
 *    accent (financement, département, territoire…) : la différence ne se voit pas par l'API.
 */
export interface EngineDifferences {
  firstLetterTypo: 'same-as-other-letters' | 'counts-double';
  shortPlural: 'stemmed' | 'not-found';
  filterCase: 'exact' | 'case-insensitive';
}

export const DIFFERENCES: Record<SearchEngine['name'], EngineDifferences> = {
  embedded: { firstLetterTypo: 'same-as-other-letters', shortPlural: 'stemmed', filterCase: 'exact' },
  meilisearch: { firstLetterTypo: 'counts-double', shortPlural: 'not-found', filterCase: 'case-insensitive' },
};

export function defineConformanceSuite(label: string, createEngine: (documents: ActionDocument[]) => Promise<SearchEngine>): void {
  describe(label, () => {
    let engine: SearchEngine;
    beforeAll(async () => {
      engine = await createEngine(FIXTURE.map((d) => structuredClone(d)));
    });
    /** Une requête, tout le jeu tenant sur une page (50 par page). */
    const run = (input: SearchQueryInput = {}) => engine.search(SearchQuery.parse({ perPage: 50, ...input }));
    const runIds = async (input: SearchQueryInput = {}) => sorted(idsOf(await run(input)));

    it('le jeu d’essai tient sur une page et place bien ses points à 29 et 31 km de Nantes', () => {
      expect(FIXTURE.length).toBeLessThanOrEqual(50);
      expect(new Set(allIds).size).toBe(FIXTURE.length);
      expect(haversineKm(NANTES, NORD_29)).toBeCloseTo(29, 2);
      expect(haversineKm(NANTES, NORD_31)).toBeCloseTo(31, 2);
    });

    describe('sans texte ni filtre', () => {
      it('renvoie toutes les actions, sans distance', async () => {
        const result = await run();
        expect(result.total).toBe(FIXTURE.length);
        expect(sorted(idsOf(result))).toEqual(sorted(allIds));
        expect(result.hits.every((h) => h.distanceKm === null)).toBe(true);
      });
    });

    describe('filtres, chacun seul', () => {
      const cases: [string, SearchQueryInput['filters'] & object, (d: ActionDocument) => boolean][] = [
        ['niveau 3', { levels: [3] }, (d) => d.level === 3],
        ['niveaux 4 ou 5 (OU)', { levels: [4, 5] }, (d) => d.level === 4 || d.level === 5],
        ['modalité à distance', { teachingModes: ['distance'] }, (d) => d.teachingMode === 'distance'],
        ['modalités présentiel ou mixte', { teachingModes: ['presentiel', 'mixte'] }, (d) => d.teachingMode !== 'distance'],
        ['financement CPF', { financing: ['cpf'] }, (d) => d.financing.includes('cpf')],
        ['financement Région ou entreprise', { financing: ['region', 'entreprise'] }, (d) => d.financing.includes('region') || d.financing.includes('entreprise')],
        ['public 81046', { publics: ['81046'] }, (d) => d.publics.includes('81046')],
        ['département 49', { departements: ['49'] }, (d) => d.departement === '49'],
        ['départements 53 ou 85', { departements: ['53', '85'] }, (d) => d.departement === '53' || d.departement === '85'],
        ['territoire', { territoires: ['loire-atlantique-nord'] }, (d) => d.territoire === 'loire-atlantique-nord'],
        ['territoires (OU)', { territoires: ['maine-et-loire-sud', 'vendee-centre'] }, (d) => d.territoire === 'maine-et-loire-sud' || d.territoire === 'vendee-centre'],
        ['début à partir du 2027-09-01', { startFrom: '2027-09-01' }, (d) => d.sessionStarts.some((s) => s >= '2027-09-01')],
        ['début au plus tard le 2026-12-31', { startTo: '2026-12-31' }, (d) => d.sessionStarts.some((s) => s <= '2026-12-31')],
        ['début en janvier 2027 (bornes comprises)', { startFrom: '2027-01-04', startTo: '2027-01-31' }, (d) => d.sessionStarts.some((s) => s >= '2027-01-04' && s <= '2027-01-31')],
        ['entrées permanentes', { permanentEntry: true }, (d) => d.permanentEntry],
        ['sans entrées permanentes', { permanentEntry: false }, (d) => !d.permanentEntry],
        ['accessible handicap', { handicapAccessible: true }, (d) => d.handicapAccessible === true],
        ['non accessible handicap (null exclu)', { handicapAccessible: false }, (d) => d.handicapAccessible === false],
        ['certifiante', { certifying: true }, (d) => d.certifying],
        ['non certifiante', { certifying: false }, (d) => !d.certifying],
        ['400 h au plus (durée inconnue exclue)', { maxDurationHours: 400 }, (d) => d.durationHours !== null && d.durationHours <= 400],
      ];
      for (const [name, filters, predicate] of cases) {
        it(name, async () => {
          const expected = idsWhere(predicate);
          expect(expected.length, 'le cas doit retenir au moins une action').toBeGreaterThan(0);
          expect(expected.length, 'le cas doit écarter au moins une action').toBeLessThan(FIXTURE.length);
          const result = await run({ filters });
          expect(sorted(idsOf(result))).toEqual(expected);
          expect(result.total).toBe(expected.length);
        });
      }

      it('codes ROME (OU)', async () => {
        expect(await runIds({ romeCodes: ['D1102', 'N1101'] })).toEqual(idsWhere((d) => d.romeCodes.includes('D1102') || d.romeCodes.includes('N1101')));
      });
    });

    describe('filtres combinés (ET entre filtres)', () => {
      it('niveau, départements, financement et fenêtre de début', async () => {
        const expected = idsWhere(
          (d) =>
            (d.level === 3 || d.level === 4) &&
            (d.departement === '44' || d.departement === '49') &&
            (d.financing.includes('cpf') || d.financing.includes('region')) &&
            d.sessionStarts.some((s) => s >= '2027-01-01' && s <= '2027-06-30'),
        );
        expect(expected.length).toBeGreaterThan(1);
        expect(await runIds({ filters: { levels: [3, 4], departements: ['44', '49'], financing: ['cpf', 'region'], startFrom: '2027-01-01', startTo: '2027-06-30' } })).toEqual(expected);
      });

      it('booléens, durée et codes ROME', async () => {
        const expected = idsWhere((d) => d.certifying && !d.permanentEntry && d.handicapAccessible === true && d.durationHours !== null && d.durationHours <= 1000 && d.romeCodes.some((c) => ['D1102', 'D1104', 'G1609'].includes(c)));
        expect(expected.length).toBeGreaterThan(1);
        const filters = { certifying: true, permanentEntry: false, handicapAccessible: true, maxDurationHours: 1000 };
        expect(await runIds({ romeCodes: ['D1102', 'D1104', 'G1609'], filters })).toEqual(expected);
      });

      it('aucun résultat : total nul, facettes vides', async () => {
        const result = await run({ filters: { departements: ['85'], teachingModes: ['mixte'] } });
        expect(result.total).toBe(0);
        expect(result.hits).toEqual([]);
        expect(result.facets).toEqual(expectedFacets([]));
      });
    });

    describe('rayon autour d’un lieu', () => {
      const withinNantes = (radius: number) => idsWhere((d) => d.distanceLearning || haversineKm(NANTES, d) <= radius);

      it('30 km autour de Nantes : 29 km dedans, 31 km dehors, à distance toujours là', async () => {
        const result = await run({ origin: NANTES, radiusKm: 30 });
        const ids = sorted(idsOf(result));
        expect(ids).toEqual(withinNantes(30));
        expect(ids).toContain('nord29-prepa');
        expect(ids).not.toContain('nord31-boul');
        for (const remote of FIXTURE.filter((d) => d.distanceLearning)) expect(ids).toContain(remote.id);
      });

      it('32 km : le point à 31 km entre ; 1 km : seules Nantes et les actions à distance restent', async () => {
        expect(await runIds({ origin: NANTES, radiusKm: 32 })).toEqual(withinNantes(32));
        expect(await runIds({ origin: NANTES, radiusKm: 32 })).toContain('nord31-boul');
        expect(await runIds({ origin: NANTES, radiusKm: 1 })).toEqual(withinNantes(1));
      });

      it('donne la distance (haversine, à 0,1 km près) de chaque résultat, actions à distance comprises', async () => {
        const result = await run({ origin: ANGERS, radiusKm: 200 });
        expect(result.total).toBe(FIXTURE.length);
        for (const hit of result.hits) {
          expect(hit.distanceKm, hit.document.id).not.toBeNull();
          expect(Math.abs((hit.distanceKm as number) - haversineKm(ANGERS, doc(hit.document.id))), hit.document.id).toBeLessThanOrEqual(0.1);
        }
      });

      it('combine rayon, texte et filtres', async () => {
        // Laval est à 66 km d'Angers, Nantes à 80 km.
        const expected = idsWhere((d) => (d.distanceLearning || haversineKm(ANGERS, d) <= 70) && (d.level === 3 || d.level === 4) && hasWordStartingWith(d, 'boulanger'));
        expect(expected.length).toBeGreaterThan(1);
        expect(await runIds({ text: 'boulanger', origin: ANGERS, radiusKm: 70, filters: { levels: [3, 4] } })).toEqual(expected);
      });
    });

    describe('facettes', () => {
      it('comptent toutes les actions sans filtre', async () => {
        expect((await run()).facets).toEqual(expectedFacets(FIXTURE));
      });

      it('comptent l’ensemble filtré', async () => {
        const filters = { departements: ['44', '49'], certifying: true };
        const expected = FIXTURE.filter((d) => (d.departement === '44' || d.departement === '49') && d.certifying);
        expect((await run({ filters })).facets).toEqual(expectedFacets(expected));
      });

      it('comptent l’ensemble filtré par le rayon', async () => {
        const expected = FIXTURE.filter((d) => d.distanceLearning || haversineKm(NANTES, d) <= 30);
        expect((await run({ origin: NANTES, radiusKm: 30 })).facets).toEqual(expectedFacets(expected));
      });

      it('comptent toutes les pages, pas seulement la page demandée', async () => {
        const all = await run({ text: 'cap' });
        expect(all.total).toBeGreaterThan(3);
        const firstPage = await run({ text: 'cap', perPage: 2 });
        expect(firstPage.hits).toHaveLength(2);
        expect(firstPage.facets).toEqual(expectedFacets(idsOf(all).map(doc)));
      });
    });

    describe('tris (sans texte)', () => {
      it('date : prochaine session la plus proche d’abord, sans date en dernier', async () => {
        const result = await run({ sort: 'date' });
        expect(result.total).toBe(FIXTURE.length);
        expectOrdered(result.hits.map((h) => h.document.nextStart), (a, b) => a <= b, 'date');
      });

      it('date, avec un filtre', async () => {
        const result = await run({ sort: 'date', filters: { departements: ['49'] } });
        expect(sorted(idsOf(result))).toEqual(idsWhere((d) => d.departement === '49'));
        expectOrdered(result.hits.map((h) => h.document.nextStart), (a, b) => a <= b, 'date');
      });

      it('insertion : meilleur taux d’abord, sans taux en dernier', async () => {
        const result = await run({ sort: 'insertion' });
        expect(result.total).toBe(FIXTURE.length);
        expectOrdered(result.hits.map((h) => h.document.insertionRate), (a, b) => a >= b, 'insertion');
      });

      it('note : meilleure note d’abord, puis le plus d’avis, sans avis en dernier', async () => {
        const result = await run({ sort: 'note' });
        expect(result.total).toBe(FIXTURE.length);
        const hits = result.hits.map((h) => h.document);
        expectOrdered(hits.map((d) => d.reviewScore), (a, b) => a >= b, 'note');
        for (let k = 1; k < hits.length; k++) {
          const [a, b] = [hits[k - 1] as ActionDocument, hits[k] as ActionDocument];
          if (a.reviewScore !== null && a.reviewScore === b.reviewScore) expect(a.reviewCount, `${a.id} puis ${b.id}`).toBeGreaterThanOrEqual(b.reviewCount);
        }
        // Le jeu a des notes égales (4,6 et 4,1) avec des nombres d'avis différents.
        expect(new Set(FIXTURE.map((d) => d.reviewScore)).size).toBeLessThan(FIXTURE.filter((d) => d.reviewScore !== null).length);
      });

      it('distance : les plus proches d’abord, les actions à distance ensuite (même celle de Nantes)', async () => {
        const result = await run({ sort: 'distance', origin: NANTES });
        expect(result.total).toBe(FIXTURE.length);
        const hits = result.hits;
        const firstRemote = hits.findIndex((h) => h.document.distanceLearning);
        const onSite = FIXTURE.filter((d) => !d.distanceLearning).length;
        expect(firstRemote).toBe(onSite);
        expect(hits.slice(firstRemote).every((h) => h.document.distanceLearning)).toBe(true);
        expectOrdered(hits.slice(0, onSite).map((h) => h.distanceKm), (a, b) => a <= b + 0.1, 'distance');
        expect(hits.slice(0, onSite).map((h) => h.document.id)).not.toContain('dist-nantes');
      });

      it('distance avec rayon : mêmes règles, actions à distance comprises', async () => {
        const result = await run({ sort: 'distance', origin: ANGERS, radiusKm: 60 });
        const ids = idsOf(result);
        expect(sorted(ids)).toEqual(idsWhere((d) => d.distanceLearning || haversineKm(ANGERS, d) <= 60));
        const flags = result.hits.map((h) => h.document.distanceLearning);
        expect(flags).toEqual([...flags].sort((a, b) => Number(a) - Number(b)));
      });
    });

    describe('pagination', () => {
      it('pages disjointes, dont la réunion est l’ensemble, total constant', async () => {
        for (const sort of ['pertinence', 'date', 'note'] as const) {
          const perPage = 7;
          const seen: string[] = [];
          for (let page = 1; page <= Math.ceil(FIXTURE.length / perPage); page++) {
            const result = await run({ sort, page, perPage });
            expect(result.total, `${sort}, page ${page}`).toBe(FIXTURE.length);
            expect(result.page).toBe(page);
            expect(result.perPage).toBe(perPage);
            expect(result.hits.length).toBe(Math.min(perPage, FIXTURE.length - (page - 1) * perPage));
            seen.push(...idsOf(result));
          }
          expect(new Set(seen).size, `${sort} : doublons entre pages`).toBe(seen.length);
          expect(sorted(seen)).toEqual(sorted(allIds));
        }
      });

      it('au-delà de la dernière page : aucun résultat, même total', async () => {
        const result = await run({ page: 10, perPage: 10 });
        expect(result.hits).toEqual([]);
        expect(result.total).toBe(FIXTURE.length);
      });
    });

    describe('texte', () => {
      const aideSoignant = idsWhere((d) => hasWordStartingWith(d, 'soignant'));

      it('faute de frappe : « soignnant » trouve les actions d’aide-soignant', async () => {
        expect(aideSoignant.length).toBeGreaterThanOrEqual(5);
        const ids = await runIds({ text: 'soignnant' });
        for (const id of aideSoignant) expect(ids).toContain(id);
      });

      it('faute de frappe : « cusinier » (8 lettres, une faute) trouve les cuisiniers', async () => {
        const ids = await runIds({ text: 'cusinier' });
        for (const id of idsWhere((d) => hasWordStartingWith(d, 'cuisinier'))) expect(ids).toContain(id);
      });

      it('pas de faute tolérée sous 5 lettres : « cpa » ne trouve pas « cap », « fima » pas « fimo »', async () => {
        expect((await run({ text: 'cpa' })).total).toBe(0);
        expect((await run({ text: 'cap' })).total).toBeGreaterThan(0);
        expect((await run({ text: 'fima' })).total).toBe(0);
        expect(idsOf(await run({ text: 'fimo' }))).toEqual(['ang-fimo']);
      });

      it('une faute tolérée dès 5 lettres : « cacez » trouve « CACES »', async () => {
        expect(idsOf(await run({ text: 'cacez' }))).toContain('ang-caces');
      });

      it('début de mot : « boulan » trouve les boulangers', async () => {
        const result = await run({ text: 'boulan' });
        const expected = idsWhere((d) => hasWordStartingWith(d, 'boulan'));
        expect(expected.length).toBeGreaterThanOrEqual(4);
        for (const id of expected) expect(idsOf(result)).toContain(id);
        expect(idsOf(result).slice(0, 3).some((id) => expected.includes(id))).toBe(true);
      });

      it('accents et casse : « PÂTISSIER » = « patissier »', async () => {
        const upper = await runIds({ text: 'PÂTISSIER' });
        expect(upper).toEqual(await runIds({ text: 'patissier' }));
        for (const id of ['nan-pat', 'ang-pat', 'lry-pat']) expect(upper).toContain(id);
      });

      it('trait d’union : « aide soignant » = « aide-soignant »', async () => {
        const spaced = await runIds({ text: 'aide soignant' });
        expect(spaced).toEqual(await runIds({ text: 'aide-soignant' }));
        for (const id of aideSoignant) expect(spaced).toContain(id);
      });

      it('sigle « AS » : les actions d’aide-soignant, l’une dans les 3 premiers', async () => {
        const result = await run({ text: 'AS' });
        for (const id of ['nan-deas', 'ang-deas', 'cho-deas', 'lav-deas']) expect(idsOf(result)).toContain(id);
        expect(idsOf(result).slice(0, 3).some((id) => aideSoignant.includes(id))).toBe(true);
      });

      it('sigle « CACES » : trouve aussi la conduite de chariot élévateur qui ne le cite pas', async () => {
        const result = await run({ text: 'CACES' });
        expect(idsOf(result)).toContain('nan-chariot');
        expect(idsOf(result)).toContain('ang-caces');
        expect(idsOf(result).slice(0, 3).some((id) => ['nan-chariot', 'ang-caces'].includes(id))).toBe(true);
      });

      it('sigle « PL » : les formations de conducteur poids lourd', async () => {
        const result = await run({ text: 'PL' });
        expect(idsOf(result)).toContain('lem-poids-lourd');
        expect(idsOf(result)).toContain('nan-routier');
        expect(idsOf(result).slice(0, 3).some((id) => ['lem-poids-lourd', 'nan-routier'].includes(id))).toBe(true);
      });

      it('un métier présent seulement dans les appellations : « fumiste »', async () => {
        expect(words(doc('nan-thermique')).filter((w) => w.startsWith('fumist'))).toHaveLength(1);
        expect(doc('nan-thermique').title.toLowerCase()).not.toContain('fumiste');
        expect(idsOf(await run({ text: 'fumiste' }))).toContain('nan-thermique');
      });

      it('tous les mots sont requis : « cap boulanger » écarte CAP Pâtissier et BP Boulanger', async () => {
        const ids = await runIds({ text: 'cap boulanger' });
        for (const id of ['nan-boul', 'nord31-boul', 'lav-boul']) expect(ids).toContain(id);
        for (const id of ['nan-pat', 'ang-bp-boul', 'nan-deas']) expect(ids).not.toContain(id);
      });

      it('pertinence : un mot de l’intitulé passe devant le même mot dans la description', async () => {
        const ids = idsOf(await run({ text: 'soudeur' }));
        expect(ids).toContain('lav-maintenance');
        expect(ids.indexOf('ang-soudeur')).toBeGreaterThanOrEqual(0);
        expect(ids.indexOf('ang-soudeur')).toBeLessThan(ids.indexOf('lav-maintenance'));
      });

      it('texte et filtre : « cap » au niveau 3 en Maine-et-Loire', async () => {
        const expected = idsWhere((d) => d.level === 3 && d.departement === '49' && words(d).includes('cap'));
        expect(expected.length).toBeGreaterThan(1);
        expect(await runIds({ text: 'cap', filters: { levels: [3], departements: ['49'] } })).toEqual(expected);
      });
    });

    describe('texte : ce que lisent les deux moteurs', () => {
      const differs = () => DIFFERENCES[engine.name];
      const cuisiniers = idsWhere((d) => hasWordStartingWith(d, 'cuisinier'));

      it('synonyme de plusieurs mots avec mots vides : « aide à domicile » trouve l’ADVF, et « advf » aussi', async () => {
        expect(words(doc('lry-advf'))).not.toContain('domicile');
        expect(await runIds({ text: 'aide à domicile' })).toContain('lry-advf');
        expect(await runIds({ text: 'advf' })).toContain('lry-advf');
        expect(await runIds({ text: 'ADVF à La Roche' })).toEqual(await runIds({ text: 'advf la roche' }));
      });

      it('synonyme dont la cible a des mots vides : « auxiliaire de vie » trouve « accompagnant éducatif et social »', async () => {
        expect(words(doc('ang-deaes'))).not.toContain('auxiliaire');
        const ids = await runIds({ text: 'auxiliaire de vie' });
        expect(ids).toContain('ang-deaes');
        expect(await runIds({ text: 'auxiliaire vie' })).toEqual(ids);
      });

      it('un mot vide final ne compte pas : « cuisinier de » = « cuisinier »', async () => {
        const ids = await runIds({ text: 'cuisinier de' });
        expect(ids).toEqual(await runIds({ text: 'cuisinier' }));
        for (const id of cuisiniers) expect(ids).toContain(id);
        expect(await runIds({ text: 'soudeur pour la' })).toEqual(await runIds({ text: 'soudeur' }));
      });

      it('pas d’opérateur : guillemets et « - » n’excluent ni n’imposent rien', async () => {
        expect(await runIds({ text: '"cap" -boulanger' })).toEqual(await runIds({ text: 'cap boulanger' }));
        expect(await runIds({ text: '-cap' })).toEqual(await runIds({ text: 'cap' }));
        expect(await runIds({ text: '"boulanger bp"' })).toEqual(await runIds({ text: 'bp boulanger' }));
      });

      it('plus de 10 mots : seuls les 10 premiers comptent, dans les deux moteurs', async () => {
        const ten = 'bac pro maintenance systèmes production connectés diagnostiquer pannes remplacer pièces';
        expect(await runIds({ text: ten })).toEqual(['lav-maintenance']);
        expect(await runIds({ text: `${ten} zzzinconnu` })).toEqual(['lav-maintenance']);
        // Les mots vides ne comptent pas dans les 10.
        expect(await runIds({ text: 'bac pro de la maintenance des systèmes de production connectés pour diagnostiquer les pannes et remplacer des pièces zzzinconnu' })).toEqual(['lav-maintenance']);
      });

      it('pluriels de 5 lettres et plus : trouvés par les deux moteurs', async () => {
        const boulangers = await runIds({ text: 'boulangers' });
        for (const id of idsWhere((d) => words(d).includes('boulanger'))) expect(boulangers).toContain(id);
        const soudeurs = await runIds({ text: 'soudeurs' });
        expect(soudeurs).toContain('ang-soudeur');
      });

      it('pluriel court (« caps ») : différence nommée « shortPlural »', async () => {
        const caps = await runIds({ text: 'caps' });
        if (differs().shortPlural === 'stemmed') expect(caps).toEqual(await runIds({ text: 'cap' }));
        else expect(caps).toEqual([]);
      });

      it('faute sur la première lettre dès 9 lettres : « kuisinier » trouve les cuisiniers', async () => {
        const ids = await runIds({ text: 'kuisinier' });
        for (const id of cuisiniers) expect(ids).toContain(id);
      });

      it('faute sur la première lettre de 5 à 8 lettres (« zoudeur ») : différence nommée « firstLetterTypo »', async () => {
        const ids = await runIds({ text: 'zoudeur' });
        if (differs().firstLetterTypo === 'same-as-other-letters') expect(ids).toContain('ang-soudeur');
        else expect(ids).toEqual([]);
        // Sur une autre lettre, une faute est permise aux deux.
        expect(await runIds({ text: 'souddur' })).toContain('ang-soudeur');
      });
    });

    describe('tri strict avec du texte', () => {
      it('« cap » par date : exactement les actions de « cap », de la prochaine session à la plus lointaine', async () => {
        const byRelevance = await runIds({ text: 'cap' });
        expect(byRelevance.length).toBeGreaterThan(4);
        const result = await run({ text: 'cap', sort: 'date' });
        expect(sorted(idsOf(result))).toEqual(byRelevance);
        expectOrdered(result.hits.map((h) => h.document.nextStart), (a, b) => a <= b, 'date');
      });

      it('« boulanger » par note, puis par insertion', async () => {
        const byNote = await run({ text: 'boulanger', sort: 'note' });
        expect(byNote.total).toBeGreaterThan(2);
        expectOrdered(byNote.hits.map((h) => h.document.reviewScore), (a, b) => a >= b, 'note');
        const byInsertion = await run({ text: 'boulanger', sort: 'insertion' });
        expectOrdered(byInsertion.hits.map((h) => h.document.insertionRate), (a, b) => a >= b, 'insertion');
      });

      it('« cap » par distance depuis Nantes : sur place par distance, puis à distance', async () => {
        const result = await run({ text: 'cap', sort: 'distance', origin: NANTES });
        const flags = result.hits.map((h) => h.document.distanceLearning);
        expect(flags).toEqual([...flags].sort((a, b) => Number(a) - Number(b)));
        expectOrdered(result.hits.filter((h) => !h.document.distanceLearning).map((h) => h.distanceKm), (a, b) => a <= b + 0.1, 'distance');
      });
    });

    describe('comptes de l’offre (countFacets) : les chiffres des pages métiers, territoires et de l’accueil', () => {
      const count = (input: CountQueryInput) => engine.countFacets(CountQuery.parse(input));
      const totalSessions = (docs: readonly ActionDocument[]) => docs.reduce((n, d) => n + d.sessions.length, 0);

      it('compte toute l’offre : actions, formations, organismes, sessions (somme des rangs de session)', async () => {
        const { total, facets } = await count({ facets: ['formationId', 'organismeId', 'sessionSlots'] });
        expect(total).toBe(FIXTURE.length);
        expect(facets.formationId).toEqual(tally(FIXTURE, (d) => [d.formationId]));
        expect(facets.organismeId).toEqual(tally(FIXTURE, (d) => [d.organismeId]));
        expect(slotSums(facets.sessionSlots)).toEqual({ '': totalSessions(FIXTURE) });
        expect(totalSessions(FIXTURE)).toBeGreaterThan(FIXTURE.length);
        // Seules les facettes demandées sont rendues.
        expect(Object.keys(facets).sort()).toEqual(['formationId', 'organismeId', 'sessionSlots']);
      });

      it('par territoire, domaine, niveau et lieu : actions et sessions de chaque clé', async () => {
        const { facets } = await count({
          facets: ['territoire', 'territoireSessionSlots', 'romeDomain', 'romeDomainSessionSlots', 'levelGroup', 'levelGroupSessionSlots', 'place', 'placeSessionSlots'],
        });
        expect(facets.territoire).toEqual(tally(FIXTURE, territoireOf));
        expect(slotSums(facets.territoireSessionSlots)).toEqual(sessionSums(FIXTURE, territoireOf));
        expect(facets.romeDomain).toEqual(tally(FIXTURE, domainsOf));
        expect(slotSums(facets.romeDomainSessionSlots)).toEqual(sessionSums(FIXTURE, domainsOf));
        expect(facets.levelGroup).toEqual(tally(FIXTURE, levelOf));
        expect(slotSums(facets.levelGroupSessionSlots)).toEqual(sessionSums(FIXTURE, levelOf));
        expect(facets.place).toEqual(tally(FIXTURE, placeOf));
        expect(slotSums(facets.placeSessionSlots)).toEqual(sessionSums(FIXTURE, placeOf));
        // Le jeu a bien des actions sans domaine, sans niveau et sans commune reconnue.
        expect(facets.romeDomain?.['-']).toBeGreaterThan(0);
        expect(facets.levelGroup?.['-']).toBeGreaterThan(0);
        expect(Object.keys(facets.place ?? {}).some((k) => k.startsWith('nom:'))).toBe(true);
      });

      it('les facettes de la recherche comptent comme dans une recherche', async () => {
        const { total, facets } = await count({ facets: [...FACETS] });
        expect(total).toBe(FIXTURE.length);
        expect(facets).toEqual(expectedFacets(FIXTURE));
      });

      it('avec des filtres : un territoire, un code ROME, un niveau', async () => {
        const inTerritoire = FIXTURE.filter((d) => d.territoire === NANTES.territoire);
        const t = await count({ filters: { territoires: [NANTES.territoire as string] }, facets: ['organismeId', 'sessionSlots', 'romeDomain'] });
        expect(t.total).toBe(inTerritoire.length);
        expect(t.facets.organismeId).toEqual(tally(inTerritoire, (d) => [d.organismeId]));
        expect(slotSums(t.facets.sessionSlots)).toEqual({ '': totalSessions(inTerritoire) });
        expect(t.facets.romeDomain).toEqual(tally(inTerritoire, domainsOf));

        const code = 'D1102';
        const ofCode = FIXTURE.filter((d) => d.romeCodes.includes(code));
        expect(ofCode.length).toBeGreaterThan(1);
        const r = await count({ romeCodes: [code], facets: ['formationId', 'organismeId', 'sessionSlots'] });
        expect(r.total).toBe(ofCode.length);
        expect(r.facets.formationId).toEqual(tally(ofCode, (d) => [d.formationId]));
        expect(r.facets.organismeId).toEqual(tally(ofCode, (d) => [d.organismeId]));
        expect(slotSums(r.facets.sessionSlots)).toEqual(totalSessions(ofCode) > 0 ? { '': totalSessions(ofCode) } : {});

        const ofLevel = FIXTURE.filter((d) => d.level === 4);
        const l = await count({ filters: { levels: [4] }, facets: ['levelGroup', 'place'] });
        expect(l.total).toBe(ofLevel.length);
        expect(l.facets.levelGroup).toEqual({ '4': ofLevel.length });
        expect(l.facets.place).toEqual(tally(ofLevel, placeOf));
      });

      describe('sur un jeu fait pour les comptes (domaines multiples, formations partagées, lieux sans commune)', () => {
        let offerEngine: SearchEngine;
        beforeAll(async () => {
          offerEngine = await createEngine(OFFER_FIXTURE);
        }, 120_000);

        it('chaque clé compte ses actions une fois et la somme de leurs sessions', async () => {
          const { total, facets } = await offerEngine.countFacets(
            CountQuery.parse({ facets: ['formationId', 'organismeId', 'sessionSlots', 'territoireSessionSlots', 'romeDomain', 'romeDomainSessionSlots', 'levelGroup', 'levelGroupSessionSlots', 'place', 'placeSessionSlots'] }),
          );
          expect(total).toBe(OFFER_FIXTURE.length);
          expect(facets.formationId).toEqual(tally(OFFER_FIXTURE, (d) => [d.formationId]));
          expect(Object.keys(facets.formationId ?? {})).toHaveLength(5);
          expect(facets.organismeId).toEqual(tally(OFFER_FIXTURE, (d) => [d.organismeId]));
          expect(slotSums(facets.sessionSlots)).toEqual({ '': totalSessions(OFFER_FIXTURE) });
          expect(slotSums(facets.territoireSessionSlots)).toEqual(sessionSums(OFFER_FIXTURE, territoireOf));
          expect(facets.romeDomain).toEqual(tally(OFFER_FIXTURE, domainsOf));
          expect(facets.romeDomain).toMatchObject({ H: 2, I: 1, J: 1, K: 2, '-': 2 });
          expect(slotSums(facets.romeDomainSessionSlots)).toEqual(sessionSums(OFFER_FIXTURE, domainsOf));
          expect(slotSums(facets.romeDomainSessionSlots)).toMatchObject({ H: 4, I: 3, J: 2, K: 2, '-': 3 });
          expect(facets.levelGroup).toEqual(tally(OFFER_FIXTURE, levelOf));
          expect(slotSums(facets.levelGroupSessionSlots)).toEqual(sessionSums(OFFER_FIXTURE, levelOf));
          expect(facets.place).toEqual(tally(OFFER_FIXTURE, placeOf));
          expect(slotSums(facets.placeSessionSlots)).toEqual(sessionSums(OFFER_FIXTURE, placeOf));
        });
      });

      it('un filtre qui ne retient rien : zéro partout, facettes vides', async () => {
        const { total, facets } = await count({ filters: { territoires: ['territoire-inconnu'] }, facets: ['formationId', 'sessionSlots', 'place'] });
        expect(total).toBe(0);
        expect(facets).toEqual({ formationId: {}, sessionSlots: {}, place: {} });
      });
    });

    describe('filtres sur des valeurs accentuées et en majuscules', () => {
      const differs = () => DIFFERENCES[engine.name];

      it('la valeur exacte, accents et majuscules compris, ne retient qu’elle', async () => {
        expect(await runIds({ filters: { financing: ['Région'] } })).toEqual(['lav-vae']);
        expect(await runIds({ filters: { publics: ['Salarié'] } })).toEqual(['lav-vae']);
      });

      it('sans l’accent, c’est une autre valeur, dans les deux moteurs', async () => {
        expect(await runIds({ filters: { financing: ['region'] } })).toEqual(idsWhere((d) => d.financing.includes('region')));
        expect(await runIds({ filters: { financing: ['region'] } })).not.toContain('lav-vae');
        expect(await runIds({ filters: { publics: ['salarie'] } })).toEqual(['lem-vae']);
      });

      it('les facettes rendent chaque valeur telle qu’écrite, comptée à part', async () => {
        const facets = (await run({ filters: { publics: ['Salarié', 'salarie'] } })).facets;
        expect(facets.publics).toEqual({ Salarié: 1, salarie: 1 });
        expect(facets.financing).toMatchObject({ Région: 1, region: 1 });
      });

      it('une autre casse : différence nommée « filterCase »', async () => {
        const ids = await runIds({ filters: { financing: ['RÉGION'] } });
        if (differs().filterCase === 'exact') expect(ids).toEqual([]);
        else expect(ids).toEqual(['lav-vae']);
      });
    });
  });
}
