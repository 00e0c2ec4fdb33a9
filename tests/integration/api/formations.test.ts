/**
 * Le cas d'usage de GET /api/formations avec le VRAI moteur embarqué :
 *  - sur les données de démonstration construites (data/build, ou DATA_DIR ; ignoré avec un
 *    avertissement si l'index data/build/search est absent) : rayon, élargissement, facettes,
 *    pagination, forme de la réponse ;
 *  - sur un petit jeu de documents écrit ici (moteur réel construit en mémoire) : les règles
 *    d'élargissement, cas par cas.
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { resolveDataDir } from '../../../src/catalog/files';
import { haversineKm, type LatLon } from '../../../src/domain/geo';
import { createEmbeddedEngine, loadEmbeddedEngine, type EmbeddedEngine } from '../../../src/search/embedded';
import { embeddedIndexPath } from '../../../src/search/index-file';
import type { ActionDocument } from '../../../src/search/port';
import { SearchQuery, type SearchQueryInput } from '../../../src/search/query';
import { searchFormations } from '../../../src/http/formations';
import { RADIUS_STEPS, widerRadii } from '../../../src/domain/radius';
import { parseFormationsParams } from '../../../src/http/params';
import { FACETTES, FormationsResponse } from '../../../src/http/schemas';
import { createApiServices, type ApiServices } from '../../../src/http/services';
import { actionDocument } from '../../support/action-document';

/** Tolérance des comparaisons de distances (distance_km est arrondie au dixième). */
const EPSILON_KM = 0.051;

// ------------------------------------------------------------------------------------------
// Petit jeu de documents : les règles d'élargissement, une à une
// ------------------------------------------------------------------------------------------

const ORIGIN: LatLon = { lat: 47.0, lon: -1.0 };
/** Un point à `km` kilomètres au nord de l'origine. */
const north = (km: number): LatLon => ({ lat: ORIGIN.lat + km / 111.195, lon: ORIGIN.lon });

function doc(id: string, at: LatLon, overrides: Partial<ActionDocument> = {}): ActionDocument {
  return actionDocument({
    id,
    organismeName: 'Organisme de test',
    metierLabels: ['Soudeur'],
    romeCodes: ['H2913'],
    departement: '49',
    inseeCode: null,
    city: 'Ville de test',
    lat: at.lat,
    lon: at.lon,
    sessionStarts: ['2030-01-07'],
    sessions: [{ start: '2030-01-07', end: '2030-06-28' }],
    nextStart: '2030-01-07',
    ...overrides,
  });
}

const online = (id: string) => doc(id, north(0.5), { teachingMode: 'distance', distanceLearning: true });
const noInsertion = () => null;

async function search(documents: ActionDocument[], input: SearchQueryInput) {
  return searchFormations(createEmbeddedEngine(documents), SearchQuery.parse({ origin: ORIGIN, ...input }), noInsertion);
}

