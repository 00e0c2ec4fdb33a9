/**
 * Banc d'essai du moteur de recherche embarqué : `npm run bench:search -- --sessions 100000`.
 *
 * Étapes (toutes dans un dossier temporaire, supprimé à la fin sauf --keep) :
 *  1. données de démonstration de la taille demandée : `tsx scripts/build-data.ts --sessions N --out-dir TMP` ;
 *  2. construction de l'index (`buildSearchIndex(TMP)`, chronométrée) et taille de TMP/search sur disque ;
 *  3. mémoire « comme le serveur » : un processus node NEUF charge le moteur, lance une requête,
 *     passe le ramasse-miettes et imprime son RSS (on imprime aussi le RSS du même processus
 *     sans moteur, le coût fixe de node + tsx) ;
 *  4. un mélange fixe et graine de requêtes (≥ 200) en 6 types — texte seul, texte + lieu,
 *     texte + lieu + 3 filtres, texte vide + filtres, fautes de frappe, et « intention » (une phrase
 *     de tous les jours, parfois avec un lieu, par le cas d'usage complet : mots, métiers compris
 *     d'après les fiches, classement, élargissement du rayon ; src/formations/search.ts) — après un tour de chauffe,
 *     latences p50 / p95 / p99 par type (performance.now) ;
 *  5. les MÊMES requêtes sur la référence naïve (tools/search/linear-scan.ts), p50 par type, et le
 *     gain (p50 référence / p50 moteur).
 *
 * Sortie : une ligne JSON sur stdout (journal de progression sur stderr) :
 *   { sessions, documents, indexBuildSeconds, indexBytes, rssMbAfterLoad, latencyMs: { type: { p50, p95, p99 } },
 *     baseline: { type: { p50 } }, speedupP50: { type: ratio }, targets, pass }
 * plus : rssMbBareProcess, heapMbAfterLoad, reviewsImported, un type « toutes » (toutes requêtes
 * confondues) et `slowest`, les 8 requêtes les plus lentes du moteur (pour son propriétaire).
 * Objectifs : p95 ≤ 15 ms pour chaque type (≤ 10 ms pour « intention »), index construit en ≤ 30 s, RSS ≤ 600 Mo, gain ≥ 10× (chaque type).
 *
 * Taille par défaut : 20 000 sessions (~15 s sur 2 cœurs ; 100 000 sessions : ~1 min). Le banc est lourd : ne pas le lancer
 * en boucle, ni pendant qu'une autre construction tourne sur la machine.
 *
 * Au-delà de 250 000 sessions, les avis de la démo dépassent la limite de 400 Mo de l'import Anotéa :
 * le banc importe alors un fichier d'avis vide (`reviewsImported: false` dans la sortie).
 *
 * Options : --sessions N (20000), --queries N par type (50), --seed GRAINE (« bench »),
 * --data-dir DOSSIER (réutilise des données déjà construites au lieu d'en générer ; son index
 * DOSSIER/search est reconstruit), --keep (garde le dossier temporaire).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadGeoReferentiel } from '../src/geo/referentiel';
import { currentGeneration } from '../src/catalog/files';
import { LinearScanEngine } from '../tools/search/linear-scan';
import type { ActionDocument, SearchEngine } from '../src/search/port';
import { SearchQuery, type SearchQueryInput } from '../src/search/query';
import { percentile } from '../tools/search/relevance';
import { Catalog } from '../src/catalog/index';
import { buildSearchIndex, loadEmbeddedEngine } from '../src/search/embedded';
import { seededRandom } from '../src/demo/random';
import { searchFormations } from '../src/formations/search';
import { createIntentIndex, type IntentIndex } from '../src/metiers/intent';

const projectRoot = path.resolve(import.meta.dirname, '..');

const QUERY_TYPES = ['texte', 'texte+lieu', 'lieu+3-filtres', 'filtres-sans-texte', 'fautes', 'intention'] as const;
type QueryType = (typeof QUERY_TYPES)[number];

const TARGETS = { p95Ms: 15, intentP95Ms: 10, buildSeconds: 30, rssMb: 600, speedup: 10 } as const;

/** Des phrases de tous les jours (type « intention ») : ce que les gens disent, pas des intitulés. */
const INTENT_TEXTS = [
  'couper les cheveux',
  'soigner les malades',
  'je veux devenir cuisinier',
  'préparer des repas',
  'construire des murs',
  'livrer des colis',
  'conduire un chariot élévateur',
  "j'aimerais travailler avec les enfants",
  'faire du pain',
  'réparer des voitures',
  "m'occuper des personnes âgées à domicile",
  'travailler dans un bureau',
  'faire le ménage dans les bureaux',
  'je voudrais travailler dans la logistique',
  'faire pousser des légumes',
  'installer des panneaux solaires sur les toits',
  'je suis fort en informatique',
  'servir les clients au restaurant',
  'travailler le bois',
  'je veux travailler',
];
/** Au-delà, les avis générés dépassent la limite de l'import Anotéa (400 Mo) : voir plus bas. */
const MAX_SESSIONS_WITH_REVIEWS = 250_000;

