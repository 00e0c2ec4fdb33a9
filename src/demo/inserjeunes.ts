/**
 * Statistiques d'insertion de DÉMONSTRATION (chiffres inventés), écrites dans les deux formes des
 * fichiers officiels InserJeunes, pour que la démo passe par le vrai chemin d'import :
 *
 * - `fr-en-inserjeunes-cfa.csv` (par établissement) : l'en-tête exact du fichier de l'Éducation
 *   nationale, « ; », UTF-8 avec BOM, CRLF, point décimal (« 57.0 »), cellules vides ; une ligne par
 *   CFA de la démo (CFA, CFPPA, GRETA-CFA) et par période « cumul AAAA-AAAA », région en capitales ;
 *   pas de nombre de sortants (le fichier réel n'en a pas) ;
 * - `ij_region_data.csv` (par région × formation × voie) : l'en-tête exact du fichier réel, « ; »,
 *   UTF-8 avec BOM, LF, entiers ; une ligne par CFD en apprentissage et par MEFSTAT11 en voie scolaire,
 *   région 52 (code ministère 17), deux millésimes. Comme dans le fichier réel, les taux sont vides
 *   sous 20 sortants (la règle de diffusion s'applique alors à l'affichage).
 */
import type { Level } from '../domain/levels';
import type { Rng } from './random';

export const CFA_FILE = 'fr-en-inserjeunes-cfa.csv';
export const REGION_FILE = 'ij_region_data.csv';

export const CFA_HEADER =
  'Année;UAI;Libellé;Région;DEVENIR Part poursuite études;DEVENIR Part en emploi 6 mois;DEVENIR Part autre situation 6 mois;' +
  'Part contrats apprentissage interrompus;Taux poursuite études;Taux emploi 6 mois;Taux emploi 6 mois attendu;VA emploi 6 mois;' +
  'Taux emploi 12 mois;Taux emploi 18 mois;Taux emploi 24 mois;num_ligne';
export const REGION_HEADER =
  'id;millesime;code_region_ij;code_region;voie;cfd;mefstat11;nb_annee_term;nb_en_emploi_12_mois;nb_en_emploi_18_mois;' +
  'nb_en_emploi_24_mois;nb_en_emploi_6_mois;nb_poursuite_etudes;nb_sortant;taux_emploi_12_mois;taux_emploi_18_mois;' +
  'taux_emploi_24_mois;taux_emploi_6_mois;taux_poursuite_etudes';

/** Pays de la Loire : nom du fichier par CFA, code INSEE, code propre au ministère. */
const REGION_NAME = 'PAYS DE LA LOIRE';
const REGION_INSEE = '52';
const REGION_IJ = '17';

/** Taux moyens (emploi à 6 mois, poursuite d'études) selon le niveau du diplôme. */
const BASE_RATES: Record<number, { emp6: number; study: number }> = {
  3: { emp6: 42, study: 34 },
  4: { emp6: 50, study: 38 },
  5: { emp6: 63, study: 22 },
  6: { emp6: 70, study: 18 },
  7: { emp6: 78, study: 8 },
};

const clampRate = (n: number) => Math.min(98, Math.max(3, Math.round(n)));

/** Un nombre comme dans le fichier par CFA : « 57.0 ». */
export function dotDecimal(n: number): string {
  return (Math.round(n * 10) / 10).toFixed(1);
}

/** Millésime des derniers résultats publiés à la date de référence : « 2024-2025 » en 2026. */
export function vintageFor(today: string): string {
  const year = Number(today.slice(0, 4));
  return `${year - 2}-${year - 1}`;
}

function previousVintage(vintage: string): string {
  const [a, b] = vintage.split('-').map(Number) as [number, number];
  return `${a - 1}-${b - 1}`;
}

/**
 * Code MEFSTAT11 de démonstration d'un diplôme préparé en lycée : 11 chiffres, déduits du CFD et de
 * la durée (les vrais codes viennent de la BCN ; ceux-ci ne servent qu'à relier la démo à elle-même).
 */
export function demoMefstat11(cfd: string, years: number): string {
  return `2${years}2${cfd.replace(/\D/g, '0')}`.slice(0, 11).padEnd(11, '0');
}

interface Diploma {
  cfd: string;
  level: Level | null;
  mefstat11: string | null;
}

export class InsertionCollector {
  private readonly diplomas = new Map<string, Diploma>();
  private readonly establishments = new Map<string, { uai: string; name: string; apprentices: boolean }>();

  /** Un diplôme de l'offre (CFD), avec son MEFSTAT11 s'il est préparé en lycée. */
  addDiploma(cfd: string, level: Level | null, mefstat11: string | null): void {
    const known = this.diplomas.get(cfd);
    if (known === undefined) this.diplomas.set(cfd, { cfd, level, mefstat11 });
    else if (known.mefstat11 === null && mefstat11 !== null) known.mefstat11 = mefstat11;
  }

