import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CatalogError, clearCatalogCache, loadCatalog, projectRoot, resolveDataDir, resolveDataRoot } from '../../../src/catalog/index';
import { ROME_DOMAINS } from '../../../src/domain/metier';
import { createDataDir, metier, METIERS, type TempData } from './fixtures';
import { createAppServices } from '../../../src/app/services';

let data: TempData;
const savedDataDir = process.env.DATA_DIR;

beforeEach(() => {
  clearCatalogCache();
  data = createDataDir();
});

afterEach(() => {
  data.remove();
  clearCatalogCache();
  if (savedDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = savedDataDir;
});

/** Capture l'erreur levée par `fn` (le test échoue s'il n'y en a pas). */
function errorOf(fn: () => unknown): CatalogError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogError);
    return error as CatalogError;
  }
  throw new Error('aucune erreur levée');
}

describe('loadCatalog', () => {
  it('mémorise un catalogue par dossier (dans la racine de composition, src/app/)', () => {
    const app = createAppServices({ dataDir: data.dir, env: {} });
    const a = app.catalog;
    expect(app.catalog).toBe(a);
    expect(loadCatalog(data.dir).dataDir).toBe(a.dataDir);
    expect(a.listMetiers()).toBe(a.listMetiers());
    expect(a.dataDir).toBe(data.dir);
  });

  it('utilise DATA_DIR, sinon data/build, à partir de la racine du projet', () => {
    process.env.DATA_DIR = data.dir;
    expect(loadCatalog().dataDir).toBe(data.dir);
    expect(resolveDataDir('relatif/donnees')).toBe(path.join(projectRoot(), 'relatif/donnees'));
    delete process.env.DATA_DIR;
    expect(resolveDataRoot()).toBe(path.join(projectRoot(), 'data/build'));
    // Sans lien « current », le dossier est lu à plat ; avec, c'est sa génération en service.
    expect(resolveDataDir(data.dir)).toBe(data.dir);
  });

  it('trouve la racine du projet (dossier du package.json)', () => {
    expect(projectRoot()).toBe(fileURLToPath(new URL('../../..', import.meta.url)).replace(/[\\/]$/, ''));
  });

  it('explique en français un dossier de données absent', () => {
    const missing = path.join(data.dir, 'absent');
    const error = errorOf(() => loadCatalog(missing));
    expect(error.message).toContain('Dossier de données introuvable');
    expect(error.message).toContain(missing);
    expect(error.message).toContain('npm run data:build');
  });
});

