/**
 * L'adaptateur SQLite du port `ContactStore` (../ports/store.ts) : toutes les requêtes SQL de
 * « Rencontrer un pro » (pros, demandes, signalements, liens, boîte d'envoi, modération, réglages),
 * et la conversion ligne ↔ entité du domaine. Schéma : schema.ts ; ouverture et transactions : database.ts.
 */
import { randomBytes } from 'node:crypto';
import {
  AgeBracket,
  DeclineReason,
  ExchangeMode,
  PauseReason,
  ProStatus,
  RejectionReason,
  RequestStatus,
  ReportReason,
  Situation,
  type ContactRequest,
  type Pro,
} from '../../domain/contact';
import { z } from '../../domain/zod';
import type { SQLInputValue } from 'node:sqlite';
import type {
  ContactStore,
  Moderator,
  NewOutboxMessage,
  NewPro,
  NewReport,
  NewRequest,
  OutboxCounts,
  OutboxMessage,
  ProSettingsFields,
  ProStatusFields,
  Report,
  RequestStatRow,
  StoredSession,
  StoredToken,
} from '../ports/store';
import { openContactDb, transaction, type Db } from './database';

/** Identifiant public opaque : 9 octets aléatoires en base64url (12 caractères). */
export function newPublicId(): string {
  return randomBytes(9).toString('base64url');
}

type Raw = Record<string, unknown>;

const str = (v: unknown): string => String(v ?? '');
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const json = (v: unknown): unknown => JSON.parse(str(v) || '[]');

/** La ligne trouvée par `sql` (une seule attendue), convertie en entité ; undefined sinon. */
function getOne<T>(db: Db, sql: string, key: SQLInputValue, convert: (r: Raw) => T): T | undefined {
  const row = db.prepare(sql).get(key) as Raw | undefined;
  return row ? convert(row) : undefined;
}

function toPro(r: Raw): Pro {
  return {
    id: str(r.id),
    firstName: str(r.first_name),
    lastName: str(r.last_name),
    email: strOrNull(r.email),
    phone: strOrNull(r.phone),
    metierCodes: z.array(z.string()).parse(json(r.metier_codes)),
    communeCode: str(r.commune_code),
    employer: strOrNull(r.employer),
    modes: z.array(ExchangeMode).parse(json(r.modes)),
    monthlyCap: Number(r.monthly_cap),
    presentation: str(r.presentation),
    status: ProStatus.parse(r.status),
    paused: Number(r.paused) === 1,
    pauseReason: PauseReason.nullable().parse(r.pause_reason ?? null),
    consecutiveExpiries: Number(r.consecutive_expiries),
    rejectionReason: RejectionReason.nullable().parse(r.rejection_reason ?? null),
    createdAt: str(r.created_at),
    verifiedAt: strOrNull(r.verified_at),
    moderatedAt: strOrNull(r.moderated_at),
    demo: Number(r.demo) === 1,
  };
}

function toRequest(r: Raw): ContactRequest {
  return {
    id: str(r.id),
    proId: str(r.pro_id),
    firstName: str(r.first_name),
    email: str(r.email),
    phone: strOrNull(r.phone),
    guardianEmail: strOrNull(r.guardian_email),
    situation: Situation.parse(r.situation),
    ageBracket: AgeBracket.parse(r.age_bracket),
    mode: ExchangeMode.parse(r.mode),
    message: str(r.message),
    status: RequestStatus.parse(r.status),
    declineReason: DeclineReason.nullable().parse(r.decline_reason ?? null),
    metierCode: strOrNull(r.metier_code),
    communeCode: strOrNull(r.commune_code),
    createdAt: str(r.created_at),
    requesterConfirmedAt: strOrNull(r.requester_confirmed_at),
    guardianConfirmedAt: strOrNull(r.guardian_confirmed_at),
    relayedAt: strOrNull(r.relayed_at),
    remindedAt: strOrNull(r.reminded_at),
    respondedAt: strOrNull(r.responded_at),
    closedAt: strOrNull(r.closed_at),
    purgedAt: strOrNull(r.purged_at),
  };
}

