/**
 * Générateur déterministe du jeu de démonstration : une offre de formation des Pays de la Loire
 * en LHEO 2.3, des statistiques InserJeunes (les deux formes CSV des fichiers officiels : par CFA et
 * par région × formation × voie) et des avis Anotéa (JSON). Ces fichiers passent ensuite par les mêmes
 * importeurs que les données réelles.
 *
 * Même graine + même date de référence + même nombre de sessions → fichiers identiques octet pour octet.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AvisGenerator, AvisStreamWriter } from './avis';
import { addMonths, isIsoDate } from './dates';
import { CFA_FILE, CFA_HEADER, demoMefstat11, InsertionCollector, REGION_FILE, REGION_HEADER } from './inserjeunes';
import { lheoFooter, lheoHeader, renderFormation } from './lheo-writer';
import { OfferPlanner } from './offer';
import { buildOrganismePool } from './organismes';
import { CommunePicker, loadPdlCommunes } from './places';
import { Rng } from './random';
import { DEFAULT_DEMO_DATA_DIR, loadDemoSources, repoRoot } from './sources';
import { BufferedWriter } from './xml';

export const DEFAULT_SESSIONS = 3000;
export const DEFAULT_SEED = 'versmonmetier';
export const DEFAULT_OUT_DIR = path.join(repoRoot, 'data', 'build', 'demo');
/** Nombre de sessions pour lequel le vivier d'organismes de data/demo/organismes.json suffit. */
const SESSIONS_PER_ORGANISME_COPY = 3000;

export interface GenerateDemoOptions {
  sessions: number;
  seed: number | string;
  /** Date de référence AAAA-MM-JJ : les sessions commencent dans les 12 mois qui suivent. */
  today: string;
  outDir: string;
  /** Dossier des sources écrites à la main (par défaut data/demo). */
  dataDir?: string;
}

export interface GenerateDemoResult {
  /** `inserjeunes` : les deux fichiers InserJeunes (par CFA, par région × formation × voie). */
  files: { lheo: string; inserjeunes: string[]; avis: string };
  counts: { formations: number; actions: number; sessions: number; organismes: number; insertionRows: number; reviews: number };
}

export const OUTPUT_FILES = { lheo: 'offre.lheo.xml', inserjeunesCfa: CFA_FILE, inserjeunesRegion: REGION_FILE, avis: 'avis.json' } as const;

/** Organismes de la démo qui figurent dans le fichier InserJeunes par CFA (CFA, CFPPA, GRETA-CFA). */
const CFA_KINDS: ReadonlySet<string> = new Set(['cfa', 'agricole', 'greta']);

export async function generateDemo(options: GenerateDemoOptions): Promise<GenerateDemoResult> {
  const { sessions, today, outDir } = options;
  if (!Number.isInteger(sessions) || sessions < 1) throw new Error(`nombre de sessions invalide : ${sessions} (entier ≥ 1 attendu)`);
  if (!isIsoDate(today)) throw new Error(`date de référence invalide : « ${today} » (format AAAA-MM-JJ attendu)`);
  const seed = String(options.seed);

  const sources = loadDemoSources(options.dataDir ?? DEFAULT_DEMO_DATA_DIR);
  const picker = new CommunePicker(loadPdlCommunes());
  const root = new Rng(seed);
  const copies = Math.max(1, Math.round(sessions / SESSIONS_PER_ORGANISME_COPY));
  const organismes = buildOrganismePool(root.fork('organismes'), picker, sources.organismes, copies);
  const planner = new OfferPlanner(root.fork('offre'), sources.catalogue, organismes, { sessions, today });
  const avisGenerator = new AvisGenerator(root.fork('avis'), sources.comments, today);
  const insertion = new InsertionCollector();

  await mkdir(outDir, { recursive: true });
  const files = {
    lheo: path.join(outDir, OUTPUT_FILES.lheo),
    inserjeunes: [path.join(outDir, OUTPUT_FILES.inserjeunesCfa), path.join(outDir, OUTPUT_FILES.inserjeunesRegion)],
    avis: path.join(outDir, OUTPUT_FILES.avis),
  };
  const xml = new BufferedWriter(files.lheo);
  const avisOut = new BufferedWriter(files.avis);
  const avis = new AvisStreamWriter(avisOut);
  const counts = { formations: 0, actions: 0, sessions: 0, organismes: 0, insertionRows: 0, reviews: 0 };
  const usedOrganismes = new Set<string>();

  try {
    await xml.write(
      lheoHeader(
        `Offre de formation de DÉMONSTRATION (fictive) générée par versmonmétier : graine « ${seed} », ` +
          `date de référence ${today} (sessions jusqu'au ${addMonths(today, 12)}), ${sessions} sessions demandées.`,
      ),
    );
    await avis.begin();
    for (const formation of planner.formations()) {
      await xml.write(renderFormation(formation));
      counts.formations++;
      usedOrganismes.add(formation.organisme.id);
      const t = formation.placed.template;
      const org = formation.organisme;
      if (t.cfd) insertion.addDiploma(t.cfd, t.exitLevel, org.kind === 'lycee' && t.years ? demoMefstat11(t.cfd, t.years) : null);
      if (org.uai && CFA_KINDS.has(org.kind)) insertion.addEstablishment(org.uai, org.name, org.kind === 'cfa');
      for (const action of formation.actions) {
        counts.actions++;
        counts.sessions += action.sessions.length;
        await avis.add(avisGenerator.forAction(formation, action));
      }
    }
    await xml.write(lheoFooter());
    await avis.end();
  } finally {
    await xml.close();
    await avisOut.close();
  }

  // Les deux formes réelles : le fichier par CFA en CRLF, celui par région en LF (comme les originaux).
  const cfaRows = insertion.cfaRows(root.fork('inserjeunes-cfa'), today);
  const regionRows = insertion.regionRows(root.fork('inserjeunes-region'), today);
  await writeFile(files.inserjeunes[0] as string, `\uFEFF${[CFA_HEADER, ...cfaRows].map((r) => `${r}\r\n`).join('')}`, 'utf8');
  await writeFile(files.inserjeunes[1] as string, `\uFEFF${[REGION_HEADER, ...regionRows].map((r) => `${r}\n`).join('')}`, 'utf8');

  counts.organismes = usedOrganismes.size;
  counts.insertionRows = cfaRows.length + regionRows.length;
  counts.reviews = avis.total;
  return { files, counts };
}
