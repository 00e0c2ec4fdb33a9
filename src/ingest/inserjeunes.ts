/**
 * Import des taux d'insertion : InserJeunes (ci-dessous) et InserSup (`importInserSup`, en fin de fichier).
 *
 * InserJeunes (DEPP / Dares), fichier CSV open data :
 * séparateur « ; », UTF-8 (BOM tolérée), virgule décimale, « nd » / « na » / vide = valeur absente,
 * taux en pourcentage (0 à 100).
 *
 * Correspondance des colonnes (intitulés comparés sans casse, accents ni ponctuation ;
 * le format canonique est celui qu'écrit aussi notre générateur de démonstration) :
 *
 * | colonne canonique        | intitulés acceptés en plus                                   | champ InsertionStat |
 * |--------------------------|--------------------------------------------------------------|---------------------|
 * | millesime (obligatoire)  | Année, Millésimes                                            | vintage (« 2022_2023 » → « 2022-2023 ») |
 * | code_certification (obl.)| Code formation diplôme, Code formation, Code diplôme, CFD    | diplomaCode         |
 * | nb_sortant (obligatoire) | nb_sortants, Nombre de sortants, Sortants                    | leavers (entier ; absent → rejet) |
 * | taux_en_emploi_6_mois    | Taux d'emploi 6 mois, Taux d'emploi 6 mois après la sortie   | employmentRate6m    |
 * | taux_en_emploi_12_mois   | Taux d'emploi 12 mois, Taux d'emploi 12 mois après la sortie | employmentRate12m   |
 * | taux_en_formation        | Taux de poursuite d'études, Taux en poursuite d'études       | furtherStudyRate    |
 * | uai (facultative)        | Code UAI, UAI établissement, Numéro UAI                      | uai                 |
 * | region (facultative)     | Région, Libellé région, Nom région, Code région              | (périmètre, filtre) |
 * | libelle_formation (fac.) | Libellé de la formation, Libellé formation diplôme           | (non repris)        |
 *
 * Les trois colonnes de taux sont obligatoires (valeurs vides permises). Périmètre :
 * « etablissement-formation » si l'UAI est renseigné, « region » si seule la région l'est,
 * « national » sinon. `InsertionStat` ne porte pas la région : les lignes d'une autre région que
 * celles demandées (Pays de la Loire par défaut) sont écartées, avec un avertissement global.
 */
import { InsertionStat } from '../domain/insertion';
import { z } from '../domain/zod';
import { readJsonFile } from './anotea';
import { foldKey, readCsv } from './csv';
import { ImportFatalError, zodReason, type ReportBuilder } from './report';

const COLUMNS = {
  required: ['millesime', 'code_certification', 'nb_sortant', 'taux_en_emploi_6_mois', 'taux_en_emploi_12_mois', 'taux_en_formation'],
  optional: ['uai', 'region', 'libelle_formation'],
  aliases: {
    millesime: ['annee', 'millesimes'],
    code_certification: ['code_formation_diplome', 'code_formation', 'code_diplome', 'cfd'],
    nb_sortant: ['nb_sortants', 'nombre_de_sortants', 'sortants'],
    taux_en_emploi_6_mois: ["taux_d_emploi_6_mois", "taux_d_emploi_6_mois_apres_la_sortie"],
    taux_en_emploi_12_mois: ["taux_d_emploi_12_mois", "taux_d_emploi_12_mois_apres_la_sortie"],
    taux_en_formation: ["taux_de_poursuite_d_etudes", "taux_en_poursuite_d_etudes"],
    uai: ['code_uai', 'uai_etablissement', 'numero_uai'],
    region: ['libelle_region', 'nom_region', 'code_region'],
    libelle_formation: ['libelle_de_la_formation', 'libelle_formation_diplome'],
  },
} as const;

/** Pays de la Loire : code INSEE ou nom de la région. */
export const PAYS_DE_LA_LOIRE: readonly string[] = ['52', 'Pays de la Loire'];

export interface InserJeunesOptions {
  /** Régions conservées (code ou nom, sans casse ni accents) ; null : toutes. */
  regions?: readonly string[] | null;
}

const ABSENT = new Set(['', 'nd', 'na']);
const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Nombre écrit à la française (« 54,6 », « 1 234 », « 12 % ») ; null pour « nd », « na » ou vide ;
 * undefined si la valeur n'est pas un nombre.
 */
export function parseFrenchNumber(value: string): number | null | undefined {
  const compact = value.replace(/\s/g, '').replace(/%$/, '').replace(',', '.');
  if (ABSENT.has(compact.toLowerCase())) return null;
  return NUMBER.test(compact) ? Number(compact) : undefined;
}

const RATE_LABELS = {
  employmentRate6m: 'taux d’emploi à 6 mois',
  employmentRate12m: 'taux d’emploi à 12 mois',
  furtherStudyRate: 'taux de poursuite d’études',
} as const;
type RateField = keyof typeof RATE_LABELS;

