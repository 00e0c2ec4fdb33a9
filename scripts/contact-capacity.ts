/**
 * Test de capacité de « Rencontrer un pro » (pas un test unitaire : un banc qui imprime du JSON).
 *
 *   npx astro build && npx tsx scripts/contact-capacity.ts [--pros 500] [--requests 400] [--burst 50]
 *
 * 1. démarre le VRAI serveur construit (`node scripts/serve.mjs`, comme `npm start`) sur une base et un dossier
 *    d'e-mails temporaires, limites de débit relevées (tous les envois viennent de 127.0.0.1) ;
 * 2. crée N pros publiés directement en base (plafond 3 par mois, comme le plafond de 24 heures) ;
 * 3. envoie les demandes par le formulaire (POST, en-tête Origin), par vagues simultanées de 50,
 *    3 demandes par pro sur les premiers pros, plus une 4e pour les 50 premiers (une de trop), plus
 *    10 % de doubles envois (même clé d'idempotence) ;
 * 4. confirme chaque demande par le lien de son e-mail « Confirmer ma demande » (POST), par vagues
 *    simultanées : le plafond est revérifié à la confirmation, une seule des 4 d'un même pro doit échouer ;
 * 5. une vague de trop vers les pros au plafond (409 attendu dès l'envoi) ;
 * 6. attend que la boîte d'envoi soit vide, puis compte : demandes perdues, en double, notifications
 *    (pro + accusé de réception) pour chaque demande transmise et aucune pour les autres, e-mails écrits.
 * Sortie : une ligne JSON sur stdout ; `pass` est vrai si 0 perdue, 0 doublon, plafond tenu, 0 notification
 * manquante ou de trop.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../src/catalog/files';
import { runCli } from '../src/ingest/cli';
import { openSqliteContactStore } from '../src/contact/sqlite/store';
import type { ExchangeMode } from '../src/domain/contact';
import { DAILY_RELAY_CAP } from '../src/domain/contact-rules';

const HELP = 'Usage : npx tsx scripts/contact-capacity.ts [--pros 500] [--requests 400] [--burst 50] [--keep]';
const METIERS = ['D1104', 'D1102', 'G1609', 'J1501', 'F1703', 'M1805', 'N1103', 'I1604'];
const COMMUNES = ['49007', '44109', '72181', '53130', '85191', '49328', '44184', '85194'];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0) * 10) / 10;
}

/** Plafond des pros du banc : celui du mois égal à celui de 24 heures, pour que les deux soient éprouvés. */
const CAP = DAILY_RELAY_CAP;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

