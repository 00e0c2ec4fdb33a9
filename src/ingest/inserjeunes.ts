/**
 * Import des taux d'insertion : InserJeunes (ci-dessous) et InserSup (`importInserSup`, en fin de fichier).
 *
 * InserJeunes (ministères de l'Éducation nationale et du Travail, DEPP / Dares) publie deux formes de
 * fichier, reconnues d'après leur ligne d'en-tête (intitulés comparés sans casse, accents ni ponctuation) :
 *
 * 1. **Par établissement** (`fr-en-inserjeunes-cfa.csv`, open data de l'Éducation nationale) : une ligne
 *    par CFA (UAI) et période. Colonnes lues :
 *
 *    | colonne                 | champ InsertionStat                                           |
 *    |-------------------------|---------------------------------------------------------------|
 *    | Année (obligatoire)     | vintage + cumulative (« cumul 2023-2024 » → 2023-2024, cumul) |
 *    | UAI (obligatoire)       | uai (7 chiffres et une lettre)                                |
 *    | Région (obligatoire)    | region (nom en capitales → code INSEE ; filtre)               |
 *    | Taux emploi 6 mois (obl.) | employmentRate6m                                            |
 *    | Taux emploi 12 mois     | employmentRate12m                                             |
 *    | Taux poursuite études   | furtherStudyRate                                              |
 *    | Libellé                 | establishment                                                 |
 *
 *    Périmètre `etablissement` : le taux réunit tous les apprentis du CFA, toutes formations
 *    confondues ; le fichier ne publie pas de nombre de sortants (leavers = null). Les autres
 *    colonnes (« DEVENIR … », valeur ajoutée, taux attendu, 18 et 24 mois) ne sont pas reprises.
 *
 * 2. **Par région × formation × voie** (`ij_region_data.csv`) : une ligne par millésime, région,
 *    voie et formation. Colonnes lues :
 *
 *    | colonne                  | champ InsertionStat                                          |
 *    |--------------------------|--------------------------------------------------------------|
 *    | millesime (obligatoire)  | vintage (« 2022_2023 » → « 2022-2023 »)                      |
 *    | code_region (obl.)       | region (code INSEE, 52 = Pays de la Loire ; vide → national) |
 *    | voie (obl.)              | route (apprentissage ou scolaire)                            |
 *    | cfd, mefstat11 (obl.)    | diplomaCode (CFD, apprentissage), mefstat11 (voie scolaire)  |
 *    | nb_sortant (obl.)        | leavers                                                      |
 *    | taux_emploi_6_mois (obl.)| employmentRate6m                                             |
 *    | taux_emploi_12_mois      | employmentRate12m                                            |
 *    | taux_poursuite_etudes    | furtherStudyRate                                             |
 *    | id                       | (identifiant de la ligne dans le rapport)                    |
 *
 *    Périmètre `region` (ou `national` sans code région). `code_region_ij` (code propre au
 *    ministère) et les comptes `nb_*` autres que `nb_sortant` ne sont pas repris.
 *
 * Dans les deux formes : séparateur « ; » ou « , » (d'après l'en-tête), UTF-8 avec ou sans BOM,
 * CRLF ou LF, point ou virgule décimale ; « nd », « na », « * » et vide = valeur absente. Une ligne
 * dont une valeur est invalide (taux hors de 0 à 100, code mal formé…) est rejetée dans le rapport
 * avec son numéro et toutes ses raisons ; une ligne sans aucun chiffre publié aussi. Les lignes
 * d'autres régions que celles demandées (Pays de la Loire par défaut) sont écartées et comptées.
 *
 * Rattachement à l'offre LHEO (`countInsertionLinks`, règle dans src/domain/insertion.ts) : le CFD
 * d'une formation (`<extra info="cfd">`, ou déduit de son code RNCP), son MEFSTAT11
 * (`<extra info="mefstat11">`), l'UAI de l'organisme ; ce qui ne se rattache pas est compté.
 */
