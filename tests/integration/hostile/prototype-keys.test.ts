/**
 * Les noms des propriétés de `Object.prototype` (« constructor », « __proto__ », « toString »…)
 * sont des mots comme les autres, dans une recherche comme dans un flux LHEO : une table de
 * correspondance ordinaire (`{}`) les « trouve » et casse la recherche (503) ou la construction
 * des données (exit 1, TypeError en anglais).
 *
 * Ici, une VRAIE construction des données (`scripts/build-data.ts`, petit flux LHEO de démo
 * dans un dossier temporaire) dont des intitulés, des codes et un attribut contiennent ces mots,
 * puis la recherche (moteur embarqué, cas d'usage de l'API et de la page), les autocomplétions
 * (communes, métiers) et les facettes, avec les mêmes mots.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchCommunes } from '../../../src/http/communes';
import { searchFormations } from '../../../src/http/formations';
import { parseAutocompleteParams, parseFormationsParams } from '../../../src/http/params';
import { createApiServices, type ApiServices } from '../../../src/http/services';
import { clearCatalogCache } from '../../../src/catalog/catalog';
import { generateDemo } from '../../../src/demo/generate';
import { Offer } from '../../../src/domain/offer';
import { analyze, stem } from '../../../src/search/analyzer';
import { loadEmbeddedEngine, type EmbeddedEngine } from '../../../src/search/embedded';
import { SearchQuery } from '../../../src/search/query';
import { facetLabels } from '../../../src/components/search/labels';
import { emptyResultsHelp } from '../../../src/components/search/results-text';
import { searchPage } from '../../../src/formations/search-page';
import { emptyState } from '../../../src/components/search/url-state';
import { formText } from '../../../src/contact/forms';
import { repoRoot } from '../../support/shared-data';

const WORDS = ['constructor', '__proto__', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'] as const;
/** Date de référence fixe de la démo ET de l'index (le test ne dépend pas du jour). */
const TODAY = '2026-01-05';

let dir: string;
let out: string;
let build: { status: number | null; stdout: string; stderr: string };
let engine: EmbeddedEngine;
let services: ApiServices;

/** Remplace la n-ième (0 = première) occurrence de `search` dans `text`. */
function replaceNth(text: string, search: string, replacement: string, n = 0): string {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(search, at + 1);
    if (at < 0) throw new Error(`« ${search} » n° ${n} absent du flux de démonstration`);
  }
  return text.slice(0, at) + replacement + text.slice(at + search.length);
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'vmm-prototype-'));
  out = path.join(dir, 'build');
  const demo = await generateDemo({ sessions: 200, seed: 'mots-hostiles', today: TODAY, outDir: path.join(dir, 'demo') });
  let xml = readFileSync(demo.files.lheo, 'utf8');
  // Les intitulés : un mot hostile au début des six premiers.
  let from = 0;
  for (const word of WORDS) {
    from = xml.indexOf('<intitule-formation>', from);
    expect(from).toBeGreaterThan(0);
    from += '<intitule-formation>'.length;
    xml = `${xml.slice(0, from)}${word} ${xml.slice(from)}`;
  }
  // Des valeurs codées et un attribut, dans les formations suivantes : ils doivent être refusés
  // ou ignorés, et dits dans le rapport.
  const split = xml.indexOf('<formation numero="', from);
  let tail = xml.slice(split);
  tail = replaceNth(tail, '<code-public-vise ref="V10">', '<code-public-vise ref="V10">constructor</code-public-vise><code-public-vise ref="V10">__proto__</code-public-vise><code-public-vise ref="V10">');
  tail = replaceNth(tail, '<code-financeur>10</code-financeur>', '<code-financeur>toString</code-financeur>', 8);
  tail = replaceNth(tail, '<modalites-enseignement>0</modalites-enseignement>', '<modalites-enseignement>constructor</modalites-enseignement>', 3);
  tail = replaceNth(tail, '<etat-recrutement>1</etat-recrutement>', '<etat-recrutement>valueOf</etat-recrutement>', 30);
  tail = replaceNth(tail, '<code-niveau-sortie>14</code-niveau-sortie>', '<code-niveau-sortie>hasOwnProperty</code-niveau-sortie>', 1);
  tail = replaceNth(tail, '<extra info="dispositif">visa-sanitaire-social</extra>', '<extra info="dispositif">constructor</extra>', 1);
  tail = replaceNth(tail, '<formation numero="', '<formation __proto__="x" constructor="y" numero="', 1);
  xml = xml.slice(0, split) + tail;
  const lheo = path.join(dir, 'hostile.lheo.xml');
  writeFileSync(lheo, xml);
  // Des avis dont le statut est un nom de propriété d'Object.prototype.
  const avis = JSON.parse(readFileSync(demo.files.avis, 'utf8')) as { avis: Record<string, unknown>[] };
  avis.avis.slice(0, 3).forEach((a, i) => Object.assign(a, { statut: ['constructor', 'toString', '__proto__'][i] }));
  const avisFile = path.join(dir, 'avis.json');
  writeFileSync(avisFile, JSON.stringify(avis));

  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/build-data.ts', '--lheo', lheo, ...demo.files.inserjeunes.flatMap((f) => ['--inserjeunes', f]), '--anotea', avisFile, '--today', TODAY, '--out-dir', out],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  build = { status: run.status, stdout: run.stdout, stderr: run.stderr };
  if (build.status === 1 || build.status === null) return;
  clearCatalogCache();
  services = createApiServices(out);
  engine = await loadEmbeddedEngine(out);
}, 180_000);