  /** Un CFA de l'offre (UAI), avec son nom ; `apprentices` : il forme surtout des apprentis. */
  addEstablishment(uai: string, name: string, apprentices: boolean): void {
    if (!this.establishments.has(uai)) this.establishments.set(uai, { uai, name, apprentices });
  }

  get diplomaCount(): number {
    return this.diplomas.size;
  }

  get establishmentCount(): number {
    return this.establishments.size;
  }

  /** Lignes de `fr-en-inserjeunes-cfa.csv` (sans l'en-tête), ordre stable : période récente d'abord, puis UAI. */
  cfaRows(rng: Rng, today: string): string[] {
    const latest = vintageFor(today);
    const rows: string[] = [];
    let num = 10_000;
    for (const vintage of [latest, previousVintage(latest)]) {
      for (const e of [...this.establishments.values()].sort((a, b) => a.uai.localeCompare(b.uai))) {
        const emp6 = clampRate(rng.normal(e.apprentices ? 66 : 58, 7));
        const expected = clampRate(emp6 + rng.normal(0, 4));
        const emp12 = clampRate(emp6 + rng.normal(6, 3));
        const study = clampRate(rng.normal(e.apprentices ? 28 : 20, 8));
        const part6 = clampRate(((100 - study) * emp6) / 100);
        const other = Math.max(0, 100 - study - part6);
        const withLongTerm = vintage !== latest;
        const cells = [
          `cumul ${vintage}`,
          e.uai,
          e.name.replaceAll(';', ','),
          REGION_NAME,
          dotDecimal(study),
          dotDecimal(part6),
          dotDecimal(other),
          rng.chance(0.1) ? dotDecimal(rng.int(8, 30)) : '',
          dotDecimal(study),
          dotDecimal(emp6),
          dotDecimal(expected),
          dotDecimal(emp6 - expected),
          rng.chance(0.05) ? '' : dotDecimal(emp12),
          withLongTerm ? dotDecimal(clampRate(emp12 + rng.normal(3, 2))) : '',
          withLongTerm ? dotDecimal(clampRate(emp12 + rng.normal(5, 2))) : '',
          dotDecimal(num++),
        ];
        rows.push(cells.join(';'));
      }
    }
    return rows;
  }

  /** Lignes de `ij_region_data.csv` (sans l'en-tête), ordre stable : millésime, voie, code. */
  regionRows(rng: Rng, today: string): string[] {
    const latest = vintageFor(today);
    const rows: string[] = [];
    const diplomas = [...this.diplomas.values()].sort((a, b) => a.cfd.localeCompare(b.cfd));
    for (const vintage of [previousVintage(latest), latest]) {
      const millesime = vintage.replace('-', '_');
      for (const route of ['scolaire', 'apprentissage'] as const) {
        for (const d of diplomas) {
          const code = route === 'apprentissage' ? d.cfd : d.mefstat11;
          if (code === null) continue;
          rows.push(this.regionRow(rng, millesime, route, d, code));
        }
      }
    }
    return rows;
  }

  private regionRow(rng: Rng, millesime: string, route: 'scolaire' | 'apprentissage', d: Diploma, code: string): string {
    const base = BASE_RATES[d.level ?? 3] ?? { emp6: 50, study: 30 };
    const apprentice = route === 'apprentissage';
    // Une part des formations a moins de 20 sortants : la source ne publie alors pas de taux.
    const leavers = rng.chance(0.2) ? rng.int(4, 19) : rng.int(20, apprentice ? 260 : 420);
    const studying = Math.round((leavers * clampRate(rng.normal(base.study - (apprentice ? 8 : 0), 6))) / (100 - base.study / 2));
    const finalYear = leavers + studying;
    const emp6 = clampRate(rng.normal(base.emp6 + (apprentice ? 12 : 0), 8));
    const emp12 = clampRate(emp6 + rng.normal(7, 3));
    const emp18 = clampRate(emp12 + rng.normal(3, 2));
    const emp24 = clampRate(emp18 + rng.normal(2, 2));
    const count = (rate: number) => String(Math.round((leavers * rate) / 100));
    const published = leavers >= 20;
    const rate = (r: number) => (published ? String(r) : '');
    const study = Math.round((100 * studying) / finalYear);
    const id = `${millesime}_${REGION_IJ}_${route}_${code}`;
    return [
      id,
      millesime,
      REGION_IJ,
      REGION_INSEE,
      route,
      apprentice ? code : '',
      apprentice ? '' : code,
      String(finalYear),
      count(emp12),
      count(emp18),
      count(emp24),
      count(emp6),
      String(studying),
      String(leavers),
      rate(emp12),
      rate(emp18),
      rate(emp24),
      rate(emp6),
      String(study),
    ].join(';');
  }
}
