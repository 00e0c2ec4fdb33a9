/**
 * Fiches métiers de démonstration (data/demo/metiers.json).
 *
 * Elles sont écrites par versmonmétier, en français simple, et ne doivent rien reprendre
 * des textes officiels du ROME. Quand les données réelles sont là (../shared/data/rome4),
 * on vérifie qu'aucune phrase officielle n'est recopiée et que nos libellés sont les libellés officiels.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { Metier } from '../../../src/domain/metier';
import { repoRoot, sharedData } from '../../support/shared-data';

const EXPECTED_CODES = [
  'J1501', 'J1506', 'J1304', 'J1301', 'K1302', 'K1303', 'K1207', 'J1305',
  'H2913', 'H2902', 'H2903', 'I1304', 'I1335', 'H2102',
  'F1703', 'F1602', 'F1603', 'F1606', 'F1619', 'F1608', 'H2206', 'F1302', 'F1610',
  'N1101', 'N1103', 'N1110', 'N4101', 'N4105', 'N4103',
  'D1102', 'D1104', 'D1101', 'G1609', 'G1803', 'G1703', 'D1505', 'D1507', 'D1202',
  'M1203', 'M1607', 'M1805', 'M1816',
  'K2205', 'K2503', 'K2111',
  'A1433', 'A1203', 'A1419', 'I1604',
];

const file = path.join(repoRoot, 'data/demo/metiers.json');
const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
const entries = Array.isArray(raw) ? raw : [];
const fiches = entries.map((entry) => Metier.parse(entry));

/** Minuscules, apostrophes unifiées, espaces réduits. */
function normalise(text: string): string {
  return text.toLowerCase().replace(/[’‘`´]/g, "'").replace(/\s+/g, ' ').trim();
}

/** Découpe un texte en phrases (après . ! ? ou ;). */
function sentences(text: string | null): string[] {
  if (!text) return [];
  return text
    .split(/(?<=[.!?;])\s+/)
    .map(normalise)
    .filter((s) => s.length > 0);
}

/** Lit un CSV du ROME (séparateur virgule, champs entre guillemets ; `''` vaut une apostrophe). */
function readRomeCsv(dir: string, name: string): Record<string, string>[] {
  const text = readFileSync(path.join(dir, name), 'utf8').replace(/''/g, "'");
  return parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
}

describe('data/demo/metiers.json', () => {
  it('est un tableau JSON', () => {
    expect(Array.isArray(raw)).toBe(true);
    expect(entries.length).toBe(EXPECTED_CODES.length);
  });

  it('chaque fiche respecte le schéma Metier et vient de la démo', () => {
    for (const entry of entries) {
      const result = Metier.safeParse(entry);
      expect(result.success, `fiche ${(entry as { code?: string }).code} invalide`).toBe(true);
    }
    for (const fiche of fiches) expect(fiche.source).toBe('demo');
  });

  it('contient les 49 codes attendus, chacun une seule fois', () => {
    const codes = fiches.map((f) => f.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual([...EXPECTED_CODES].sort());
  });

  it('les métiers proches pointent vers des fiches du fichier', () => {
    const codes = new Set(fiches.map((f) => f.code));
    for (const fiche of fiches) {
      expect(fiche.relatedCodes.length, fiche.code).toBeGreaterThanOrEqual(2);
      for (const related of fiche.relatedCodes) {
        expect(codes.has(related), `${fiche.code} → ${related}`).toBe(true);
        expect(related, `${fiche.code} se cite lui-même`).not.toBe(fiche.code);
      }
    }
  });

  it('chaque fiche est cohérente (domaine, appellations, contenu)', () => {
    for (const fiche of fiches) {
      expect(fiche.domain.letter, fiche.code).toBe(fiche.code.charAt(0));
      expect(fiche.domain.code, fiche.code).toBe(fiche.code.slice(0, 3));
      expect(fiche.domain.label.length, fiche.code).toBeGreaterThan(0);
      expect(fiche.appellations.length, fiche.code).toBeGreaterThanOrEqual(3);
      expect(fiche.appellations.filter((a) => a.main), fiche.code).toHaveLength(1);
      expect(fiche.appellations[0]?.main, fiche.code).toBe(true);
      fiche.appellations.forEach((a, i) => expect(a.code).toBe(`demo-${fiche.code}-${i + 1}`));
      expect(sentences(fiche.definition).length, fiche.code).toBeGreaterThanOrEqual(3);
      expect(sentences(fiche.access).length, fiche.code).toBeGreaterThanOrEqual(2);
      expect(fiche.skills.savoirFaire.length, fiche.code).toBeGreaterThanOrEqual(5);
      expect(fiche.skills.savoirEtre.length, fiche.code).toBeGreaterThanOrEqual(3);
      expect(fiche.skills.savoirs.length, fiche.code).toBeGreaterThanOrEqual(3);
      expect(fiche.workContexts.length, fiche.code).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('data/demo/metiers.json face au ROME officiel', () => {
  const dir = sharedData('rome4');

  it.skipIf(!dir)('aucune phrase de définition ou d’accès ne reprend une phrase du ROME', () => {
    const romeSentences = new Set<string>();
    for (const row of readRomeCsv(dir!, 'unix_texte_v460_utf8.csv')) {
      for (const s of sentences(row.libelle_texte ?? '')) if (s.length >= 40) romeSentences.add(s);
    }
    expect(romeSentences.size).toBeGreaterThan(1000);
    const rome = [...romeSentences];

    const copies: string[] = [];
    for (const fiche of fiches) {
      for (const ours of [...sentences(fiche.definition), ...sentences(fiche.access)]) {
        const hit = rome.find((theirs) => ours === theirs || ours.includes(theirs));
        if (hit) copies.push(`${fiche.code} : « ${ours} » reprend « ${hit} »`);
      }
    }
    expect(copies).toEqual([]);
  });

  it.skipIf(!dir)('les libellés sont les libellés officiels du ROME 4.0', () => {
    const official = new Map(
      readRomeCsv(dir!, 'unix_referentiel_code_rome_v460_utf8.csv').map((row) => [row.code_rome, row.libelle_rome]),
    );
    for (const fiche of fiches) {
      expect(official.has(fiche.code), `${fiche.code} absent du ROME`).toBe(true);
      expect(fiche.label, fiche.code).toBe(official.get(fiche.code));
    }
  });
});
