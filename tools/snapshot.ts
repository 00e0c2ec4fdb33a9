/**
 * Instantané des réponses du site, pour vérifier qu'une refonte ne change ni l'API ni les pages.
 *
 *   npm run snapshot -- --out DOSSIER                 prend l'instantané dans DOSSIER (vidé d'abord)
 *   npm run snapshot -- --compare AVANT [--out APRÈS] prend un instantané (dossier temporaire sans
 *                                                     --out) et le compare à AVANT
 *   npm run snapshot -- --compare AVANT --against APRÈS  compare deux instantanés déjà pris
 *
 * Il démarre le serveur CONSTRUIT (`node scripts/serve.mjs`, comme les tests navigateur) sur
 * 127.0.0.1:`--port` (4408 par défaut, ou SNAPSHOT_PORT), avec :
 *   - DATA_DIR : les données dont dist/ a été construit (dist/build-timing.json) ;
 *   - REFERENCE_DATE : la date de référence de ces données (manifest.json) : « aujourd'hui » est le
 *     même jour à chaque passage. Construisez avec une date FIXE, par exemple
 *     `REFERENCE_DATE=2026-09-14 npm run build` (la date des tests) ;
 *   - CONTACT_DB_PATH, CONTACT_MAIL_DIR : dans un dossier temporaire, effacé à la fin.
 * Puis il enregistre ~200 réponses de l'API (statut, en-têtes de contrat, corps) et le texte
 * VISIBLE (`innerText`, lu par Chromium via playwright-core) d'une trentaine de pages.
 *
 * Dossier produit : `index.json` (contexte, normalisations, liste des entrées), `api/NNN.json`,
 * `pages/NN-nom.txt`. La comparaison liste les entrées ajoutées, retirées ou changées (différence
 * ligne à ligne) et sort en code 1 s'il y en a ; code 0 si tout est égal.
 *
 * Seul ce qui change vraiment d'un passage à l'autre est normalisé : voir NORMALISATIONS.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { structuredPatch } from 'diff';
import { chromium } from 'playwright-core';
import { currentGeneration } from '../src/catalog/files';
import { chromiumPath, chromiumProblem } from './chromium';

const projectRoot = path.resolve(import.meta.dirname, '..');
const FORMAT = 1;

/**
 * Ce qui varie d'un passage à l'autre, et rien d'autre. Chaque règle s'applique au texte enregistré
 * (corps des réponses, texte des pages, adresses demandées), jamais au HTML.
 */
export const NORMALISATIONS: readonly { name: string; why: string; pattern: RegExp; replacement: string }[] = [
  {
    name: 'identifiant de pro',
    why: 'Les pros de démonstration sont inscrits à chaque démarrage dans une base neuve : leur identifiant (12 caractères aléatoires) change. Il n’apparaît que dans l’adresse de la fiche d’un pro.',
    pattern: /\/rencontrer-un-pro\/pro\/[\w-]{12}\//g,
    replacement: '/rencontrer-un-pro/pro/<id>/',
  },
  {
    name: 'identifiant de génération des données',
    why: 'Horodatage de la construction des données et empreinte du code qui les a construites (data/build/generations/<id>).',
    pattern: /\b\d{8}T\d{6}Z-[0-9a-f]{8}\b/g,
    replacement: '<génération>',
  },
];

export function normalise(text: string): string {
  return NORMALISATIONS.reduce((t, n) => t.replace(n.pattern, n.replacement), text);
}

// ---------------------------------------------------------------------------------------------
// Ce qui est demandé.

type ApiRequest = { method?: 'GET' | 'HEAD' | 'POST'; path: string };

const q = (params: Record<string, string | string[]>): string => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) for (const v of Array.isArray(value) ? value : [value]) search.append(name, v);
  return search.toString();
};
const formations = (params: Record<string, string | string[]>) => ({ path: `/api/formations?${q(params)}` });

/** Identifiants d'actions de la démo (graine fixe), pour les fiches. */
const ACTION_IDS = [
  'VMM-A0000001', 'VMM-A0000002', 'VMM-A0000049', 'VMM-A0000143', 'VMM-A0000249', 'VMM-A0000293', 'VMM-A0000311', 'VMM-A0000367',
  'VMM-A0000476', 'VMM-A0000600', 'VMM-A0000777', 'VMM-A0001000', 'VMM-A0001234', 'VMM-A0001440',
];

