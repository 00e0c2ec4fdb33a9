/**
 * Précision des coordonnées du référentiel, comparées au centre géographique
 * (latitude_centre / longitude_centre) du fichier réel communes-france-2025 de ../shared/data.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { haversineKm } from '../../../src/domain/geo';
import { sharedData } from '../../support/shared-data';
import { geoBuild } from './geo-build-cache';

const dir = sharedData('communes');

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

describe('précision des coordonnées (données réelles)', () => {
  it.skipIf(!dir)('médiane ≤ 2 km et p95 ≤ 10 km par rapport au centre des communes', () => {
    const csv = readFileSync(path.join(dir as string, 'communes-france-2025-pdl.csv'), 'utf8');
    const rows = parse(csv, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    const reference = new Map<string, { lat: number; lon: number }>();
    for (const r of rows) {
      if (!r.code_insee || !r.latitude_centre || !r.longitude_centre) continue;
      reference.set(r.code_insee, { lat: Number(r.latitude_centre), lon: Number(r.longitude_centre) });
    }

    const bySource = new Map<string, number[]>();
    const errors: number[] = [];
    let worst = { km: 0, label: '' };
    for (const c of geoBuild().communes) {
      const ref = reference.get(c.inseeCode);
      if (!ref) continue;
      const km = haversineKm(c, ref);
      errors.push(km);
      bySource.set(c.coordSource, [...(bySource.get(c.coordSource) ?? []), km]);
      if (km > worst.km) worst = { km, label: `${c.inseeCode} ${c.name} (${c.coordSource})` };
    }
    errors.sort((a, b) => a - b);
    const median = quantile(errors, 0.5);
    const p95 = quantile(errors, 0.95);
    const max = errors.at(-1) ?? Number.NaN;

    const lines = [
      `Précision des coordonnées : ${errors.length} communes comparées (sur ${reference.size} du fichier de référence)`,
      `  médiane ${median.toFixed(2)} km, p95 ${p95.toFixed(2)} km, max ${max.toFixed(2)} km — ${worst.label}`,
      ...[...bySource.entries()]
        .sort((a, b) => b[1].length - a[1].length)
        .map(([source, list]) => {
          const s = [...list].sort((a, b) => a - b);
          return `  ${source.padEnd(24)} ${String(s.length).padStart(4)} communes, médiane ${quantile(s, 0.5).toFixed(2)} km, p95 ${quantile(s, 0.95).toFixed(2)} km`;
        }),
    ];
    console.log(lines.join('\n'));

    expect(errors.length).toBeGreaterThan(1200);
    expect(median).toBeLessThanOrEqual(2);
    expect(p95).toBeLessThanOrEqual(10);
  });
});
