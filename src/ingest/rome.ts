/**
 * Import du ROME 4.0 (France Travail, fichiers « RefRomeCsv ») : une fiche `Metier` par ligne
 * du fichier `unix_referentiel_code_rome_v*_utf8.csv`, enrichie des appellations, textes
 * (définition, accès au métier : une phrase de la source par ligne, dans l'ordre) et mobilités.
 *
 * Fichiers reconnus dans le dossier, quel que soit le numéro de version (la plus haute est retenue) :
 * code_rome (obligatoire), appellation, texte, rubrique_mobilite, et pour les compétences le fichier
 * de lien `unix_coherence_item_v*_utf8.csv` (code_rome, code_ogr) avec les référentiels competence,
 * savoir et contexte_travail. Les référentiels ne portent pas de code ROME : sans le fichier de lien,
 * savoir-faire, savoir-être, savoirs et contextes restent vides (avertissement dans le rapport).
 *
 * Textes affichés : apostrophe typographique « ’ » partout (les sources mélangent ' et ’, et
 * `unix_texte` double les apostrophes à la manière SQL : « d''autres »). Une recherche sur ces
 * textes doit donc replier ’ et ' ensemble.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Appellation, Metier, ROME_DOMAINS, RomeCode } from '../domain/metier';
import { foldKey, readCsv } from './csv';
import { ImportFatalError, zodReason, type ReportBuilder } from './report';

type Skill = Metier['skills']['savoirFaire'][number];
type WorkContext = Metier['workContexts'][number];

const ROME_FILES = {
  codeRome: 'referentiel_code_rome',
  appellation: 'referentiel_appellation',
  texte: 'texte',
  mobilite: 'rubrique_mobilite',
  coherence: 'coherence_item',
  competence: 'referentiel_competence',
  savoir: 'referentiel_savoir',
  contexte: 'referentiel_contexte_travail',
} as const;
type RomeFile = keyof typeof ROME_FILES;

const FILE_NAME = /^unix_(.+)_v(\d+)_utf8\.csv$/;
const patternOf = (kind: RomeFile) => `unix_${ROME_FILES[kind]}_v*_utf8.csv`;

/** Texte affiché : apostrophe typographique, pas d'espace après une élision (« L' agent »), espaces simples. */
export function displayText(text: string): string {
  return text
    .replace(/['’]/g, '’')
    .replace(/\s+/g, ' ')
    .replace(/(?<!\p{L})([cdjlmnst]|qu)’ (?=\p{L})/giu, '$1’')
    .trim();
}

/** `unix_texte` échappe les apostrophes en les doublant (« d''autres »). */
const unescapeSqlQuotes = (text: string) => text.replace(/''/g, "'");

const isYes = (flag: string) => flag.toUpperCase() === 'O';

function ecologicalTransition(value: string): Metier['ecologicalTransition'] | null {
  const key = foldKey(value);
  if (key === '' || key.includes('blanc')) return 'aucun';
  if (key.includes('verdissant')) return 'verdissant';
  if (key.includes('vert')) return 'vert';
  if (key.includes('strategique')) return 'strategique';
  if (key.includes('brun')) return 'brun';
  return null;
}

interface Draft {
  line: number;
  label: string;
  ecologicalTransition: Metier['ecologicalTransition'];
  digitalTransition: boolean;
  appellations: Appellation[];
  definition: [number, string][];
  access: [number, string][];
  related: [number, string][];
  skills: Metier['skills'];
  workContexts: WorkContext[];
}

async function findRomeFiles(dir: string, report: ReportBuilder): Promise<Partial<Record<RomeFile, string>>> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new ImportFatalError(`Dossier ROME illisible : ${dir} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`, dir);
  }
  const found: Partial<Record<RomeFile, { name: string; version: number }>> = {};
  for (const name of names.sort()) {
    const match = FILE_NAME.exec(name);
    const kind = (Object.keys(ROME_FILES) as RomeFile[]).find((k) => ROME_FILES[k] === match?.[1]);
    if (!match || !kind) continue;
    const version = Number(match[2]);
    const previous = found[kind];
    if (previous) {
      const kept = version > previous.version ? name : previous.name;
      report.warn(dir, 'dossier', null, `plusieurs versions de ${patternOf(kind)} : ${kept} est retenu`);
      if (version <= previous.version) continue;
    }
    found[kind] = { name, version };
  }
  const versions = new Set(Object.values(found).map((f) => f.version));
  if (versions.size > 1) {
    report.warn(dir, 'dossier', null, `fichiers de versions différentes (${[...versions].map((v) => `v${v}`).join(', ')}) : des liens peuvent manquer`);
  }
  return Object.fromEntries(Object.entries(found).map(([kind, f]) => [kind, path.join(dir, f.name)]));
}