export function apiRequests(): ApiRequest[] {
  const list: ApiRequest[] = [];
  const add = (...r: ApiRequest[]) => list.push(...r);

  // Recherche plein texte.
  for (const text of ['cuisine', 'soudeur', 'aide-soignant', 'aide soignante', 'infirmier', 'développeur web', 'Développeur', 'cuisne', 'boulanger', 'électricien', 'comptabilité', 'anglais', 'CAP', 'bts', 'maçon', 'cariste', 'logistique', 'zzzzqqq', '  espaces   verts  ', 'ta\u0007bac'])
    add(formations({ q: text }));
  add(formations({}), formations({ q: '' }), formations({ q: 'x'.repeat(200) }), formations({ q: 'x'.repeat(201) }));

  // Lieu et rayon.
  for (const commune of ['49007', '44109', '72181', '85191', '53130', '44184', '85194', '49328']) add(formations({ commune }));
  for (const rayon of ['10', '20', '50', '100', '1', '200', '15.5']) add(formations({ q: 'cuisine', commune: '53130', rayon }));
  add(
    formations({ q: 'soudeur', commune: '85191', rayon: '10' }),
    formations({ q: 'infirmier', lat: '47.2', lon: '-1.55' }),
    formations({ q: 'infirmier', lat: '47.2', lon: '-1.55', rayon: '10', tri: 'distance' }),
    formations({ lat: '47.2' }),
    formations({ lon: '-1.55' }),
    formations({ lat: '47.2', lon: '-1.55', commune: '49007' }),
    formations({ lat: '95', lon: '0' }),
    formations({ lat: 'nord', lon: '0' }),
    formations({ commune: '99999' }),
    formations({ commune: '75056' }),
    formations({ commune: 'angers' }),
    formations({ commune: '2A004' }),
    formations({ rayon: '20' }),
    formations({ commune: '49007', rayon: '0' }),
    formations({ commune: '49007', rayon: '250' }),
    formations({ commune: '49007', rayon: 'loin' }),
    formations({ commune: '49007', rayon: '' }),
    formations({ commune: '49007', modalite: 'distance' }),
    formations({ q: 'cuisine', commune: '44184', modalite: 'presentiel', rayon: '10' }),
  );

  // Filtres.
  for (let n = 1; n <= 8; n += 1) add(formations({ niveau: String(n) }));
  add(formations({ niveau: ['3', '4'] }), formations({ niveau: '9' }), formations({ niveau: '3.5' }), formations({ niveau: 'cap' }));
  for (const modalite of ['presentiel', 'distance', 'mixte', 'hybride']) add(formations({ modalite }));
  for (const financement of ['cpf', 'region', 'france-travail', 'personnel', 'entreprise', 'visa-metiers', 'gratuit']) add(formations({ financement }));
  for (const pub of ['80006', '81020', '81024', '8000']) add(formations({ public: pub }));
  for (const departement of ['44', '49', '53', '72', '85', '75']) add(formations({ departement }));
  add(formations({ departement: ['44', '85'], niveau: '4' }));
  for (const territoire of ['maine-et-loire-centre', 'loire-atlantique-nord', 'sarthe-nord', 'territoire-inconnu']) add(formations({ territoire }));
  add(
    formations({ debut_min: '2026-10-01' }),
    formations({ debut_max: '2026-12-31' }),
    formations({ debut_min: '2026-10-01', debut_max: '2027-03-31' }),
    formations({ debut_min: '2027-03-31', debut_max: '2026-10-01' }),
    formations({ debut_min: '01/10/2026' }),
    formations({ debut_min: '2026-02-30' }),
  );
  for (const [name, value] of [
    ['entree_permanente', 'true'], ['entree_permanente', 'non'], ['handicap', 'oui'], ['handicap', '0'], ['certifiante', 'false'], ['certifiante', '1'], ['certifiante', 'peut-être'],
  ] as const)
    add(formations({ [name]: value }));
  for (const duree of ['35', '400', '1200', '0', '20000', 'longue']) add(formations({ duree_max: duree }));
  for (const metier of ['G1609', 'j1501', 'H2913', 'Z9999', 'G16']) add(formations({ metier }));
  add(formations({ metier: Array.from({ length: 21 }, (_, i) => `G${String(1600 + i)}`) }));

  // Tri et pages.
  for (const tri of ['pertinence', 'date', 'insertion', 'note', 'alphabetique']) add(formations({ q: 'cuisine', tri }));
  add(formations({ tri: 'distance' }), formations({ tri: 'distance', commune: '49007' }));
  for (const page of ['1', '2', '5', '0', '-1', 'deux', '100000']) add(formations({ q: 'cap', page }));
  for (const parPage of ['1', '50', '0', '51', '10.5']) add(formations({ par_page: parPage }));
  add(formations({ par_page: '50', page: '3', tri: 'date' }));

  // Forme de la chaîne de requête.
  add(
    formations({ q: ['cuisine', 'soudeur'] }),
    formations({ niveau: Array.from({ length: 51 }, () => '3') }),
    formations({ inconnu: 'x', q: 'cuisine' }),
    formations({ ['__proto__']: 'x', constructor: 'y' }),
    formations({ commune: 'x'.repeat(1001) }),
    formations({ q: 'cuisine', niveau: '', modalite: '', financement: '' }),
    formations({ q: 'cuisine', commune: '49007', niveau: '3', modalite: 'presentiel', financement: 'cpf', certifiante: 'oui', tri: 'date', par_page: '5' }),
    formations({ q: 'aide', departement: '72', niveau: ['3', '4', '5'], handicap: 'true', entree_permanente: 'false' }),
    { path: '/api/formations?%E0%A4' },
    { path: '/api/formations?q=%' },
    { path: '/api/formations?q=caf%C3%A9' },
    { path: '/api/formations?q=cuisine&q' },
  );

  // Fiches.
  for (const id of ACTION_IDS) add({ path: `/api/formations/${id}` });
  add({ path: '/api/formations/VMM-A9999999' }, { path: '/api/formations/nope' }, { path: `/api/formations/${'A'.repeat(300)}` }, { path: '/api/formations/VMM-F000204' });

  // Autocomplétions.
  for (const text of ['ang', 'Angers', 'nantes', 'saint', 'st nazaire', 'la roche', 'le mans', '49000', '44', 'laval', 'é', 'zz', '']) add({ path: `/api/communes?${q({ q: text })}` });
  add({ path: '/api/communes' }, { path: `/api/communes?${q({ q: 'a'.repeat(500) })}` }, { path: `/api/communes?${q({ q: ['ang', 'nan'] })}` });
  for (const text of ['cuis', 'cuisinier', 'soud', 'infirm', 'aide', 'développeur', 'G1609', 'boulang', 'comptable', 'chauffeur', 'zz', '']) add({ path: `/api/metiers?${q({ q: text })}` });
  add({ path: '/api/metiers' }, { path: `/api/metiers?${q({ q: 'a'.repeat(500) })}` });

  // Entreprises (CSV).
  add(
    { path: `/api/entreprises/sessions.csv?${q({ metier: 'G1609', code_commune: '49007', rayon: '30' })}` },
    { path: `/api/entreprises/sessions.csv?${q({ metier: ['G1609', 'D1102'], territoire: 'maine-et-loire-centre' })}` },
    { path: `/api/entreprises/sessions.csv?${q({ metier: 'G1609', commune: 'Nantes' })}` },
    { path: `/api/entreprises/sessions.csv?${q({ metier: 'G1609' })}` },
    { path: `/api/entreprises/sessions.csv?${q({ metier: 'Z9999', code_commune: '49007' })}` },
    { path: `/api/entreprises/sessions.csv?${q({ metier: 'G1609', code_commune: '49007', rayon: '7' })}` },
    { path: '/api/entreprises/sessions.csv' },
  );

  // Documents et santé.
  add({ path: '/api/openapi.json' }, { path: '/api/sante' }, { path: '/formations/fond-de-carte.geojson' }, { path: '/api/inexistant' });
  add({ method: 'HEAD', path: '/api/formations?q=cuisine' }, { method: 'POST', path: '/api/formations' });
  return list;
}

