/**
 * Statistiques de la modération : demandes par mois, taux d'acceptation, délai médian de réponse,
 * par métier et par territoire. Calcul pur sur des lignes sans donnée personnelle.
 */
import type { RequestStatRow } from './ports/store';

export interface StatLine {
  key: string;
  label: string;
  requests: number;
  accepted: number;
  /** Acceptées / réponses ou expirations (null si aucune demande close). */
  acceptanceRate: number | null;
  /** Délai médian entre la demande et la réponse du pro, en heures (null sans réponse). */
  medianResponseHours: number | null;
}

export interface ContactStats {
  total: StatLine;
  byMonth: StatLine[];
  byMetier: StatLine[];
  byTerritoire: StatLine[];
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function line(key: string, label: string, rows: RequestStatRow[]): StatLine {
  const closed = rows.filter((r) => r.status !== 'pending');
  const accepted = rows.filter((r) => r.status === 'accepted').length;
  const delays = rows.flatMap((r) => (r.respondedAt ? [(Date.parse(r.respondedAt) - Date.parse(r.createdAt)) / 3_600_000] : []));
  const med = median(delays);
  return {
    key,
    label,
    requests: rows.length,
    accepted,
    acceptanceRate: closed.length > 0 ? accepted / closed.length : null,
    medianResponseHours: med === null ? null : Math.round(med * 10) / 10,
  };
}

function grouped(rows: RequestStatRow[], keyOf: (r: RequestStatRow) => string, labelOf: (key: string) => string): StatLine[] {
  return [...Map.groupBy(rows, keyOf).entries()].map(([key, group]) => line(key, labelOf(key), group));
}

export function computeStats(rows: RequestStatRow[], labels: { metier(code: string): string; territoireOf(communeCode: string): { slug: string; name: string } | null }): ContactStats {
  const territoireNames = new Map<string, string>();
  const territoireKey = (r: RequestStatRow): string => {
    const t = r.communeCode ? labels.territoireOf(r.communeCode) : null;
    if (!t) return 'inconnu';
    territoireNames.set(t.slug, t.name);
    return t.slug;
  };
  const byCount = (a: StatLine, b: StatLine) => b.requests - a.requests || a.label.localeCompare(b.label, 'fr');
  return {
    total: line('total', 'Toutes les demandes', rows),
    byMonth: grouped(rows, (r) => r.createdAt.slice(0, 7), (k) => k).sort((a, b) => b.key.localeCompare(a.key)),
    byMetier: grouped(rows, (r) => r.metierCode ?? 'inconnu', (k) => (k === 'inconnu' ? 'Inconnu' : labels.metier(k))).sort(byCount),
    byTerritoire: grouped(rows, territoireKey, (k) => territoireNames.get(k) ?? 'Hors territoire connu').sort(byCount),
  };
}