import path from 'node:path';
import { countInsertionLinks, InsertionStat, type InsertionRoute, type InsertionScope } from '../domain/insertion';
import { regionName } from '../domain/insertion';
import type { Offer } from '../domain/offer';
import { z } from '../domain/zod';
import { readJsonFile } from './anotea';
import { foldKey } from './csv';
import { readFlatCsv, type FlatCsvHeader } from './flat-csv';
import { ImportFatalError, zodReason, type ReportBuilder } from './report';

/** Pays de la Loire : code INSEE de la région. */
export const PAYS_DE_LA_LOIRE: readonly string[] = ['52'];

export interface InserJeunesOptions {
  /** Régions conservées (code INSEE ou nom, sans casse ni accents) ; null : toutes. */
  regions?: readonly string[] | null;
  /** Le fichier vient du générateur de démonstration : ses chiffres sont marqués `demo`. */
  demo?: boolean;
}

const ABSENT = new Set(['', 'nd', 'na', '*']);
const NUMBER = /^-?\d+(\.\d+)?$/;
/** Longueur maximale d'une valeur lue comme un nombre ou un code (au-delà : invalide sans analyse). */
const MAX_VALUE_CHARS = 32;
/** Longueur maximale gardée d'un nom d'établissement. */
const MAX_LABEL_CHARS = 200;

/**
 * Nombre écrit à la française ou à l'anglaise (« 54,6 », « 57.0 », « 1 234 », « 12 % ») ; null pour
 * « nd », « na », « * » ou vide ; undefined si la valeur n'est pas un nombre.
 */
export function parseFrenchNumber(value: string): number | null | undefined {
  if (value.length > MAX_VALUE_CHARS) return undefined;
  const compact = value.replace(/\s/g, '').replace(/%$/, '').replace(',', '.');
  if (ABSENT.has(compact.toLowerCase())) return null;
  return NUMBER.test(compact) ? Number(compact) : undefined;
}

