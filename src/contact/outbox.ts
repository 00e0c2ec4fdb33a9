/**
 * Boîte d'envoi : chaque e-mail est d'abord une ligne de la table `outbox`, écrite dans la même
 * transaction que le changement qui le cause. Un travailleur envoie les lignes dues, réessaie en
 * cas d'échec avec un délai qui double (30 s, 1 min, 2 min… jusqu'à 6 h) et abandonne après
 * MAX_ATTEMPTS essais. Une ligne est réservée (`locked_until`) avant l'envoi : deux travailleurs
 * (serveur et commande) n'envoient jamais la même.
 */
import { randomUUID } from 'node:crypto';
import { transaction, type Db } from './sqlite';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Sorte de message (ex. `request-new`), pour les tests et le suivi. */
  kind: string;
  /** Identifiant de l'entité concernée (pro ou demande). */
  refId?: string | null;
}

export interface QueuedMail extends OutgoingMail {
  id: number;
  messageId: string;
}

/** Ce qui envoie vraiment un message (SMTP, dossier de fichiers…). */
export interface MailTransport {
  send(mail: QueuedMail): Promise<void>;
}

export const MAX_ATTEMPTS = 15;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 6 * 3_600_000;
const LOCK_MS = 120_000;

/** Délai avant le n-ième nouvel essai (n ≥ 1). */
export function backoffMs(attempts: number): number {
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
}

export function enqueueMail(db: Db, mail: OutgoingMail, now: Date): string {
  const messageId = `<${randomUUID()}@versmonmetier>`;
  db.prepare(
    `INSERT INTO outbox (message_id, to_addr, subject, text, html, kind, ref_id, next_attempt_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(messageId, mail.to, mail.subject, mail.text, mail.html, mail.kind, mail.refId ?? null, now.toISOString(), now.toISOString());
  return messageId;
}

interface OutboxRow {
  id: number;
  message_id: string;
  to_addr: string;
  subject: string;
  text: string;
  html: string;
  kind: string;
  ref_id: string | null;
  attempts: number;
}

function claimDue(db: Db, now: Date, limit: number): OutboxRow[] {
  const iso = now.toISOString();
  return transaction(db, () => {
    const rows = db
      .prepare(
        `SELECT id, message_id, to_addr, subject, text, html, kind, ref_id, attempts FROM outbox
         WHERE status = 'pending' AND next_attempt_at <= ? AND (locked_until IS NULL OR locked_until <= ?)
         ORDER BY id LIMIT ?`,
      )
      .all(iso, iso, limit) as unknown as OutboxRow[];
    const lock = db.prepare('UPDATE outbox SET locked_until = ? WHERE id = ?');
    const until = new Date(now.getTime() + LOCK_MS).toISOString();
    for (const row of rows) lock.run(until, row.id);
    return rows;
  });
}

export interface DeliveryReport {
  sent: number;
  failed: number;
  /** Abandonnés définitivement (MAX_ATTEMPTS atteint). */
  dead: number;
}

/** Envoie les messages dus (par lots) jusqu'à ce qu'il n'y en ait plus. */
export async function deliverDue(db: Db, transport: MailTransport, now: () => Date, batch = 25): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0, dead: 0 };
  const tried = new Set<number>();
  for (;;) {
    const rows = claimDue(db, now(), batch).filter((r) => !tried.has(r.id));
    if (rows.length === 0) return report;
    for (const row of rows) {
      tried.add(row.id);
      const attempts = row.attempts + 1;
      try {
        await transport.send({
          id: row.id,
          messageId: row.message_id,
          to: row.to_addr,
          subject: row.subject,
          text: row.text,
          html: row.html,
          kind: row.kind,
          refId: row.ref_id,
        });
        db.prepare("UPDATE outbox SET status = 'sent', sent_at = ?, attempts = ?, locked_until = NULL, last_error = NULL WHERE id = ?").run(
          now().toISOString(),
          attempts,
          row.id,
        );
        report.sent++;
      } catch (error) {
        const dead = attempts >= MAX_ATTEMPTS;
        db.prepare('UPDATE outbox SET status = ?, attempts = ?, next_attempt_at = ?, locked_until = NULL, last_error = ? WHERE id = ?').run(
          dead ? 'failed' : 'pending',
          attempts,
          new Date(now().getTime() + backoffMs(attempts)).toISOString(),
          String((error as Error)?.message ?? error).slice(0, 500),
          row.id,
        );
        if (dead) report.dead++;
        else report.failed++;
      }
    }
  }
}

export interface OutboxCounts {
  pending: number;
  sent: number;
  failed: number;
}

export function outboxCounts(db: Db): OutboxCounts {
  const counts: OutboxCounts = { pending: 0, sent: 0, failed: 0 };
  for (const row of db.prepare('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status').all() as { status: keyof OutboxCounts; n: number }[]) {
    counts[row.status] = Number(row.n);
  }
  return counts;
}

/** Efface les messages envoyés avant `before` (ils contiennent des coordonnées). */
export function purgeSentBefore(db: Db, before: string): number {
  return Number(db.prepare("DELETE FROM outbox WHERE status IN ('sent', 'failed') AND created_at < ?").run(before).changes);
}

/**
 * Travailleur en tâche de fond : un passage toutes les `intervalMs` (null : jamais seul), et tout de suite après
 * `wake()` (appelé quand un message est mis en file). Jamais deux passages à la fois.
 */
export function startOutboxWorker(db: Db, transport: MailTransport, intervalMs: number | null = 5_000, now: () => Date = () => new Date()) {
  let running: Promise<void> | null = null;
  let again = false;
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await deliverDue(db, transport, now);
        } catch (error) {
          console.error('[contact] boîte d’envoi : passage interrompu', error);
        }
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = intervalMs === null ? null : setInterval(() => void run(), intervalMs);
  timer?.unref();
  return {
    wake: () => void run(),
    /** Attend la fin du passage en cours (tests). */
    idle: () => running ?? Promise.resolve(),
    stop: () => {
      if (timer) clearInterval(timer);
    },
  };
}
