import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, sharedData } from '../../support/shared-data';
import { generateDemo, type GenerateDemoResult } from '../../../src/demo/generate';
import { loadDemoSources } from '../../../src/demo/sources';
import { CFA_FILE, CFA_HEADER, REGION_FILE, REGION_HEADER } from '../../../src/demo/inserjeunes';
import { REGION_PROGRAMME_CODES } from '../../../src/domain/financing';
import { addDays, addMonths } from '../../../src/demo/dates';

const TODAY = '2026-11-23';
const HORIZON = addMonths(TODAY, 12);
const work = mkdtempSync(path.join(tmpdir(), 'vmm-demo-'));
const dir = (name: string) => path.join(work, name);
const read = (name: string, file: string) => readFileSync(path.join(dir(name), file));

let small: GenerateDemoResult;
let full: GenerateDemoResult;
let xml: string;

function attrValues(text: string, element: string): string[] {
  return [...text.matchAll(new RegExp(`<${element} numero="([^"]+)"`, 'g'))].map((m) => m[1] as string);
}
function texts(text: string, element: string): string[] {
  return [...text.matchAll(new RegExp(`<${element}(?: [^>]*)?>([^<]*)</${element}>`, 'g'))].map((m) => m[1] as string);
}
const isoFromLheo = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;