describe('élargissement du rayon (jeu de documents écrit ici, moteur embarqué réel)', () => {
  it('paliers : ceux au-dessus du rayon demandé, jusqu’à 100 km', () => {
    expect(RADIUS_STEPS).toEqual([10, 20, 30, 50, 100]);
    expect(widerRadii(30)).toEqual([50, 100]);
    expect(widerRadii(10)).toEqual([20, 30, 50, 100]);
    expect(widerRadii(15)).toEqual([20, 30, 50, 100]);
    expect(widerRadii(100)).toEqual([]);
    expect(widerRadii(150)).toEqual([]);
  });

  it('trouvé dans le rayon demandé : pas d’élargissement', async () => {
    const r = await search([doc('A', north(25)), doc('B', north(45))], { radiusKm: 30 });
    expect(r).toMatchObject({ rayon_km: 30, elargi: false, total: 1 });
    expect(r.resultats.map((x) => x.id)).toEqual(['A']);
  });

  it('rien à 30 km : 50 km, premier palier qui trouve', async () => {
    const r = await search([doc('B', north(45)), doc('C', north(80))], { radiusKm: 30 });
    expect(r).toMatchObject({ rayon_km: 50, elargi: true, total: 1 });
    expect(r.resultats[0]?.distance_km).toBeCloseTo(45, 0);
  });

  it('depuis un rayon hors palier (15 km) : 20 km', async () => {
    const r = await search([doc('A', north(18))], { radiusKm: 15 });
    expect(r).toMatchObject({ rayon_km: 20, elargi: true, total: 1 });
  });

  it('une formation à distance ne compte pas comme « trouvé sur place », mais reste dans les résultats', async () => {
    const r = await search([online('WEB'), doc('B', north(45))], { radiusKm: 30 });
    expect(r).toMatchObject({ rayon_km: 50, elargi: true, total: 2 });
    const web = r.resultats.find((x) => x.id === 'WEB');
    expect(web?.a_distance).toBe(true);
    expect(r.resultats.find((x) => x.id === 'B')?.a_distance).toBe(false);
  });

  it('une formation mixte proche compte comme trouvée sur place', async () => {
    const r = await search([doc('M', north(5), { teachingMode: 'mixte' }), doc('B', north(45))], { radiusKm: 30 });
    expect(r).toMatchObject({ rayon_km: 30, elargi: false, total: 1 });
  });

  it('rien jusqu’à 100 km : elargi, rayon 100, seulement les formations à distance', async () => {
    const r = await search([online('WEB'), doc('LOIN', north(150))], { radiusKm: 30 });
    expect(r).toMatchObject({ rayon_km: 100, elargi: true, total: 1 });
    expect(r.resultats.map((x) => x.id)).toEqual(['WEB']);
  });

  it('rien du tout : elargi, rayon 100, total 0', async () => {
    const r = await search([doc('LOIN', north(150))], { radiusKm: 30 });
    expect(r).toMatchObject({ rayon_km: 100, elargi: true, total: 0, resultats: [] });
  });

  it('modalite=distance seulement : rien à élargir', async () => {
    const r = await search([online('WEB'), doc('B', north(45))], { radiusKm: 30, filters: { teachingModes: ['distance'] } });
    expect(r).toMatchObject({ rayon_km: 30, elargi: false, total: 1 });
  });

  it('modalite=distance+presentiel : élargi pour trouver du présentiel', async () => {
    const r = await search([online('WEB'), doc('B', north(45))], { radiusKm: 30, filters: { teachingModes: ['distance', 'presentiel'] } });
    expect(r).toMatchObject({ rayon_km: 50, elargi: true, total: 2 });
  });

  it('rayon demandé de 100 km ou plus : jamais élargi', async () => {
    expect(await search([doc('LOIN', north(150))], { radiusKm: 100 })).toMatchObject({ rayon_km: 100, elargi: false, total: 0 });
    expect(await search([doc('LOIN', north(150))], { radiusKm: 160 })).toMatchObject({ rayon_km: 160, elargi: false, total: 1 });
  });

  it('sans lieu : rayon null, jamais élargi', async () => {
    const r = await searchFormations(createEmbeddedEngine([doc('A', north(150))]), SearchQuery.parse({}), noInsertion);
    expect(r).toMatchObject({ rayon_km: null, elargi: false, total: 1 });
    expect(r.resultats[0]?.distance_km).toBeNull();
  });

  it('la page demandée ne déclenche pas d’élargissement (total > 0, page vide)', async () => {
    const r = await search([doc('A', north(5))], { radiusKm: 30, page: 3 });
    expect(r).toMatchObject({ rayon_km: 30, elargi: false, total: 1, resultats: [] });
  });
});

// ------------------------------------------------------------------------------------------
// Données de démonstration construites
// ------------------------------------------------------------------------------------------

const dataDir = resolveDataDir();
const indexFile = embeddedIndexPath(dataDir);
const hasIndex = existsSync(indexFile);
if (!hasIndex) console.warn(`⚠ [SKIP] index de recherche absent (${indexFile}) : tests de l’API sur les données construites ignorés. Lancez « npm run data:build ».`);

