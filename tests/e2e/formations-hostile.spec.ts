/**
 * Contenus hostiles : du script dans les textes LHEO d'un organisme et dans un commentaire
 * d'avis ne s'exécute jamais, et un avis non modéré n'est jamais montré.
 *
 * Un second serveur (le même site construit) est lancé sur un port libre choisi par le système,
 * avec une copie des données où l'on a glissé ces contenus (DATA_DIR, dans un dossier temporaire
 * effacé à la fin) : la page est rendue par le vrai serveur, à partir de vraies données importées,
 * dans le vrai Chromium.
 */
import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addDays } from '../../src/demo/dates';
import { dataDir, projectRoot } from './support/data';
import { freePort } from './support/server';

let scratch = '';
let HOSTILE_DIR = '';
const SCRIPT_HTML = '<p>Objectif sûr</p><script>window.__pwned = "script"</script><img src="x" onerror="window.__pwned = \'img\'"><a href="javascript:window.__pwned=\'lien\'">lien piégé</a>';
const COMMENT = '<script>window.__pwned = "avis"</script><img src=x onerror="window.__pwned=\'avis-img\'"> Très bonne formation';

interface RawReview {
  actionId: string | null;
  date: string;
  status: string;
  comment: { title: string | null; text: string | null } | null;
}

let server: ChildProcess | null = null;
let base = '';
let actionId = '';

test.beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), 'vmm-hostile-'));
  HOSTILE_DIR = path.join(scratch, 'data');
  cpSync(dataDir, HOSTILE_DIR, { recursive: true });
  const reviews = JSON.parse(readFileSync(path.join(HOSTILE_DIR, 'avis.json'), 'utf8')) as RawReview[];
  const target = reviews.find((r) => r.status === 'validated' && r.comment?.text && r.actionId);
  if (!target?.actionId) throw new Error('aucun avis validé avec commentaire dans les données');
  actionId = target.actionId;
  target.comment = { title: '<b onmouseover="window.__pwned=1">Titre</b>', text: COMMENT };
  // Le plus récent (parmi les derniers commentaires affichés), quelle que soit la date des données.
  target.date = addDays(reviews.reduce((latest, r) => (r.date > latest ? r.date : latest), target.date), 1);
  const pending = reviews.find((r) => r !== target && r.actionId === actionId) ?? reviews.find((r) => r !== target)!;
  Object.assign(pending, { actionId, status: 'pending', comment: { title: null, text: 'AVIS NON MODÉRÉ À NE PAS MONTRER' } });
  writeFileSync(path.join(HOSTILE_DIR, 'avis.json'), JSON.stringify(reviews));

  const offer = JSON.parse(readFileSync(path.join(HOSTILE_DIR, 'offre.json'), 'utf8')) as { actions: { id: string; formationId: string }[]; formations: { id: string; objective: string | null; content: string | null }[] };
  const formationId = offer.actions.find((a) => a.id === actionId)!.formationId;
  const formation = offer.formations.find((f) => f.id === formationId)!;
  formation.objective = SCRIPT_HTML;
  formation.content = `Contenu en texte brut <script>window.__pwned = "brut"</script>`;
  writeFileSync(path.join(HOSTILE_DIR, 'offre.json'), JSON.stringify(offer));

  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ['scripts/serve.mjs'], { cwd: projectRoot, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: HOSTILE_DIR, CONTACT_DB_PATH: path.join(scratch, 'contact.sqlite'), CONTACT_MAIL_DIR: path.join(scratch, 'mails') }, stdio: 'ignore' });
  for (let i = 0; i < 100; i += 1) {
    const ok = await fetch(`${base}/api/formations/${encodeURIComponent(actionId)}`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('le second serveur ne répond pas');
});

test.afterAll(() => {
  server?.kill();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test('script dans le LHEO et dans un avis : affiché comme du texte, jamais exécuté ; avis non modéré absent', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const response = await page.goto(`${base}/formations/${encodeURIComponent(actionId)}`);
  expect(response?.status()).toBe(200);
  await expect(page.locator('#objectifs')).toContainText('Objectif sûr');
  await expect(page.locator('#objectifs a')).toHaveCount(0);
  await expect(page.locator('#programme')).toContainText('Contenu en texte brut');
  await expect(page.locator('#avis')).toContainText('Très bonne formation');
  // Le commentaire est du texte : les balises se lisent, rien n'est interprété.
  await expect(page.locator('#avis')).toContainText('<script>window.__pwned = "avis"</script>');
  await expect(page.locator('#avis')).not.toContainText('AVIS NON MODÉRÉ');
  await page.mouse.move(10, 10);
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(await page.locator('img[src="x"], [onerror], [onmouseover], a[href^="javascript:"]').count()).toBe(0);
  const scripts = await page.locator('script').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
  expect(scripts.filter((t) => t.includes('__pwned'))).toEqual([]);
  expect(dialogs).toEqual([]);
});
