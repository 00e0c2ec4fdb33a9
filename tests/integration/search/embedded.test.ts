/**
 * Moteur embarqué : la suite de conformité commune (en mémoire, puis rechargé du disque), et ce
 * qui lui est propre — fichier d'index (aller-retour, erreurs), entrées hostiles, ordre sans
 * texte, départage stable, pluriels et féminins, sigles sans recherche de début de mot, et la
 * chaîne complète depuis un dossier de données.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haversineKm } from '../../../src/domain/geo';
import { buildEmbeddedIndex, buildSearchIndex, createEmbeddedEngine, loadEmbeddedEngine, type EmbeddedEngine } from '../../../src/search/embedded';
import { countFacets } from '../../../src/search/facets';
import { distanceFrom, matchesQueryFilters } from '../../../tools/search/linear-scan';
import { EMBEDDED_INDEX_FILE, embeddedIndexPath } from '../../../src/search/index-file';
import type { ActionDocument } from '../../../src/search/port';
import { SearchQuery, type SearchQueryInput } from '../../../src/search/query';
import { defineConformanceSuite } from './conformance';
import { seededRandom } from '../../../src/demo/random';
import { NANTES, actionDocument } from '../../support/action-document';

const tmpRoot = mkdtempSync(path.join(os.tmpdir(), 'vmm-embedded-'));
afterAll(() => rmSync(tmpRoot, { recursive: true, force: true }));
let tmpCount = 0;
const tmpDir = () => path.join(tmpRoot, String(++tmpCount));

defineConformanceSuite('moteur embarqué (en mémoire)', (docs) => Promise.resolve(createEmbeddedEngine(docs)));

defineConformanceSuite('moteur embarqué (index enregistré puis rechargé)', async (docs) => {
  const dataDir = tmpDir();
  await buildEmbeddedIndex(docs, path.join(dataDir, 'search'), '2026-11-23');
  return loadEmbeddedEngine(dataDir);
});

// ---------------------------------------------------------------------------------------------

const doc = (id: string, title: string, fields: Partial<ActionDocument> = {}): ActionDocument => actionDocument({ id, title, ...fields });

const starting = (start: string) => ({ sessionStarts: [start], sessions: [{ start, end: null }], nextStart: start });

const DOCS: ActionDocument[] = [
  doc('b-boulangere', 'CAP Boulangère', { ...starting('2027-03-01'), metierLabels: ['Boulanger / Boulangère'] }),
  doc('a-boulanger-loin', 'CAP Boulanger', { ...starting('2027-01-04'), lat: 47.478, lon: -0.563, city: 'Angers', departement: '49' }),
  doc('c-boulanger-pres', 'CAP Boulanger', { ...starting('2027-01-04'), lat: 47.25, lon: -1.55 }),
  doc('d-aides-soignantes', 'Formation des aides-soignantes', { ...starting('2027-02-01'), romeCodes: ['J1501'] }),
  doc('e-assistant', 'Assistant de vie aux familles', starting('2027-01-11')),
  doc('f-magasinier', 'Titre professionnel Agent magasinier', { metierLabels: ['Magasinier / Magasinière'] }),
  doc('g-logistique', 'CAP Opérateur logistique', { metierLabels: ['Préparateur / Préparatrice de commandes', 'Opérateur / Opératrice logistique', 'Magasinier cariste'] }),
  doc('h-infirmier', "Diplôme d'État d'infirmier", { description: 'Soins infirmiers et raisonnement clinique.' }),
];

describe('moteur embarqué : propre à l’implémentation', () => {
  let engine: EmbeddedEngine;
  beforeAll(() => {
    engine = createEmbeddedEngine(DOCS);
  });
  const search = (input: SearchQueryInput) => engine.search(SearchQuery.parse({ perPage: 50, ...input }));
  const ids = async (input: SearchQueryInput) => (await search(input)).hits.map((h) => h.document.id);

  it('pertinence sans texte : prochaine session d’abord, puis la plus proche, puis l’identifiant ; sans date en dernier', async () => {
    expect(await ids({ origin: NANTES })).toEqual(['c-boulanger-pres', 'a-boulanger-loin', 'e-assistant', 'd-aides-soignantes', 'b-boulangere', 'f-magasinier', 'g-logistique', 'h-infirmier']);
  });

  it('départage stable par identifiant à score égal', async () => {
    const twins = createEmbeddedEngine([doc('z2', 'Soudeur'), doc('z1', 'Soudeur'), doc('z3', 'Soudeur')]);
    const result = await twins.search(SearchQuery.parse({ text: 'soudeur' }));
    expect(result.hits.map((h) => h.document.id)).toEqual(['z1', 'z2', 'z3']);
  });

  it('pluriels et féminins : « boulangères » et « aide soignante » trouvent le masculin singulier', async () => {
    expect(await ids({ text: 'boulangères' })).toEqual(expect.arrayContaining(['a-boulanger-loin', 'b-boulangere', 'c-boulanger-pres']));
    expect(await ids({ text: 'aide soignante' })).toContain('d-aides-soignantes');
  });

  it('fautes comptées sur le mot tapé : « soignnate » (9 lettres) en tolère deux', async () => {
    expect(await ids({ text: 'aide soignnate' })).toContain('d-aides-soignantes');
  });

  it('pas de recherche de début de mot sur un sigle connu : « AS » ne trouve pas « assistant »', async () => {
    const found = await ids({ text: 'AS' });
    expect(found).toContain('d-aides-soignantes');
    expect(found).not.toContain('e-assistant');
    expect(await ids({ text: 'assis' })).toContain('e-assistant');
  });

  it('le mot tapé passe devant ses synonymes : « magasinier »', async () => {
    const found = await ids({ text: 'magasinier' });
    expect(found.slice(0, 2)).toEqual(['f-magasinier', 'g-logistique']);
  });

  it('la distance est exacte (haversine, en km)', async () => {
    const result = await search({ text: 'boulanger', origin: NANTES });
    for (const hit of result.hits) expect(hit.distanceKm).toBe(haversineKm(NANTES, hit.document));
  });

  it('entrées hostiles : pas d’erreur, au plus une liste vide', async () => {
    const hostile = [
      'a'.repeat(10_000),
      'boulanger '.repeat(1_000),
      '\u0000\u0001\u0007\u001b[31m\u007f',
      '🍞🥐 boulanger 👩‍🍳',
      '") OR _geoRadius(47, -1, 1000000) OR ("',
      '\uD800\uDFFF\uD83D',
      '*?[]{}()^$|\\/',
      'de la du les',
      '   ',
    ];
    for (const text of hostile) {
      // Objet construit sans passer par le schéma (qui refuse plus de 200 caractères) : le moteur ne doit pas planter.
      const query = { ...SearchQuery.parse({}), text };
      const result = await engine.search(query);
      expect(result.total, JSON.stringify(text.slice(0, 30))).toBe(result.hits.length);
    }
    expect((await engine.search(SearchQuery.parse({ text: '") OR _geoRadius(' }))).total).toBe(0);
    expect((await engine.search(SearchQuery.parse({ text: 'x'.repeat(200) }))).total).toBe(0);
    // Mots vides seulement : comme un texte vide.
    expect((await engine.search(SearchQuery.parse({ text: 'de la' }))).total).toBe(DOCS.length);
  });
});


describe('moteur embarqué : filtres en bits, rayon et facettes comme la définition de référence', () => {
  // Assez de documents pour plusieurs centaines de mots de bits et les deux façons de compter
  // les facettes (document par document pour un petit ensemble, par bits pour un grand).
  const random = seededRandom('7');
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const subset = <T>(items: readonly T[]): T[] => items.filter(() => random() < 0.4);
  const TITLES = ['CAP Boulanger', 'Aide-soignant', 'Soudeur TIG', 'Titre professionnel secrétaire assistant', 'Cariste CACES', 'Maçon'];
  const LEVELS = [null, 3, 4, 5, 6] as const;
  const FINANCING = ['cpf', 'region', 'personnel', 'entreprise'];
  const PUBLICS = ['80006', '82044', '81024'];
  const DEPARTEMENTS = [null, '44', '49', '53', '72', '85'];
  const TERRITOIRES = [null, 'nord', 'sud', 'centre'];
  const ROME = ['D1102', 'J1501', 'H2913', 'N1101'];
  const DATES = ['2027-01-04', '2027-01-31', '2027-02-15', '2027-03-01', '2027-06-30', '2027-09-06', '2028-01-10'];
  // Quarante lieux partagés (beaucoup d'actions au même endroit) et des lieux uniques.
  const PLACES = Array.from({ length: 40 }, () => ({ lat: 46.3 + 2.2 * random(), lon: -2.5 + 3.3 * random() }));
  const docs = Array.from({ length: 3000 }, (_, n): ActionDocument => {
    const mode = pick(['presentiel', 'presentiel', 'mixte', 'distance'] as const);
    const starts = [...new Set(subset(DATES))].sort();
    const place = random() < 0.7 ? pick(PLACES) : { lat: 46.3 + 2.2 * random(), lon: -2.5 + 3.3 * random() };
    return doc(`r${String(n).padStart(4, '0')}`, pick(TITLES), {
      level: pick(LEVELS),
      teachingMode: mode,
      distanceLearning: mode === 'distance',
      financing: subset(FINANCING),
      publics: subset(PUBLICS),
      departement: pick(DEPARTEMENTS),
      territoire: pick(TERRITOIRES),
      romeCodes: subset(ROME),
      sessionStarts: starts,
      sessions: starts.map((start) => ({ start, end: null })),
      nextStart: starts[0] ?? null,
      permanentEntry: random() < 0.3,
      handicapAccessible: pick([null, true, false]),
      certifying: random() < 0.7,
      durationHours: pick([null, 35, 150, 400, 401, 900]),
      ...place,
    });
  });
  const engine = createEmbeddedEngine(docs);

  function randomQuery(): SearchQuery {
    const maybe = () => random() < 0.3;
    const filters: Record<string, unknown> = {};
    if (maybe()) filters.levels = subset([3, 4, 5, 6]);
    if (maybe()) filters.teachingModes = subset(['presentiel', 'mixte', 'distance']);
    if (maybe()) filters.financing = subset([...FINANCING, 'inconnu']);
    if (maybe()) filters.publics = subset(PUBLICS);
    if (maybe()) filters.departements = subset(['44', '49', '53', '72', '85', '99']);
    if (maybe()) filters.territoires = subset(['nord', 'sud', 'centre', 'inconnu']);
    if (maybe()) filters.startFrom = pick(DATES);
    if (maybe()) filters.startTo = pick(DATES);
    for (const flag of ['permanentEntry', 'handicapAccessible', 'certifying']) if (maybe()) filters[flag] = random() < 0.5;
    if (maybe()) filters.maxDurationHours = pick([35, 150, 399, 400, 1000]);
    const input: SearchQueryInput = { filters, text: random() < 0.3 ? pick(['boulanger', 'aide soignant', 'secretaire', 'macon', 'inconnu']) : '', sort: pick(['pertinence', 'distance', 'date']) };
    if (maybe()) input.romeCodes = subset([...ROME, 'A1101']);
    if (random() < 0.5) {
      input.origin = pick(PLACES);
      input.radiusKm = pick([1, 10, 30, 100, 200, null]);
    }
    return SearchQuery.parse({ perPage: 50, ...input });
  }

  /** Tous les documents d'une requête (toutes les pages). */
  function allHits(query: SearchQuery) {
    const first = engine.searchSync(query);
    const hits = [...first.hits];
    for (let page = 2; (page - 1) * query.perPage < first.total; page++) hits.push(...engine.searchSync({ ...query, page }).hits);
    return { result: first, hits };
  }

  it('300 requêtes tirées au sort : mêmes documents, distances exactes, mêmes facettes', () => {
    for (let n = 0; n < 300; n++) {
      const query = randomQuery();
      const label = JSON.stringify(query);
      // Ensemble de référence : le texte seul (même moteur), puis les filtres et le rayon tels que définis par linear-scan.
      const textOnly = query.text === '' ? docs : allHits({ ...SearchQuery.parse({ text: query.text, perPage: 50 }) }).hits.map((h) => h.document);
      const expected = textOnly.filter((d) => matchesQueryFilters(d, query, distanceFrom(query.origin, d)));
      const { result, hits } = allHits(query);
      expect(result.total, label).toBe(expected.length);
      expect(new Set(hits.map((h) => h.document.id)), label).toEqual(new Set(expected.map((d) => d.id)));
      expect(result.facets, label).toEqual(countFacets(expected));
      for (const hit of hits) expect(hit.distanceKm, label).toBe(query.origin === null ? null : haversineKm(query.origin, hit.document));
    }
  });

  it('les tampons réutilisés ne gardent rien d’une requête à l’autre', () => {
    const queries = [
      SearchQuery.parse({ text: 'aide soignant', origin: PLACES[0], radiusKm: 30, filters: { financing: ['cpf'] } }),
      SearchQuery.parse({ text: 'boulanger', romeCodes: ['D1102'] }),
      SearchQuery.parse({ filters: { departements: ['44'] }, origin: PLACES[1], sort: 'distance' }),
      SearchQuery.parse({}),
    ];
    const first = queries.map((q) => engine.searchSync(q));
    const again = [...queries].reverse().map((q) => engine.searchSync(q)).reverse();
    expect(again).toEqual(first);
  });
});