/** Valeurs brutes (texte, vide si absent) d'une statistique, communes à InserJeunes et InserSup. */
type RawStat = { vintage: string; uai: string; region: string; diplomaCode: string; leavers: string } & Record<RateField, string>;

/** Valide, dédoublonne et collecte les statistiques d'un fichier ; chaque problème est rejeté dans le rapport. */
function statCollector(source: InsertionStat['source'], file: string, report: ReportBuilder) {
  const stats: InsertionStat[] = [];
  const seen = new Map<string, string>();
  const add = (raw: RawStat, position: string, id: string | null): void => {
    const problems: string[] = [];
    const vintage = raw.vintage.replace(/[_/]/g, '-');
    if (!raw.vintage) problems.push('millésime absent');
    else if (!/^\d{4}(-\d{4})?$/.test(vintage)) problems.push(`millésime invalide « ${raw.vintage} » (attendu : 2023 ou 2022_2023)`);
    if (!raw.diplomaCode) problems.push('code de certification absent');
    const uai = raw.uai.toUpperCase();
    if (uai && !/^\d{7}[A-Z]$/.test(uai)) problems.push(`UAI invalide « ${raw.uai} » (attendu : 7 chiffres et une lettre)`);
    const leavers = parseFrenchNumber(raw.leavers);
    if (leavers === null) problems.push(raw.leavers ? `nombre de sortants absent (« ${raw.leavers} »)` : 'nombre de sortants absent');
    else if (leavers === undefined || !Number.isInteger(leavers) || leavers < 0) {
      problems.push(`nombre de sortants invalide « ${raw.leavers} » (entier positif attendu)`);
    }
    const rates: Partial<Record<RateField, number | null>> = {};
    for (const [field, label] of Object.entries(RATE_LABELS) as [RateField, string][]) {
      const rate = parseFrenchNumber(raw[field]);
      if (rate === undefined) problems.push(`${label} non numérique « ${raw[field]} »`);
      else if (rate !== null && (rate < 0 || rate > 100)) problems.push(`${label} hors de 0 à 100 : ${raw[field]}`);
      else rates[field] = rate;
    }
    if (problems.length > 0) {
      report.reject(file, position, id, problems.join(' ; '));
      return;
    }
    const scope = uai ? 'etablissement-formation' : raw.region ? 'region' : 'national';
    const key = [vintage, scope, uai, foldKey(raw.region), raw.diplomaCode].join('|');
    const previous = seen.get(key);
    if (previous !== undefined) {
      report.reject(file, position, id, `doublon de « ${previous} » (même millésime, périmètre et certification)`);
      return;
    }
    const parsed = InsertionStat.safeParse({ source, vintage, scope, diplomaCode: raw.diplomaCode, uai: uai || null, leavers, ...rates });
    if (!parsed.success) {
      report.reject(file, position, id, zodReason(parsed.error));
      return;
    }
    seen.set(key, position);
    stats.push(parsed.data);
  };
  return { stats, add };
}

/** Importe un fichier InserJeunes ; chaque ligne invalide est rejetée dans le rapport avec son numéro. */
export async function importInserJeunes(file: string, report: ReportBuilder, options: InserJeunesOptions = {}): Promise<InsertionStat[]> {
  report.file(file);
  const regions = options.regions === undefined ? PAYS_DE_LA_LOIRE : options.regions;
  const kept = regions && new Set(regions.map(foldKey));
  const { stats, add } = statCollector('inserjeunes', file, report);
  let otherRegions = 0;

  for await (const { line, values: v } of readCsv(file, ';', COLUMNS, report)) {
    if (kept && v.region && !kept.has(foldKey(v.region))) {
      otherRegions += 1;
      continue;
    }
    const id = [v.millesime, v.uai || v.region, v.code_certification].filter(Boolean).join(' / ') || null;
    add(
      {
        vintage: v.millesime,
        uai: v.uai,
        region: v.region,
        diplomaCode: v.code_certification,
        leavers: v.nb_sortant,
        employmentRate6m: v.taux_en_emploi_6_mois,
        employmentRate12m: v.taux_en_emploi_12_mois,
        furtherStudyRate: v.taux_en_formation,
      },
      `ligne ${line}`,
      id,
    );
  }

  report.accept('insertion', stats.length);
  if (otherRegions > 0) {
    report.warn(file, 'fichier', null, `${otherRegions} ligne(s) d’autres régions écartée(s) (régions retenues : ${regions?.join(', ')})`);
  }
  return stats;
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
  const data = await readJsonFile(file);
  const records = z.array(z.record(z.string(), z.unknown()));
  const api = z.object({ results: records }).safeParse(data);
  const flat = records.safeParse(data);
  const { stats, add } = statCollector('insersup', file, report);
  const text = (value: unknown) => (value === null || value === undefined ? '' : String(value).trim());

  if (api.success) {
    api.data.results.forEach((r, i) =>
      add(
        {
          vintage: text(r.annee_universitaire),
          uai: text(r.etablissement),
          region: '',
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
          region: '',
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