beforeAll(async () => {
  small = await generateDemo({ sessions: 300, seed: 'versmonmetier', today: TODAY, outDir: dir('a') });
  full = await generateDemo({ sessions: 3000, seed: 'versmonmetier', today: TODAY, outDir: dir('full') });
  xml = read('full', 'offre.lheo.xml').toString('utf8');
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('generateDemo', () => {
  it('produit exactement le nombre de sessions demandé', () => {
    expect(small.counts.sessions).toBe(300);
    expect(full.counts.sessions).toBe(3000);
    expect(attrValues(xml, 'session')).toHaveLength(3000);
    expect(full.counts.actions).toBe(attrValues(xml, 'action').length);
    expect(full.counts.actions).toBeGreaterThanOrEqual(1000);
    expect(full.counts.actions).toBeLessThanOrEqual(1600);
  });

  it('écrit un flux valide contre le schéma LHEO 2.3 (xmllint)', (ctx) => {
    const lheo = sharedData('lheo');
    const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
    if (!lheo || !hasXmllint) {
      if (!hasXmllint) console.warn('[SKIP] xmllint absent : validation XSD du flux de démonstration ignorée.');
      return ctx.skip();
    }
    const result = spawnSync('xmllint', ['--noout', '--schema', path.join(lheo, 'lheo.xsd'), small.files.lheo], { encoding: 'utf8' });
    expect(result.stderr).toContain('validates');
    expect(result.status).toBe(0);
  });

  it('est déterministe : même graine → mêmes octets, autre graine → autres données', async () => {
    await generateDemo({ sessions: 300, seed: 'versmonmetier', today: TODAY, outDir: dir('b') });
    await generateDemo({ sessions: 300, seed: 42, today: TODAY, outDir: dir('c') });
    for (const file of ['offre.lheo.xml', CFA_FILE, REGION_FILE, 'avis.json']) {
      expect(read('b', file).equals(read('a', file)), file).toBe(true);
      expect(read('c', file).equals(read('a', file)), file).toBe(false);
    }
  });

  it('couvre tous les métiers du catalogue, même avec peu de sessions', () => {
    const small300 = read('a', 'offre.lheo.xml').toString('utf8');
    const romes = new Set(texts(small300, 'code-ROME'));
    for (const m of loadDemoSources().catalogue.metiers) expect(romes.has(m.rome), m.rome).toBe(true);
  });

  it('place les sessions dans les 12 mois à venir, sauf quelques sessions commencées où l’on peut encore entrer', () => {
    const periods = [...xml.matchAll(/<session numero="[^"]+"><periode><debut>(\d{8})<\/debut><fin>(\d{8})<\/fin><\/periode>.*?<etat-recrutement>(\d)<\/etat-recrutement><\/session>/g)].map((m) => ({
      start: isoFromLheo(m[1]!),
      end: isoFromLheo(m[2]!),
      state: m[3],
    }));
    expect(periods).toHaveLength(3000);
    const underway = periods.filter((p) => p.start < TODAY);
    for (const p of periods) {
      expect(p.end >= p.start).toBe(true);
      expect(p.start <= HORIZON, p.start).toBe(true);
    }
    // Commencées depuis 6 semaines au plus, pas près de finir, recrutement ouvert (1) : entrée encore possible.
    for (const p of underway) {
      expect(p.start >= addDays(TODAY, -48), p.start).toBe(true);
      expect(p.end > addDays(TODAY, 14), p.end).toBe(true);
      expect(p.state, p.start).toBe('1');
    }
    expect(underway.length / periods.length).toBeGreaterThan(0.01);
    expect(underway.length / periods.length).toBeLessThan(0.1);
    const months = new Set(periods.filter((p) => p.start >= TODAY).map((p) => p.start.slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(11);
  });

  it('a des proportions réalistes (recrutement, entrées permanentes, handicap, distance, géolocalisation)', () => {
    const actions = full.counts.actions;
    const states = texts(xml, 'etat-recrutement');
    expect(states.filter((s) => s === '1').length / states.length).toBeGreaterThan(0.75);
    expect(states).toContain('2');
    expect(states).toContain('3');
    const permanent = texts(xml, 'modalites-entrees-sorties').filter((v) => v === '1').length / actions;
    expect(permanent).toBeGreaterThan(0.05);
    expect(permanent).toBeLessThan(0.16);
    const handicap = texts(xml, 'acces-handicapes').length / actions;
    expect(handicap).toBeGreaterThan(0.15);
    expect(handicap).toBeLessThan(0.25);
    const modes = texts(xml, 'modalites-enseignement');
    expect(modes).toContain('1');
    expect(modes).toContain('2');
    const geolocatedPlaces = [...xml.matchAll(/<lieu-de-formation>.*?<\/lieu-de-formation>/g)].filter((m) => m[0].includes('<geolocalisation>')).length;
    expect(geolocatedPlaces).toBeGreaterThan(0);
    expect(geolocatedPlaces / actions).toBeLessThan(0.25);
    expect(texts(xml, 'code-INSEE-commune').every((c) => /^(44|49|53|72|85)\d{3}$/.test(c))).toBe(true);
  });

  it('porte les extensions attendues (dispositif régional, CPF, CFD, UAI)', () => {
    const programmes = [...xml.matchAll(/<extra info="dispositif">([^<]+)<\/extra>/g)].map((m) => m[1]);
    expect(programmes.length).toBeGreaterThan(0);
    for (const p of programmes) expect(REGION_PROGRAMME_CODES).toContain(p);
    expect(new Set(programmes).size).toBeGreaterThanOrEqual(6);
    expect(xml).toContain('<extra info="eligible-cpf">1</extra>');
    expect(xml).toMatch(/<extra info="cfd">\d{8}<\/extra>/);
    expect(xml).toMatch(/<extra info="uai">\d{7}[A-Z]<\/extra>/);
    // Intitulés réels où le nom du métier n'apparaît pas
    expect(texts(xml, 'intitule-formation')).toContain('CAP Monteur en installations sanitaires');
  });
});

describe('fichiers InserJeunes (les deux formes réelles)', () => {
  const rowsOf = (file: string, header: string, eol: string) => {
    const raw = read('full', file);
    expect([...raw.subarray(0, 3)], file).toEqual([0xef, 0xbb, 0xbf]);
    const text = raw.toString('utf8').slice(1);
    expect(text.split(eol)[0], file).toBe(header);
    if (eol === '\n') expect(text.includes('\r'), file).toBe(false);
    else expect(text.split('\r\n').slice(0, -1).every((l) => !l.includes('\n')), file).toBe(true);
    return parse(text, { delimiter: ';', columns: true }) as Array<Record<string, string>>;
  };
  const xmlUai = () => new Set([...xml.matchAll(/<code-UAI>([^<]+)<\/code-UAI>/g)].map((m) => m[1]));
  const catalogueCfds = () => new Set(loadDemoSources().catalogue.metiers.flatMap((m) => m.trainings.flatMap((t) => (t.cfd ? [t.cfd] : []))));

  it('par CFA : en-tête exact, BOM, CRLF, point décimal, cellules vides, CFA de l’offre, deux périodes « cumul »', () => {
    const cfa = rowsOf(CFA_FILE, CFA_HEADER, '\r\n');
    const regional = rowsOf(REGION_FILE, REGION_HEADER, '\n');
    expect(cfa.length + regional.length).toBe(full.counts.insertionRows);
    const uais = xmlUai();
    const rate = /^\d{1,2}\.\d$/;
    for (const r of cfa) {
      expect(r['Année']).toMatch(/^cumul (2024-2025|2023-2024)$/);
      expect(r['Région']).toBe('PAYS DE LA LOIRE');
      expect(uais.has(r.UAI), r.UAI).toBe(true);
      expect(r['Libellé']).not.toBe('');
      expect(r['Taux emploi 6 mois']).toMatch(rate);
    }
    expect(cfa.some((r) => r['Taux emploi 12 mois'] === '')).toBe(true);
    expect(cfa.some((r) => r['Taux emploi 24 mois'] === '')).toBe(true);
  });

  it('par région × formation × voie : en-tête exact, LF, entiers, CFD en apprentissage, MEFSTAT11 en voie scolaire, taux vides sous 20 sortants', () => {
    const rows = rowsOf(REGION_FILE, REGION_HEADER, '\n');
    const cfds = catalogueCfds();
    const mefs = new Set([...xml.matchAll(/<extra info="mefstat11">([^<]+)<\/extra>/g)].map((m) => m[1]));
    expect(mefs.size).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.millesime).toMatch(/^(2024_2025|2023_2024)$/);
      expect([r.code_region, r.code_region_ij]).toEqual(['52', '17']);
      expect(r.id).toBe(`${r.millesime}_17_${r.voie}_${r.cfd || r.mefstat11}`);
      if (r.voie === 'apprentissage') {
        expect(cfds.has(r.cfd as string), r.cfd).toBe(true);
        expect(r.mefstat11).toBe('');
      } else {
        expect(r.voie).toBe('scolaire');
        expect(mefs.has(r.mefstat11), r.mefstat11).toBe(true);
        expect(r.cfd).toBe('');
      }
      const leavers = Number(r.nb_sortant);
      expect(Number.isInteger(leavers) && leavers >= 4).toBe(true);
      for (const k of ['taux_emploi_6_mois', 'taux_emploi_12_mois']) expect(r[k], k).toMatch(leavers < 20 ? /^$/ : /^\d{1,2}$/);
    }
    expect(rows.some((r) => Number(r.nb_sortant) < 20)).toBe(true);
    expect(rows.filter((r) => Number(r.nb_sortant) >= 20).length).toBeGreaterThan(rows.length / 2);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  it('CFD seulement chez les lycées, CFA et établissements agricoles : les autres ne donnent que le code RNCP', () => {
    // Un même code RNCP apparaît dans des formations avec et sans CFD : l'importeur retrouve le CFD par le RNCP.
    const formations = xml.split('<formation numero=').slice(1);
    const withCfd = formations.filter((f) => f.includes('<extra info="cfd">'));
    const rncpOf = (f: string) => /<code-RNCP>([^<]+)<\/code-RNCP>/.exec(f)?.[1];
    const rncpWithCfd = new Set(withCfd.map(rncpOf));
    const withoutCfd = formations.filter((f) => !f.includes('<extra info="cfd">') && rncpWithCfd.has(rncpOf(f)));
    expect(withCfd.length).toBeGreaterThan(0);
    expect(withoutCfd.length).toBeGreaterThan(0);
  });
});

describe('avis.json (Anotéa v1)', () => {
  it('a la forme de GET /api/v1/avis et référence les actions et sessions générées', () => {
    const body = JSON.parse(read('full', 'avis.json').toString('utf8')) as {
      avis: Array<Record<string, any>>;
      meta: { pagination: { page: number; items_par_page: number; total_items: number; total_pages: number } };
    };
    expect(body.avis.length).toBe(full.counts.reviews);
    expect(body.meta.pagination.total_items).toBe(body.avis.length);
    const actions = new Set(attrValues(xml, 'action'));
    const sessions = new Set(attrValues(xml, 'session'));
    const twoYearsAgo = addMonths(TODAY, -24);
    let withComment = 0;
    const statuts = new Map<string, number>();
    for (const a of body.avis) {
      expect(a.id).toMatch(/^[0-9a-f]{24}$/);
      expect(actions.has(a.formation.action.numero)).toBe(true);
      expect(sessions.has(a.formation.action.session.numero)).toBe(true);
      const day = String(a.date).slice(0, 10);
      expect(day < TODAY && day >= twoYearsAgo, day).toBe(true);
      for (const n of Object.values(a.notes as Record<string, number>)) expect(Number.isInteger(n) && n >= 1 && n <= 5).toBe(true);
      if (a.commentaire) withComment++;
      statuts.set(a.statut, (statuts.get(a.statut) ?? 0) + 1);
    }
    expect(withComment / body.avis.length).toBeGreaterThan(0.5);
    expect(withComment / body.avis.length).toBeLessThan(0.7);
    expect(statuts.get('validated')! / body.avis.length).toBeGreaterThan(0.85);
    expect(statuts.get('rejected')).toBeGreaterThan(0);
    expect(statuts.get('none')).toBeGreaterThan(0);
    const reviewed = new Set(body.avis.map((a) => a.formation.action.numero));
    expect(reviewed.size / actions.size).toBeGreaterThan(0.3);
    expect(reviewed.size / actions.size).toBeLessThan(0.5);
  });
});

describe('scripts/generate-demo.ts', () => {
  it('affiche un résumé en français, et refuse un argument invalide', () => {
    const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
    const script = path.join(repoRoot, 'scripts', 'generate-demo.ts');
    const out = execFileSync(tsx, [script, '--sessions', '40', '--seed', 'cli', '--today', TODAY, '--out-dir', dir('cli')], { encoding: 'utf8' });
    expect(out).toMatch(/Démo générée .* en \d+(\.\d)? s : .* 40 sessions/);
    const bad = spawnSync(tsx, [script, '--sessions', 'beaucoup', '--out-dir', dir('bad')], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--sessions');
  });
});
