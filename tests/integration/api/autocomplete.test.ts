/**
 * Autocomplétions GET /api/communes et GET /api/metiers : sur les données construites
 * (référentiel géographique, métiers du catalogue), et le classement des métiers sur un petit
 * jeu écrit ici.
 */
import { describe, expect, it } from 'vitest';
import { Metier } from '../../../src/domain/metier';
import { fold } from '../../../src/search/analyzer';
import { MAX_COMMUNES, searchCommunes } from '../../../src/http/communes';
import { MAX_METIERS_RESULTS, createMetierIndex } from '../../../src/http/metiers';
import { CommunesResponse, MetiersResponse } from '../../../src/http/schemas';
import { createApiServices } from '../../../src/http/services';
import { loadCatalog } from '../../../src/catalog/catalog';

const services = createApiServices();
const metiers = loadCatalog().listMetiers();

const communes = (q: string) => {
  const result = searchCommunes(services.geo, q);
  expect(CommunesResponse.parse(result)).toEqual(result);
  return result;
};

const searchMetiers = (q: string) => {
  const result = services.metiers.search(q);
  expect(MetiersResponse.parse(result)).toEqual(result);
  return result;
};

describe('GET /api/communes', () => {
  it('« chateau » sans accent trouve Château-Gontier-sur-Mayenne', () => {
    const result = communes('chateau');
    expect(result.map((c) => c.nom)).toContain('Château-Gontier-sur-Mayenne');
    expect(result.find((c) => c.nom === 'Château-Gontier-sur-Mayenne')).toMatchObject({ departement: '53', code_postal: '53200' });
  });

  it('avec ou sans accents, même résultat', () => {
    expect(communes('château')).toEqual(communes('chateau'));
    expect(communes('CHATEAU')).toEqual(communes('chateau'));
  });

  it('début de code postal : chaque commune a un code postal qui commence ainsi', () => {
    const result = communes('490');
    expect(result.length).toBeGreaterThan(0);
    for (const c of result) {
      const commune = services.geo.communeByInsee(c.code_insee);
      expect(commune?.postcodes.some((p) => p.startsWith('490'))).toBe(true);
    }
  });

  it('10 communes au plus', () => {
    expect(communes('sa').length).toBe(MAX_COMMUNES);
  });

  it('rien trouvé : liste vide', () => {
    expect(communes('zzzqqq')).toEqual([]);
  });
});

describe('GET /api/metiers (métiers du catalogue)', () => {
  it('« aide soi » : J1501 en tête', () => {
    expect(searchMetiers('aide soi')[0]).toMatchObject({ code: 'J1501', appellation: null });
  });

  it('chaque métier est trouvé par son libellé exact, en tête, sans appellation', () => {
    for (const m of metiers) expect(searchMetiers(m.label)[0], m.label).toEqual({ code: m.code, libelle: m.label, appellation: null });
  });

  it('accents et casse indifférents', () => {
    for (const m of metiers.filter((x) => fold(x.label) !== x.label.toLowerCase()).slice(0, 10)) {
      expect(searchMetiers(fold(m.label).toUpperCase()), m.label).toEqual(searchMetiers(m.label));
    }
  });

  it('une appellation qui ne commence pas comme le libellé est rendue avec le métier', () => {
    const key = (s: string) => fold(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(' ');
    const pick = metiers
      .flatMap((m) => m.appellations.map((a) => ({ m, a })))
      .find(({ m, a }) => !key(m.label).startsWith(key(a.label)) && !key(a.label).startsWith(key(m.label)));
    expect(pick, 'au moins une telle appellation dans les données').toBeDefined();
    if (!pick) return;
    const hit = searchMetiers(pick.a.label).find((x) => x.code === pick.m.code);
    expect(hit?.appellation).not.toBeNull();
    expect(key(hit?.appellation ?? '')).toMatch(new RegExp(`^${key(pick.a.label)}`));
  });

  it('mot à l’intérieur du libellé (début de mot)', () => {
    expect(searchMetiers('soignant').map((x) => x.code)).toContain('J1501');
    expect(searchMetiers('oignant').map((x) => x.code)).not.toContain('J1501');
  });

  it('10 métiers au plus, chacun une fois', () => {
    const result = searchMetiers('de');
    expect(result.length).toBeLessThanOrEqual(MAX_METIERS_RESULTS);
    expect(new Set(result.map((x) => x.code)).size).toBe(result.length);
  });

  it('rien trouvé, ou rien à chercher : liste vide', () => {
    expect(searchMetiers('zzzqqq')).toEqual([]);
    expect(searchMetiers('--')).toEqual([]);
  });
});

describe('classement des métiers (jeu écrit ici)', () => {
  const metier = (code: string, label: string, appellations: string[] = []) =>
    Metier.parse({
      code,
      label,
      appellations: appellations.map((a, i) => ({ code: `${code}-${i}`, label: a })),
      domain: { letter: code[0], code: code.slice(0, 3), label: 'Domaine' },
      source: 'demo',
    });
  const index = createMetierIndex([
    metier('D1101', 'Vendeur', ['Vendeur en boulangerie']),
    metier('D1102', 'Boulanger'),
    metier('D1103', 'Chef boulanger'),
    metier('D1104', 'Pâtissier', ['Boulanger pâtissier']),
    metier('D1105', 'Boulangère industrielle'),
    metier('D1106', 'Agent de boulangerie', ['Boulanger de nuit']),
    metier('D1107', 'Cuisinier', ['Commis de cuisine']),
  ]);

  it('libellé exact > début du libellé > début d’appellation > mot du libellé > mot d’appellation', () => {
    expect(index.search('boulanger')).toEqual([
      { code: 'D1102', libelle: 'Boulanger', appellation: null },
      { code: 'D1105', libelle: 'Boulangère industrielle', appellation: null },
      // Même rang : le texte le plus court d'abord ; D1106 n'apparaît qu'une fois, par sa meilleure correspondance.
      { code: 'D1106', libelle: 'Agent de boulangerie', appellation: 'Boulanger de nuit' },
      { code: 'D1104', libelle: 'Pâtissier', appellation: 'Boulanger pâtissier' },
      { code: 'D1103', libelle: 'Chef boulanger', appellation: null },
      { code: 'D1101', libelle: 'Vendeur', appellation: 'Vendeur en boulangerie' },
    ]);
  });

  it('plusieurs mots : chacun doit commencer un mot du même texte', () => {
    expect(index.search('patis boul').map((x) => x.code)).toEqual(['D1104']);
    expect(index.search('commis cuis')).toEqual([{ code: 'D1107', libelle: 'Cuisinier', appellation: 'Commis de cuisine' }]);
    expect(index.search('chef cuisine')).toEqual([]);
  });
});
