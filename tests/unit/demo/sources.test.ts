import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../support/shared-data';
import { allTemplates, checkCoherence, loadDemoSources, type OrganismeSource } from '../../../src/demo/sources';
import { siretValid, uaiValid } from '../../../src/demo/identifiers';
import { CommunePicker, loadPdlCommunes } from '../../../src/demo/places';
import { Rng } from '../../../src/demo/random';
import { buildOrganismePool } from '../../../src/demo/organismes';

/** Les métiers que le catalogue de démonstration doit couvrir (ROME 4.0). */
const REQUIRED_ROME_CODES = [
  'J1501', 'J1506', 'J1304', 'J1301', 'K1302', 'K1303', 'K1207', 'J1305', 'H2913', 'H2902', 'H2903', 'I1304', 'I1335',
  'H2102', 'F1703', 'F1602', 'F1603', 'F1606', 'F1619', 'F1608', 'H2206', 'F1302', 'F1610', 'N1101', 'N1103', 'N1110',
  'N4101', 'N4105', 'N4103', 'D1102', 'D1104', 'D1101', 'G1609', 'G1803', 'G1703', 'D1505', 'D1507', 'D1202', 'M1203',
  'M1607', 'M1805', 'M1816', 'K2205', 'K2503', 'K2111', 'A1433', 'A1203', 'A1419', 'I1604',
];

const sources = loadDemoSources();
const templates = allTemplates(sources.catalogue);

describe('data/demo/catalogue.json', () => {
  it('couvre tous les métiers demandés, avec 1 à 4 formations chacun', () => {
    const codes = sources.catalogue.metiers.map((m) => m.rome);
    for (const code of REQUIRED_ROME_CODES) expect(codes, code).toContain(code);
    for (const m of sources.catalogue.metiers) expect(m.trainings.length).toBeGreaterThanOrEqual(1);
  });

  it('a des codes RNCP et CFD uniques, et un mélange réaliste de niveaux', () => {
    const rncp = templates.flatMap((t) => (t.template.rncp ? [t.template.rncp] : []));
    const cfd = templates.flatMap((t) => (t.template.cfd ? [t.template.cfd] : []));
    expect(new Set(rncp).size).toBe(rncp.length);
    expect(new Set(cfd).size).toBe(cfd.length);
    const levels = new Set(templates.map((t) => t.template.exitLevel));
    for (const level of [null, 3, 4, 5, 6, 7]) expect(levels).toContain(level);
    expect(templates.some((t) => !t.template.certifying)).toBe(true);
  });

  it('utilise les libellés et codes du ROME 4.0 officiel (si le référentiel est disponible)', (ctx) => {
    const dir = sharedData('rome4');
    if (!dir) return ctx.skip();
    const rows = parse(readFileSync(path.join(dir, 'unix_referentiel_code_rome_v460_utf8.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    const labels = new Map(rows.map((r) => [r.code_rome ?? '', r.libelle_rome ?? '']));
    for (const m of sources.catalogue.metiers) expect(m.label, m.rome).toBe(labels.get(m.rome));
    for (const t of templates) for (const code of t.romes) expect(labels.has(code), `${t.template.id} : ${code}`).toBe(true);
  });

  it('détecte un modèle qu’aucun organisme ne peut proposer', () => {
    const onlyLycees = sources.organismes.filter((o) => o.kind === 'lycee');
    const problems = checkCoherence(sources.catalogue, onlyLycees);
    expect(problems.some((p) => p.includes('aucun organisme ne peut proposer'))).toBe(true);
    expect(checkCoherence(sources.catalogue, sources.organismes)).toEqual([]);
  });
});

describe('data/demo/organismes.json', () => {
  it('a des SIRET (Luhn) et UAI valides et uniques, des coordonnées d’exemple', () => {
    const orgs: OrganismeSource[] = sources.organismes;
    expect(orgs.length).toBeGreaterThanOrEqual(40);
    expect(new Set(orgs.map((o) => o.siret.slice(0, 9))).size).toBe(orgs.length);
    for (const o of orgs) {
      expect(siretValid(o.siret), o.id).toBe(true);
      if (o.uai) expect(uaiValid(o.uai), o.id).toBe(true);
      expect(o.email.endsWith('@example.org'), o.id).toBe(true);
      expect(new URL(o.web).hostname.endsWith('.example.org'), o.id).toBe(true);
      expect(o.phone.startsWith('02 61 91'), o.id).toBe(true);
    }
    const uais = orgs.flatMap((o) => (o.uai ? [o.uai] : []));
    expect(new Set(uais).size).toBe(uais.length);
  });

  it('a son siège dans une commune actuelle des Pays de la Loire, et 1 à 5 sites', () => {
    const picker = new CommunePicker(loadPdlCommunes());
    const pool = buildOrganismePool(new Rng('t'), picker, sources.organismes);
    for (const o of pool) {
      expect(o.sites.length).toBeGreaterThanOrEqual(1);
      expect(o.sites.length).toBeLessThanOrEqual(5);
      expect(o.hq.commune.postcodes).toContain(o.hq.postcode);
    }
  });

  it('ajoute des établissements secondaires valides pour les gros volumes', () => {
    const picker = new CommunePicker(loadPdlCommunes());
    const pool = buildOrganismePool(new Rng('t'), picker, sources.organismes, 3);
    expect(pool.length).toBe(sources.organismes.length * 3);
    expect(new Set(pool.map((o) => o.siret)).size).toBe(pool.length);
    expect(new Set(pool.map((o) => o.id)).size).toBe(pool.length);
    for (const o of pool) expect(siretValid(o.siret), o.id).toBe(true);
    const uais = pool.flatMap((o) => (o.uai ? [o.uai] : []));
    expect(new Set(uais).size).toBe(uais.length);
  });
});

describe('data/demo/avis-commentaires.json', () => {
  it('contient environ 80 commentaires variés des trois tons', () => {
    const list = sources.comments.commentaires;
    expect(list.length).toBeGreaterThanOrEqual(70);
    for (const tone of ['positif', 'mitige', 'negatif'] as const) expect(list.filter((c) => c.ton === tone).length).toBeGreaterThanOrEqual(10);
    const lengths = list.map((c) => c.texte.length);
    expect(Math.min(...lengths)).toBeLessThan(60);
    expect(Math.max(...lengths)).toBeGreaterThan(200);
    expect(new Set(list.map((c) => c.texte)).size).toBe(list.length);
  });
});
