/**
 * Petit jeu de données valide, écrit dans un dossier temporaire par chaque test du catalogue.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function metier(code: string, label: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code,
    label,
    domain: { letter: code.charAt(0), code: code.slice(0, 3), label: `Domaine professionnel ${code.slice(0, 3)}` },
    source: 'demo',
    ...extra,
  };
}

export const METIERS = [
  metier('J1501', 'Aide-soignant / Aide-soignante', {
    appellations: [{ code: '11573', label: 'Aide-soignant / Aide-soignante', main: true }],
    definition: 'Réalise des soins d’hygiène.',
  }),
  metier('F1602', 'Électricité bâtiment'),
  metier('F1703', 'Maçonnerie'),
  metier('F1101', 'Architecture du BTP et du paysage'),
  metier('J1506', 'Infirmier / Infirmière en soins généraux'),
  metier('A1203', 'Aménagement et entretien des espaces verts'),
  metier('F1104', 'Dessin BTP et paysage'),
  metier('N1103', 'Magasinage et préparation de commandes'),
];

export const MANIFEST = {
  builtAt: '2026-11-23T09:00:00.000Z',
  referenceDate: '2026-11-23',
  demo: true,
  counts: { metiers: 8, formations: 1, actions: 1, sessions: 1, organismes: 1, communes: 0, reviews: 1, insertionStats: 1 },
  sources: [{ name: 'Offre de démonstration', kind: 'demo', description: 'Inventée.' }],
};

const place = { street: null, postcode: '44000', city: 'Nantes', inseeCode: '44109', lat: 47.2, lon: -1.55, coordSource: 'commune' };

export const OFFRE = {
  organismes: [{ id: 'O1', siret: '12345678900011', name: 'Institut Démo' }],
  formations: [
    { id: 'F1', title: 'DEAS', certifying: true, entryLevel: null, exitLevel: 4, romeCodes: ['J1501'], organismeResponsableId: 'O1' },
  ],
  actions: [
    {
      id: 'A1',
      formationId: 'F1',
      organismeId: 'O1',
      place,
      teachingMode: 'presentiel',
      durationHours: 1200,
      priceEuros: null,
      financing: { funders: ['2'], programme: 'visa-sanitaire-social', cpfEligible: false },
      permanentEntry: false,
      handicapAccessible: true,
      sessions: [{ id: 'S1', start: '2026-09-01', end: '2027-06-30' }],
    },
  ],
};

export const INSERTION = [
  { source: 'inserjeunes', vintage: '2023', scope: 'region', romeCode: 'J1501', leavers: 120, employmentRate6m: 70, employmentRate12m: 80, furtherStudyRate: 5 },
];

export const AVIS = [
  {
    id: 'R1',
    actionId: 'A1',
    scores: { accueil: 5, contenu_formation: 4, equipe_formateurs: 5, moyen_materiel: 3, accompagnement: 4, global: 4 },
    date: '2026-06-30',
    status: 'validated',
  },
];

export const COMMUNES = [
  {
    inseeCode: '44109',
    name: 'Nantes',
    departement: '44',
    postcodes: ['44000', '44100', '44200', '44300'],
    mainPostcode: '44000',
    population: 320732,
    epciCode: '244400404',
    epciName: 'Nantes Métropole',
    territoireSlug: 'loire-atlantique-centre',
    lat: 47.21725,
    lon: -1.55336,
    coordSource: 'geonames-name',
  },
];

export const TERRITOIRES = {
  provisional: true,
  notice: 'Composition provisoire.',
  territoires: [
    { slug: 'loire-atlantique-centre', name: 'Loire-Atlantique Centre', departement: '44', epciCodes: ['244400404'], communeCodes: ['44109'], provisional: true },
  ],
};

export interface TempData {
  dir: string;
  write(relative: string, content: unknown): string;
  remove(): void;
}

/** Crée un dossier de données complet et valide ; `write` permet ensuite de casser un fichier. */
export function createDataDir(): TempData {
  const dir = mkdtempSync(path.join(tmpdir(), 'vmm-catalog-'));
  const write = (relative: string, content: unknown): string => {
    const file = path.join(dir, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };
  write('metiers.json', METIERS);
  write('manifest.json', MANIFEST);
  write('offre.json', OFFRE);
  write('insertion.json', INSERTION);
  write('avis.json', AVIS);
  write('geo/communes.json', COMMUNES);
  write('geo/territoires.json', TERRITOIRES);
  return { dir, write, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