function toReport(r: Raw): Report {
  return {
    id: Number(r.id),
    subjectKind: r.subject_kind === 'pro' ? 'pro' : 'request',
    subjectId: str(r.subject_id),
    reporter: str(r.reporter),
    reason: ReportReason.parse(r.reason),
    message: strOrNull(r.message),
    createdAt: str(r.created_at),
    handledAt: strOrNull(r.handled_at),
    resolution: strOrNull(r.resolution),
  };
}

/** Un message « adresse oubliée après l'envoi » (sélection envoyée par e-mail) perd son adresse dès qu'il est parti ou abandonné. */
const FORGET_RECIPIENT = "to_addr = CASE WHEN forget_recipient = 1 THEN '' ELSE to_addr END";

export class SqliteContactStore implements ContactStore {
  /** La connexion (tests et commandes d'exploitation seulement ; les cas d'usage passent par le port). */
  constructor(readonly db: Db) {}

  transaction<T>(fn: () => T): T {
    return transaction(this.db, fn);
  }

  close(): void {
    this.db.close();
  }

  // ——— Réglages ———

  getSetting(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  setSetting(key: string, value: string): void {
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  setSettingIfAbsent(key: string, value: string): string {
    this.db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run(key, value);
    return this.getSetting(key) as string;
  }

  countDemoPros(): number {
    const row = this.db.prepare("SELECT COUNT(*) AS n FROM pros WHERE demo = 1 AND status != 'deleted'").get() as { n: number };
    return Number(row.n);
  }

  // ——— Pros ———

    insertPro(input: NewPro, now: Date): Pro {
    const id = newPublicId();
    this.db.prepare(
      `INSERT INTO pros (id, first_name, last_name, email, phone, metier_codes, commune_code, employer, modes, monthly_cap,
         presentation, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'unverified', ?)`,
    ).run(
      id,
      input.firstName,
      input.lastName,
      input.email,
      input.phone ?? null,
      JSON.stringify(input.metierCodes),
      input.communeCode,
      input.employer ?? null,
      JSON.stringify(input.modes),
      input.monthlyCap,
      input.presentation,
      now.toISOString(),
    );
    return this.getPro(id) as Pro;
  }

    getPro(id: string): Pro | undefined {
    return getOne(this.db, 'SELECT * FROM pros WHERE id = ?', id, toPro);
  }

    getProByEmail(email: string): Pro | undefined {
    return getOne(this.db, 'SELECT * FROM pros WHERE email = ?', email, toPro);
  }

    listProsByStatus(status: Pro['status']): Pro[] {
    return (this.db.prepare('SELECT * FROM pros WHERE status = ? ORDER BY created_at').all(status) as Raw[]).map(toPro);
  }

  /** Pros d'un statut, avec le nombre de demandes reçues depuis `monthStart` (l'annuaire filtre ensuite les disponibles). */
    listProsWithMonthCount(status: Pro['status'], monthStart: string): { pro: Pro; requestsThisMonth: number }[] {
    const rows = this.db
      .prepare(
        `SELECT p.*, (SELECT COUNT(*) FROM requests r WHERE r.pro_id = p.id AND r.relayed_at >= ?) AS month_count
         FROM pros p WHERE p.status = ?`,
      )
      .all(monthStart, status) as Raw[];
    return rows.map((r) => ({ pro: toPro(r), requestsThisMonth: Number(r.month_count) }));
  }

    countRequestsSince(proId: string, since: string): number {
    const row = this.db.prepare('SELECT COUNT(*) AS n FROM requests WHERE pro_id = ? AND relayed_at >= ?').get(proId, since) as { n: number };
    return Number(row.n);
  }

    updateProStatus(id: string, status: Pro['status'], fields: ProStatusFields = {}): void {
    this.db.prepare(
      `UPDATE pros SET status = ?, verified_at = COALESCE(?, verified_at), moderated_at = COALESCE(?, moderated_at),
         moderated_by = COALESCE(?, moderated_by), rejection_reason = ?, rejection_comment = ? WHERE id = ?`,
    ).run(status, fields.verifiedAt ?? null, fields.moderatedAt ?? null, fields.moderatedBy ?? null, fields.rejectionReason ?? null, fields.rejectionComment ?? null, id);
  }

    setProPaused(id: string, paused: boolean, reason: Pro['pauseReason']): void {
    this.db.prepare('UPDATE pros SET paused = ?, pause_reason = ?, consecutive_expiries = CASE WHEN ? = 0 THEN 0 ELSE consecutive_expiries END WHERE id = ?').run(
      paused ? 1 : 0,
      paused ? reason : null,
      paused ? 1 : 0,
      id,
    );
  }

    updateProSettings(id: string, s: ProSettingsFields): void {
    this.db.prepare('UPDATE pros SET phone = ?, employer = ?, modes = ?, monthly_cap = ? WHERE id = ?').run(
      s.phone ?? null,
      s.employer ?? null,
      JSON.stringify(s.modes),
      s.monthlyCap,
      id,
    );
  }

  /** Marque un profil comme profil de démonstration (inscrit par src/demo/contact-seed.ts). */
    markProDemo(id: string): void {
    this.db.prepare('UPDATE pros SET demo = 1 WHERE id = ?').run(id);
  }

    setConsecutiveExpiries(id: string, n: number): void {
    this.db.prepare('UPDATE pros SET consecutive_expiries = ? WHERE id = ?').run(n, id);
  }

  /** Efface les données personnelles d'un pro ; la ligne reste (statut « supprimé ») pour les statistiques. */
    erasePro(id: string): void {
    this.db.prepare(
      `UPDATE pros SET status = 'deleted', first_name = '', last_name = '', email = NULL, phone = NULL, employer = NULL,
         presentation = '', paused = 0, pause_reason = NULL, rejection_comment = NULL WHERE id = ?`,
    ).run(id);
  }

  /** Supprime les inscriptions jamais confirmées créées avant `before`. */
    deleteUnverifiedBefore(before: string): number {
    return Number(this.db.prepare("DELETE FROM pros WHERE status = 'unverified' AND created_at < ?").run(before).changes);
  }

  // ——— Demandes ———

    insertRequest(input: NewRequest, now: Date): ContactRequest {
    const id = newPublicId();
    this.db.prepare(
      `INSERT INTO requests (id, pro_id, idempotency_key, first_name, email, phone, guardian_email, situation, age_bracket, mode,
         message, status, metier_code, commune_code, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'unconfirmed', ?, ?, ?)`,
    ).run(
      id,
      input.proId,
      input.idempotencyKey,
      input.firstName,
      input.email,
      input.phone ?? null,
      input.guardianEmail ?? null,
      input.situation,
      input.ageBracket,
      input.mode,
      input.message,
      input.metierCode,
      input.communeCode,
      now.toISOString(),
    );
    return this.getRequest(id) as ContactRequest;
  }

    confirmRequestAddress(id: string, role: 'requester' | 'guardian', now: Date): boolean {
    const column = role === 'guardian' ? 'guardian_confirmed_at' : 'requester_confirmed_at';
    return this.db.prepare(`UPDATE requests SET ${column} = ? WHERE id = ? AND status = 'unconfirmed' AND ${column} IS NULL`).run(now.toISOString(), id).changes === 1;
  }

    markRequestRelayed(id: string, now: Date): boolean {
    return this.db.prepare("UPDATE requests SET status = 'pending', relayed_at = ? WHERE id = ? AND status = 'unconfirmed'").run(now.toISOString(), id).changes === 1;
  }

    expireUnconfirmedRequest(id: string, now: Date): boolean {
    const iso = now.toISOString();
    return (
      this.db
        .prepare(
          `UPDATE requests SET status = 'expired', closed_at = ?, first_name = NULL, email = NULL, phone = NULL, guardian_email = NULL,
             message = NULL, purged_at = ? WHERE id = ? AND status = 'unconfirmed'`,
        )
        .run(iso, iso, id).changes === 1
    );
  }

    listUnconfirmedRequestsBefore(before: string): ContactRequest[] {
    return (this.db.prepare("SELECT * FROM requests WHERE status = 'unconfirmed' AND created_at <= ? ORDER BY created_at").all(before) as Raw[]).map(toRequest);
  }

    getRequest(id: string): ContactRequest | undefined {
    return getOne(this.db, 'SELECT * FROM requests WHERE id = ?', id, toRequest);
  }

    getRequestByIdempotencyKey(key: string): ContactRequest | undefined {
    return getOne(this.db, 'SELECT * FROM requests WHERE idempotency_key = ?', key, toRequest);
  }

    closeRequest(id: string, status: 'accepted' | 'declined' | 'expired', now: Date, decline?: { reason: string; comment: string | null }): boolean {
    const iso = now.toISOString();
    const responded = status === 'expired' ? null : iso;
    return (
      this.db
        .prepare(
          `UPDATE requests SET status = ?, responded_at = ?, closed_at = ?, decline_reason = ?, decline_comment = ?
           WHERE id = ? AND status = 'pending'`,
        )
        .run(status, responded, iso, decline?.reason ?? null, decline?.comment ?? null, id).changes === 1
    );
  }

    markReminded(id: string, now: Date): void {
    this.db.prepare('UPDATE requests SET reminded_at = ? WHERE id = ?').run(now.toISOString(), id);
  }

  /** Demandes en attente créées avant `before` (pour les relances et les expirations). */
    listPendingRequestsBefore(before: string): ContactRequest[] {
    return (this.db.prepare("SELECT * FROM requests WHERE status = 'pending' AND relayed_at <= ? ORDER BY relayed_at").all(before) as Raw[]).map(toRequest);
  }

    listPendingRequestsOfPro(proId: string): ContactRequest[] {
    return (this.db.prepare("SELECT * FROM requests WHERE status = 'pending' AND pro_id = ? ORDER BY created_at").all(proId) as Raw[]).map(toRequest);
  }

  /** Efface les données personnelles des demandes closes avant `before` (le reste sert aux statistiques). */
    purgeClosedRequestsBefore(before: string, now: Date): number {
    return Number(
      this.db
        .prepare(
          `UPDATE requests SET first_name = NULL, email = NULL, phone = NULL, guardian_email = NULL, message = NULL,
             decline_comment = NULL, purged_at = ? WHERE closed_at IS NOT NULL AND closed_at < ? AND purged_at IS NULL`,
        )
        .run(now.toISOString(), before).changes,
    );
  }

    listRequestStatRows(): RequestStatRow[] {
    return (this.db.prepare('SELECT status, metier_code, commune_code, relayed_at AS created_at, responded_at FROM requests WHERE relayed_at IS NOT NULL').all() as Raw[]).map((r) => ({
      status: RequestStatus.parse(r.status),
      metierCode: strOrNull(r.metier_code),
      communeCode: strOrNull(r.commune_code),
      createdAt: str(r.created_at),
      respondedAt: strOrNull(r.responded_at),
    }));
  }

  // ——— Signalements ———

    insertReport(r: NewReport, now: Date): number {
    return Number(
      this.db
        .prepare('INSERT INTO reports (subject_kind, subject_id, reporter, reason, message, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(r.subjectKind, r.subjectId, r.reporter, r.reason, r.message, now.toISOString()).lastInsertRowid,
    );
  }

    listOpenReports(): Report[] {
    return (this.db.prepare('SELECT * FROM reports WHERE handled_at IS NULL ORDER BY created_at').all() as Raw[]).map(toReport);
  }

    getReport(id: number): Report | undefined {
    return getOne(this.db, 'SELECT * FROM reports WHERE id = ?', id, toReport);
  }

    markReportHandled(id: number, moderatorId: number, resolution: string, now: Date): boolean {
    return (
      this.db.prepare('UPDATE reports SET handled_at = ?, handled_by = ?, resolution = ? WHERE id = ? AND handled_at IS NULL').run(now.toISOString(), moderatorId, resolution, id)
        .changes === 1
    );
  }

  /** Efface le texte des signalements traités avant `before`. */
    purgeHandledReportsBefore(before: string): number {
    return Number(this.db.prepare('DELETE FROM reports WHERE handled_at IS NOT NULL AND handled_at < ?').run(before).changes);
  }

  // ——— Liens à usage unique ———

  insertToken(t: StoredToken): void {
    this.db.prepare('INSERT INTO tokens (nonce, purpose, subject_id, expires_at) VALUES (?, ?, ?, ?)').run(t.nonce, t.purpose, t.subjectId, t.expiresAt);
  }

  tokenUsedAt(nonce: string, purpose: string): string | null | undefined {
    const row = this.db.prepare('SELECT used_at FROM tokens WHERE nonce = ? AND purpose = ?').get(nonce, purpose) as { used_at: string | null } | undefined;
    return row ? row.used_at : undefined;
  }

  consumeToken(nonce: string, now: Date): boolean {
    return this.db.prepare('UPDATE tokens SET used_at = ? WHERE nonce = ? AND used_at IS NULL').run(now.toISOString(), nonce).changes === 1;
  }

  purgeExpiredTokens(now: Date): number {
    return Number(this.db.prepare('DELETE FROM tokens WHERE expires_at < ?').run(now.toISOString()).changes);
  }

  // ——— Boîte d'envoi ———

  enqueueMail(mail: NewOutboxMessage, now: Date): void {
    this.db
      .prepare(
        `INSERT INTO outbox (message_id, to_addr, subject, text, html, kind, ref_id, next_attempt_at, created_at, forget_recipient)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(mail.messageId, mail.to, mail.subject, mail.text, mail.html, mail.kind, mail.refId, now.toISOString(), now.toISOString(), mail.forgetRecipient ? 1 : 0);
  }

  claimDueMails(now: Date, limit: number, lockUntil: Date): OutboxMessage[] {
    const iso = now.toISOString();
    return transaction(this.db, () => {
      const rows = this.db
        .prepare(
          `SELECT id, message_id, to_addr, subject, text, html, kind, ref_id, attempts FROM outbox
           WHERE status = 'pending' AND next_attempt_at <= ? AND (locked_until IS NULL OR locked_until <= ?)
           ORDER BY id LIMIT ?`,
        )
        .all(iso, iso, limit) as Raw[];
      const lock = this.db.prepare('UPDATE outbox SET locked_until = ? WHERE id = ?');
      const until = lockUntil.toISOString();
      for (const row of rows) lock.run(until, Number(row.id));
      return rows.map((r) => ({
        id: Number(r.id),
        messageId: str(r.message_id),
        to: str(r.to_addr),
        subject: str(r.subject),
        text: str(r.text),
        html: str(r.html),
        kind: str(r.kind),
        refId: strOrNull(r.ref_id),
        attempts: Number(r.attempts),
      }));
    });
  }

  markMailSent(id: number, attempts: number, now: Date): void {
    this.db.prepare(`UPDATE outbox SET status = 'sent', sent_at = ?, attempts = ?, locked_until = NULL, last_error = NULL, ${FORGET_RECIPIENT} WHERE id = ?`).run(now.toISOString(), attempts, id);
  }

  markMailFailed(id: number, f: { dead: boolean; attempts: number; nextAttemptAt: Date; error: string }): void {
    this.db
      .prepare(`UPDATE outbox SET status = ?, attempts = ?, next_attempt_at = ?, locked_until = NULL, last_error = ?${f.dead ? `, ${FORGET_RECIPIENT}` : ''} WHERE id = ?`)
      .run(f.dead ? 'failed' : 'pending', f.attempts, f.nextAttemptAt.toISOString(), f.error, id);
  }

  outboxCounts(): OutboxCounts {
    const counts: OutboxCounts = { pending: 0, sent: 0, failed: 0 };
    for (const row of this.db.prepare('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status').all() as { status: keyof OutboxCounts; n: number }[]) {
      counts[row.status] = Number(row.n);
    }
    return counts;
  }

  lastMailText(kind: string, refId: string): string | undefined {
    const row = this.db.prepare('SELECT text FROM outbox WHERE kind = ? AND ref_id = ? ORDER BY id DESC LIMIT 1').get(kind, refId) as { text: string } | undefined;
    return row?.text;
  }

  purgeSentMailsBefore(before: string): number {
    return Number(this.db.prepare("DELETE FROM outbox WHERE status IN ('sent', 'failed') AND created_at < ?").run(before).changes);
  }

  // ——— Modération ———

  getModeratorByEmail(email: string): Moderator | undefined {
    const row = this.db.prepare('SELECT id, email, password_hash, demo FROM moderators WHERE email = ?').get(email) as Raw | undefined;
    return row ? { id: Number(row.id), email: str(row.email), passwordHash: str(row.password_hash), demo: Number(row.demo) === 1 } : undefined;
  }

  insertModerator(email: string, passwordHash: string, now: Date): void {
    this.db.prepare('INSERT INTO moderators (email, password_hash, created_at) VALUES (?, ?, ?)').run(email, passwordHash, now.toISOString());
  }

  updateModeratorPassword(email: string, passwordHash: string): void {
    this.db.prepare('UPDATE moderators SET password_hash = ? WHERE email = ?').run(passwordHash, email);
  }

  markModeratorDemo(id: number): void {
    this.db.prepare('UPDATE moderators SET demo = 1 WHERE id = ?').run(id);
  }

  deleteDemoModerators(): number {
    return Number(this.db.prepare('DELETE FROM moderators WHERE demo = 1').run().changes);
  }

  insertSession(s: { idHash: string; moderatorId: number; csrf: string; expiresAt: Date }): void {
    this.db.prepare('INSERT INTO admin_sessions (id_hash, moderator_id, csrf, expires_at) VALUES (?, ?, ?, ?)').run(s.idHash, s.moderatorId, s.csrf, s.expiresAt.toISOString());
  }

  findSession(idHash: string, now: Date): StoredSession | undefined {
    const row = this.db
      .prepare('SELECT s.moderator_id, s.csrf, m.email FROM admin_sessions s JOIN moderators m ON m.id = s.moderator_id WHERE s.id_hash = ? AND s.expires_at > ?')
      .get(idHash, now.toISOString()) as { moderator_id: number; csrf: string; email: string } | undefined;
    return row ? { moderatorId: Number(row.moderator_id), email: row.email, csrf: row.csrf } : undefined;
  }

  deleteSession(idHash: string): void {
    this.db.prepare('DELETE FROM admin_sessions WHERE id_hash = ?').run(idHash);
  }

  purgeExpiredSessions(now: Date): number {
    return Number(this.db.prepare('DELETE FROM admin_sessions WHERE expires_at < ?').run(now.toISOString()).changes);
  }
}

/** Ouvre (et crée, migre au besoin) la base `file` et rend son adaptateur. */
export function openSqliteContactStore(file: string): SqliteContactStore {
  return new SqliteContactStore(openContactDb(file));
}