function log(line: string): void {
  console.error(line);
}

// ---------------------------------------------------------------------------------------------
// Mélange de requêtes (graine fixe)
// ---------------------------------------------------------------------------------------------


/** Requêtes réalistes (métiers, sigles, diplômes, débuts de mot). */
const TEXTS = [
  'aide soignant', 'aide-soignante', 'infirmier', 'auxiliaire de puériculture', 'ASH', 'DEAS', 'AES', 'ADVF',
  'soudeur', 'chaudronnier', 'usinage', 'technicien de maintenance', 'électromécanicien', 'conducteur de ligne',
  'maçon', 'électricien', 'plombier', 'plombier chauffagiste', 'peintre en bâtiment', 'couvreur', 'carreleur',
  'menuisier', 'conducteur engins chantier', 'photovoltaïque', 'cariste', 'CACES', 'préparateur de commandes',
  'magasinier', 'logistique', 'PL', 'chauffeur poids lourd', 'FIMO', 'chauffeur livreur', 'conducteur de bus',
  'boulanger', 'CAP pâtisserie', 'boucher', 'cuisinier', 'serveur', 'réceptionniste', 'hôtesse de caisse',
  'employé commercial', 'coiffure', 'comptable', 'compta', 'secrétaire', 'TP secrétaire', 'développeur web',
  'dev', 'BTS SIO', 'technicien réseaux', 'agent de propreté', 'agent de sécurité', 'SSIAP', 'formateur',
  'maraîchage', 'espaces verts', 'ouvrier agricole', 'mécanicien auto', 'garagiste', 'remise à niveau', 'FLE',
  'CléA', 'boulan', 'infirm', 'électri', 'compt', 'titre professionnel', 'bac pro', 'BTS',
];

/** Une faute de frappe sur un mot d'au moins 5 lettres : suppression, doublement, inversion ou substitution. */
function withTypo(text: string, random: () => number): string {
  const words = text.split(' ');
  const candidates = words.map((w, i) => ({ w, i })).filter(({ w }) => w.length >= 5);
  if (candidates.length === 0) return text;
  const { w, i } = candidates[Math.floor(random() * candidates.length)] as { w: string; i: number };
  const p = 1 + Math.floor(random() * (w.length - 2));
  const letters = 'aeinrstlouc';
  let typo: string;
  switch (Math.floor(random() * 4)) {
    case 0:
      typo = w.slice(0, p) + w.slice(p + 1);
      break;
    case 1:
      typo = w.slice(0, p) + w[p] + w.slice(p);
      break;
    case 2:
      typo = w.slice(0, p) + (w[p + 1] ?? '') + w[p] + w.slice(p + 2);
      break;
    default:
      typo = w.slice(0, p) + letters[Math.floor(random() * letters.length)] + w.slice(p + 1);
  }
  words[i] = typo;
  return words.join(' ');
}

interface BenchQuery {
  type: QueryType;
  query: SearchQuery;
}

