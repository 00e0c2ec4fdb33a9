/**
 * `createContactService(deps)` : le module est assemblé avec ce qu'on lui donne — horloge fixe,
 * communes, métiers, stockage (adaptateur SQLite dans un dossier temporaire), envoi des e-mails —
 * et n'utilise rien d'autre.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/clock';
import type { ContactConfig } from '../../../src/contact/config';
import type { MailTransport, QueuedMail } from '../../../src/contact/mail/outbox';
import { registerPro } from '../../../src/contact/pros';
import { createContactService } from '../../../src/contact/service';
import { openSqliteContactStore, type SqliteContactStore } from '../../../src/contact/sqlite/store';
import { createMetierIndex } from '../../../src/http/metiers';
import { catalog, geo, proInput } from './support';

let dir: string;
let store: SqliteContactStore;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'contact-service-'));
  store = openSqliteContactStore(path.join(dir, 'contact.sqlite'));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const config = (overrides: Partial<ContactConfig> = {}): ContactConfig => ({
  production: false,
  dbPath: '/chemin/jamais/ouvert.sqlite',
  secret: 'secret-de-test-secret-de-test-0123456789',
  publicUrl: 'https://versmonmetier.example.org',
  smtp: null,
  mailFrom: 'versmonmétier <ne-pas-repondre@example.org>',
  mailDir: '/dossier/jamais/ecrit',
  rateLimitScale: 1,
  rateLimitStore: { kind: 'memory' },
  ...overrides,
});

describe('createContactService(deps)', () => {
  it('utilise l’horloge, le stockage, les métiers et l’envoi donnés', async () => {
    const sent: QueuedMail[] = [];
    const mailer: MailTransport = { send: async (mail) => void sent.push(mail) };
    const svc = createContactService({
      clock: fixedClock('2027-01-05T08:00:00.000Z'),
      geo,
      metiers: { index: createMetierIndex(catalog.listMetiers()), getMetier: (code) => catalog.getMetier(code) },
      store,
      config: config(),
      mailer,
      demoData: false,
      background: false,
    });
    expect(svc.store).toBe(store);
    expect(svc.ctx.now().toISOString()).toBe('2027-01-05T08:00:00.000Z');
    expect(svc.ctx.metierLabel('D1104')).toBe(catalog.getMetier('D1104')?.label);
    expect(svc.ctx.communeByInsee('49007')?.name).toBe('Angers');

    registerPro(svc.ctx, proInput());
    await svc.flushMail();
    expect(sent.map((m) => [m.to, m.kind])).toEqual([['camille.martin@patisserie.test', 'pro-verify']]);
    expect(sent[0]?.text).toContain('https://versmonmetier.example.org/rencontrer-un-pro/confirmer/?t=');
    expect(store.getProByEmail('camille.martin@patisserie.test')?.createdAt).toBe('2027-01-05T08:00:00.000Z');
  });

  it('sans CONTACT_SECRET (hors production), la clé des liens est créée une fois et gardée dans le stockage donné', () => {
    const deps = { clock: fixedClock('2027-01-05T08:00:00.000Z'), geo, metiers: { index: createMetierIndex(catalog.listMetiers()), getMetier: (code: string) => catalog.getMetier(code) }, store, config: config({ secret: null }), demoData: false, background: false };
    const first = createContactService(deps).ctx.secret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(store.getSetting('dev_secret')).toBe(first);
    expect(createContactService(deps).ctx.secret).toBe(first);
  });
});