runCli(async () => {
  const { values } = parseArgs({
    options: { pros: { type: 'string', default: '500' }, requests: { type: 'string', default: '400' }, burst: { type: 'string', default: '50' }, keep: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const nPros = Number(values.pros);
  const nRequests = Number(values.requests);
  const burst = Number(values.burst);
  const dir = mkdtempSync(path.join(tmpdir(), 'contact-capacity-'));
  const dbPath = path.join(dir, 'contact.sqlite');
  const mailDir = path.join(dir, 'mails');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ['scripts/serve.mjs'], {
    cwd: projectRoot(),
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', CONTACT_DB_PATH: dbPath, CONTACT_MAIL_DIR: mailDir, CONTACT_RATE_LIMIT_SCALE: '1000', NODE_ENV: 'development' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (let i = 0; ; i++) {
      if (i > 150) throw new Error('le serveur ne répond pas (lancer d’abord `npx astro build`)');
      const ok = await fetch(`${base}/rencontrer-un-pro/`).then((r) => r.ok, () => false);
      if (ok) break;
      await sleep(200);
    }
    console.error(`[capacité] serveur prêt sur ${base}, base ${dbPath}`);

    const store = openSqliteContactStore(dbPath);
    const db = store.db;
    // Sur les données de démonstration, le serveur a déjà inscrit ses pros de démonstration (et leurs
    // demandes, leurs e-mails) : on ne compte que ce que ce banc crée (pros non « démo », e-mails d'après).
    const outboxBefore = Number((db.prepare('SELECT COALESCE(MAX(id), 0) AS n FROM outbox').get() as { n: number }).n);
    const modes: ExchangeMode[] = ['telephone', 'visio'];
    const proIds = store.transaction(() =>
      Array.from({ length: nPros }, (_, i) => {
        const pro = store.insertPro(
          {
            firstName: 'Pro',
            lastName: `Capacite`,
            email: `pro${i}@capacite.test`,
            phone: '06 00 00 00 00',
            metierCodes: [METIERS[i % METIERS.length] as string],
            communeCode: COMMUNES[i % COMMUNES.length] as string,
            employer: undefined,
            modes,
            monthlyCap: CAP,
            presentation: 'Professionnel de test pour le banc de capacité.',
          },
          new Date(),
        );
        store.updateProStatus(pro.id, 'approved', { moderatedAt: new Date().toISOString() });
        return pro.id;
      }),
    );
    console.error(`[capacité] ${proIds.length} pros créés`);

    const headers = { origin: base, 'content-type': 'application/x-www-form-urlencoded' };
    const submit = async (proId: string, key: string, i: number): Promise<{ status: number; ms: number }> => {
      const body = new URLSearchParams({
        cle: key,
        firstName: 'Capa',
        email: `personne${i}@capacite.test`,
        situation: 'etudiant',
        ageBracket: '18-25',
        mode: 'telephone',
        message: 'Bonjour, je voudrais découvrir votre métier au téléphone.',
        consent: 'oui',
      });
      const start = performance.now();
      const response = await fetch(`${base}/rencontrer-un-pro/pro/${proId}/`, { method: 'POST', headers, body, redirect: 'manual' });
      await response.arrayBuffer();
      return { status: response.status, ms: performance.now() - start };
    };

    // 3 demandes par pro sur les premiers pros, une 4e (de trop) pour les `burst` premiers.
    const served = Math.ceil(nRequests / CAP);
    const jobs = [
      ...Array.from({ length: nRequests }, (_, i) => ({ proId: proIds[i % served] as string, key: randomUUID(), i })),
      ...Array.from({ length: Math.min(burst, served) }, (_, i) => ({ proId: proIds[i] as string, key: randomUUID(), i: 20_000 + i })),
    ];
    const duplicates = jobs.filter((_, i) => i % 10 === 0);
    // Les doubles envois partent dans la même vague que l'original (double clic).
    const ordered = jobs.flatMap((j, i) => (i % 10 === 0 ? [j, j] : [j]));
    const latencies: number[] = [];
    const statuses: Record<string, number> = {};
    const started = performance.now();
    for (let b = 0; b < ordered.length; b += burst) {
      const results = await Promise.all(ordered.slice(b, b + burst).map((j) => submit(j.proId, j.key, j.i)));
      for (const r of results) {
        latencies.push(r.ms);
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      }
    }
    const elapsed = (performance.now() - started) / 1000;

    // Chaque personne confirme par le lien de son e-mail, par vagues simultanées.
    const ours = 'r.pro_id IN (SELECT id FROM pros WHERE demo = 0)';
    const confirmLinks = (
      db.prepare(`SELECT o.text FROM outbox o JOIN requests r ON o.ref_id = r.id WHERE o.kind = 'request-confirm' AND ${ours}`).all() as { text: string }[]
    ).map((row) => {
      const at = row.text.indexOf('Confirmer ma demande : ');
      const url = new URL(row.text.slice(at + 'Confirmer ma demande : '.length).split(/\s/, 1)[0] as string);
      return `${base}${url.pathname}${url.search}`;
    });
    const confirmLatencies: number[] = [];
    const confirmStatuses: Record<string, number> = {};
    for (let b = 0; b < confirmLinks.length; b += burst) {
      const results = await Promise.all(
        confirmLinks.slice(b, b + burst).map(async (url) => {
          const start = performance.now();
          const response = await fetch(url, { method: 'POST', headers, body: '', redirect: 'manual' });
          await response.arrayBuffer();
          return { status: response.status, ms: performance.now() - start };
        }),
      );
      for (const r of results) {
        confirmLatencies.push(r.ms);
        confirmStatuses[r.status] = (confirmStatuses[r.status] ?? 0) + 1;
      }
    }

    // Une vague de trop : ces pros ont atteint leur plafond, tout doit être refusé dès l'envoi (409).
    const overflow = await Promise.all(Array.from({ length: burst }, (_, i) => submit(proIds[i % served] as string, randomUUID(), 10_000 + i)));
    const overflowAccepted = overflow.filter((r) => r.status === 303).length;

    // La boîte d'envoi se vide (travailleur du serveur).
    let pending = -1;
    for (let i = 0; i < 300; i++) {
      pending = Number((db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'").get() as { n: number }).n);
      if (pending === 0) break;
      await sleep(200);
    }
    const created = Number((db.prepare(`SELECT COUNT(*) AS n FROM requests r WHERE ${ours}`).get() as { n: number }).n);
    const keys = new Set(jobs.map((j) => j.key));
    const stored = new Set((db.prepare('SELECT idempotency_key FROM requests').all() as { idempotency_key: string }[]).map((s) => s.idempotency_key));
    const lost = [...keys].filter((k) => !stored.has(k)).length;
    const perPro = db.prepare(`SELECT MAX(n) AS max FROM (SELECT COUNT(*) AS n FROM requests r WHERE ${ours} AND r.relayed_at IS NOT NULL GROUP BY pro_id)`).get() as { max: number };
    const submittedPerPro = new Map<string, number>();
    for (const j of jobs) submittedPerPro.set(j.proId, (submittedPerPro.get(j.proId) ?? 0) + 1);
    const expectedRelayed = [...submittedPerPro.values()].reduce((sum, n) => sum + Math.min(n, CAP), 0);
    const notif = db
      .prepare(
        `SELECT r.id, r.relayed_at IS NOT NULL AS relayed, SUM(o.kind = 'request-new') AS to_pro, SUM(o.kind = 'request-received') AS to_person
         FROM requests r LEFT JOIN outbox o ON o.ref_id = r.id WHERE ${ours} GROUP BY r.id`,
      )
      .all() as { relayed: number; to_pro: number; to_person: number }[];
    const relayed = notif.filter((r) => Number(r.relayed) === 1).length;
    const missing = notif.filter((r) => Number(r.relayed) === 1 && (Number(r.to_pro) !== 1 || Number(r.to_person) !== 1)).length;
    const unexpected = notif.filter((r) => Number(r.relayed) !== 1 && (Number(r.to_pro) !== 0 || Number(r.to_person) !== 0)).length;
    const mailFiles = readdirSync(mailDir).filter((f) => f.endsWith('.eml') && Number(f.slice(0, 6)) > outboxBefore).length;
    db.close();

    const result = {
      pros: nPros,
      requestsSubmitted: jobs.length,
      doubleSubmits: duplicates.length,
      burst,
      httpStatuses: statuses,
      requestsStored: created,
      lost,
      duplicated: created - (jobs.length - lost),
      confirmations: { sent: confirmLinks.length, httpStatuses: confirmStatuses, latencyMs: { p50: percentile(confirmLatencies, 50), p95: percentile(confirmLatencies, 95), max: percentile(confirmLatencies, 100) } },
      relayed,
      expectedRelayed,
      maxRelayedPerPro: Number(perPro.max),
      overflowBurst: { sent: overflow.length, accepted: overflowAccepted, refused409: overflow.filter((r) => r.status === 409).length },
      notifications: { expected: relayed * 2, missingForRelayed: missing, sentForNotRelayed: unexpected },
      outboxPendingAfterDrain: pending,
      mailFilesWritten: mailFiles,
      submitLatencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: percentile(latencies, 100) },
      submitsPerSecond: Math.round((ordered.length / elapsed) * 10) / 10,
      pass:
        lost === 0 && created === jobs.length && confirmLinks.length === created && relayed === expectedRelayed && Number(perPro.max) <= CAP &&
        missing === 0 && unexpected === 0 && overflowAccepted === 0 && pending === 0,
    };
    console.log(JSON.stringify(result));
    return result.pass ? 0 : 2;
  } finally {
    server.kill('SIGTERM');
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
    else console.error(`[capacité] dossier gardé : ${dir}`);
  }
}, HELP);