function buildQueryMix(documents: readonly ActionDocument[], origins: readonly { lat: number; lon: number }[], perType: number, seed: string): BenchQuery[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const distinct = <T>(values: Iterable<T>): T[] => [...new Set(values)].sort();
  const levels = distinct(documents.flatMap((d) => (d.level === null ? [] : [d.level])));
  const financing = distinct(documents.flatMap((d) => d.financing));
  const publics = distinct(documents.flatMap((d) => d.publics));
  const departements = distinct(documents.flatMap((d) => (d.departement === null ? [] : [d.departement])));
  const territoires = distinct(documents.flatMap((d) => (d.territoire === null ? [] : [d.territoire])));
  const months = distinct(documents.flatMap((d) => d.sessionStarts.map((s) => s.slice(0, 7))));
  const radii = [10, 20, 30, 50];

  /** Un filtre tiré au sort (nom, valeur partielle de SearchFilters). */
  const filterMakers: (() => [string, Record<string, unknown>])[] = [
    () => ['levels', { levels: [pick(levels)] }],
    () => ['teachingModes', { teachingModes: [pick(['presentiel', 'distance', 'mixte'] as const)] }],
    () => ['financing', { financing: [pick(financing)] }],
    () => ['publics', { publics: [pick(publics)] }],
    () => ['certifying', { certifying: random() < 0.7 }],
    () => ['permanentEntry', { permanentEntry: random() < 0.3 }],
    () => ['handicapAccessible', { handicapAccessible: true }],
    () => ['maxDurationHours', { maxDurationHours: pick([150, 400, 800]) }],
    () => {
      const month = pick(months);
      return ['start', { startFrom: `${month}-01`, startTo: `${month}-28` }];
    },
  ];
  const filters = (count: number, exclude: readonly string[] = []): Record<string, unknown> => {
    const chosen = new Map<string, Record<string, unknown>>();
    while (chosen.size < count) {
      const [name, value] = pick(filterMakers)();
      if (!exclude.includes(name) && !chosen.has(name)) chosen.set(name, value);
    }
    return Object.assign({}, ...chosen.values()) as Record<string, unknown>;
  };

  const make: Record<QueryType, () => SearchQueryInput> = {
    texte: () => ({ text: pick(TEXTS) }),
    'texte+lieu': () => ({ text: pick(TEXTS), origin: pick(origins), radiusKm: pick(radii) }),
    'lieu+3-filtres': () => ({ text: pick(TEXTS), origin: pick(origins), radiusKm: pick(radii), filters: filters(3) }),
    'filtres-sans-texte': () => {
      const base = random() < 0.5 ? { departements: [pick(departements)] } : { territoires: [pick(territoires)] };
      return { text: '', filters: { ...base, ...filters(1 + Math.floor(random() * 2)) }, sort: pick(['pertinence', 'date'] as const) };
    },
    fautes: () => ({ text: withTypo(pick(TEXTS.filter((t) => t.length >= 5)), random) }),
    intention: () => (random() < 0.5 ? { text: pick(INTENT_TEXTS) } : { text: pick(INTENT_TEXTS), origin: pick(origins), radiusKm: pick(radii) }),
  };
  const mix: BenchQuery[] = [];
  for (let i = 0; i < perType; i++) {
    for (const type of QUERY_TYPES) mix.push({ type, query: SearchQuery.parse({ perPage: 20, ...make[type]() }) });
  }
  return mix;
}

// ---------------------------------------------------------------------------------------------
// Mesures
// ---------------------------------------------------------------------------------------------

type Searcher = Pick<SearchEngine, 'search'>;

interface Timed {
  times: Record<QueryType, number[]>;
  /** Les requêtes les plus lentes (pour le propriétaire du moteur). */
  slowest: { type: QueryType; text: string; filters: string[]; radiusKm: number | null; total: number; ms: number }[];
}

