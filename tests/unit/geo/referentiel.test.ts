import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isInPaysDeLaLoireBBox, type Commune } from '../../../src/domain/geo';
import { writeGeoBuild, type GeoBuild } from '../../../src/geo/build';
import {
  createGeoReferentiel,
  loadGeoReferentiel,
  TERRITOIRE_EFOP_NAMES,
  type GeoReferentiel,
} from '../../../src/geo/referentiel';
import { geoBuild } from './geo-build-cache';

let build: GeoBuild;
let geo: GeoReferentiel;

beforeAll(() => {
  build = geoBuild();
  geo = createGeoReferentiel(build);
});

const names = (communes: Commune[]): string[] => communes.map((c) => c.name);

describe('construction du référentiel', () => {
  it('produit les 1 228 communes actuelles des 5 départements', () => {
    expect(build.communes).toHaveLength(1228);
    expect(build.stats.communesByDepartement).toEqual({ '44': 207, '49': 176, '53': 240, '72': 352, '85': 253 });
    expect(new Set(build.communes.map((c) => c.inseeCode)).size).toBe(1228);
  });

  it('géocode chaque commune dans la boîte des Pays de la Loire', () => {
    const outside = build.communes.filter((c) => !isInPaysDeLaLoireBBox(c.lat, c.lon));
    expect(outside.map((c) => c.inseeCode)).toEqual([]);
    const sources = build.stats.coordSources;
    expect(Object.values(sources).reduce((a, b) => a + b, 0)).toBe(1228);
    // La majorité des communes ont un lieu GeoNames propre.
    expect((sources['geonames-name'] ?? 0) + (sources['geonames-delegated-mean'] ?? 0)).toBeGreaterThan(614);
  });

  it('71 EPCI, chaque commune sauf L’Île-d’Yeu dans un EPCI et un territoire', () => {
    expect(build.epcis).toHaveLength(71);
    expect(build.communes.filter((c) => c.epciCode === null).map((c) => c.inseeCode)).toEqual(['85113']);
    expect(build.communes.filter((c) => c.territoireSlug === null)).toEqual([]);
  });

  it('ne compte que les communes des Pays de la Loire des EPCI à cheval sur la région', () => {
    const redon = build.epcis.find((e) => e.code === '243500741');
    expect(redon?.memberCodes).toHaveLength(8);
    expect(redon?.memberCodes.every((code) => code.startsWith('44'))).toBe(true);
    expect(redon?.outsideRegionMemberCodes.length).toBeGreaterThan(20);
    const alencon = build.epcis.find((e) => e.code === '246100663');
    expect(alencon?.departements).toEqual(['72']);
    expect(geo.territoireOf('72308')?.slug).toBe('sarthe-nord'); // Saint-Paterne - Le Chevain
  });

  it('écrit puis relit les fichiers (loadGeoReferentiel)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'geo-'));
    try {
      writeGeoBuild(build, dir);
      const loaded = loadGeoReferentiel(dir);
      expect(loaded.allCommunes()).toHaveLength(1228);
      expect(loaded.allTerritoires()).toHaveLength(18);
      expect(loaded.communeByInsee('49273')?.name).toBe('Sèvremoine');
      expect(loaded.territoiresNotice).toMatch(/^Composition provisoire/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('message clair quand le référentiel n’a pas été construit', () => {
    expect(() => loadGeoReferentiel(path.join(tmpdir(), 'geo-absent-xyz'))).toThrow(/npm run data:build/);
  });
});

describe('communeByInsee', () => {
  it('trouve une commune actuelle', () => {
    expect(geo.communeByInsee('44109')?.name).toBe('Nantes');
    expect(geo.communeByInsee('99999')).toBeUndefined();
  });

  it('résout une commune déléguée vers la commune nouvelle', () => {
    expect(geo.communeByInsee('49273')?.inseeCode).toBe('49301'); // Saint-Crespin-sur-Moine → Sèvremoine
    expect(geo.communeByInsee('49071')?.inseeCode).toBe('49092'); // Chanzeaux → Chemillé-en-Anjou
    expect(geo.communeByInsee('53103')?.name).toBe('Le Genest-Saint-Isle'); // commune actuelle
  });

  it('résout un ancien code (anciensCodes)', () => {
    // 79224 figure dans les anciensCodes de Cholet : c'est Le Puy-Saint-Bonnet, commune associée.
    expect(geo.communeByInsee('79224')?.name).toBe('Cholet');
    expect(build.aliases.find((a) => a.code === '79224')).toMatchObject({
      name: 'Le Puy-Saint-Bonnet',
      kind: 'commune-associee',
      currentCode: '49099',
    });
    // Anciens codes sans commune déléguée : Château-d'Olonne, Saint-Gervais-en-Belin.
    expect(build.aliases.find((a) => a.code === '85060')).toMatchObject({ kind: 'ancien-code', name: null });
    expect(geo.communeByInsee('85060')?.name).toBe("Les Sables-d'Olonne");
    expect(geo.communeByInsee('72287')?.name).toBe('Laigné-Saint-Gervais');
  });

  it('garde la commune actuelle quand une déléguée porte le même code', () => {
    // Les Essarts (déléguée) porte le code 85084 d'Essarts-en-Bocage.
    expect(geo.communeByInsee('85084')?.name).toBe('Essarts-en-Bocage');
  });
});

describe('searchCommunes', () => {
  it('trouve Château-Gontier-sur-Mayenne sans accents, par son ancien nom ou en entier', () => {
    expect(geo.searchCommunes('chateau gontier', 5)[0]?.inseeCode).toBe('53062');
    expect(geo.searchCommunes('Château-Gontier-sur-Mayenne', 5)[0]?.inseeCode).toBe('53062');
    expect(geo.searchCommunes('CHATEAU-GONTIER-SUR-MAYENNE', 1).map((c) => c.inseeCode)).toEqual(['53062']);
  });

  it('par code postal, exact ou début', () => {
    const exact = geo.searchCommunes('53200', 10);
    expect(exact[0]?.inseeCode).toBe('53062');
    expect(exact.every((c) => c.postcodes.includes('53200'))).toBe(true);
    const prefix = geo.searchCommunes('440', 20);
    expect(prefix[0]?.name).toBe('Nantes');
    expect(prefix.every((c) => c.postcodes.some((p) => p.startsWith('440')))).toBe(true);
  });

  it('« st » pour saint, apostrophes droites ou courbes', () => {
    expect(geo.searchCommunes('st nazaire', 3)[0]?.inseeCode).toBe('44184');
    expect(geo.searchCommunes('les sables d olonne', 3)[0]?.inseeCode).toBe('85194');
    expect(geo.searchCommunes("les sables d'olonne", 3)[0]?.inseeCode).toBe('85194');
    expect(geo.searchCommunes('Les Sables-d’Olonne', 3)[0]?.inseeCode).toBe('85194');
    expect(geo.searchCommunes('ile d yeu', 3)[0]?.inseeCode).toBe('85113');
  });

  it('classe nom exact > début du nom > population', () => {
    const angers = geo.searchCommunes('angers', 5);
    expect(angers[0]?.name).toBe('Angers');
    const saint = geo.searchCommunes('saint', 5);
    expect(saint).toHaveLength(5);
    const populations = saint.map((c) => c.population);
    expect(populations).toEqual([...populations].sort((a, b) => b - a));
    expect(names(saint)[0]).toBe('Saint-Nazaire');
    // « Nantes » exact passe avant les communes commençant par « Nant… ».
    expect(names(geo.searchCommunes('nant', 3))[0]).toBe('Nantes');
  });

  it('requête vide ou sans résultat', () => {
    expect(geo.searchCommunes('   ')).toEqual([]);
    expect(geo.searchCommunes('zzzz')).toEqual([]);
    expect(geo.searchCommunes('nantes', 0)).toEqual([]);
  });
});

describe('territoires et EPCI', () => {
  it('18 territoires provisoires aux noms attendus', () => {
    expect(geo.allTerritoires().map((t) => t.name).sort()).toEqual([...TERRITOIRE_EFOP_NAMES].sort());
    expect(geo.allTerritoires().every((t) => t.provisional)).toBe(true);
    const total = geo.allTerritoires().reduce((n, t) => n + t.communeCodes.length, 0);
    expect(total).toBe(1228);
  });

  it('territoireOf et epciOf', () => {
    expect(geo.territoireOf('44109')?.name).toBe('Loire-Atlantique Centre');
    expect(geo.territoireOf('44184')?.name).toBe('Loire-Atlantique Ouest');
    expect(geo.territoireOf('49007')?.name).toBe('Maine-et-Loire Centre');
    expect(geo.territoireOf('49328')?.name).toBe('Maine-et-Loire Est'); // Saumur
    expect(geo.territoireOf('53130')?.name).toBe('Mayenne Centre'); // Laval
    expect(geo.territoireOf('72181')?.name).toBe('Sarthe Centre'); // Le Mans
    expect(geo.territoireOf('85191')?.name).toBe('Vendée Centre'); // La Roche-sur-Yon
    expect(geo.territoireOf('49273')?.name).toBe('Maine-et-Loire Sud'); // via commune déléguée
    expect(geo.epciOf('44109')?.name).toBe('Nantes Métropole');
    expect(geo.epciOf('44109')?.type).toBe('METRO');
    expect(geo.epciOf('85113')).toBeUndefined();
  });

  it('L’Île-d’Yeu, sans EPCI, est en Vendée Ouest', () => {
    const yeu = geo.communeByInsee('85113');
    expect(yeu?.epciCode).toBeNull();
    expect(yeu?.territoireSlug).toBe('vendee-ouest');
    expect(geo.communesOfTerritoire('vendee-ouest').map((c) => c.inseeCode)).toContain('85113');
  });

  it('communesOfTerritoire', () => {
    const centre = geo.communesOfTerritoire('loire-atlantique-centre');
    expect(centre.map((c) => c.name)).toContain('Nantes');
    expect(centre.every((c) => c.territoireSlug === 'loire-atlantique-centre')).toBe(true);
    expect(geo.communesOfTerritoire('inconnu')).toEqual([]);
  });
});
