/** La suite de conformité du port `ContactStore` contre l'adaptateur SQLite, dans un dossier temporaire. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSqliteContactStore } from '../../../src/contact/sqlite/store';
import { describeContactStore } from './store-conformance';

describeContactStore('SQLite (node:sqlite)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'contact-store-'));
  const store = openSqliteContactStore(path.join(dir, 'contact.sqlite'));
  return {
    store,
    dispose() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