describe('métiers', () => {
  it('liste les métiers par ordre alphabétique français (accents ignorés)', () => {
    const labels = loadCatalog(data.dir).listMetiers().map((m) => m.label);
    expect(labels).toEqual([
      'Aide-soignant / Aide-soignante',
      'Aménagement et entretien des espaces verts',
      'Architecture du BTP et du paysage',
      'Dessin BTP et paysage',
      'Électricité bâtiment',
      'Infirmier / Infirmière en soins généraux',
      'Maçonnerie',
      'Magasinage et préparation de commandes',
    ]);
  });

  it('applique les valeurs par défaut du schéma du domaine', () => {
    const m = loadCatalog(data.dir).getMetier('F1703');
    expect(m?.appellations).toEqual([]);
    expect(m?.definition).toBeNull();
    expect(m?.skills).toEqual({ savoirFaire: [], savoirEtre: [], savoirs: [] });
  });

  it('trouve un métier par son code, sans tenir compte de la casse', () => {
    const catalog = loadCatalog(data.dir);
    expect(catalog.getMetier('J1501')?.label).toBe('Aide-soignant / Aide-soignante');
    expect(catalog.getMetier(' j1501 ')?.code).toBe('J1501');
    expect(catalog.getMetier('Z9999')).toBeUndefined();
  });

  it('groupe par grand domaine de A à N, triés dans chaque groupe, sans domaine vide', () => {
    const groups = loadCatalog(data.dir).metiersByDomain();
    expect(groups.map((g) => g.letter)).toEqual(['A', 'F', 'J', 'N']);
    expect(groups.map((g) => g.label)).toEqual([ROME_DOMAINS.A, ROME_DOMAINS.F, ROME_DOMAINS.J, ROME_DOMAINS.N]);
    const f = groups.find((g) => g.letter === 'F');
    expect(f?.metiers.map((m) => m.code)).toEqual(['F1101', 'F1104', 'F1602', 'F1703']);
    expect(groups.reduce((n, g) => n + g.metiers.length, 0)).toBe(METIERS.length);
  });

  it('compte les métiers par grand domaine', () => {
    expect(loadCatalog(data.dir).domainCounts()).toEqual([
      { letter: 'A', label: ROME_DOMAINS.A, count: 1 },
      { letter: 'F', label: ROME_DOMAINS.F, count: 4 },
      { letter: 'J', label: ROME_DOMAINS.J, count: 2 },
      { letter: 'N', label: ROME_DOMAINS.N, count: 1 },
    ]);
  });

  it('refuse un fichier invalide avec une erreur en français qui nomme le fichier et l’élément', () => {
    const file = data.write('metiers.json', [...METIERS.slice(0, 2), metier('X123', ''), { ...metier('J1502', 'Sans source'), source: undefined }]);
    const error = errorOf(() => loadCatalog(data.dir).listMetiers());
    expect(error.file).toBe(file);
    expect(error.message).toContain(`Fichier de données invalide : ${file}`);
    expect(error.message).toMatch(/\b3 erreurs\b/);
    expect(error.message).toContain('[2].code (identifiant « X123 ») : code ROME attendu');
    expect(error.message).toContain('[2].label');
    expect(error.message).toContain('[3].source (identifiant « J1502 »)');
    expect(error.message).toContain('npm run data:build');
  });

  it('refuse un code ROME en double', () => {
    const file = data.write('metiers.json', [...METIERS, metier('J1501', 'Autre libellé')]);
    const error = errorOf(() => loadCatalog(data.dir).listMetiers());
    expect(error.message).toContain(file);
    expect(error.message).toContain('code ROME « J1501 » en double');
  });

  it('explique un JSON illisible', () => {
    const broken = data.write('metiers.json', '[{"code": "J1501",');
    const error = errorOf(() => loadCatalog(data.dir).listMetiers());
    expect(error.file).toBe(broken);
    expect(error.message).toContain(`Fichier de données illisible (JSON invalide) : ${broken}`);
  });

  it('explique un fichier absent', () => {
    const avis = path.join(data.dir, 'avis.json');
    rmSync(avis);
    const error = errorOf(() => loadCatalog(data.dir).reviews());
    expect(error.message).toContain(`Fichier de données introuvable : ${avis}`);
  });
});

describe('manifeste et autres fichiers', () => {
  it('lit le manifeste et le mode démonstration', () => {
    const catalog = loadCatalog(data.dir);
    expect(catalog.manifest().counts.formations).toBe(1);
    expect(catalog.manifest().sources[0]?.kind).toBe('demo');
    expect(catalog.isDemo()).toBe(true);
  });

  it('refuse un manifeste dont un compteur manque, en nommant le champ', () => {
    const file = data.write('manifest.json', { builtAt: '2026-11-23T09:00:00Z', referenceDate: '2026-11-23', demo: false, counts: { metiers: 1 }, sources: [] });
    const error = errorOf(() => loadCatalog(data.dir).manifest());
    expect(error.message).toContain(file);
    expect(error.message).toContain('counts.formations');
  });

  it('lit l’offre, les taux d’insertion et les avis avec les schémas du domaine', () => {
    const catalog = loadCatalog(data.dir);
    const offer = catalog.offer();
    expect(offer.formations[0]?.certifications).toEqual([]);
    expect(offer.actions[0]?.sessions[0]?.recruitmentState).toBe('ouvert');
    expect(catalog.insertionStats()[0]?.leavers).toBe(120);
    expect(catalog.reviews()[0]?.status).toBe('validated');
  });

  it('lit les communes et les territoires EFOP', () => {
    const catalog = loadCatalog(data.dir);
    expect(catalog.communes()[0]?.name).toBe('Nantes');
    expect(catalog.territoires().provisional).toBe(true);
    expect(catalog.territoires().territoires.map((t) => t.slug)).toEqual(['loire-atlantique-centre']);
  });

  it('nomme le fichier geo/communes.json quand une commune est invalide', () => {
    const file = data.write('geo/communes.json', [{ inseeCode: '4410', name: 'Nantes' }]);
    const error = errorOf(() => loadCatalog(data.dir).communes());
    expect(error.file).toBe(file);
    expect(error.message).toContain(`Fichier de données invalide : ${file}`);
    expect(error.message).toContain('[0].inseeCode : code INSEE à 5 caractères attendu');
  });

  it('nomme l’identifiant de l’action fautive dans offre.json', () => {
    const file = data.write('offre.json', {
      organismes: [],
      formations: [],
      actions: [{ id: 'A-42', formationId: 'F1', organismeId: 'O1' }],
    });
    const error = errorOf(() => loadCatalog(data.dir).offer());
    expect(error.message).toContain(file);
    expect(error.message).toContain('actions[0].place (identifiant « A-42 »)');
  });
});

