/**
 * Requêtes SQL des entités (pros, demandes, signalements), et conversion ligne ↔ entité du domaine.
 * Les cas d'usage les appellent dans leurs transactions (`transaction` de sqlite.ts).
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
  type ProRegistrationInput,
  type ContactRequestInput,
} from '../domain/contact';
import { z } from '../domain/zod';
import type { SQLInputValue } from 'node:sqlite';
import type { Db } from './sqlite';

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
    remindedAt: strOrNull(r.reminded_at),
    respondedAt: strOrNull(r.responded_at),
    closedAt: strOrNull(r.closed_at),
    purgedAt: strOrNull(r.purged_at),
  };
}

// ——— Pros ———

export type NewPro = Omit<ProRegistrationInput, 'consent'>;

export function insertPro(db: Db, input: NewPro, now: Date): Pro {
  const id = newPublicId();
  db.prepare(
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
  return getPro(db, id) as Pro;
}

export function getPro(db: Db, id: string): Pro | undefined {
  return getOne(db, 'SELECT * FROM pros WHERE id = ?', id, toPro);
}

export function getProByEmail(db: Db, email: string): Pro | undefined {
  return getOne(db, 'SELECT * FROM pros WHERE email = ?', email, toPro);
}

export function listProsByStatus(db: Db, status: Pro['status']): Pro[] {
  return (db.prepare('SELECT * FROM pros WHERE status = ? ORDER BY created_at').all(status) as Raw[]).map(toPro);
}

/** Pros d'un statut, avec le nombre de demandes reçues depuis `monthStart` (l'annuaire filtre ensuite les disponibles). */
export function listProsWithMonthCount(db: Db, status: Pro['status'], monthStart: string): { pro: Pro; requestsThisMonth: number }[] {
  const rows = db
    .prepare(
      `SELECT p.*, (SELECT COUNT(*) FROM requests r WHERE r.pro_id = p.id AND r.created_at >= ?) AS month_count
       FROM pros p WHERE p.status = ?`,
    )
    .all(monthStart, status) as Raw[];
  return rows.map((r) => ({ pro: toPro(r), requestsThisMonth: Number(r.month_count) }));
}

export function countRequestsSince(db: Db, proId: string, since: string): number {
  const row = db.prepare('SELECT COUNT(*) AS n FROM requests WHERE pro_id = ? AND created_at >= ?').get(proId, since) as { n: number };
  return Number(row.n);
}

export function updateProStatus(db: Db, id: string, status: Pro['status'], fields: { verifiedAt?: string; moderatedAt?: string; moderatedBy?: number; rejectionReason?: string | null; rejectionComment?: string | null } = {}): void {
  db.prepare(
    `UPDATE pros SET status = ?, verified_at = COALESCE(?, verified_at), moderated_at = COALESCE(?, moderated_at),
       moderated_by = COALESCE(?, moderated_by), rejection_reason = ?, rejection_comment = ? WHERE id = ?`,
  ).run(status, fields.verifiedAt ?? null, fields.moderatedAt ?? null, fields.moderatedBy ?? null, fields.rejectionReason ?? null, fields.rejectionComment ?? null, id);
}

export function setProPaused(db: Db, id: string, paused: boolean, reason: Pro['pauseReason']): void {
  db.prepare('UPDATE pros SET paused = ?, pause_reason = ?, consecutive_expiries = CASE WHEN ? = 0 THEN 0 ELSE consecutive_expiries END WHERE id = ?').run(
    paused ? 1 : 0,
    paused ? reason : null,
    paused ? 1 : 0,
    id,
  );
}

export function updateProSettings(db: Db, id: string, s: { phone?: string | undefined; employer?: string | undefined; modes: string[]; monthlyCap: number }): void {
  db.prepare('UPDATE pros SET phone = ?, employer = ?, modes = ?, monthly_cap = ? WHERE id = ?').run(
    s.phone ?? null,
    s.employer ?? null,
    JSON.stringify(s.modes),
    s.monthlyCap,
    id,
  );
}

/** Marque un profil comme profil de démonstration (inscrit par src/demo/contact-seed.ts). */
export function markProDemo(db: Db, id: string): void {
  db.prepare('UPDATE pros SET demo = 1 WHERE id = ?').run(id);
}

export function setConsecutiveExpiries(db: Db, id: string, n: number): void {
  db.prepare('UPDATE pros SET consecutive_expiries = ? WHERE id = ?').run(n, id);
}

/** Efface les données personnelles d'un pro ; la ligne reste (statut « supprimé ») pour les statistiques. */
export function erasePro(db: Db, id: string): void {
  db.prepare(
    `UPDATE pros SET status = 'deleted', first_name = '', last_name = '', email = NULL, phone = NULL, employer = NULL,
       presentation = '', paused = 0, pause_reason = NULL, rejection_comment = NULL WHERE id = ?`,
  ).run(id);
}

/** Supprime les inscriptions jamais confirmées créées avant `before`. */
export function deleteUnverifiedBefore(db: Db, before: string): number {
  return Number(db.prepare("DELETE FROM pros WHERE status = 'unverified' AND created_at < ?").run(before).changes);
}

// ——— Demandes ———