describe.skipIf(!hasIndex)('GET /api/formations sur les données construites (moteur embarqué réel)', () => {
  let engine: EmbeddedEngine;
  let services: ApiServices;
  let documents: readonly ActionDocument[];

  const load = async () => {
    engine ??= await loadEmbeddedEngine(dataDir);
    services ??= createApiServices(dataDir);
    documents = engine.documents;
  };

  async function get(qs: string) {
    await load();
    const parsed = parseFormationsParams(services.formationsParams, new URLSearchParams(qs));
    if (!parsed.ok) throw new Error(`paramètres refusés : ${JSON.stringify(parsed.champs)}`);
    const response = await searchFormations(engine, parsed.query, services.insertion.originOf);
    // La réponse respecte exactement le schéma publié (aucun champ en trop, aucun manquant).
    expect(FormationsResponse.parse(response)).toEqual(response);
    return response;
  }

  function commune(code: string) {
    const c = services.geo.communeByInsee(code);
    if (!c) throw new Error(`commune ${code} absente`);
    return c;
  }

  it('résultats dans le rayon : distance recalculée ≤ rayon, et rien d’oublié', async () => {
    const r = await get('commune=49099&rayon=30&par_page=50');
    const cholet = commune('49099');
    expect(r.elargi).toBe(false);
    expect(r.rayon_km).toBe(30);
    const expected = documents.filter((d) => d.distanceLearning || haversineKm(cholet, d) <= 30);
    expect(r.total).toBe(expected.length);
    expect(r.resultats.length).toBe(Math.min(50, expected.length));
    for (const x of r.resultats) {
      const km = haversineKm(cholet, x.lieu);
      expect(x.distance_km).not.toBeNull();
      expect(Math.abs((x.distance_km ?? NaN) - km)).toBeLessThan(EPSILON_KM);
      if (!x.a_distance) expect(km).toBeLessThanOrEqual(30 + EPSILON_KM);
    }
  });

  it('lat/lon : mêmes résultats que la commune au même point', async () => {
    const cholet = commune('49099');
    const byCommune = await get('commune=49099&q=cuisinier');
    const byPoint = await get(`lat=${cholet.lat}&lon=${cholet.lon}&q=cuisinier`);
    expect(byPoint.resultats.map((x) => x.id)).toEqual(byCommune.resultats.map((x) => x.id));
  });

  it('élargissement : un métier sans formation sur place à moins de 10 km d’une commune, calculé dans les données', async () => {
    await load();
    // Cherche (commune peu peuplée, métier) : formations sur place de ce métier toutes à plus de 10 km, la plus proche à moins de 100 km.
    const communes = [...services.geo.allCommunes()].sort((a, b) => a.population - b.population || a.inseeCode.localeCompare(b.inseeCode));
    const codes = [...new Set(documents.flatMap((d) => d.romeCodes))].sort();
    let found: { insee: string; rome: string; nearest: number } | null = null;
    search: for (const c of communes) {
      for (const rome of codes) {
        const onSite = documents.filter((d) => !d.distanceLearning && d.romeCodes.includes(rome));
        if (onSite.length === 0) continue;
        const nearest = Math.min(...onSite.map((d) => haversineKm(c, d)));
        if (nearest > 10.5 && nearest < 95) {
          found = { insee: c.inseeCode, rome, nearest };
          break search;
        }
      }
    }
    expect(found, 'les données de démonstration doivent contenir un tel couple').not.toBeNull();
    if (!found) return;

    const r = await get(`commune=${found.insee}&metier=${found.rome}&rayon=10&par_page=50`);
    const expectedRadius = RADIUS_STEPS.find((step) => step > 10 && found.nearest <= step);
    expect(r.elargi).toBe(true);
    expect(r.rayon_km).toBe(expectedRadius);
    const origin = commune(found.insee);
    const onSite = r.resultats.filter((x) => !x.a_distance);
    expect(onSite.length).toBeGreaterThan(0);
    for (const x of r.resultats) expect(x.metiers).toContain(found.rome);
    for (const x of onSite) expect(haversineKm(origin, x.lieu)).toBeLessThanOrEqual((r.rayon_km ?? 0) + EPSILON_KM);
    const expectedTotal = documents.filter((d) => d.romeCodes.includes(found.rome) && (d.distanceLearning || haversineKm(origin, d) <= (r.rayon_km ?? 0))).length;
    expect(r.total).toBe(expectedTotal);
  });

  it('rien nulle part : elargi, rayon 100, total 0', async () => {
    const r = await get('commune=49099&q=zxqwvkj');
    expect(r).toMatchObject({ elargi: true, rayon_km: 100, total: 0, resultats: [] });
  });

  it('facettes : toutes les clés, et la facette modalité compte chaque résultat une fois', async () => {
    const r = await get('q=aide+soignant');
    expect(Object.keys(r.facettes).sort()).toEqual([...FACETTES].sort());
    expect(r.total).toBeGreaterThan(0);
    expect(Object.values(r.facettes.modalite).reduce((a, b) => a + b, 0)).toBe(r.total);
    expect(Object.values(r.facettes.certifiante).reduce((a, b) => a + b, 0)).toBe(r.total);
  });

  it('filtre et facette concordent (niveau)', async () => {
    const all = await get('q=aide+soignant');
    const [level, count] = Object.entries(all.facettes.niveau)[0] ?? [];
    expect(level).toBeDefined();
    const filtered = await get(`q=aide+soignant&niveau=${level}&par_page=50`);
    expect(filtered.total).toBe(count);
    for (const x of filtered.resultats) expect(String(x.niveau_sortie)).toBe(level);
  });

  it('pagination : pages disjointes, dans l’ordre, total constant', async () => {
    const ten = await get('commune=44109&par_page=10');
    const p1 = await get('commune=44109&par_page=5&page=1');
    const p2 = await get('commune=44109&par_page=5&page=2');
    expect(ten.total).toBeGreaterThan(10);
    expect([p1.total, p2.total]).toEqual([ten.total, ten.total]);
    expect([p1.page, p2.page, p1.par_page]).toEqual([1, 2, 5]);
    expect([...p1.resultats, ...p2.resultats].map((x) => x.id)).toEqual(ten.resultats.map((x) => x.id));
    const last = await get(`commune=44109&par_page=10&page=${Math.ceil(ten.total / 10) + 1}`);
    expect(last.resultats).toEqual([]);
    expect(last.elargi).toBe(false);
  });

  it('tri par distance : les formations sur place de la plus proche à la plus lointaine', async () => {
    const r = await get('commune=72181&tri=distance&par_page=50');
    const km = r.resultats.filter((x) => !x.a_distance).map((x) => x.distance_km ?? NaN);
    expect(km).toEqual([...km].sort((a, b) => a - b));
  });

  it('taux d’insertion des résultats : ceux des documents, avec source et millésime', async () => {
    await load();
    const withRate = documents.filter((d) => d.insertionRate !== null);
    expect(withRate.length, 'les données de démonstration ont des taux publiables').toBeGreaterThan(0);
    // Même rattachement que l'index : la source citée est bien celle du taux indexé.
    for (const d of documents) {
      const origin = services.insertion.originOf(d.id);
      if (d.insertionRate === null) {
        expect(origin, d.id).toBeNull();
        continue;
      }
      expect(origin, d.id).not.toBeNull();
      expect(origin?.employmentRate6m ?? origin?.employmentRate12m).toBe(d.insertionRate);
    }
    const target = withRate[0] as ActionDocument;
    const r = await get(`q=${encodeURIComponent(target.title)}&tri=insertion&par_page=50`);
    const hit = r.resultats.find((x) => x.id === target.id);
    expect(hit?.insertion?.taux_emploi).toBe(target.insertionRate);
    expect(hit?.insertion?.millesime).toMatch(/^\d{4}/);
  });

  it('avis des résultats : note et nombre des documents ; absents sans avis', async () => {
    await load();
    const reviewed = documents.find((d) => d.reviewCount > 0) as ActionDocument;
    const r = await get(`q=${encodeURIComponent(reviewed.title)}&par_page=50`);
    expect(r.resultats.find((x) => x.id === reviewed.id)?.avis).toEqual({ note_globale: reviewed.reviewScore, nombre: reviewed.reviewCount });
    const byId = new Map(documents.map((d) => [d.id, d]));
    for (const x of r.resultats) expect('avis' in x).toBe((byId.get(x.id)?.reviewCount ?? 0) > 0);
  });
});