/** « intention » passe par le cas d'usage complet (mots + métiers compris) ; les autres types, par le moteur seul. */
async function timeQueries(engine: Searcher, mix: readonly BenchQuery[], intent: IntentIndex): Promise<Timed> {
  const times = Object.fromEntries(QUERY_TYPES.map((t) => [t, [] as number[]])) as Record<QueryType, number[]>;
  const all: Timed['slowest'] = [];
  for (const { type, query } of mix) {
    const start = performance.now();
    const result = type === 'intention' ? await searchFormations(engine as SearchEngine, query, { intent }) : await engine.search(query);
    const elapsed = performance.now() - start;
    times[type].push(elapsed);
    const filters = Object.entries(query.filters)
      .filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0))
      .map(([k]) => k);
    all.push({ type, text: query.text, filters, radiusKm: query.radiusKm, total: result.total, ms: ms(elapsed) });
  }
  return { times, slowest: all.sort((a, b) => b.ms - a.ms).slice(0, 8) };
}

function dirBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

const PROBE = `
const [engineModule, queryModule, dataDir, withEngine] = process.argv.slice(2);
const gc = globalThis.gc ?? (() => {});
let engine = null;
if (withEngine === '1') {
  const { loadEmbeddedEngine } = await import(engineModule);
  const { SearchQuery } = await import(queryModule);
  engine = await loadEmbeddedEngine(dataDir);
  await engine.search(SearchQuery.parse({ text: 'aide soignant' }));
}
gc();
gc();
const m = process.memoryUsage();
console.log(JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers, loaded: engine !== null }));
`;

