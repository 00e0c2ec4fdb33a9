/**
 * Construction des données du site (data/build/) : référentiel géographique, jeu de démonstration
 * (ou fichiers officiels fournis), puis chaque importeur. Les données de démo passent par les
 * mêmes importeurs que les données réelles.
 *
 * Tout est écrit dans une génération neuve (`generations/<id>.tmp-<pid>/`), puis mis en service
 * d'un coup (src/ingest/generation.ts) : une construction tuée ou en échec laisse la précédente
 * en service, intacte.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { CURRENT_LINK } from '../catalog/files';
import { Manifest, type ManifestSource } from '../catalog/manifest';
import { Metier } from '../domain/metier';
import { z } from '../domain/zod';
import { generateDemo, DEFAULT_SEED, DEFAULT_SESSIONS } from '../demo/generate';
import { runGeoBuild } from '../geo/build';
import { buildSearchIndex } from '../search/embedded';
import { loadGeoReferentiel } from '../geo/referentiel';
import { importAnotea } from './anotea';
import { importInserJeunesFiles } from './inserjeunes';
import { importLheo, mergeOffers } from './lheo';
import { geoLocator } from './lheo-locator';
import { writeJson } from './cli';
import { BUILD_STAMP_FILE, listGenerationFiles, prepareGeneration, publishGeneration, verifyGeneration, type PreparedGeneration } from './generation';
import { ImportFatalError, ReportBuilder, type ImportReport } from './report';
import { importRome } from './rome';
import { importInterests } from './rome-interests';
import { writeDemoInterestFiles } from '../demo/interests';

export interface BuildDataOptions {
  outDir: string;
  /** Flux LHEO officiels : remplacent l'offre de démonstration. */
  lheo?: string[];
  /** Dossier RefRomeCsv du ROME 4.0 : remplace les fiches de démonstration. */
  rome?: string;
  /** Fichiers InserJeunes officiels (par CFA, par région × formation × voie). */
  inserjeunes?: string[];
  anotea?: string;
  sessions?: number;
  seed?: string;
  /**
   * Date de référence (AAAA-MM-JJ) : la démo est générée autour de ce jour et l'index ne garde que
   * les sessions encore proposées ce jour-là (voir `resolveReferenceDate` dans src/clock.ts).
   */
  referenceDate: string;
  log?: (line: string) => void;
}

export interface BuildDataResult {
  manifest: Manifest;
  reports: ImportReport[];
  /** Vrai si tous les fichiers ont été lus en entier (des enregistrements ont pu être rejetés). */
  complete: boolean;
}

const projectRoot = path.resolve(import.meta.dirname, '../..');
const DEMO_METIERS = path.join(projectRoot, 'data/demo/metiers.json');
const DEMO_INTERESTS = path.join(projectRoot, 'data/demo/centres-interet.json');

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/**
 * Empreinte de tout ce dont dépend la construction : code des importeurs et du générateur,
 * sources de démo, dépendances verrouillées, fichiers officiels fournis et options.
 */
export function inputsHash(options: BuildDataOptions): string {
  const hash = createHash('sha256');
  const code = ['src/domain', 'src/ingest', 'src/demo', 'src/geo', 'src/search', 'src/catalog', 'src/clock.ts', 'scripts/build-data.ts', 'data/demo', 'data/synonymes.json', 'data/territoires-efop.json', 'package-lock.json'];
  const given = [...(options.lheo ?? []), options.rome, ...(options.inserjeunes ?? []), options.anotea].filter((f): f is string => !!f);
  for (const entry of [...code.map((p) => path.join(projectRoot, p)), ...given.map((p) => path.resolve(p))]) {
    const files = existsSync(entry) && statSync(entry).isDirectory() ? filesUnder(entry) : [entry];
    for (const file of files) {
      hash.update(path.relative(projectRoot, file));
      hash.update(existsSync(file) ? readFileSync(file) : 'absent');
    }
  }
  hash.update(JSON.stringify({ sessions: options.sessions, seed: options.seed, referenceDate: options.referenceDate }));
  return hash.digest('hex').slice(0, 16);
}

const BuildStamp = z.object({ inputsHash: z.string(), builtAt: z.string(), buildId: z.string().optional() });

/**
 * Vrai si data/build est à jour : une génération en service COMPLÈTE (manifeste avec identifiant,
 * chaque fichier listé intact), de même empreinte d'entrées, construite pour la même date de référence. Un
 * dossier « à plat » d'une version précédente, ou une construction interrompue, n'est jamais « à jour ».
 */
