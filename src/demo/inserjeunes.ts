/**
 * Statistiques d'insertion de démonstration au format du CSV InserJeunes :
 * une ligne par couple (UAI, CFD) des diplômes de l'Éducation nationale préparés en lycée
 * ou en CFA dans l'offre générée (périmètre établissement), et une ligne régionale par CFD
 * (UAI vide). Une part des lignes a moins de 20 sortants (règle de diffusion) ; quelques taux
 * valent « nd » (non disponible).
 *
 * Format : séparateur « ; », UTF-8 avec BOM, virgule décimale.
 */
import type { Level } from '../domain/levels';
import type { Rng } from './random';

export const INSERJEUNES_HEADER =
  'millesime;uai;code_certification;libelle_formation;region;nb_sortant;taux_en_emploi_6_mois;taux_en_emploi_12_mois;taux_en_formation';
export const INSERJEUNES_REGION = 'Pays de la Loire';

interface Entry {
  cfd: string;
  label: string;
  level: Level | null;
  establishments: Map<string, 'initiale' | 'apprentissage'>;
}

interface Rates {
  leavers: number;
  emp6: number | null;
  emp12: number | null;
  study: number | null;
}

/** Taux moyens (emploi à 6 mois, poursuite d'études) selon le niveau du diplôme. */
const BASE_RATES: Record<number, { emp6: number; study: number }> = {
  3: { emp6: 42, study: 34 },
  4: { emp6: 50, study: 38 },
  5: { emp6: 63, study: 22 },
  6: { emp6: 70, study: 18 },
  7: { emp6: 78, study: 8 },
};

const clampRate = (n: number) => Math.min(98, Math.max(3, n));

export function frenchDecimal(n: number): string {
  return (Math.round(n * 10) / 10).toFixed(1).replace('.', ',');
}

function csvField(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Millésime des derniers résultats publiés à la date de référence : « 2024-2025 » en 2026. */
export function vintageFor(today: string): string {
  const year = Number(today.slice(0, 4));
  return `${year - 2}-${year - 1}`;
}

export class InsertionCollector {
  private readonly entries = new Map<string, Entry>();

  add(cfd: string, label: string, level: Level | null, uai: string, route: 'initiale' | 'apprentissage'): void {
    let entry = this.entries.get(cfd);
    if (!entry) {
      entry = { cfd, label, level, establishments: new Map() };
      this.entries.set(cfd, entry);
    }
    if (!entry.establishments.has(uai)) entry.establishments.set(uai, route);
  }

  get pairCount(): number {
    let n = 0;
    for (const e of this.entries.values()) n += e.establishments.size;
    return n;
  }

  /** Lignes de données (sans l'en-tête), dans un ordre stable : CFD puis UAI, la ligne régionale en dernier. */
  rows(rng: Rng, today: string): string[] {
    const vintage = vintageFor(today);
    const lines: string[] = [];
    const cfds = [...this.entries.keys()].sort();
    for (const cfd of cfds) {
      const entry = this.entries.get(cfd) as Entry;
      const base = BASE_RATES[entry.level ?? 3] ?? { emp6: 50, study: 30 };
      const local: Rates[] = [];
      for (const uai of [...entry.establishments.keys()].sort()) {
        const apprentice = entry.establishments.get(uai) === 'apprentissage';
        const leavers = rng.chance(0.25) ? rng.int(5, 19) : rng.int(20, apprentice ? 45 : 60);
        const emp6 = clampRate(rng.normal(base.emp6 + (apprentice ? 12 : 0), 8));
        const emp12 = clampRate(emp6 + rng.normal(7, 3));
        const study = clampRate(rng.normal(base.study - (apprentice ? 8 : 0), 6));
        const rates: Rates = {
          leavers,
          emp6: rng.chance(0.06) ? null : emp6,
          emp12: rng.chance(0.08) ? null : emp12,
          study: rng.chance(0.06) ? null : study,
        };
        local.push(rates);
        lines.push(this.line(vintage, uai, entry, rates));
      }
      const leavers = local.reduce((s, r) => s + r.leavers, 0) + rng.int(20, 240);
      const mean = (pick: (r: Rates) => number | null, fallback: number) => {
        const known = local.map(pick).filter((v): v is number => v !== null);
        const m = known.length > 0 ? known.reduce((s, v) => s + v, 0) / known.length : fallback;
        return clampRate(m + rng.normal(0, 2));
      };
      const emp6 = mean((r) => r.emp6, base.emp6);
      lines.push(this.line(vintage, '', entry, { leavers, emp6, emp12: Math.max(emp6, mean((r) => r.emp12, base.emp6 + 7)), study: mean((r) => r.study, base.study) }));
    }
    return lines;
  }

  private line(vintage: string, uai: string, entry: Entry, r: Rates): string {
    const rate = (v: number | null) => (v === null ? 'nd' : frenchDecimal(v));
    return [vintage, uai, entry.cfd, csvField(entry.label), INSERJEUNES_REGION, String(r.leavers), rate(r.emp6), rate(r.emp12), rate(r.study)].join(';');
  }
}
