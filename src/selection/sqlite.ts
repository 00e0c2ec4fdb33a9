/**
 * Adaptateur SQLite du port `ShortLinkStore` (table `short_links`, créée par les migrations de la
 * base de « Rencontrer un pro », src/contact/sqlite/schema.ts). Les éléments sont relus avec
 * `selectionFromJson` : une ligne abîmée ne donne jamais un élément invalide.
 */
import type { Db } from '../contact/sqlite/database';
import { selectionFromJson, selectionToJson } from '../domain/selection';
import type { ShortLinkStore, StoredShortLink } from './ports';

type Raw = Record<string, unknown>;

export function sqliteShortLinks(db: Db): ShortLinkStore {
  return {
    insert(link) {
      const result = db
        .prepare('INSERT OR IGNORE INTO short_links (code, items, created_at, expires_at) VALUES (?, ?, ?, ?)')
        .run(link.code, selectionToJson(link.items), link.createdAt, link.expiresAt);
      return Number(result.changes) === 1;
    },
    get(code) {
      const row = db.prepare('SELECT code, items, created_at, expires_at, deleted_at FROM short_links WHERE code = ?').get(code) as Raw | undefined;
      if (!row) return undefined;
      const link: StoredShortLink = {
        code: String(row.code),
        items: selectionFromJson(row.items),
        createdAt: String(row.created_at),
        expiresAt: String(row.expires_at),
        deletedAt: row.deleted_at === null || row.deleted_at === undefined ? null : String(row.deleted_at),
      };
      return link;
    },
    markDeleted(code, now) {
      return Number(db.prepare("UPDATE short_links SET items = '[]', deleted_at = ? WHERE code = ? AND deleted_at IS NULL").run(now.toISOString(), code).changes) === 1;
    },
    forget(code) {
      db.prepare('DELETE FROM short_links WHERE code = ?').run(code);
    },
    purgeExpired(now, forgetBefore) {
      const emptied = Number(db.prepare("UPDATE short_links SET items = '[]' WHERE expires_at <= ? AND items <> '[]'").run(now.toISOString()).changes);
      const forgotten = Number(db.prepare('DELETE FROM short_links WHERE expires_at <= ?').run(forgetBefore.toISOString()).changes);
      return { emptied, forgotten };
    },
  };
}