export async function isUpToDate(options: BuildDataOptions): Promise<boolean> {
  const generation = await verifyGeneration(options.outDir);
  if (!generation.ok) return false;
  const stampFile = path.join(generation.dir, BUILD_STAMP_FILE);
  if (!existsSync(stampFile)) return false;
  const stamp = BuildStamp.safeParse(JSON.parse(await readFile(stampFile, 'utf8')));
  if (!stamp.success || stamp.data.inputsHash !== inputsHash(options) || stamp.data.buildId !== generation.manifest.buildId) return false;
  // Construit pour la même date de référence (par défaut aujourd'hui : la démo de la veille est reconstruite).
  return generation.manifest.referenceDate === options.referenceDate;
}

export async function buildData(options: BuildDataOptions): Promise<BuildDataResult> {
  const generation = await prepareGeneration(options.outDir);
  try {
    return await buildGeneration(options, generation);
  } catch (error) {
    await rm(generation.dir, { recursive: true, force: true });
    throw error;
  }
}

/** Construit tout dans le dossier neuf de `generation`, puis le met en service ; les rapports sont annoncés à leur place finale. */
async function buildGeneration(options: BuildDataOptions, generation: PreparedGeneration): Promise<BuildDataResult> {
  const { dir: out, buildId } = generation;
  const log = options.log ?? (() => {});
  const reportsDir = path.join(out, 'reports');
  const shownReportsDir = path.join(path.resolve(options.outDir), CURRENT_LINK, 'reports');
  const reports: ImportReport[] = [];
  const sources: ManifestSource[] = [];
  let complete = true;
  const started = performance.now();
  const step = (label: string) => log(`${label} (${((performance.now() - started) / 1000).toFixed(1)} s)`);

  const geoDir = path.join(out, 'geo');
  const geo = await runGeoBuild({ outDir: geoDir });
  step(`Référentiel géographique : ${geo.communes.length} communes, ${geo.epcis.length} EPCI, ${geo.territoires.length} territoires EFOP`);
  sources.push({ name: 'Découpage administratif (Etalab / INSEE)', kind: 'officiel', description: 'Communes, codes postaux, population, EPCI.' });
  sources.push({ name: 'GeoNames (CC BY 4.0)', kind: 'officiel', description: 'Coordonnées des communes (voir docs/adr/003-geo-referentiel.md).' });

  const useDemoOffer = !options.lheo?.length;
  let demoFiles: { lheo: string; inserjeunes: string[]; avis: string } | null = null;
  if (useDemoOffer) {
    const demo = await generateDemo({
      sessions: options.sessions ?? DEFAULT_SESSIONS,
      seed: options.seed ?? DEFAULT_SEED,
      today: options.referenceDate,
      outDir: path.join(out, 'demo'),
    });
    demoFiles = demo.files;
    step(`Démo générée : ${demo.counts.actions} actions, ${demo.counts.sessions} sessions, ${demo.counts.reviews} avis`);
  }

  const finish = async (name: string, report: ReportBuilder) => {
    const done = report.finish();
    reports.push(done);
    await writeJson(path.join(reportsDir, `${name}.json`), done, true);
    if (done.rejected.length > 0) log(`  ${done.rejected.length} enregistrement(s) rejeté(s) : voir ${path.join(shownReportsDir, `${name}.json`)}`);
  };

  // Offre de formation (LHEO).
  const locator = geoLocator(loadGeoReferentiel(geoDir));
  const lheoFiles = useDemoOffer ? [demoFiles!.lheo] : options.lheo!;
  const lheoReport = new ReportBuilder('lheo');
  const parts = [];
  for (const file of lheoFiles) {
    const result = await importLheo({ path: file }, { locateCommune: locator, report: lheoReport, referenceDate: options.referenceDate });
    complete &&= result.complete;
    parts.push({ file, offer: result });
  }
  const offer = mergeOffers(parts, lheoReport);
  await finish('lheo', lheoReport);
  await writeJson(path.join(out, 'offre.json'), { buildId, ...offer });
  sources.push(
    useDemoOffer
      ? { name: 'Offre de formation de démonstration', kind: 'demo', description: 'Flux LHEO 2.3 fictif généré par versmonmétier.' }
      : { name: 'Offre de formation (LHEO)', kind: 'officiel', description: lheoFiles.map((f) => path.basename(f)).join(', ') },
  );
  step(`Offre importée : ${offer.formations.length} formations, ${offer.actions.length} actions`);

  // Métiers : ROME officiel, sinon fiches de démonstration.
  let metiers: Metier[];
  if (options.rome) {
    const report = new ReportBuilder('rome');
    metiers = await importRome(options.rome, report);
    await finish('rome', report);
    sources.push({ name: 'ROME 4.0 (France Travail, Licence Ouverte)', kind: 'officiel', description: 'Fiches métiers, appellations et centres d’intérêt.' });
  } else {
    metiers = z.array(Metier).parse(JSON.parse(await readFile(DEMO_METIERS, 'utf8')));
    sources.push({ name: 'Fiches métiers de démonstration', kind: 'demo', description: 'Écrites par versmonmétier ; codes et libellés du ROME 4.0.' });
  }
  await writeJson(path.join(out, 'metiers.json'), metiers);
  step(`Métiers : ${metiers.length} fiches`);

  // Centres d'intérêt (« J'ai envie de … ») : ceux du dossier ROME, sinon ceux de la démonstration,
  // écrits au format officiel puis lus par le même importeur.
  const interestsDir = options.rome ?? (await writeDemoInterestFiles(DEMO_INTERESTS, metiers, path.join(out, 'demo', 'rome-centres-interet')));
  const interestsReport = new ReportBuilder('centres-interet');
  const interests = await importInterests(interestsDir, new Set(metiers.map((m) => m.code)), interestsReport, options.rome ? 'rome' : 'demo');
  await finish('centres-interet', interestsReport);
  await writeJson(path.join(out, 'interets.json'), interests);
  if (!options.rome) sources.push({ name: 'Centres d’intérêt de démonstration', kind: 'demo', description: 'Écrits par versmonmétier au format du ROME 4.0 (« J’ai envie de … »).' });
  step(`Centres d’intérêt : ${interests.length}`);

  // Insertion et avis : fichiers fournis, sinon ceux de la démo (seulement avec l'offre de démo).
  const realInsertion = !!options.inserjeunes?.length;
  const insertionFiles = realInsertion ? options.inserjeunes! : (demoFiles?.inserjeunes ?? []);
  // Pas de `push(...liste)` : au-delà de ~100 000 éléments, l'étalement dépasse la pile.
  let insertion: Awaited<ReturnType<typeof importInserJeunesFiles>> = [];
  if (insertionFiles.length > 0) {
    const report = new ReportBuilder('inserjeunes');
    insertion = await importInserJeunesFiles(insertionFiles, report, { demo: !realInsertion, offer });
    await finish('inserjeunes', report);
    sources.push({ name: 'Taux d’insertion InserJeunes', kind: realInsertion ? 'officiel' : 'demo', description: insertionFiles.map((f) => path.basename(f)).join(', ') });
  }
  await writeJson(path.join(out, 'insertion.json'), insertion);

  const avisFile = options.anotea ?? demoFiles?.avis;
  let avis: Awaited<ReturnType<typeof importAnotea>> = [];
  if (avisFile) {
    const report = new ReportBuilder('anotea');
    avis = await importAnotea(avisFile, report);
    await finish('anotea', report);
    sources.push({ name: 'Avis de stagiaires (Anotéa)', kind: options.anotea ? 'officiel' : 'demo', description: path.basename(avisFile) });
  }
  await writeJson(path.join(out, 'avis.json'), avis);
  step(`Insertion : ${insertion.length} statistiques ; avis : ${avis.length}`);

  const builtAt = new Date().toISOString();
  const index = await buildSearchIndex(out, { today: options.referenceDate, buildId });
  step(`Index de recherche embarqué : ${index.documents} documents, ${(index.bytes / 1e6).toFixed(1)} Mo, construit en ${index.seconds.toFixed(1)} s`);
  await writeJson(path.join(out, BUILD_STAMP_FILE), { inputsHash: inputsHash(options), builtAt, buildId });

  // Le manifeste en dernier : il liste tous les fichiers de la génération avec leur empreinte.
  const manifest = Manifest.parse({
    buildId,
    builtAt,
    referenceDate: options.referenceDate,
    demo: sources.some((s) => s.kind === 'demo'),
    counts: {
      metiers: metiers.length,
      formations: offer.formations.length,
      actions: offer.actions.length,
      sessions: offer.actions.reduce((n, a) => n + a.sessions.length, 0),
      organismes: offer.organismes.length,
      communes: geo.communes.length,
      reviews: avis.length,
      insertionStats: insertion.length,
    },
    sources,
    files: await listGenerationFiles(out),
  });
  await writeJson(path.join(out, 'manifest.json'), manifest);
  const published = await publishGeneration(generation);
  step(
    `Génération ${buildId} en service (${path.join(path.resolve(options.outDir), CURRENT_LINK)})` +
      (published.removed.length > 0 ? ` ; effacé : ${published.removed.join(', ')}` : ''),
  );
  return { manifest, reports, complete };
}

export { ImportFatalError };