export type NewRequest = Omit<ContactRequestInput, 'consent'> & { proId: string; metierCode: string; communeCode: string; idempotencyKey: string };

export function insertRequest(db: Db, input: NewRequest, now: Date): ContactRequest {
  const id = newPublicId();
  db.prepare(
    `INSERT INTO requests (id, pro_id, idempotency_key, first_name, email, phone, guardian_email, situation, age_bracket, mode,
       message, status, metier_code, commune_code, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)`,
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
  return getRequest(db, id) as ContactRequest;
}

export function getRequest(db: Db, id: string): ContactRequest | undefined {
  return getOne(db, 'SELECT * FROM requests WHERE id = ?', id, toRequest);
}

export function getRequestByIdempotencyKey(db: Db, key: string): ContactRequest | undefined {
  return getOne(db, 'SELECT * FROM requests WHERE idempotency_key = ?', key, toRequest);
}

export function closeRequest(db: Db, id: string, status: 'accepted' | 'declined' | 'expired', now: Date, decline?: { reason: string; comment: string | null }): boolean {
  const iso = now.toISOString();
  const responded = status === 'expired' ? null : iso;
  return (
    db
      .prepare(
        `UPDATE requests SET status = ?, responded_at = ?, closed_at = ?, decline_reason = ?, decline_comment = ?
         WHERE id = ? AND status = 'pending'`,
      )
      .run(status, responded, iso, decline?.reason ?? null, decline?.comment ?? null, id).changes === 1
  );
}

export function markReminded(db: Db, id: string, now: Date): void {
  db.prepare('UPDATE requests SET reminded_at = ? WHERE id = ?').run(now.toISOString(), id);
}

/** Demandes en attente créées avant `before` (pour les relances et les expirations). */
export function listPendingRequestsBefore(db: Db, before: string): ContactRequest[] {
  return (db.prepare("SELECT * FROM requests WHERE status = 'pending' AND created_at <= ? ORDER BY created_at").all(before) as Raw[]).map(toRequest);
}

export function listPendingRequestsOfPro(db: Db, proId: string): ContactRequest[] {
  return (db.prepare("SELECT * FROM requests WHERE status = 'pending' AND pro_id = ? ORDER BY created_at").all(proId) as Raw[]).map(toRequest);
}

/** Efface les données personnelles des demandes closes avant `before` (le reste sert aux statistiques). */
export function purgeClosedRequestsBefore(db: Db, before: string, now: Date): number {
  return Number(
    db
      .prepare(
        `UPDATE requests SET first_name = NULL, email = NULL, phone = NULL, guardian_email = NULL, message = NULL,
           decline_comment = NULL, purged_at = ? WHERE closed_at IS NOT NULL AND closed_at < ? AND purged_at IS NULL`,
      )
      .run(now.toISOString(), before).changes,
  );
}

/** Lignes utiles aux statistiques (aucune donnée personnelle). */
export interface RequestStatRow {
  status: ContactRequest['status'];
  metierCode: string | null;
  communeCode: string | null;
  createdAt: string;
  respondedAt: string | null;
}

export function listRequestStatRows(db: Db): RequestStatRow[] {
  return (db.prepare('SELECT status, metier_code, commune_code, created_at, responded_at FROM requests').all() as Raw[]).map((r) => ({
    status: RequestStatus.parse(r.status),
    metierCode: strOrNull(r.metier_code),
    communeCode: strOrNull(r.commune_code),
    createdAt: str(r.created_at),
    respondedAt: strOrNull(r.responded_at),
  }));
}

// ——— Signalements ———

export interface Report {
  id: number;
  subjectKind: 'request' | 'pro';
  subjectId: string;
  reporter: string;
  reason: ReportReason;
  message: string | null;
  createdAt: string;
  handledAt: string | null;
  resolution: string | null;
}

export function insertReport(db: Db, r: Omit<Report, 'id' | 'createdAt' | 'handledAt' | 'resolution'>, now: Date): number {
  return Number(
    db
      .prepare('INSERT INTO reports (subject_kind, subject_id, reporter, reason, message, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(r.subjectKind, r.subjectId, r.reporter, r.reason, r.message, now.toISOString()).lastInsertRowid,
  );
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

export function listOpenReports(db: Db): Report[] {
  return (db.prepare('SELECT * FROM reports WHERE handled_at IS NULL ORDER BY created_at').all() as Raw[]).map(toReport);
}

export function getReport(db: Db, id: number): Report | undefined {
  return getOne(db, 'SELECT * FROM reports WHERE id = ?', id, toReport);
}

export function handleReport(db: Db, id: number, moderatorId: number, resolution: string, now: Date): boolean {
  return (
    db.prepare('UPDATE reports SET handled_at = ?, handled_by = ?, resolution = ? WHERE id = ? AND handled_at IS NULL').run(now.toISOString(), moderatorId, resolution, id)
      .changes === 1
  );
}

/** Efface le texte des signalements traités avant `before`. */
export function purgeHandledReportsBefore(db: Db, before: string): number {
  return Number(db.prepare('DELETE FROM reports WHERE handled_at IS NOT NULL AND handled_at < ?').run(before).changes);
}
