/**
 * Évaluation de la pertinence de la recherche sur le jeu de référence tests/relevance/queries.json
 * (voir tests/relevance/README.md). Voir --help.
 *
 * Pour chaque requête : la requête part au moteur (10 résultats, tri « pertinence », rayon donné),
 * les résultats sont notés par les prédicats, et le nDCG@10 est calculé contre le classement
 * IDÉAL, obtenu en notant TOUS les documents de l'index qui passent les filtres et le rayon.
 */
import { fullMatchesFirst, intentHits, understandQuery } from '../src/formations/search';
import { createIntentIndex, type IntentIndex } from '../src/metiers/intent';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadGeoReferentiel } from '../src/geo/referentiel';
import { currentGeneration } from '../src/catalog/files';
import { LinearScanEngine, distanceFrom, matchesQueryFilters } from '../tools/search/linear-scan';
import type { ActionDocument, SearchEngine } from '../src/search/port';
import { DEFAULT_RADIUS_KM } from '../src/domain/radius';
import { SearchQuery } from '../src/search/query';
import {
  QUERY_KINDS,
  RelevanceQueryFile,
  bestAvailableGrade,
  compilePredicates,
  expectedInTop,
  gradeDocument,
  mean,
  ndcg,
  type RelevanceQuery,
} from '../tools/search/relevance';
import { loadEmbeddedEngine } from '../src/search/embedded';
import { createMeilisearchEngine, MEILI_DEFAULT_INDEX } from '../src/search/meilisearch';
import { Catalog } from '../src/catalog/index';
import { loadActionDocuments } from '../src/search/documents';
import { embeddedIndexPath, readEmbeddedIndexFile } from '../src/search/index-file';

const HELP = `Usage : npm run eval:relevance -- [options]

Mesure la pertinence du moteur de recherche sur tests/relevance/queries.json :
nDCG@10 (gains 2^note − 1, classement idéal calculé sur tout l'index) et « attendu dans le top 3 ».

  --engine MOTEUR     embedded (défaut, index DOSSIER/search), meilisearch ou linear-scan
                      (référence naïve). meilisearch : MEILI_URL, MEILI_SEARCH_KEY (ou, ce
                      script étant un outil d'administration, MEILI_MASTER_KEY), MEILI_INDEX ;
                      l'index doit contenir les mêmes actions que DOSSIER (vérifié : le script
                      s'arrête sinon) : npm run index:meilisearch -- --data-dir DOSSIER
  --data-dir DOSSIER  données construites (data/build par défaut)
  --queries FICHIER   jeu de requêtes, répétable (par défaut les deux jeux : tests/relevance/queries.json
                      et tests/relevance/intentions.json, « Dites-le avec vos mots »), chacun mesuré à part
  --words-only        sans lecture des fiches métiers (les mots seuls : la recherche d'avant l'issue 17)
  --only TEXTE        seulement les requêtes dont le texte contient TEXTE
  --verbose           affiche aussi les 10 résultats notés de chaque requête
  --strict            code de sortie 1 si le nDCG@10 global est sous ${0.9}

Sortie, pour chaque jeu : un tableau par requête, des sous-totaux par catégorie, puis une ligne JSON
{ "set": fichier, "queries": n, "ndcg10": x, "top3": y, "failures": [...] }.
Avec --strict, chaque jeu doit atteindre son seuil (nDCG@10 ${0.9} pour queries.json, ${0.85} pour intentions.json).`;

const K = 10;
const TOP = 3;
const STRICT_NDCG = 0.9;
/** Seuil du jeu « Dites-le avec vos mots » (issue 17). */
const STRICT_NDCG_INTENTIONS = 0.85;
const DEFAULT_QUERY_FILES = ['tests/relevance/queries.json', 'tests/relevance/intentions.json'];
/** Une requête sous ce nDCG@10 (ou sans l'attendu dans le top 3) est un échec. */
const FAILURE_NDCG = 0.8;

interface QueryOutcome {
  query: RelevanceQuery;
  label: string;
  ndcg10: number | null;
  top3: boolean | null;
  total: number;
  returned: number[];
  available: [number, number, number];
  bestGrade: number;
  hits: { title: string; grade: number; city: string; distanceKm: number | null }[];
  failure: string | null;
}

