/**
 * Adaptateur SQLite (`node:sqlite`, intégré à Node 24) : ouverture, migrations (schema.ts)
 * appliquées au démarrage, mode WAL, transactions. Les requêtes sont dans store.ts, qui implémente
 * le port `ContactStore` (voir docs/adr/006-stockage-rencontre-un-pro.md pour le passage à PostgreSQL).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { MIGRATIONS } from './schema';

export type Db = DatabaseSync;
export type Row = Record<string, SQLInputValue>;

/** Ouvre (et crée au besoin) la base, règle WAL et les clés étrangères, applique les migrations manquantes. */
export function openContactDb(file: string): Db {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const db = new DatabaseSync(file, { timeout: 5_000, enableForeignKeyConstraints: true });
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
  migrate(db);
  return db;
}

export function migrate(db: Db): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  let applied = 0;
  transaction(db, () => {
    const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null } | undefined;
    const current = row?.v ?? 0;
    MIGRATIONS.forEach((sql, index) => {
      const version = index + 1;
      if (version <= current) return;
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(version, new Date().toISOString());
      applied++;
    });
  });
  return applied;
}

/**
 * Exécute `fn` dans une transaction d'écriture (`BEGIN IMMEDIATE` : le verrou est pris tout de
 * suite, deux processus ne se marchent pas dessus). Tout ou rien : une exception annule tout.
 * Un appel imbriqué rejoint la transaction en cours.
 */
export function transaction<T>(db: Db, fn: () => T): T {
  if (db.isTransaction) return fn();
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