describe('moteur embarqué : fichier d’index', () => {
  const queries: SearchQueryInput[] = [
    {},
    { text: 'boulanger' },
    { text: 'boulan', origin: NANTES, radiusKm: 10 },
    { text: 'AS', sort: 'date' },
    { text: 'magasinier', perPage: 1, page: 2 },
    { filters: { levels: [3], startFrom: '2027-01-01' }, sort: 'distance', origin: NANTES },
  ];

  it('enregistrer puis recharger donne exactement les mêmes résultats', async () => {
    const dataDir = tmpDir();
    const { file, bytes } = await buildEmbeddedIndex(DOCS, path.join(dataDir, 'search'), '2026-11-23');
    expect(file).toBe(embeddedIndexPath(dataDir));
    expect(bytes).toBeGreaterThan(0);
    const loaded = await loadEmbeddedEngine(dataDir);
    const memory = createEmbeddedEngine(DOCS);
    expect(loaded.documents).toEqual(DOCS);
    for (const input of queries) {
      const query = SearchQuery.parse(input);
      expect(await loaded.search(query), JSON.stringify(input)).toEqual(await memory.search(query));
    }
  });

  it('index absent, illisible ou d’une autre version : erreur en français qui dit quoi faire', async () => {
    const missing = tmpDir();
    await expect(loadEmbeddedEngine(missing)).rejects.toThrow(/Index de recherche introuvable.*npm run data:build/);

    const broken = tmpDir();
    mkdirSync(path.join(broken, 'search'), { recursive: true });
    writeFileSync(path.join(broken, 'search', EMBEDDED_INDEX_FILE), '{ pas du json');
    await expect(loadEmbeddedEngine(broken)).rejects.toThrow(/Index de recherche illisible/);

    writeFileSync(path.join(broken, 'search', EMBEDDED_INDEX_FILE), JSON.stringify({ format: 'autre chose' }));
    await expect(loadEmbeddedEngine(broken)).rejects.toThrow(/n’est pas un index du moteur embarqué/);

    writeFileSync(path.join(broken, 'search', EMBEDDED_INDEX_FILE), JSON.stringify({ format: 'versmonmetier-index-embarque', version: 0, documents: [], index: {} }));
    await expect(loadEmbeddedEngine(broken)).rejects.toThrow(/autre version \(0/);
  });
});

describe('buildSearchIndex : depuis un dossier de données construit', () => {
  it('lit offre, métiers, taux, avis et référentiel, écarte les sessions passées, écrit un index rechargeable', async () => {
    const dataDir = tmpDir();
    mkdirSync(path.join(dataDir, 'geo'), { recursive: true });
    const write = (file: string, data: unknown) => writeFileSync(path.join(dataDir, file), JSON.stringify(data));
    const address = { label: null, street: null, postcode: '44000', city: 'Nantes', inseeCode: '44109' };
    write('offre.json', {
      organismes: [{ id: 'O1', siret: null, name: 'Fournil école', uai: null, address: null }],
      formations: [
        { id: 'F1', title: 'CAP Boulanger', objective: '<p>Pains et viennoiseries</p>', content: null, certifying: true, entryLevel: null, exitLevel: 3, romeCodes: ['D1102'], organismeResponsableId: 'O1' },
      ],
      actions: [
        {
          id: 'A1',
          formationId: 'F1',
          organismeId: 'O1',
          place: { ...address, lat: 47.218, lon: -1.553, coordSource: 'commune' },
          teachingMode: 'presentiel',
          durationHours: 800,
          priceEuros: null,
          financing: { funders: ['2'], programme: null, cpfEligible: true },
          permanentEntry: false,
          handicapAccessible: true,
          sessions: [
            { id: 'S1', start: '2026-09-01', end: '2027-06-30' },
            { id: 'S2', start: '2027-09-06', end: '2028-06-30' },
          ],
        },
      ],
    });
    write('metiers.json', [{ code: 'D1102', label: 'Boulanger / Boulangère', appellations: [{ code: '1', label: 'Mitron' }], domain: { letter: 'D', code: 'D11', label: 'Commerce alimentaire' }, source: 'demo' }]);
    write('insertion.json', []);
    write('avis.json', []);
    write('geo/communes.json', [
      {
        inseeCode: '44109',
        name: 'Nantes',
        departement: '44',
        postcodes: ['44000'],
        mainPostcode: '44000',
        population: 320000,
        epciCode: null,
        epciName: null,
        territoireSlug: 'loire-atlantique-centre',
        lat: 47.218,
        lon: -1.553,
        coordSource: 'geonames-name',
      },
    ]);
    write('geo/epci.json', []);
    write('geo/aliases.json', []);
    write('geo/territoires.json', {
      provisional: true,
      notice: 'Composition provisoire.',
      territoires: [{ slug: 'loire-atlantique-centre', name: 'Loire-Atlantique Centre', departement: '44', epciCodes: [], communeCodes: ['44109'], provisional: true }],
    });

    const report = await buildSearchIndex(dataDir, { today: '2026-11-23' });
    expect(report.documents).toBe(1);
    expect(report.bytes).toBeGreaterThan(0);
    expect(report.seconds).toBeGreaterThanOrEqual(0);

    const engine = await loadEmbeddedEngine(dataDir);
    const result = await engine.search(SearchQuery.parse({ text: 'mitron' }));
    expect(result.hits.map((h) => h.document)).toEqual([
      expect.objectContaining({ id: 'A1', territoire: 'loire-atlantique-centre', sessionStarts: ['2027-09-06'], nextStart: '2027-09-06', financing: ['cpf', 'region'] }),
    ]);
  });

  it('dossier sans données : erreur en français qui nomme le fichier', async () => {
    await expect(buildSearchIndex(tmpDir(), { today: '2026-11-23' })).rejects.toThrow(/offre\.json/);
  });
});
