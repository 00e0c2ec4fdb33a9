/**
 * Budgets de la page de recherche (issue 4, §6), mesurés contre le site construit, dans le
 * Chromium du système. Affiche du JSON ; code de sortie 1 si un budget est dépassé.
 *
 *   npx astro build && npx tsx scripts/budget-search-page.ts [--port 4401] [--runs 5]
 *
 * - JavaScript initial : tous les scripts chargés par la page avant toute action de l'usager,
 *   compressés en gzip (MapLibre, chargé à la demande, n'en fait pas partie) ≤ 60 Ko ; l'île de
 *   recherche est chargée à la première interaction (`client:interaction`) : ce qu'elle charge
 *   quand la personne arrive dans « Quoi ? » est compté à part (`atFirstInteraction`) ;
 * - LCP de `/formations?q=aide+soignante&ou=Cholet` (PerformanceObserver, Chromium headless,
 *   localhost), médiane de `--runs` chargements à froid ≤ 1,5 s ;
 * - de la dernière frappe dans « Quoi ? » aux résultats affichés (médiane) ≤ 200 ms ;
 * - octets transférés (corps des réponses, tels qu'ils passent sur le réseau) de la page HTML et
 *   du JavaScript initial, « avant » (sans compression : Accept-Encoding: identity) et « après »
 *   (ce que reçoit Chromium : « gzip, deflate, br, zstd ») : page ≤ 12 Ko, JavaScript ≤ 15 Ko.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values } = parseArgs({ options: { port: { type: 'string', default: process.env.E2E_PORT ?? '4401' }, runs: { type: 'string', default: '5' } } });
const port = Number(values.port);
const runs = Math.max(1, Number(values.runs));
const base = `http://127.0.0.1:${port}`;
const PAGE = '/formations?q=aide+soignante&ou=Cholet';
const BUDGET = { initialJsGzipKb: 60, lcpMs: 1500, keystrokeToResultsMs: 200, transferredHtmlKb: 12, transferredJsKb: 15 };
const CHROMIUM_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

/** Les octets du corps d'une réponse tels qu'envoyés (aucune décompression), et leur encodage. */
function transferred(url: string, acceptEncoding: string): Promise<{ bytes: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve({ bytes, encoding: String(res.headers['content-encoding'] ?? 'identity') }));
      })
      .on('error', reject);
  });
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main() {
  // « Rencontrer un pro » du serveur mesuré : base et e-mails dans un dossier temporaire, jamais data/contact.sqlite ni data/mails/.
  const scratch = mkdtempSync(path.join(tmpdir(), 'vmm-budget-'));
  const server = spawn(process.execPath, ['scripts/serve.mjs'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', CONTACT_DB_PATH: path.join(scratch, 'contact.sqlite'), CONTACT_MAIL_DIR: path.join(scratch, 'mails') },
    stdio: 'ignore',
  });
  try {
    for (let i = 0; ; i += 1) {
      if (await fetch(`${base}/formations`).then((r) => r.ok, () => false)) break;
      if (i > 150) throw new Error('le serveur ne répond pas');
      await new Promise((r) => setTimeout(r, 200));
    }
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });

    // 1. JavaScript initial (gzip), et LCP.
    const scripts = new Map<string, number>();
    const interactionScripts = new Map<string, number>();
    let phase: 'initial' | 'interaction' = 'initial';
    const lcps: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const context = await browser.newContext();
      const page = await context.newPage();
      if (run === 0) {
        page.on('response', async (res) => {
          if (res.request().resourceType() !== 'script') return;
          const bucket = phase === 'initial' ? scripts : interactionScripts;
          // Une réponse encore en route quand la page se ferme n'a plus de corps : on l'ignore.
          const body = await res.body().catch(() => null);
          if (body) bucket.set(res.url(), gzipSync(body).length);
        });
      }
      await page.goto(`${base}${PAGE}`, { waitUntil: 'networkidle' });
      const lcp = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            new PerformanceObserver((list) => {
              const entries = list.getEntries();
              resolve(entries.at(-1)?.startTime ?? NaN);
            }).observe({ type: 'largest-contentful-paint', buffered: true });
          }),
      );
      lcps.push(lcp);
      if (run === 0) {
        // La personne arrive dans « Quoi ? » : l'île se charge et s'hydrate.
        phase = 'interaction';
        await page.locator('#quoi').focus();
        await page.waitForFunction(() => document.querySelector('form.search')?.getAttribute('data-enhanced') === 'true');
        await page.waitForLoadState('networkidle');
      }
      await context.close();
    }
    const mapLoaded = [...scripts.keys(), ...interactionScripts.keys()].some((u) => u.includes('maplibre'));

    // 2. De la dernière frappe aux résultats affichés.
    const page = await browser.newPage();
    await page.goto(`${base}/formations`);
    await page.locator('#quoi').focus();
    await page.waitForFunction(() => document.querySelector('form.search')?.getAttribute('data-enhanced') === 'true');
    const queries = ['aide soignant', 'developpeur web', 'cariste', 'boulanger', 'comptabilite', 'soudeur', 'cuisinier', 'electricien'];
    const latencies: number[] = [];
    for (const q of queries) {
      const input = page.locator('#quoi');
      await input.fill('');
      await page.waitForTimeout(400);
      await input.pressSequentially(q.slice(0, -1), { delay: 20 });
      // Dernière frappe → la liste a été redemandée (aria-busy vrai) puis redessinée (faux).
      const ms = await page.evaluate(
        (last) =>
          new Promise<number>((resolve) => {
            const list = document.querySelector('.search__results')!;
            const input = document.querySelector<HTMLInputElement>('#quoi')!;
            let sawBusy = false;
            const start = performance.now();
            const observer = new MutationObserver(() => {
              if (list.getAttribute('aria-busy') === 'true') sawBusy = true;
              else if (sawBusy) {
                observer.disconnect();
                requestAnimationFrame(() => resolve(performance.now() - start));
              }
            });
            observer.observe(list, { attributes: true, attributeFilter: ['aria-busy'] });
            input.value += last;
            input.dispatchEvent(new InputEvent('input', { bubbles: true, data: last, inputType: 'insertText' }));
          }),
        q.at(-1) ?? '',
      );
      latencies.push(ms);
    }
    await browser.close();

    // 4. Octets transférés, avant (sans compression) et après (compression du serveur).
    const html = { before: await transferred(`${base}${PAGE}`, 'identity'), after: await transferred(`${base}${PAGE}`, CHROMIUM_ACCEPT_ENCODING) };
    let jsBefore = 0;
    let jsAfter = 0;
    const jsEncodings = new Set<string>();
    const jsFiles: { path: string; beforeKb: number; afterKb: number; encoding: string }[] = [];
    for (const url of scripts.keys()) {
      const before = (await transferred(url, 'identity')).bytes;
      const after = await transferred(url, CHROMIUM_ACCEPT_ENCODING);
      jsBefore += before;
      jsAfter += after.bytes;
      jsEncodings.add(after.encoding);
      jsFiles.push({ path: new URL(url).pathname, beforeKb: kb(before), afterKb: kb(after.bytes), encoding: after.encoding });
    }
    jsFiles.sort((a, b) => b.afterKb - a.afterKb);
    let interactionAfter = 0;
    for (const url of interactionScripts.keys()) interactionAfter += (await transferred(url, CHROMIUM_ACCEPT_ENCODING)).bytes;
    const transfer = {
      html: { beforeKb: kb(html.before.bytes), afterKb: kb(html.after.bytes), encoding: html.after.encoding, budgetKb: BUDGET.transferredHtmlKb },
      initialJs: { beforeKb: kb(jsBefore), afterKb: kb(jsAfter), encodings: [...jsEncodings], budgetKb: BUDGET.transferredJsKb, files: jsFiles },
    };
    console.error(
      `Octets transférés — page HTML : ${transfer.html.beforeKb} Ko → ${transfer.html.afterKb} Ko (${transfer.html.encoding}) ; ` +
        `JavaScript initial : ${transfer.initialJs.beforeKb} Ko → ${transfer.initialJs.afterKb} Ko (${transfer.initialJs.encodings.join(', ')}).`,
    );

    const initialJsGzipKb = Math.round(([...scripts.values()].reduce((a, b) => a + b, 0) / 1024) * 10) / 10;
    const result = {
      page: PAGE,
      initialJs: { gzipKb: initialJsGzipKb, files: scripts.size, mapLibreInInitialJs: mapLoaded, budgetKb: BUDGET.initialJsGzipKb },
      atFirstInteraction: { files: interactionScripts.size, transferredKb: kb(interactionAfter) },
      lcp: { medianMs: Math.round(median(lcps)), runsMs: lcps.map(Math.round), budgetMs: BUDGET.lcpMs },
      transferred: transfer,
      keystrokeToResults: { medianMs: Math.round(median(latencies)), maxMs: Math.round(Math.max(...latencies)), queries: queries.length, budgetMs: BUDGET.keystrokeToResultsMs },
    };
    const ok =
      initialJsGzipKb <= BUDGET.initialJsGzipKb &&
      transfer.html.afterKb <= BUDGET.transferredHtmlKb &&
      transfer.initialJs.afterKb <= BUDGET.transferredJsKb &&
      !mapLoaded && median(lcps) <= BUDGET.lcpMs && median(latencies) <= BUDGET.keystrokeToResultsMs;
    console.log(JSON.stringify({ ...result, withinBudgets: ok }, null, 2));
    process.exitCode = ok ? 0 : 1;
  } finally {
    server.kill();
    await once(server, 'exit');
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