/** Importe le ROME 4.0 du dossier `dir`. Lève `ImportFatalError` si le fichier des fiches manque ou est illisible. */
export async function importRome(dir: string, report: ReportBuilder): Promise<Metier[]> {
  const files = await findRomeFiles(dir, report);
  if (!files.codeRome) {
    throw new ImportFatalError(`Fichier des fiches ROME introuvable : aucun ${patternOf('codeRome')} dans ${dir}.`, dir);
  }
  const drafts = await readCodes(files.codeRome, report);

  const optional = (kind: RomeFile, consequence: string): string | null => {
    const file = files[kind];
    if (file) report.file(file);
    else report.warn(dir, 'dossier', null, `fichier absent : ${patternOf(kind)} — ${consequence}`);
    return file ?? null;
  };
  const appellationFile = optional('appellation', 'aucune appellation');
  if (appellationFile) await readAppellations(appellationFile, drafts, report);
  const texteFile = optional('texte', 'définitions et accès au métier vides');
  if (texteFile) await readTexts(texteFile, drafts, report);
  const mobiliteFile = optional('mobilite', 'aucun métier proche');
  if (mobiliteFile) await readMobility(mobiliteFile, drafts, report);
  if (files.coherence) await readSkills(files.coherence, files, drafts, report, dir);
  else {
    report.warn(
      dir,
      'dossier',
      null,
      `lien compétences ↔ fiches absent de ce jeu de fichiers (${patternOf('coherence')}) : ` +
        'savoir-faire, savoir-être, savoirs et contextes de travail laissés vides',
    );
  }

  const metiers: Metier[] = [];
  for (const [code, draft] of drafts) {
    const letter = code.charAt(0);
    // Une phrase par ligne : beaucoup sont des éléments d'énumération sans point final.
    const byPosition = (sentences: [number, string][]) =>
      sentences.length === 0 ? null : sentences.sort((a, b) => a[0] - b[0]).map(([, s]) => s).join('\n');
    const parsed = Metier.safeParse({
      code,
      label: draft.label,
      appellations: draft.appellations.sort((a, b) => Number(b.main) - Number(a.main)),
      definition: byPosition(draft.definition),
      access: byPosition(draft.access),
      skills: draft.skills,
      workContexts: draft.workContexts,
      domain: { letter, code: code.slice(0, 3), label: ROME_DOMAINS[letter] ?? '' },
      ecologicalTransition: draft.ecologicalTransition,
      digitalTransition: draft.digitalTransition,
      relatedCodes: [...new Set(draft.related.sort((a, b) => a[0] - b[0]).map(([, target]) => target))],
      source: 'rome',
    });
    if (!parsed.success) {
      report.reject(files.codeRome, `ligne ${draft.line}`, code, zodReason(parsed.error));
      continue;
    }
    metiers.push(parsed.data);
    report.accept('metier');
    report.accept('appellation', parsed.data.appellations.length);
  }
  return metiers.sort((a, b) => a.code.localeCompare(b.code));
}