type PageRequest = { name: string; path: string } | { name: string; firstLinkOf: string; prefix: string };

export const PAGES: readonly PageRequest[] = [
  { name: 'accueil', path: '/' },
  { name: 'formations', path: '/formations/' },
  { name: 'formations-cuisine', path: '/formations/?q=cuisine' },
  { name: 'formations-soudeur-nantes', path: '/formations/?q=soudeur&commune=44109&rayon=20' },
  { name: 'formations-le-mans-filtres', path: '/formations/?commune=72181&niveau=4&modalite=presentiel' },
  { name: 'formations-elargi', path: '/formations/?q=cuisine&commune=53130&rayon=10' },
  { name: 'formations-aucun-resultat', path: '/formations/?q=zzzzqqq' },
  { name: 'formations-invalide', path: '/formations/?commune=00000&rayon=abc&niveau=9' },
  { name: 'formations-page-2-date', path: '/formations/?q=cap&tri=date&page=2' },
  { name: 'fiche-cap-cuisine', path: '/formations/VMM-A0000293-cap-cuisine' },
  { name: 'fiche-2', path: '/formations/VMM-A0000143-bac-pro-cuisine' },
  { name: 'fiche-3', path: '/formations/VMM-A0000001' },
  { name: 'fiche-inconnue', path: '/formations/VMM-A9999999-inconnue' },
  { name: 'metiers', path: '/metiers/' },
  { name: 'metiers-a-z', path: '/metiers/a-z/' },
  { name: 'metiers-recherche', path: '/metiers/recherche/?q=cuisin' },
  { name: 'metier-fiche', path: '/metiers/G1609-cuisinier-cuisiniere/' },
  { name: 'metier-pres-de-chez-vous', path: '/metiers/G1609-cuisinier-cuisiniere/pres-de-chez-vous/?commune=Angers' },
  { name: 'metier-pres-de-chez-vous-invalide', path: '/metiers/G1609-cuisinier-cuisiniere/pres-de-chez-vous/?commune=49007' },
  { name: 'metier-inconnu', path: '/metiers/Z9999-inconnu/' },
  { name: 'territoires', path: '/territoires/' },
  { name: 'territoire', path: '/territoires/loire-atlantique-centre/' },
  { name: 'territoire-inconnu', path: '/territoires/nulle-part/' },
  { name: 'entreprises', path: '/entreprises/' },
  { name: 'entreprises-recherche', path: '/entreprises/?metier=G1609&code_commune=49007&rayon=30' },
  { name: 'rencontrer-un-pro', path: '/rencontrer-un-pro/' },
  { name: 'rencontrer-un-pro-recherche', path: '/rencontrer-un-pro/?metier=cuisinier&commune=Angers&rayon=50' },
  { name: 'pro-fiche', firstLinkOf: '/rencontrer-un-pro/', prefix: '/rencontrer-un-pro/pro/' },
  { name: 'devenir-pro', path: '/rencontrer-un-pro/devenir-pro/' },
  { name: 'mon-profil-lien', path: '/rencontrer-un-pro/mon-profil/lien/' },
  { name: 'donnees', path: '/donnees/' },
  { name: 'admin-connexion', path: '/admin/connexion/' },
  { name: 'page-inexistante', path: '/page-inexistante/' },
];