function label(q: RelevanceQuery, communeName: (code: string) => string): string {
  const where = q.commune === undefined ? '' : ` @ ${communeName(q.commune)} ${q.rayon ?? DEFAULT_RADIUS_KM} km`;
  const given = Object.entries(q.filtres ?? {}).filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0));
  const filters = given.length === 0 ? '' : ` ${given.map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`).join(' ')}`;
  return `« ${q.q} »${where}${filters}`;
}

function fmt(value: number | null, digits = 3): string {
  return value === null ? '  —  ' : value.toFixed(digits);
}

function pad(text: string, width: number): string {
  const chars = [...text];
  return chars.length > width ? `${chars.slice(0, width - 1).join('')}…` : text + ' '.repeat(width - chars.length);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      engine: { type: 'string', default: 'embedded' },
      'data-dir': { type: 'string', default: 'data/build' },
      queries: { type: 'string', multiple: true },
      'words-only': { type: 'boolean', default: false },
      only: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const engineKind = values.engine;
  if (engineKind !== 'embedded' && engineKind !== 'meilisearch' && engineKind !== 'linear-scan') {
    console.error(`Erreur : moteur inconnu « ${engineKind} » (embedded, meilisearch ou linear-scan).`);
    return 1;
  }
  const meiliUrl = process.env.MEILI_URL;
  if (engineKind === 'meilisearch' && (meiliUrl === undefined || meiliUrl === '')) {
    console.error('Erreur : --engine meilisearch demande MEILI_URL (et MEILI_SEARCH_KEY ou MEILI_MASTER_KEY si le serveur a une clé).');
    return 1;
  }
  const dataDir = currentGeneration(path.resolve(values['data-dir']));
  const geo = loadGeoReferentiel(path.join(dataDir, 'geo'));
  // Tous les documents de l'index (ceux du fichier d'index embarqué, sinon reconstruits depuis les données).
  let documents: readonly ActionDocument[];
  let engine: SearchEngine | LinearScanEngine;
  if (engineKind === 'embedded') {
    const embedded = await loadEmbeddedEngine(dataDir);
    documents = embedded.documents;
    engine = embedded;
  } else {
    documents = existsSync(embeddedIndexPath(dataDir)) ? (await readEmbeddedIndexFile(dataDir)).documents : await loadActionDocuments(dataDir, new Catalog(dataDir).manifest().referenceDate);
    engine =
      engineKind === 'linear-scan'
        ? new LinearScanEngine(documents)
        : createMeilisearchEngine({
            url: meiliUrl as string,
            apiKey: process.env.MEILI_SEARCH_KEY || process.env.MEILI_MASTER_KEY || '',
            indexUid: process.env.MEILI_INDEX || MEILI_DEFAULT_INDEX,
            timeoutMs: 30_000,
          });
  }
  if (engine.name === 'meilisearch') {
    // Mêmes jeux de référence, mêmes données : sinon les deux moteurs ne se comparent pas.
    let indexed: number;
    try {
      indexed = (await engine.search(SearchQuery.parse({ perPage: 1 }))).total;
    } catch (error) {
      console.error(`Erreur : ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
    if (indexed !== documents.length) {
      console.error(`Erreur : l’index Meilisearch contient ${indexed} actions, ${dataDir} en a ${documents.length}. Réindexer les mêmes données : npm run index:meilisearch -- --data-dir ${values['data-dir']}`);
      return 1;
    }
  }
  const intent: IntentIndex | null = values['words-only'] ? null : createIntentIndex(new Catalog(dataDir).listMetiers());
  console.log(`Moteur : ${engine.name} — ${documents.length} documents — ${intent === null ? 'mots seuls' : 'mots + métiers compris'}\n`);
  let code = 0;
  for (const file of values.queries ?? DEFAULT_QUERY_FILES) {
    const outcome = await evaluate(file);
    if (outcome !== 0) code = outcome;
  }
  return code;

  async function evaluate(file: string): Promise<number> {
  const parsed = RelevanceQueryFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    console.error(`Erreur : ${file} invalide :\n${parsed.error.issues.map((i) => `- ${i.path.join('.')} : ${i.message}`).join('\n')}`);
    return 1;
  }
  const only = values.only?.toLowerCase();
  const queries = parsed.data.queries.filter((q) => only === undefined || q.q.toLowerCase().includes(only));

  console.log(`\n=== ${file} : ${queries.length} requêtes\n`);

  const communeName = (code: string) => geo.communeByInsee(code)?.name ?? code;
  const outcomes: QueryOutcome[] = [];
  for (const q of queries) {
    let origin: { lat: number; lon: number } | null = null;
    if (q.commune !== undefined) {
      const commune = geo.communeByInsee(q.commune);
      if (commune === undefined) throw new Error(`Commune inconnue du référentiel : ${q.commune} (requête « ${q.q} »).`);
      origin = { lat: commune.lat, lon: commune.lon };
    }
    const query = SearchQuery.parse({
      text: q.q,
      origin,
      radiusKm: origin === null ? null : (q.rayon ?? DEFAULT_RADIUS_KM),
      filters: q.filtres ?? {},
      sort: 'pertinence',
      page: 1,
      perPage: K,
    });
    const predicates = compilePredicates(q.grades);

    // Classement idéal : tous les documents admissibles (filtres + rayon), notés.
    const allGrades: number[] = [];
    const available: [number, number, number] = [0, 0, 0];
    for (const doc of documents) {
      if (!matchesQueryFilters(doc, query, distanceFrom(query.origin, doc))) continue;
      const grade = gradeDocument(doc, predicates);
      if (grade > 0) {
        allGrades.push(grade);
        available[grade - 1] = (available[grade - 1] ?? 0) + 1;
      }
    }

    // L'ordre que voit la personne : celui du cas d'usage, correspondances complètes d'abord.
    const understanding = understandQuery(query, { intent });
    const viaMetiers = await intentHits(engine, query, understanding?.metiers ?? []);
    const result = await fullMatchesFirst(engine, query, await engine.search(query), viaMetiers, understanding?.metiers ?? []);
    const returned = result.hits.map((hit) => gradeDocument(hit.document, predicates));
    // Une correspondance partielle dans le top 3 alors qu'une complète vient après elle.
    const firstPartial = result.hits.findIndex((hit) => hit.missing !== undefined);
    const partialInTop3 = firstPartial >= 0 && firstPartial < TOP && result.hits.slice(firstPartial).some((hit) => hit.missing === undefined);
    const ndcg10 = ndcg(returned, allGrades, K);
    const top3 = expectedInTop(returned, allGrades, TOP);
    let failure: string | null = null;
    if (ndcg10 === null) failure = 'ne mesure rien : aucun document attendu dans les données';
    else if (top3 === false) failure = `attendu absent du top ${TOP}`;
    else if (ndcg10 < FAILURE_NDCG) failure = `nDCG@10 < ${FAILURE_NDCG}`;
    if (partialInTop3) failure = `correspondance partielle dans le top ${TOP} alors qu’une correspondance complète existe`;
    outcomes.push({
      query: q,
      label: label(q, communeName),
      ndcg10,
      top3,
      total: result.total,
      returned,
      available,
      bestGrade: bestAvailableGrade(allGrades),
      hits: result.hits.map((hit, i) => ({
        title: hit.document.title,
        grade: returned[i] ?? 0,
        city: hit.document.city,
        distanceKm: hit.distanceKm,
      })),
      failure,
    });
  }

  // Tableau par requête.
  console.log(`${pad('requête', 58)} ${pad('catégorie', 12)} nDCG@10  top3  notes des 10 résultats   attendus (3/2/1)  total`);
  console.log('─'.repeat(140));
  for (const o of outcomes) {
    const grades = o.returned.map(String).join('').padEnd(10, '·');
    const top3 = o.top3 === null ? ' — ' : o.top3 ? 'oui' : 'NON';
    const flag = o.failure === null ? '' : `  ✗ ${o.failure}`;
    console.log(
      `${pad(o.label, 58)} ${pad(o.query.kind, 12)}  ${fmt(o.ndcg10)}   ${top3}   ${grades}               ${String(o.available[2]).padStart(3)}/${String(o.available[1]).padStart(3)}/${String(o.available[0]).padStart(3)}   ${String(o.total).padStart(5)}${flag}`,
    );
    if (values.verbose) {
      for (const [i, hit] of o.hits.entries()) {
        const where = hit.distanceKm === null ? hit.city : `${hit.city}, ${hit.distanceKm.toFixed(1)} km`;
        console.log(`      ${String(i + 1).padStart(2)}. [${hit.grade}] ${hit.title} (${where})`);
      }
    }
  }

  // Sous-totaux par catégorie.
  console.log(`\n${pad('catégorie', 14)} requêtes  nDCG@10  top3`);
  for (const kind of QUERY_KINDS) {
    const group = outcomes.filter((o) => o.query.kind === kind);
    if (group.length === 0) continue;
    const top3 = mean(group.map((o) => (o.top3 === null ? null : Number(o.top3))));
    console.log(`${pad(kind, 14)} ${String(group.length).padStart(8)}  ${fmt(mean(group.map((o) => o.ndcg10)))}    ${fmt(top3, 2)}`);
  }

  const overallNdcg = mean(outcomes.map((o) => o.ndcg10));
  const overallTop3 = mean(outcomes.map((o) => (o.top3 === null ? null : Number(o.top3))));
  const failures = outcomes
    .filter((o) => o.failure !== null)
    .sort((a, b) => (a.ndcg10 ?? -1) - (b.ndcg10 ?? -1))
    .map((o) => ({ q: o.query.q, commune: o.query.commune ?? null, kind: o.query.kind, ndcg10: o.ndcg10 === null ? null : round(o.ndcg10), top3: o.top3, reason: o.failure }));
  console.log(`\nGlobal : nDCG@10 = ${fmt(overallNdcg)}, attendu dans le top ${TOP} = ${fmt(overallTop3, 3)}, ${failures.length} échec(s) sur ${outcomes.length}.`);
  console.log(
    JSON.stringify({
      set: file,
      intent: intent !== null,
      engine: engine.name,
      documents: documents.length,
      queries: outcomes.length,
      ndcg10: overallNdcg === null ? null : round(overallNdcg),
      top3: overallTop3 === null ? null : round(overallTop3),
      failures,
    }),
  );
  const threshold = file.endsWith('intentions.json') ? STRICT_NDCG_INTENTIONS : STRICT_NDCG;
  if (values.strict && (overallNdcg === null || overallNdcg < threshold)) {
    console.error(`${file} : nDCG@10 global ${fmt(overallNdcg)} < ${threshold} : échec (--strict).`);
    return 1;
  }
    return 0;
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

process.exitCode = await main();