/** Une valeur reprise dans un message du rapport, raccourcie. */
function shown(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

const RATE_LABELS = {
  employmentRate6m: 'taux d’emploi à 6 mois',
  employmentRate12m: 'taux d’emploi à 12 mois',
  furtherStudyRate: 'taux de poursuite d’études',
} as const;
type RateField = keyof typeof RATE_LABELS;

function readRates(raw: Record<RateField, string>, problems: string[]): Record<RateField, number | null> {
  const rates: Record<RateField, number | null> = { employmentRate6m: null, employmentRate12m: null, furtherStudyRate: null };
  for (const [field, label] of Object.entries(RATE_LABELS) as [RateField, string][]) {
    const rate = parseFrenchNumber(raw[field]);
    if (rate === undefined) problems.push(`${label} non numérique « ${shown(raw[field])} »`);
    else if (rate !== null && (rate < 0 || rate > 100)) problems.push(`${label} hors de 0 à 100 : ${shown(raw[field])}`);
    else rates[field] = rate;
  }
  return rates;
}

function readLeavers(raw: string, problems: string[], required: boolean): number | null {
  const leavers = parseFrenchNumber(raw);
  if (leavers === null) {
    if (required) problems.push(raw ? `nombre de sortants absent (« ${shown(raw)} »)` : 'nombre de sortants absent');
    return null;
  }
  if (leavers === undefined || !Number.isInteger(leavers) || leavers < 0) {
    problems.push(`nombre de sortants invalide « ${shown(raw)} » (entier positif attendu)`);
    return null;
  }
  return leavers;
}

/** « cumul 2023-2024 » → { 2023-2024, cumul } ; « 2022_2023 » → 2022-2023 ; « 2023 » → 2023. */
function readVintage(raw: string, problems: string[]): { vintage: string; cumulative: boolean } {
  const lower = raw.toLowerCase();
  const cumulative = lower.startsWith('cumul ');
  const vintage = (cumulative ? lower.slice('cumul '.length).trim() : lower).replace(/[_/]/g, '-');
  if (!raw) problems.push('millésime absent');
  else if (raw.length > MAX_VALUE_CHARS || !/^\d{4}(-\d{4})?$/.test(vintage)) problems.push(`millésime invalide « ${shown(raw)} » (attendu : 2022_2023, 2023 ou cumul 2023-2024)`);
  return { vintage, cumulative };
}

const UAI = /^\d{7}[A-Z]$/;
const CFD = /^[0-9A-Z]{8}$/;
const MEFSTAT11 = /^\d{11}$/;
const REGION_CODE = /^\d{2}$/;

/** Codes INSEE des régions, par nom replié (« PAYS DE LA LOIRE » → 52). */
const REGION_CODES_BY_NAME: ReadonlyMap<string, string> = new Map(
  ['01', '02', '03', '04', '06', '11', '24', '27', '28', '32', '44', '52', '53', '75', '76', '84', '93', '94'].map((code) => [foldKey(regionName(code) as string), code]),
);

/** Un code INSEE de région d'après un code ou un nom (« Pays de la Loire », « PAYS-DE-LA-LOIRE », « 52 ») ; sinon le nom replié. */
function regionKey(value: string): string {
  const folded = foldKey(value);
  return REGION_CODES_BY_NAME.get(folded) ?? folded;
}

// ---------------------------------------------------------------------------------------------
// Formes de fichier
// ---------------------------------------------------------------------------------------------

interface Shape<K extends string> {
  name: string;
  /** Le fichier officiel de cette forme, pour les messages. */
  example: string;
  required: readonly K[];
  optional: readonly K[];
}

const ESTABLISHMENT_SHAPE: Shape<'annee' | 'uai' | 'region' | 'taux_emploi_6_mois' | 'taux_emploi_12_mois' | 'taux_poursuite_etudes' | 'libelle'> = {
  name: 'par établissement (CFA)',
  example: 'fr-en-inserjeunes-cfa.csv : Année;UAI;Libellé;Région;…;Taux poursuite études;Taux emploi 6 mois;…;Taux emploi 12 mois;…',
  required: ['annee', 'uai', 'region', 'taux_emploi_6_mois'],
  optional: ['taux_emploi_12_mois', 'taux_poursuite_etudes', 'libelle'],
};

const REGION_SHAPE: Shape<'millesime' | 'code_region' | 'voie' | 'cfd' | 'mefstat11' | 'nb_sortant' | 'taux_emploi_6_mois' | 'taux_emploi_12_mois' | 'taux_poursuite_etudes' | 'id'> = {
  name: 'par région × formation × voie',
  example: 'ij_region_data.csv : id;millesime;code_region_ij;code_region;voie;cfd;mefstat11;…;nb_sortant;…;taux_emploi_6_mois;taux_poursuite_etudes',
  required: ['millesime', 'code_region', 'voie', 'cfd', 'mefstat11', 'nb_sortant', 'taux_emploi_6_mois'],
  optional: ['taux_emploi_12_mois', 'taux_poursuite_etudes', 'id'],
};

type Indexed<K extends string> = { shape: Shape<K>; index: Map<K, number>; missing: K[] };

function indexHeader<K extends string>(shape: Shape<K>, folded: Map<string, number>): Indexed<K> {
  const index = new Map<K, number>();
  const missing: K[] = [];
  for (const column of [...shape.required, ...shape.optional]) {
    const i = folded.get(column);
    if (i !== undefined) index.set(column, i);
    else if (shape.required.includes(column)) missing.push(column);
  }
  return { shape, index, missing };
}

function valuesOf<K extends string>(cells: readonly string[], index: Map<K, number>, columns: readonly K[]): Record<K, string> {
  const values = {} as Record<K, string>;
  for (const column of columns) {
    const i = index.get(column);
    values[column] = i === undefined ? '' : (cells[i] ?? '');
  }
  return values;
}

/** Valide et dédoublonne les statistiques d'un fichier ; chaque problème est rejeté dans le rapport. */
function collector(file: string, report: ReportBuilder) {
  const stats: InsertionStat[] = [];
  const seen = new Map<string, string>();
  return {
    stats,
    add(candidate: Record<string, unknown>, key: string, position: string, id: string | null): void {
      const previous = seen.get(key);
      if (previous !== undefined) {
        report.reject(file, position, id, `doublon de « ${previous} » (même période, périmètre et clé)`);
        return;
      }
      const parsed = InsertionStat.safeParse(candidate);
      if (!parsed.success) {
        report.reject(file, position, id, zodReason(parsed.error));
        return;
      }
      seen.set(key, position);
      stats.push(parsed.data);
    },
  };
}

/**
 * Importe un fichier InserJeunes (l'une des deux formes officielles, reconnue d'après l'en-tête) ;
 * chaque ligne invalide est rejetée dans le rapport avec son numéro. Lève ImportFatalError pour un
 * fichier illisible ou un en-tête inconnu.
 */
export async function importInserJeunes(file: string, report: ReportBuilder, options: InserJeunesOptions = {}): Promise<InsertionStat[]> {
  report.file(file);
  const regions = options.regions === undefined ? PAYS_DE_LA_LOIRE : options.regions;
  const kept = regions && new Set(regions.map(regionKey));
  const demo = options.demo ?? false;
  const { stats, add } = collector(file, report);
  let otherRegions = 0;
  let shape: Indexed<string> | null = null;
  let read = 0;

  const onHeader = (header: FlatCsvHeader) => {
    const folded = new Map<string, number>();
    header.cells.forEach((cell, i) => {
      const key = foldKey(cell);
      if (key && !folded.has(key)) folded.set(key, i);
    });
    const candidates = [indexHeader(ESTABLISHMENT_SHAPE, folded), indexHeader(REGION_SHAPE, folded)];
    const found = candidates.find((c) => c.missing.length === 0);
    if (found) {
      shape = found as Indexed<string>;
      return;
    }
    const closest = [...candidates].sort((a, b) => a.missing.length / a.shape.required.length - b.missing.length / b.shape.required.length)[0] as Indexed<string>;
    const line = header.cells.join(header.delimiter);
    throw new ImportFatalError(
      `Format inattendu : ${file} — en-tête InserJeunes non reconnu (séparateur lu : « ${header.delimiter} »). ` +
        `Formes acceptées : ${ESTABLISHMENT_SHAPE.name} (${ESTABLISHMENT_SHAPE.example}) ou ${REGION_SHAPE.name} (${REGION_SHAPE.example}). ` +
        `Pour la forme ${closest.shape.name}, il manque : ${closest.missing.join(', ')}. En-tête lu : « ${line.length > 200 ? `${line.slice(0, 200)}…` : line} ».`,
      file,
    );
  };

  for await (const { line, cells } of readFlatCsv(file, { delimiters: [';', ','] }, report, onHeader)) {
    read += 1;
    const current = shape as Indexed<string> | null;
    if (current === null) continue;
    const position = `ligne ${line}`;
    const problems: string[] = [];

    if (current.shape === (ESTABLISHMENT_SHAPE as Shape<string>)) {
      const v = valuesOf(cells, current.index as Map<(typeof ESTABLISHMENT_SHAPE.required)[number] | (typeof ESTABLISHMENT_SHAPE.optional)[number], number>, [
        ...ESTABLISHMENT_SHAPE.required,
        ...ESTABLISHMENT_SHAPE.optional,
      ]);
      const region = v.region.length > MAX_LABEL_CHARS ? '' : regionKey(v.region);
      if (kept && region && !kept.has(region)) {
        otherRegions += 1;
        continue;
      }
      const uai = v.uai.toUpperCase();
      const id = [shown(v.annee), shown(v.uai)].filter(Boolean).join(' / ') || null;
      const { vintage, cumulative } = readVintage(v.annee, problems);
      if (!v.uai) problems.push('UAI absent');
      else if (!UAI.test(uai)) problems.push(`UAI invalide « ${shown(v.uai)} » (attendu : 7 chiffres et une lettre)`);
      if (!region) problems.push(v.region ? `région invalide « ${shown(v.region)} »` : 'région absente');
      const rates = readRates({ employmentRate6m: v.taux_emploi_6_mois, employmentRate12m: v.taux_emploi_12_mois, furtherStudyRate: v.taux_poursuite_etudes }, problems);
      if (problems.length === 0 && Object.values(rates).every((r) => r === null)) problems.push('aucun taux publié pour cet établissement');
      if (problems.length > 0) {
        report.reject(file, position, id, problems.join(' ; '));
        continue;
      }
      const label = v.libelle.length > MAX_LABEL_CHARS ? `${v.libelle.slice(0, MAX_LABEL_CHARS)}…` : v.libelle;
      const scope: InsertionScope = 'etablissement';
      add(
        { source: 'inserjeunes', vintage, cumulative, scope, region: REGION_CODE.test(region) ? region : null, uai, establishment: label || null, leavers: null, ...rates, demo },
        [scope, vintage, cumulative, uai].join('|'),
        position,
        id,
      );
      continue;
    }

    const v = valuesOf(cells, current.index as Map<(typeof REGION_SHAPE.required)[number] | (typeof REGION_SHAPE.optional)[number], number>, [...REGION_SHAPE.required, ...REGION_SHAPE.optional]);
    const regionCode = v.code_region;
    // Un code trop long n'est pas replié (il sera rejeté comme invalide) : le repli coûte sa longueur.
    if (kept && regionCode && regionCode.length <= MAX_VALUE_CHARS && !kept.has(regionKey(regionCode))) {
      otherRegions += 1;
      continue;
    }
    const cfd = v.cfd.toUpperCase();
    const id = v.id && v.id.length <= 80 ? v.id : [shown(v.millesime), shown(regionCode), shown(v.voie), shown(v.cfd || v.mefstat11)].filter(Boolean).join(' / ') || null;
    const { vintage, cumulative } = readVintage(v.millesime, problems);
    if (regionCode && !REGION_CODE.test(regionCode)) problems.push(`code région invalide « ${shown(regionCode)} » (code INSEE à 2 chiffres attendu)`);
    const voie = foldKey(v.voie.slice(0, MAX_VALUE_CHARS));
    let route: InsertionRoute | null = null;
    if (voie === 'apprentissage' || voie === 'scolaire') route = voie;
    else if (v.voie) problems.push(`voie inconnue « ${shown(v.voie)} » (attendu : apprentissage ou scolaire)`);
    if (!v.cfd && !v.mefstat11) problems.push('ni code CFD ni code MEFSTAT11');
    if (v.cfd && !CFD.test(cfd)) problems.push(`code CFD invalide « ${shown(v.cfd)} » (8 chiffres ou lettres attendus)`);
    if (v.mefstat11 && !MEFSTAT11.test(v.mefstat11)) problems.push(`code MEFSTAT11 invalide « ${shown(v.mefstat11)} » (11 chiffres attendus)`);
    const leavers = readLeavers(v.nb_sortant, problems, false);
    const rates = readRates({ employmentRate6m: v.taux_emploi_6_mois, employmentRate12m: v.taux_emploi_12_mois, furtherStudyRate: v.taux_poursuite_etudes }, problems);
    if (problems.length === 0 && leavers === null && Object.values(rates).every((r) => r === null)) problems.push('aucun chiffre publié (ni nombre de sortants ni taux)');
    if (problems.length > 0) {
      report.reject(file, position, id, problems.join(' ; '));
      continue;
    }
    const scope: InsertionScope = regionCode ? 'region' : 'national';
    add(
      { source: 'inserjeunes', vintage, cumulative, scope, route, region: regionCode || null, diplomaCode: cfd || null, mefstat11: v.mefstat11 || null, leavers, ...rates, demo },
      [scope, vintage, cumulative, regionCode, route, cfd, v.mefstat11].join('|'),
      position,
      id,
    );
  }

  const name = (shape as Indexed<string> | null)?.shape.name ?? 'inconnue';
  report.accept('insertion', stats.length);
  report.count(`${path.basename(file)} : lignes de données bien formées`, read);
  report.count(`${path.basename(file)} : statistiques gardées (${name})`, stats.length);
  if (otherRegions > 0) {
    report.count(`${path.basename(file)} : lignes d’autres régions écartées`, otherRegions);
    report.warn(file, 'fichier', null, `${otherRegions} ligne(s) d’autres régions écartée(s) (régions retenues : ${regions?.map((r) => regionName(r) ?? r).join(', ')})`);
  }
  return stats;
}

/**
 * Importe plusieurs fichiers InserJeunes dans un même rapport, puis, si l'offre est donnée, compte ce
 * qui s'y rattache (actions avec un chiffre, par périmètre) et ce qui ne s'y rattache pas.
 */
export async function importInserJeunesFiles(files: readonly string[], report: ReportBuilder, options: InserJeunesOptions & { offer?: Offer } = {}): Promise<InsertionStat[]> {
  let stats: InsertionStat[] = [];
  for (const file of files) stats = stats.concat(await importInserJeunes(file, report, options));
  if (options.offer) reportInsertionLinks(options.offer, stats, report);
  return stats;
}

/** Écrit dans le rapport le rattachement des statistiques à l'offre. */
export function reportInsertionLinks(offer: Offer, stats: readonly InsertionStat[], report: ReportBuilder): void {
  const c = countInsertionLinks(offer, stats);
  report.count('statistiques rattachées à l’offre', c.linkedStats);
  report.count('statistiques sans formation correspondante dans l’offre', c.unlinkedStats);
  report.count('actions de l’offre', c.actions);
  report.count('actions avec un chiffre d’insertion', c.actionsWithStats);
  report.count('actions avec un chiffre par établissement (UAI)', c.actionsByScope.etablissement);
  report.count('actions avec un chiffre par diplôme dans la région (CFD ou MEFSTAT11)', c.actionsByScope.region);
  report.count('actions avec un chiffre par diplôme en France', c.actionsByScope.national);
  report.count('actions avec un chiffre par diplôme dans l’établissement', c.actionsByScope['etablissement-formation']);
  report.count('actions rattachées par un CFD déduit de leur code RNCP', c.actionsViaRncp);
  const share = c.actions === 0 ? 0 : Math.round((100 * c.actionsWithStats) / c.actions);
  report.warn(
    'offre',
    'rattachement',
    null,
    `${c.unlinkedStats} statistique(s) sur ${stats.length} ne correspondent à aucune action de l’offre (CFD, MEFSTAT11 ou UAI absents de l’offre) ; ` +
      `${c.actionsWithStats} action(s) sur ${c.actions} (${share} %) ont au moins un chiffre d’insertion.`,
  );
}

/** Valeurs brutes (texte, vide si absent) d'un enregistrement InserSup. */
type RawSupStat = { vintage: string; uai: string; diplomaCode: string; leavers: string } & Record<RateField, string>;

/** InserSup : un diplôme dans un établissement, nombre de sortants obligatoire. */
function supCollector(file: string, report: ReportBuilder) {
  const { stats, add } = collector(file, report);
  return {
    stats,
    add(raw: RawSupStat, position: string, id: string | null): void {
      const problems: string[] = [];
      const { vintage, cumulative } = readVintage(raw.vintage, problems);
      if (!raw.diplomaCode) problems.push('code de certification absent');
      const uai = raw.uai.toUpperCase();
      if (uai && !UAI.test(uai)) problems.push(`UAI invalide « ${shown(raw.uai)} » (attendu : 7 chiffres et une lettre)`);
      const leavers = readLeavers(raw.leavers, problems, true);
      const rates = readRates(raw, problems);
      if (problems.length > 0) {
        report.reject(file, position, id, problems.join(' ; '));
        return;
      }
      const scope: InsertionScope = uai ? 'etablissement-formation' : 'national';
      add({ source: 'insersup', vintage, cumulative, scope, diplomaCode: raw.diplomaCode, uai: uai || null, leavers, ...rates }, [vintage, scope, uai, raw.diplomaCode].join('|'), position, id);
    },
  };
}

/**
 * InserSup (SIES, insertion des diplômés du supérieur), deux formes JSON :
 * - réponse de l'ancienne API `{ results: [...] }`, un enregistrement par diplôme et établissement :
 *   annee_universitaire → vintage, etablissement → uai, diplome → diplomaCode, nb_sortants → leavers,
 *   taux_in_dsn_6 / taux_in_dsn_12 → employmentRate6m / 12m, taux_poursuivant → furtherStudyRate ;
 * - tableau « à plat » de l'open data, un enregistrement par diplôme, établissement et délai (`date_inser`
 *   en mois) : promo (« 2020 », « 2021 ») → vintage « 2020-2021 », taux d'emploi salarié en France
 *   (`tx_sortants_en_emploi_sal_fr`, anciennement `taux_emploi_sal_fr`) à 6 et 12 mois ; pas de taux de
 *   poursuite d'études. Seuls les enregistrements « ensemble » (genre, nationalité, obtention du diplôme)
 *   sont repris, les ventilations sont écartées.
 * Nombres en texte, virgule ou point décimal ; « na », « nd », vide ou null → absent ; toute autre valeur
 * non numérique d'un champ repris (« - », « 130 * ») est rejetée avec l'enregistrement.
 */
export async function importInserSup(file: string, report: ReportBuilder): Promise<InsertionStat[]> {
  report.file(file);
  const data = await readJsonFile(file, report);
  const records = z.array(z.record(z.string(), z.unknown()));
  const api = z.object({ results: records }).safeParse(data);
  const flat = records.safeParse(data);
  const { stats, add } = supCollector(file, report);
  const text = (value: unknown) => (value === null || value === undefined ? '' : String(value).trim());

  if (api.success) {
    api.data.results.forEach((r, i) =>
      add(
        {
          vintage: text(r.annee_universitaire),
          uai: text(r.etablissement),
          diplomaCode: text(r.diplome),
          leavers: text(r.nb_sortants),
          employmentRate6m: text(r.taux_in_dsn_6),
          employmentRate12m: text(r.taux_in_dsn_12),
          furtherStudyRate: text(r.taux_poursuivant),
        },
        `results[${i}]`,
        text(r.diplome) || null,
      ),
    );
  } else if (flat.success) {
    const groups = new Map<string, { index: number; record: Record<string, unknown>; byDelay: Map<string, string> }>();
    let breakdowns = 0;
    flat.data.forEach((r, i) => {
      if (['genre', 'nationalite', 'obtention_diplome'].some((k) => r[k] != null && foldKey(text(r[k])) !== 'ensemble')) {
        breakdowns += 1;
        return;
      }
      const promo = Array.isArray(r.promo) ? r.promo.map(text).join('-') : text(r.promo);
      const key = [promo, text(r.etablissement), text(r.diplome)].join('|');
      const group = groups.get(key) ?? { index: i, record: { ...r, promo }, byDelay: new Map<string, string>() };
      groups.set(key, group);
      const rate = 'tx_sortants_en_emploi_sal_fr' in r ? r.tx_sortants_en_emploi_sal_fr : r.taux_emploi_sal_fr;
      group.byDelay.set(text(r.date_inser), text(rate));
    });
    for (const { index, record: r, byDelay } of groups.values()) {
      add(
        {
          vintage: text(r.promo),
          uai: text(r.etablissement),
          diplomaCode: text(r.diplome),
          leavers: text(r.nb_sortants),
          employmentRate6m: byDelay.get('6') ?? '',
          employmentRate12m: byDelay.get('12') ?? '',
          furtherStudyRate: '',
        },
        `enregistrement n°${index + 1}`,
        text(r.diplome) || null,
      );
    }
    if (breakdowns > 0) report.warn(file, 'fichier', null, `${breakdowns} enregistrement(s) ventilé(s) par genre, nationalité ou obtention du diplôme écarté(s)`);
  } else {
    throw new ImportFatalError(`Format inattendu : ${file} n’est ni une réponse { "results": [...] } ni un tableau d’enregistrements InserSup.`, file);
  }
  report.accept('insertion', stats.length);
  return stats;
}