// ---------------------------------------------------------------------------------------------
// Prise de l'instantané.

/** En-têtes qui font partie du contrat (les autres, comme Date, changent à chaque requête). */
const CONTRACT_HEADERS = ['content-type', 'cache-control', 'content-disposition', 'allow', 'location'];

type Entry = { key: string; file: string; request: string };

function serverEnv(port: number, scratch: string): { env: NodeJS.ProcessEnv; dataDir: string; referenceDate: string } {
  const timing = path.join(projectRoot, 'dist', 'build-timing.json');
  if (!existsSync(timing)) throw new Error('Le site n’est pas construit (dist/ absent) : lancez « REFERENCE_DATE=2026-09-14 npm run build ».');
  const dataDir = path.resolve(projectRoot, (JSON.parse(readFileSync(timing, 'utf8')) as { dataDir: string }).dataDir);
  const manifest = JSON.parse(readFileSync(path.join(currentGeneration(dataDir), 'manifest.json'), 'utf8')) as { referenceDate?: string };
  const referenceDate = manifest.referenceDate ?? '';
  if (!referenceDate) throw new Error(`Pas de date de référence dans les données de ${dataDir}.`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    REFERENCE_DATE: referenceDate,
    CONTACT_DB_PATH: path.join(scratch, 'contact.sqlite'),
    CONTACT_MAIL_DIR: path.join(scratch, 'mails'),
    TMPDIR: scratch,
  };
  for (const name of ['CONTACT_SECRET', 'SITE_URL', 'CONTACT_PUBLIC_URL', 'SEARCH_ENGINE', 'MEILISEARCH_URL', 'NODE_ENV']) delete env[name];
  return { env, dataDir, referenceDate };
}