interface ProbeResult {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

/** RSS d'un processus node neuf (tsx pour le TypeScript), avec ou sans le moteur chargé. */
function probeRss(workDir: string, dataDir: string, withEngine: boolean): ProbeResult {
  const probe = path.join(workDir, 'rss-probe.mts');
  writeFileSync(probe, PROBE);
  const engineModule = pathToFileURL(path.join(projectRoot, 'src/search/embedded.ts')).href;
  const queryModule = pathToFileURL(path.join(projectRoot, 'src/search/query.ts')).href;
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', probe, engineModule, queryModule, dataDir, withEngine ? '1' : '0'], {
    cwd: projectRoot,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`Mesure de mémoire impossible (code ${run.status}) :\n${run.stderr}`);
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as ProbeResult;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const ms = (value: number) => Math.round(value * 1000) / 1000;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      sessions: { type: 'string', default: '20000' },
      queries: { type: 'string', default: '50' },
      seed: { type: 'string', default: 'bench' },
      'data-dir': { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('Usage : npm run bench:search -- [--sessions 20000] [--queries 50] [--seed bench] [--data-dir DOSSIER] [--keep]');
    return 0;
  }
  const sessions = Number(values.sessions);
  const perType = Number(values.queries);
  if (!Number.isInteger(sessions) || sessions < 1 || !Number.isInteger(perType) || perType < 1) {
    console.error('Erreur : --sessions et --queries attendent des entiers positifs.');
    return 1;
  }
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'vmm-bench-'));
  const dataDir = values['data-dir'] === undefined ? path.join(workDir, 'data') : path.resolve(values['data-dir']);
  const reviewsSkipped = values['data-dir'] === undefined && sessions > MAX_SESSIONS_WITH_REVIEWS;
  try {
    if (values['data-dir'] === undefined) {
      log(`1. Données de démonstration : ${sessions} sessions dans ${dataDir}…`);
      const started = performance.now();
      const args = [path.join(projectRoot, 'scripts/build-data.ts'), '--sessions', String(sessions), '--out-dir', dataDir];
      if (reviewsSkipped) {
        // L'import Anotéa refuse un fichier de plus de 400 Mo (MAX_JSON_BYTES) : au-delà de
        // ~250 000 sessions, les avis de la démo le dépassent. Les avis ne comptent pas pour la
        // recherche (seulement le tri « note ») : on importe un fichier d'avis vide.
        const emptyReviews = path.join(workDir, 'avis-vides.json');
        writeFileSync(emptyReviews, '[]');
        args.push('--anotea', emptyReviews);
        log('   (avis de stagiaires non importés : le fichier de la démo dépasserait la limite de 400 Mo de l’import Anotéa)');
      }
      const build = spawnSync(process.execPath, ['--import', 'tsx', ...args], {
        cwd: projectRoot,
        stdio: ['ignore', 2, 2],
      });
      if (build.status !== 0 && build.status !== 2) throw new Error(`La construction des données a échoué (code ${build.status}).`);
      log(`   faites en ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }

    log('2. Construction de l’index…');
    const buildStart = performance.now();
    await buildSearchIndex(dataDir, { today: new Catalog(currentGeneration(dataDir)).manifest().referenceDate });
    const indexBuildSeconds = (performance.now() - buildStart) / 1000;
    const indexBytes = dirBytes(path.join(currentGeneration(dataDir), 'search'));
    log(`   ${indexBuildSeconds.toFixed(2)} s, ${mb(indexBytes)} Mo sur disque`);

    log('3. Mémoire d’un processus neuf…');
    const bare = probeRss(workDir, dataDir, false);
    const loaded = probeRss(workDir, dataDir, true);
    log(`   RSS ${mb(loaded.rss)} Mo avec le moteur (${mb(bare.rss)} Mo sans)`);

    log('4. Requêtes…');
    const engine = await loadEmbeddedEngine(dataDir);
    const documents = engine.documents;
    const geo = loadGeoReferentiel(path.join(currentGeneration(dataDir), 'geo'));
    const origins = geo
      .allCommunes()
      .filter((c) => c.population >= 5000)
      .map((c) => ({ lat: c.lat, lon: c.lon }));
    const mix = buildQueryMix(documents, origins, perType, values.seed);
    const intent = createIntentIndex(new Catalog(currentGeneration(dataDir)).listMetiers());
    await timeQueries(engine, mix, intent); // chauffe
    const { times: engineTimes, slowest } = await timeQueries(engine, mix, intent);

    log('5. Référence naïve (parcours linéaire)…');
    const baseline = new LinearScanEngine(documents);
    await timeQueries(baseline, mix.slice(0, Math.min(mix.length, 50)), intent); // chauffe
    const { times: baselineTimes } = await timeQueries(baseline, mix, intent);

    const latencyMs: Record<string, { p50: number; p95: number; p99: number }> = {};
    const baselineP50: Record<string, { p50: number }> = {};
    const speedupP50: Record<string, number> = {};
    const allEngine = Object.values(engineTimes).flat();
    const allBaseline = Object.values(baselineTimes).flat();
    for (const [type, engineValues, baselineValues] of [
      ...QUERY_TYPES.map((t) => [t, engineTimes[t], baselineTimes[t]] as const),
      ['toutes', allEngine, allBaseline] as const,
    ]) {
      latencyMs[type] = { p50: ms(percentile(engineValues, 50)), p95: ms(percentile(engineValues, 95)), p99: ms(percentile(engineValues, 99)) };
      baselineP50[type] = { p50: ms(percentile(baselineValues, 50)) };
      speedupP50[type] = Math.round((percentile(baselineValues, 50) / Math.max(percentile(engineValues, 50), 1e-6)) * 10) / 10;
    }
    const rssMbAfterLoad = mb(loaded.rss);
    const pass = {
      p95: QUERY_TYPES.every((t) => (latencyMs[t]?.p95 ?? Infinity) <= (t === 'intention' ? TARGETS.intentP95Ms : TARGETS.p95Ms)),
      build: indexBuildSeconds <= TARGETS.buildSeconds,
      rss: rssMbAfterLoad <= TARGETS.rssMb,
      speedup: QUERY_TYPES.every((t) => (speedupP50[t] ?? 0) >= TARGETS.speedup),
    };
    const report = {
      sessions: values['data-dir'] === undefined ? sessions : null,
      documents: documents.length,
      reviewsImported: !reviewsSkipped,
      queries: mix.length,
      indexBuildSeconds: Math.round(indexBuildSeconds * 100) / 100,
      indexBytes,
      rssMbAfterLoad,
      rssMbBareProcess: mb(bare.rss),
      heapMbAfterLoad: mb(loaded.heapUsed),
      latencyMs,
      baseline: baselineP50,
      speedupP50,
      targets: TARGETS,
      pass: { ...pass, all: Object.values(pass).every(Boolean) },
      slowest,
    };
    console.log(JSON.stringify(report));
    return 0;
  } finally {
    if (values.keep) log(`Dossier conservé : ${workDir}`);
    else rmSync(workDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
