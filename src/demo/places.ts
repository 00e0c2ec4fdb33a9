/**
 * Lieux de formation : communes actuelles des cinq départements des Pays de la Loire
 * (@etalab/decoupage-administratif), tirées au sort en proportion de leur population,
 * avec une adresse inventée. Quelques grandes villes ont des coordonnées, pour géolocaliser
 * une petite partie des lieux ; les autres sont localisés par l'importeur via la commune.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { Rng, WeightedTable } from './random';

export const PDL_DEPARTEMENTS = ['44', '49', '53', '72', '85'] as const;
export const PDL_REGION_CODE = '52';

export interface Commune {
  code: string;
  name: string;
  departement: string;
  postcodes: string[];
  population: number;
}

interface RawCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  region?: string;
  codesPostaux?: string[];
  population?: number;
}

let cached: Commune[] | null = null;

/** Les communes actuelles des Pays de la Loire (1 228 environ), triées par code INSEE. */
export function loadPdlCommunes(): Commune[] {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const file = require.resolve('@etalab/decoupage-administratif/data/communes.json');
  const raw = JSON.parse(readFileSync(file, 'utf8')) as RawCommune[];
  const departements = new Set<string>(PDL_DEPARTEMENTS);
  cached = raw
    .filter((c) => c.type === 'commune-actuelle' && c.departement !== undefined && departements.has(c.departement))
    .filter((c) => (c.codesPostaux?.length ?? 0) > 0)
    .map((c) => ({ code: c.code, name: c.nom, departement: c.departement as string, postcodes: [...(c.codesPostaux ?? [])], population: c.population ?? 0 }))
    .sort((a, b) => a.code.localeCompare(b.code));
  return cached;
}

/** Tirage de communes pondéré par la population (une commune sans population n'est jamais tirée). */
export class CommunePicker {
  private readonly all: WeightedTable<Commune>;
  private readonly byDepartement = new Map<string, WeightedTable<Commune>>();
  private readonly byCode = new Map<string, Commune>();

  constructor(readonly communes: readonly Commune[]) {
    this.all = new WeightedTable(communes, (c) => c.population);
    for (const c of communes) this.byCode.set(c.code, c);
    for (const dep of new Set(communes.map((c) => c.departement))) {
      this.byDepartement.set(dep, new WeightedTable(communes.filter((c) => c.departement === dep), (c) => c.population));
    }
  }

  draw(rng: Rng, departement?: string): Commune {
    const table = departement ? this.byDepartement.get(departement) : this.all;
    if (!table) throw new Error(`département hors Pays de la Loire : ${departement}`);
    return table.draw(rng);
  }

  get(code: string): Commune | undefined {
    return this.byCode.get(code);
  }
}

/** Centres-villes approximatifs (WGS84) des principales villes, pour géolocaliser quelques lieux. */
export const CITY_CENTRES: Readonly<Record<string, { lat: number; lon: number }>> = {
  '44109': { lat: 47.2181, lon: -1.5528 }, // Nantes
  '44184': { lat: 47.2737, lon: -2.2139 }, // Saint-Nazaire
  '44162': { lat: 47.2183, lon: -1.6486 }, // Saint-Herblain
  '44143': { lat: 47.1809, lon: -1.5491 }, // Rezé
  '49007': { lat: 47.4736, lon: -0.5541 }, // Angers
  '49099': { lat: 47.0598, lon: -0.8797 }, // Cholet
  '49328': { lat: 47.2600, lon: -0.0769 }, // Saumur
  '72181': { lat: 48.0061, lon: 0.1996 }, // Le Mans
  '53130': { lat: 48.0707, lon: -0.7734 }, // Laval
  '85191': { lat: 46.6705, lon: -1.4260 }, // La Roche-sur-Yon
  '85194': { lat: 46.4969, lon: -1.7831 }, // Les Sables-d'Olonne
};

const STREET_TYPES = ['rue', 'rue', 'rue', 'avenue', 'boulevard', 'allée', 'place', 'chemin', 'impasse', 'quai'];
const STREET_NAMES = [
  'de la Gare',
  'du Général de Gaulle',
  'Jean Jaurès',
  'Victor Hugo',
  'des Lilas',
  'de la Libération',
  'Pasteur',
  'de la République',
  'des Métiers',
  'du Commerce',
  'de Bretagne',
  'de la Loire',
  'des Acacias',
  'Saint-Michel',
  'du Stade',
  'Aristide Briand',
  'de l’Europe',
  'des Tilleuls',
  'Gambetta',
  'de la Mairie',
  'des Écoles',
  'du Moulin',
  'Marie Curie',
  'Jules Verne',
  'Anne de Bretagne',
  'René Cassin',
  'des Sablons',
  'de la Croix Rouge',
  'du Port',
  'Clemenceau',
];
const ZONE_NAMES = ['ZA de la Lande', 'ZI du Bois Joli', 'Parc d’activités des Portes', 'ZA des Noës', 'ZAC de la Gare', 'Technopôle du Fief', 'ZI Nord', 'Parc tertiaire de l’Étang'];

/** Une adresse de rue plausible (au plus 50 caractères, limite LHEO de `ligne`). */
export function randomStreet(rng: Rng): string {
  if (rng.chance(0.15)) {
    const zone = rng.pick(ZONE_NAMES);
    return rng.chance(0.5) ? zone : `${rng.int(1, 40)} ${zone}`.slice(0, 50);
  }
  const number = rng.int(1, 180);
  const suffix = rng.chance(0.08) ? ' bis' : '';
  return `${number}${suffix} ${rng.pick(STREET_TYPES)} ${rng.pick(STREET_NAMES)}`.slice(0, 50);
}

/** Coordonnées plausibles dans la ville (à ± 2 km du centre), ou null si la ville n'est pas connue. */
export function randomCoordinates(rng: Rng, communeCode: string): { lat: number; lon: number } | null {
  const centre = CITY_CENTRES[communeCode];
  if (!centre) return null;
  const round = (n: number) => Math.round(n * 1e6) / 1e6;
  return { lat: round(centre.lat + (rng.next() - 0.5) * 0.036), lon: round(centre.lon + (rng.next() - 0.5) * 0.05) };
}