async function startServer(env: NodeJS.ProcessEnv, base: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['scripts/serve.mjs'], { cwd: projectRoot, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Le serveur s’est arrêté (code ${child.exitCode}) :\n${stderr}`);
    const ok = await fetch(`${base}/api/sante`).then((r) => r.ok, () => false);
    if (ok) return child;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  child.kill('SIGTERM');
  throw new Error(`Le serveur n’a pas répondu en 120 s :\n${stderr}`);
}

function stableJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

async function recordApi(base: string, out: string): Promise<Entry[]> {
  mkdirSync(path.join(out, 'api'), { recursive: true });
  const entries: Entry[] = [];
  const requests = apiRequests();
  for (const [i, r] of requests.entries()) {
    const method = r.method ?? 'GET';
    const response = await fetch(`${base}${r.path}`, { method, redirect: 'manual', headers: { 'accept-language': 'fr-FR' } });
    const raw = method === 'HEAD' ? '' : await response.text();
    const type = response.headers.get('content-type') ?? '';
    let body: unknown = raw;
    if (type.includes('json')) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    } else if (type.includes('text/html')) {
      body = htmlSummary(raw);
    }
    const headers = Object.fromEntries(CONTRACT_HEADERS.flatMap((h) => (response.headers.has(h) ? [[h, response.headers.get(h)]] : [])));
    const request = normalise(`${method} ${r.path}`);
    const file = `api/${String(i + 1).padStart(3, '0')}.json`;
    const record = { request, status: response.status, headers, body };
    writeFileSync(path.join(out, file), normalise(stableJson(record)));
    entries.push({ key: request, file, request });
  }
  return entries;
}

/** Une page HTML reçue par l'API (erreur 404 du site) : sa taille seule, le texte des pages est pris par Chromium. */
function htmlSummary(html: string): string {
  return `(page HTML, ${Buffer.byteLength(html)} octets)`;
}

async function recordPages(base: string, out: string): Promise<Entry[]> {
  mkdirSync(path.join(out, 'pages'), { recursive: true });
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
  });
  const entries: Entry[] = [];
  try {
    const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    for (const [i, p] of PAGES.entries()) {
      let target: string;
      if ('path' in p) target = p.path;
      else {
        await page.goto(`${base}${p.firstLinkOf}`, { waitUntil: 'load' });
        const href = await page.locator(`a[href^="${p.prefix}"]`).first().getAttribute('href');
        if (!href) throw new Error(`Aucun lien ${p.prefix}… sur ${p.firstLinkOf}`);
        target = href;
      }
      const response = await page.goto(`${base}${target}`, { waitUntil: 'networkidle', timeout: 60_000 });
      const title = await page.title();
      const text = await page.evaluate(() => document.body.innerText);
      const cleaned = text
        .split('\n')
        .map((line) => line.trimEnd())
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim();
      const file = `pages/${String(i + 1).padStart(2, '0')}-${p.name}.txt`;
      const request = normalise(`PAGE ${target}`);
      writeFileSync(path.join(out, file), normalise(`${request}\nStatut : ${response?.status() ?? '?'}\nTitre : ${title}\n\n${cleaned}\n`));
      entries.push({ key: `PAGE ${p.name}`, file, request });
    }
  } finally {
    await browser.close();
  }
  return entries;
}

async function takeSnapshot(out: string, port: number): Promise<void> {
  const problem = chromiumProblem();
  if (problem) throw new Error(problem);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'vmm-snapshot-'));
  let server: ChildProcess | null = null;
  const started = performance.now();
  try {
    const { env, dataDir, referenceDate } = serverEnv(port, scratch);
    const base = `http://127.0.0.1:${port}`;
    console.log(`Serveur construit sur ${base} ; données ${path.relative(projectRoot, dataDir) || dataDir}, date de référence ${referenceDate}.`);
    server = await startServer(env, base);
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    const api = await recordApi(base, out);
    const pages = await recordPages(base, out);
    const index = {
      format: FORMAT,
      referenceDate,
      normalisations: NORMALISATIONS.map((n) => ({ name: n.name, pattern: String(n.pattern), replacement: n.replacement, why: n.why })),
      entries: [...api, ...pages],
    };
    writeFileSync(path.join(out, 'index.json'), stableJson(index));
    console.log(`Instantané : ${api.length} réponses de l’API, ${pages.length} pages, dans ${out} (${((performance.now() - started) / 1000).toFixed(1)} s).`);
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once('exit', resolve));
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    rmSync(scratch, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Comparaison.

type Index = { format: number; referenceDate: string; entries: Entry[] };

function readIndex(dir: string): Index {
  const file = path.join(dir, 'index.json');
  if (!existsSync(file)) throw new Error(`Pas d’instantané dans ${dir} (index.json absent).`);
  return JSON.parse(readFileSync(file, 'utf8')) as Index;
}

const MAX_LINES_PER_ENTRY = 40;

/** Différences entre deux instantanés, en lignes lisibles ; vide s'ils sont égaux. */
export function compareSnapshots(beforeDir: string, afterDir: string): string[] {
  const before = readIndex(beforeDir);
  const after = readIndex(afterDir);
  const out: string[] = [];
  if (before.referenceDate !== after.referenceDate) out.push(`Date de référence : ${before.referenceDate} → ${after.referenceDate} (construisez avec la même REFERENCE_DATE).`);
  const afterByKey = new Map(after.entries.map((e) => [e.key, e]));
  const beforeKeys = new Set(before.entries.map((e) => e.key));
  for (const e of before.entries) {
    const other = afterByKey.get(e.key);
    if (!other) {
      out.push(`− absent après : ${e.key}`);
      continue;
    }
    const a = readFileSync(path.join(beforeDir, e.file), 'utf8');
    const b = readFileSync(path.join(afterDir, other.file), 'utf8');
    if (a === b) continue;
    out.push(`≠ ${e.key}  (${e.file} → ${other.file})`);
    const patch = structuredPatch(e.file, other.file, a, b, 'avant', 'après', { context: 2 });
    const lines = patch.hunks.flatMap((h) => [`  @@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...h.lines.map((l) => `  ${l.length > 300 ? `${l.slice(0, 300)}…` : l}`)]);
    out.push(...lines.slice(0, MAX_LINES_PER_ENTRY));
    if (lines.length > MAX_LINES_PER_ENTRY) out.push(`  … ${lines.length - MAX_LINES_PER_ENTRY} ligne(s) de plus`);
  }
  for (const e of after.entries) if (!beforeKeys.has(e.key)) out.push(`+ nouveau après : ${e.key}`);
  return out;
}

// ---------------------------------------------------------------------------------------------

const HELP = `Usage :
  npm run snapshot -- --out DOSSIER                     prend l'instantané dans DOSSIER
  npm run snapshot -- --compare AVANT [--out APRÈS]     prend un instantané et le compare à AVANT
  npm run snapshot -- --compare AVANT --against APRÈS   compare deux instantanés déjà pris
Options : --port N (4408 par défaut, ou SNAPSHOT_PORT).
Le site doit être construit avec une date fixe : REFERENCE_DATE=2026-09-14 npm run build.
Code de sortie : 0 égal (ou instantané pris), 1 différences ou erreur.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, compare: { type: 'string' }, against: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help || (!values.out && !values.compare)) {
    console.log(HELP);
    return values.help ? 0 : 1;
  }
  const port = Number(values.port ?? process.env.SNAPSHOT_PORT ?? 4408);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`Port invalide : ${values.port}`);
    return 1;
  }
  let afterDir = values.against ? path.resolve(values.against) : null;
  let temporary: string | null = null;
  try {
    if (!afterDir) {
      afterDir = values.out ? path.resolve(values.out) : (temporary = mkdtempSync(path.join(os.tmpdir(), 'vmm-snapshot-after-')));
      await takeSnapshot(afterDir, port);
    }
    if (!values.compare) return 0;
    const differences = compareSnapshots(path.resolve(values.compare), afterDir);
    const total = readIndex(path.resolve(values.compare)).entries.length;
    if (differences.length === 0) {
      console.log(`✔ Identique à ${values.compare} : ${total} entrées.`);
      if (temporary) rmSync(temporary, { recursive: true, force: true });
      return 0;
    }
    console.log(differences.join('\n'));
    const changed = differences.filter((l) => /^[≠−+] /.test(l)).length;
    console.log(`\n✘ ${changed} entrée(s) différente(s) sur ${total} (instantané comparé : ${afterDir}).`);
    return 1;
  } catch (error) {
    console.error(`Erreur : ${(error as Error).message}`);
    return 1;
  } finally {
    if (temporary && existsSync(temporary) && readdirSync(temporary).length === 0) rmSync(temporary, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) process.exitCode = await main();
