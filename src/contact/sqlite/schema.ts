/**
 * Schéma de la base SQLite de « Rencontrer un pro » : migrations numérotées, appliquées dans
 * l'ordre au démarrage (database.ts). Une migration publiée ne change plus jamais (on en ajoute une).
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

   CREATE TABLE pros (
     id TEXT PRIMARY KEY,
     first_name TEXT NOT NULL,
     last_name TEXT NOT NULL,
     email TEXT,
     phone TEXT,
     metier_codes TEXT NOT NULL,
     commune_code TEXT NOT NULL,
     employer TEXT,
     modes TEXT NOT NULL,
     monthly_cap INTEGER NOT NULL,
     presentation TEXT NOT NULL,
     status TEXT NOT NULL,
     paused INTEGER NOT NULL DEFAULT 0,
     pause_reason TEXT,
     consecutive_expiries INTEGER NOT NULL DEFAULT 0,
     rejection_reason TEXT,
     rejection_comment TEXT,
     created_at TEXT NOT NULL,
     verified_at TEXT,
     moderated_at TEXT,
     moderated_by INTEGER
   );
   CREATE UNIQUE INDEX pros_email ON pros(email) WHERE email IS NOT NULL;
   CREATE INDEX pros_status ON pros(status, paused);

   CREATE TABLE requests (
     id TEXT PRIMARY KEY,
     pro_id TEXT NOT NULL REFERENCES pros(id),
     idempotency_key TEXT NOT NULL UNIQUE,
     first_name TEXT,
     email TEXT,
     phone TEXT,
     guardian_email TEXT,
     situation TEXT NOT NULL,
     age_bracket TEXT NOT NULL,
     mode TEXT NOT NULL,
     message TEXT,
     status TEXT NOT NULL,
     decline_reason TEXT,
     decline_comment TEXT,
     metier_code TEXT,
     commune_code TEXT,
     created_at TEXT NOT NULL,
     reminded_at TEXT,
     responded_at TEXT,
     closed_at TEXT,
     purged_at TEXT
   );
   CREATE INDEX requests_pro ON requests(pro_id, created_at);
   CREATE INDEX requests_status ON requests(status, created_at);

   CREATE TABLE tokens (
     nonce TEXT PRIMARY KEY,
     purpose TEXT NOT NULL,
     subject_id TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     used_at TEXT
   );

   CREATE TABLE outbox (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     message_id TEXT NOT NULL UNIQUE,
     to_addr TEXT NOT NULL,
     subject TEXT NOT NULL,
     text TEXT NOT NULL,
     html TEXT NOT NULL,
     kind TEXT NOT NULL,
     ref_id TEXT,
     status TEXT NOT NULL DEFAULT 'pending',
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at TEXT NOT NULL,
     locked_until TEXT,
     last_error TEXT,
     created_at TEXT NOT NULL,
     sent_at TEXT
   );
   CREATE INDEX outbox_due ON outbox(status, next_attempt_at);

   CREATE TABLE moderators (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     email TEXT NOT NULL UNIQUE,
     password_hash TEXT NOT NULL,
     created_at TEXT NOT NULL
   );

   CREATE TABLE admin_sessions (
     id_hash TEXT PRIMARY KEY,
     moderator_id INTEGER NOT NULL REFERENCES moderators(id) ON DELETE CASCADE,
     csrf TEXT NOT NULL,
     expires_at TEXT NOT NULL
   );

   CREATE TABLE reports (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     subject_kind TEXT NOT NULL,
     subject_id TEXT NOT NULL,
     reporter TEXT NOT NULL,
     reason TEXT NOT NULL,
     message TEXT,
     created_at TEXT NOT NULL,
     handled_at TEXT,
     handled_by INTEGER,
     resolution TEXT
   );`,
  // Profils et compte de modération de démonstration (src/demo/contact-seed.ts), dits comme tels sur le site.
  `ALTER TABLE pros ADD COLUMN demo INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE moderators ADD COLUMN demo INTEGER NOT NULL DEFAULT 0;`,
  // Adresses confirmées avant tout relais (issue 15) : les demandes déjà transmises le restent.
  `ALTER TABLE requests ADD COLUMN requester_confirmed_at TEXT;
   ALTER TABLE requests ADD COLUMN guardian_confirmed_at TEXT;
   ALTER TABLE requests ADD COLUMN relayed_at TEXT;
   UPDATE requests SET relayed_at = created_at, requester_confirmed_at = created_at,
     guardian_confirmed_at = CASE WHEN guardian_email IS NOT NULL THEN created_at END;
   CREATE INDEX requests_relayed ON requests(pro_id, relayed_at);`,
  // « Ma sélection » à emporter (issue 14) : les liens courts (éléments et notes, rien d'autre), et les
  // e-mails dont l'adresse est effacée dès qu'ils sont partis (ou abandonnés).
  `CREATE TABLE short_links (
     code TEXT PRIMARY KEY,
     items TEXT NOT NULL,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     deleted_at TEXT
   );
   CREATE INDEX short_links_expiry ON short_links(expires_at);
   ALTER TABLE outbox ADD COLUMN forget_recipient INTEGER NOT NULL DEFAULT 0;`,
];