async function readCodes(file: string, report: ReportBuilder): Promise<Map<string, Draft>> {
  report.file(file);
  const drafts = new Map<string, Draft>();
  const columns = { required: ['code_rome', 'libelle_rome'], optional: ['transition_eco', 'transition_num'] } as const;
  for await (const { line, values: v } of readCsv(file, ',', columns, report)) {
    const code = RomeCode.safeParse(v.code_rome);
    if (!code.success) {
      report.reject(file, `ligne ${line}`, v.code_rome || null, `code ROME invalide « ${v.code_rome} » : ${code.error.issues.map((i) => i.message).join(' ; ')}`);
      continue;
    }
    const previous = drafts.get(code.data);
    if (previous) {
      report.reject(file, `ligne ${line}`, code.data, `code ROME en double (déjà défini ligne ${previous.line})`);
      continue;
    }
    let eco = ecologicalTransition(v.transition_eco);
    if (!eco) {
      report.warn(file, `ligne ${line}`, code.data, `transition écologique inconnue « ${v.transition_eco} » : « aucun » retenu`);
      eco = 'aucun';
    }
    drafts.set(code.data, {
      line,
      label: displayText(v.libelle_rome),
      ecologicalTransition: eco,
      digitalTransition: isYes(v.transition_num),
      appellations: [],
      definition: [],
      access: [],
      related: [],
      skills: { savoirFaire: [], savoirEtre: [], savoirs: [] },
      workContexts: [],
    });
  }
  return drafts;
}

/** La fiche d'un enregistrement lié, ou null (rejet) si le code ROME est inconnu ou a été rejeté. */
function draftFor(drafts: Map<string, Draft>, code: string, report: ReportBuilder, file: string, line: number, id: string): Draft | null {
  const draft = drafts.get(code);
  if (!draft) report.reject(file, `ligne ${line}`, id, `fiche ROME inconnue ou rejetée : « ${code} »`);
  return draft ?? null;
}

async function readAppellations(file: string, drafts: Map<string, Draft>, report: ReportBuilder): Promise<void> {
  const columns = {
    required: ['code_ogr', 'libelle_appellation_long', 'code_rome'],
    optional: ['libelle_appellation_court', 'classification', 'peu_usite'],
  } as const;
  const seen = new Map<string, number>();
  for await (const { line, values: v } of readCsv(file, ',', columns, report)) {
    const draft = draftFor(drafts, v.code_rome, report, file, line, v.code_ogr);
    if (!draft) continue;
    const previous = seen.get(v.code_ogr);
    if (previous !== undefined) {
      report.reject(file, `ligne ${line}`, v.code_ogr, `appellation en double (code OGR déjà vu ligne ${previous})`);
      continue;
    }
    const parsed = Appellation.safeParse({
      code: v.code_ogr,
      label: displayText(v.libelle_appellation_long),
      shortLabel: displayText(v.libelle_appellation_court) || null,
      main: v.classification.toUpperCase() === 'PRINCIPALE',
      rare: isYes(v.peu_usite),
    });
    if (!parsed.success) {
      report.reject(file, `ligne ${line}`, v.code_ogr || null, zodReason(parsed.error));
      continue;
    }
    seen.set(v.code_ogr, line);
    draft.appellations.push(parsed.data);
  }
}

async function readTexts(file: string, drafts: Map<string, Draft>, report: ReportBuilder): Promise<void> {
  const columns = { required: ['code_rome', 'libelle_type_texte', 'position_phrase', 'libelle_texte'] } as const;
  const unknownTypes = new Set<string>();
  for await (const { line, values: v } of readCsv(file, ',', columns, report)) {
    const draft = draftFor(drafts, v.code_rome, report, file, line, v.code_rome);
    if (!draft) continue;
    const position = Number(v.position_phrase);
    const text = displayText(unescapeSqlQuotes(v.libelle_texte));
    if (!Number.isInteger(position) || text === '') {
      report.reject(file, `ligne ${line}`, v.code_rome, !text ? 'phrase vide' : `position de phrase invalide « ${v.position_phrase} »`);
      continue;
    }
    const type = foldKey(v.libelle_type_texte);
    if (type === 'definition') draft.definition.push([position, text]);
    else if (type === 'acces_metier') draft.access.push([position, text]);
    else if (!unknownTypes.has(type)) {
      unknownTypes.add(type);
      report.warn(file, `ligne ${line}`, v.code_rome, `type de texte non repris « ${v.libelle_type_texte} »`);
    }
  }
}