describe('formations qui préparent à un métier', () => {
  let data: TempData;
  beforeEach(() => {
    data = createDataDir();
  });
  afterEach(() => {
    data.remove();
    clearCatalogCache();
  });

  const action = (id: string, formationId: string, city: string, sessions: unknown[], permanentEntry = false) => ({
    id,
    formationId,
    organismeId: 'O1',
    place: { street: null, postcode: null, city, inseeCode: null, lat: 47, lon: -1, coordSource: 'commune' },
    teachingMode: 'presentiel',
    durationHours: 100,
    priceEuros: null,
    financing: { funders: [], programme: null, cpfEligible: false },
    permanentEntry,
    handicapAccessible: null,
    sessions,
  });

  it('compte les lieux (les cartes de la recherche) et les sessions à venir, réunit les formations de même intitulé, et trie par offre', () => {
    data.write('offre.json', {
      organismes: [{ id: 'O1', siret: null, name: 'Institut' }],
      formations: [
        { id: 'F1', title: 'DEAS', certifying: true, entryLevel: null, exitLevel: 4, romeCodes: ['J1501'], organismeResponsableId: 'O1' },
        { id: 'F2', title: 'Bac pro ASSP', certifying: true, entryLevel: null, exitLevel: 4, romeCodes: ['J1501', 'K1302'], organismeResponsableId: 'O1' },
        { id: 'F3', title: 'CAP Pâtissier', certifying: true, entryLevel: null, exitLevel: 3, romeCodes: ['D1104'], organismeResponsableId: 'O1' },
        // Même intitulé (à la casse près) et même niveau que F1, publiée sous un autre identifiant : une seule ligne.
        { id: 'F4', title: 'deas', certifying: true, entryLevel: null, exitLevel: 4, romeCodes: ['J1501'], organismeResponsableId: 'O1' },
      ],
      actions: [
        action('A1', 'F1', 'Nantes', [{ id: 'S1', start: '2026-01-05', end: '2026-06-30' }, { id: 'S2', start: '2027-01-04', end: '2027-06-30' }]),
        action('A2', 'F2', 'Cholet', [{ id: 'S3', start: '2027-02-01', end: null }]),
        action('A3', 'F2', 'Angers', [{ id: 'S4', start: null, end: null }], true),
        action('A4', 'F2', 'Angers', []),
        action('A5', 'F4', 'Nantes', [{ id: 'S5', start: '2027-03-01', end: null }]),
      ],
    });
    const list = loadCatalog(data.dir).trainingsForMetier('J1501', '2026-11-23');
    expect(list.map((t) => t.formationId)).toEqual(['F2', 'F1']);
    // A3 et A4 : même formation, même lieu (Angers) = un seul lieu ; A1 et A5 aussi (Nantes).
    expect(list[0]).toMatchObject({ actions: 2, upcomingSessions: 2, cities: ['Angers', 'Cholet'] });
    expect(list[1]).toMatchObject({ actions: 1, upcomingSessions: 2, cities: ['Nantes'] });
    expect(list).toHaveLength(2);
    expect(loadCatalog(data.dir).trainingsForMetier('M1805', '2026-11-23')).toEqual([]);
  });
});