afterAll(() => {
  clearCatalogCache();
  rmSync(dir, { recursive: true, force: true });
});

describe('analyse du texte', () => {
  it.each(WORDS)('« %s » est un mot : jetons et racine sont des chaînes', (word) => {
    expect(typeof stem(word.toLowerCase())).toBe('string');
    for (const token of analyze(`Formation ${word}`)) expect(typeof token).toBe('string');
  });
});

describe('construction des données avec un flux LHEO qui contient ces mots', () => {
  it('se termine (0 : fichiers lus en entier, des enregistrements rejetés), sans erreur en anglais', () => {
    expect(build.stderr).not.toMatch(/TypeError|is not a function|Cannot read properties/);
    expect(build.status, `${build.stdout}\n${build.stderr}`).toBe(0);
    expect(build.stdout).toMatch(/[1-9]\d* enregistrement\(s\) rejeté\(s\)/);
  });

  it('les intitulés sont importés tels quels', () => {
    const offer = Offer.parse(JSON.parse(readFileSync(path.join(out, 'current', 'offre.json'), 'utf8')));
    for (const word of WORDS) expect(offer.formations.some((f) => f.title.startsWith(`${word} `)), word).toBe(true);
  });

  it('chaque valeur codée inconnue est refusée ou ignorée, avec sa raison en français dans le rapport', () => {
    const report = JSON.parse(readFileSync(path.join(out, 'current', 'reports', 'lheo.json'), 'utf8')) as { rejected: { reason: string }[]; warnings: { reason: string }[] };
    const reasons = [...report.rejected, ...report.warnings].map((r) => r.reason);
    expect(reasons).toContainEqual(expect.stringContaining('code de modalité d’enseignement inconnu : « constructor »'));
    expect(reasons).toContainEqual(expect.stringContaining('inconnu : « valueOf »'));
    expect(reasons).toContainEqual(expect.stringContaining('code financeur inconnu ignoré : « toString »'));
    expect(reasons).toContainEqual(expect.stringContaining('dispositif régional inconnu : « constructor »'));
    expect(reasons).toContainEqual(expect.stringContaining('« hasOwnProperty »'));
  });

  it('un statut d’avis « constructor », « toString » ou « __proto__ » garde l’avis en attente (non publié)', () => {
    const report = JSON.parse(readFileSync(path.join(out, 'current', 'reports', 'anotea.json'), 'utf8')) as { warnings: { reason: string }[] };
    for (const status of ['constructor', 'toString', '__proto__']) {
      expect(report.warnings.map((w) => w.reason)).toContain(`statut inconnu « ${status} » : avis gardé en attente (non publié)`);
    }
  });
});

describe('recherche et autocomplétions avec ces mots', () => {
  it.each(WORDS)('moteur embarqué : « %s » trouve la formation dont l’intitulé le contient', async (word) => {
    const result = await engine.search(SearchQuery.parse({ text: word }));
    expect(result.hits.some((h) => h.document.title.startsWith(`${word} `))).toBe(true);
  });

  it.each(WORDS)('API /api/formations?q=%s : une réponse, jamais une erreur', async (word) => {
    const params = new URLSearchParams({ q: word, [word]: word });
    const parsed = parseFormationsParams(services.formationsParams, params);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const response = await searchFormations(engine, parsed.query, services.insertion.originOf);
    expect(response.total).toBeGreaterThan(0);
  });

  it.each(WORDS)('page /formations?q=%s (et ou= le même mot) : une page, avec un message en français pour le lieu', async (word) => {
    const view = await searchPage(new URLSearchParams({ q: word, ou: word }), {
      geo: services.geo,
      schema: services.formationsParams,
      insertion: services.insertion,
      engine,
    });
    expect(view.response.total).toBeGreaterThan(0);
    expect(view.messages.join(' ')).toContain(`Aucune commune des Pays de la Loire ne correspond à « ${word} »`);
  });

  it.each(WORDS)('autocomplétions communes et métiers : « %s » ne trouve rien, sans erreur', (word) => {
    const parsed = parseAutocompleteParams(new URLSearchParams({ q: word }));
    expect(parsed.ok).toBe(true);
    expect(searchCommunes(services.geo, word)).toEqual([]);
    expect(services.metiers.search(word)).toEqual([]);
  });

  it('facettes : des publics « constructor » et « __proto__ » sont des valeurs comptées comme les autres', async () => {
    const result = await engine.search(SearchQuery.parse({ perPage: 1 }));
    const publics = result.facets.publics;
    expect(Object.hasOwn(publics, 'constructor') && publics.constructor).toBe(1);
    expect(Object.hasOwn(publics, '__proto__') && publics['__proto__']).toBe(1);
    for (const count of Object.values(publics)) expect(typeof count).toBe('number');
  });
});

describe('formulaires et libellés', () => {
  it('un champ de formulaire nommé « __proto__ » ou « constructor » est une valeur comme une autre', () => {
    const data = new FormData();
    for (const word of WORDS) data.append(word, `valeur ${word}`);
    const values = formText(data);
    for (const word of WORDS) expect(Object.hasOwn(values, word) && values[word]).toBe(`valeur ${word}`);
  });

  it.each(WORDS)('un filtre « %s » venu de l’adresse garde son nom dans « Retirer le filtre »', (word) => {
    const state = { ...emptyState(), filters: { ...emptyState().filters, public: [word], territoire: [word] } };
    const help = emptyResultsHelp(state, { rayon_km: null }, null, facetLabels([]));
    expect(help.suggestions.map((f) => f.label)).toEqual([`Retirer le filtre « ${word} »`, `Retirer le filtre « ${word} »`]);
  });
});
