/**
 * Boîte d'envoi : chaque e-mail est d'abord une ligne de la table `outbox`, écrite dans la même
 * transaction que le changement qui le cause. Un travailleur envoie les lignes dues, réessaie en
 * cas d'échec avec un délai qui double (30 s, 1 min, 2 min… jusqu'à 6 h) et abandonne après
 * MAX_ATTEMPTS essais. Une ligne est réservée (`locked_until`) avant l'envoi : deux travailleurs
 * (serveur et commande) n'envoient jamais la même.
 */
import { randomUUID } from 'node:crypto';
import type { ContactStore } from '../ports/store';

/** Ce que la boîte d'envoi demande au stockage. */
export type OutboxStore = Pick<ContactStore, 'enqueueMail' | 'claimDueMails' | 'markMailSent' | 'markMailFailed' | 'outboxCounts' | 'purgeSentMailsBefore'>;

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Sorte de message (ex. `request-new`), pour les tests et le suivi. */
  kind: string;
  /** Identifiant de l'entité concernée (pro ou demande). */
  refId?: string | null;
  /** Effacer l'adresse dès que le message est parti (ou abandonné) : ex. une sélection envoyée par e-mail. */
  forgetRecipient?: boolean;
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

export function enqueueMail(store: Pick<OutboxStore, 'enqueueMail'>, mail: OutgoingMail, now: Date): string {
  const messageId = `<${randomUUID()}@versmonmetier>`;
  store.enqueueMail({ messageId, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, kind: mail.kind, refId: mail.refId ?? null, forgetRecipient: mail.forgetRecipient ?? false }, now);
  return messageId;
}

export interface DeliveryReport {
  sent: number;
  failed: number;
  /** Abandonnés définitivement (MAX_ATTEMPTS atteint). */
  dead: number;
}

/** Envoie les messages dus (par lots) jusqu'à ce qu'il n'y en ait plus. */
export async function deliverDue(store: OutboxStore, transport: MailTransport, now: () => Date, batch = 25): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0, dead: 0 };
  const tried = new Set<number>();
  for (;;) {
    const at = now();
    const rows = store.claimDueMails(at, batch, new Date(at.getTime() + LOCK_MS)).filter((r) => !tried.has(r.id));
    if (rows.length === 0) return report;
    for (const row of rows) {
      tried.add(row.id);
      const attempts = row.attempts + 1;
      try {
        const { attempts: _attempts, ...mail } = row;
        await transport.send(mail);
        store.markMailSent(row.id, attempts, now());
        report.sent++;
      } catch (error) {
        const dead = attempts >= MAX_ATTEMPTS;
        store.markMailFailed(row.id, {
          dead,
          attempts,
          nextAttemptAt: new Date(now().getTime() + backoffMs(attempts)),
          error: String((error as Error)?.message ?? error).slice(0, 500),
        });
        if (dead) report.dead++;
        else report.failed++;
      }
    }
  }
}

export type { OutboxCounts } from '../ports/store';

export function outboxCounts(store: Pick<OutboxStore, 'outboxCounts'>) {
  return store.outboxCounts();
}

/** Efface les messages envoyés avant `before` (ils contiennent des coordonnées). */
export function purgeSentBefore(store: Pick<OutboxStore, 'purgeSentMailsBefore'>, before: string): number {
  return store.purgeSentMailsBefore(before);
}

/**
 * Travailleur en tâche de fond : un passage toutes les `intervalMs` (null : jamais seul), et tout de suite après
 * `wake()` (appelé quand un message est mis en file). Jamais deux passages à la fois.
 */
export function startOutboxWorker(store: OutboxStore, transport: MailTransport, intervalMs: number | null = 5_000, now: () => Date = () => new Date()) {
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
          await deliverDue(store, transport, now);
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