async function readMobility(file: string, drafts: Map<string, Draft>, report: ReportBuilder): Promise<void> {
  const columns = { required: ['code_rome', 'code_rome_cible'], optional: ['numero_ordre'] } as const;
  for await (const { line, values: v } of readCsv(file, ',', columns, report)) {
    const id = `${v.code_rome} → ${v.code_rome_cible}`;
    const draft = draftFor(drafts, v.code_rome, report, file, line, id);
    if (!draft) continue;
    if (!drafts.has(v.code_rome_cible) || v.code_rome_cible === v.code_rome) {
      report.reject(file, `ligne ${line}`, id, `métier cible inconnu, rejeté ou identique : « ${v.code_rome_cible} »`);
      continue;
    }
    // Sans numéro d'ordre lisible, le métier proche passe en dernier.
    const order = v.numero_ordre === '' ? NaN : Number(v.numero_ordre);
    draft.related.push([Number.isFinite(order) ? order : Number.MAX_SAFE_INTEGER, v.code_rome_cible]);
  }
}

type SkillTarget =
  | { kind: 'savoirFaire' | 'savoirEtre' | 'savoirs'; skill: Skill }
  | { kind: 'workContext'; context: WorkContext };

/** Compétences, savoirs et contextes, reliés aux fiches par `unix_coherence_item` (code_rome, code_ogr). */
async function readSkills(
  coherenceFile: string,
  files: Partial<Record<RomeFile, string>>,
  drafts: Map<string, Draft>,
  report: ReportBuilder,
  dir: string,
): Promise<void> {
  const items = new Map<string, SkillTarget>();
  const referential = async <K extends string>(
    kind: RomeFile,
    columns: { required: readonly K[]; optional?: readonly K[] },
    add: (v: Record<K, string>) => [string, SkillTarget],
  ) => {
    const file = files[kind];
    if (!file) {
      report.warn(dir, 'dossier', null, `fichier absent : ${patternOf(kind)} — les liens vers ce référentiel seront rejetés`);
      return;
    }
    report.file(file);
    for await (const { values } of readCsv(file, ',', columns, report)) items.set(...add(values));
  };
  await referential('competence', { required: ['code_ogr', 'libelle_competence', 'cat_comp'], optional: ['sous_cat_comp'] }, (v) => [
    v.code_ogr,
    {
      kind: foldKey(v.cat_comp).startsWith('savoir_etre') ? 'savoirEtre' : 'savoirFaire',
      skill: { code: v.code_ogr, label: displayText(v.libelle_competence), category: v.sous_cat_comp || null },
    },
  ]);
  await referential('savoir', { required: ['code_ogr_savoir', 'libelle_savoir'], optional: ['categorie_savoir'] }, (v) => [
    v.code_ogr_savoir,
    { kind: 'savoirs', skill: { code: v.code_ogr_savoir, label: displayText(v.libelle_savoir), category: v.categorie_savoir || null } },
  ]);
  await referential('contexte', { required: ['code_ogr', 'libelle_cont_travail'], optional: ['libelle_type_cont_trav'] }, (v) => [
    v.code_ogr,
    { kind: 'workContext', context: { label: displayText(v.libelle_cont_travail), type: v.libelle_type_cont_trav || null } },
  ]);

  report.file(coherenceFile);
  for await (const { line, values: v } of readCsv(coherenceFile, ',', { required: ['code_rome', 'code_ogr'] }, report)) {
    const id = `${v.code_rome} → ${v.code_ogr}`;
    const draft = draftFor(drafts, v.code_rome, report, coherenceFile, line, id);
    if (!draft) continue;
    const item = items.get(v.code_ogr);
    if (!item) report.reject(coherenceFile, `ligne ${line}`, id, `élément inconnu des référentiels compétences, savoirs et contextes : « ${v.code_ogr} »`);
    else if (item.kind === 'workContext') draft.workContexts.push(item.context);
    else draft.skills[item.kind].push(item.skill);
  }
}
