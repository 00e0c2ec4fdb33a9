/**
 * Banc d'essai du module « Rencontrer un pro » : une vraie base SQLite dans un dossier temporaire,
 * le vrai référentiel des communes et le vrai catalogue (data/build), une horloge réglable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCatalog, resolveDataDir } from '../../../src/catalog/index';
import { loadGeoReferentiel } from '../../../src/geo/referentiel';
import type { ContactContext } from '../../../src/contact/context';
import type { Db } from '../../../src/contact/sqlite/database';
import { openSqliteContactStore, type SqliteContactStore } from '../../../src/contact/sqlite/store';
import type { ContactRequest, ContactRequestInput, ProRegistrationInput, Pro } from '../../../src/domain/contact';
import { confirmRequestAddress, submitRequest, type SubmitResult } from '../../../src/contact/requests';
import { addressesToConfirm, type RelayRejection } from '../../../src/domain/contact-rules';
import { CONFIRMATION_MAILS } from '../../../src/contact/mail/templates';

export const geo = loadGeoReferentiel(path.join(resolveDataDir(), 'geo'));
export const catalog = loadCatalog();

export interface TestBench {
  ctx: ContactContext;
  /** L'adaptateur SQLite (le port) et sa connexion (pour lire la base telle quelle). */
  store: SqliteContactStore;
  db: Db;
  dir: string;
  clock: { now: Date };
  advanceDays(days: number): void;
  queued: number;
  close(): void;
}

export function createBench(start = new Date('2026-03-10T09:00:00Z')): TestBench {
  const dir = mkdtempSync(path.join(tmpdir(), 'contact-test-'));
  const store = openSqliteContactStore(path.join(dir, 'contact.sqlite'));
  const db = store.db;
  const clock = { now: start };
  const bench: TestBench = {
    store,
    db,
    dir,
    clock,
    queued: 0,
    ctx: {
      store,
      secret: 'secret-de-test-secret-de-test-0123456789',
      publicUrl: 'https://versmonmetier.test',
      now: () => clock.now,
      communeByInsee: (code) => geo.communeByInsee(code),
      metierLabel: (code) => catalog.getMetier(code)?.label ?? code,
      mailQueued: () => {
        bench.queued++;
      },
    },
    advanceDays(days) {
      clock.now = new Date(clock.now.getTime() + days * 86_400_000);
    },
    close() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return bench;
}

export const ANGERS = '49007';
export const NANTES = '44109';

export function proInput(overrides: Partial<ProRegistrationInput> = {}): ProRegistrationInput {
  return {
    firstName: 'Camille',
    lastName: 'Martin',
    email: 'camille.martin@patisserie.test',
    phone: '06 11 22 33 44',
    metierCodes: ['D1104'],
    communeCode: ANGERS,
    employer: 'Pâtisserie du Ralliement',
    modes: ['telephone', 'lieu-de-travail'],
    monthlyCap: 4,
    presentation: 'Pâtissière depuis douze ans, je forme des apprentis et j’aime parler de mon métier.',
    consent: 'oui',
    ...overrides,
  };
}

/** Un pro publié directement en base (inscription, vérification et modération sautées). */
export function seedApprovedPro(bench: TestBench, overrides: Partial<ProRegistrationInput> = {}): Pro {
  return bench.store.transaction(() => {
    const { consent: _c, ...fields } = proInput(overrides);
    const pro = bench.store.insertPro(fields, bench.clock.now);
    bench.store.updateProStatus(pro.id, 'approved', { verifiedAt: bench.clock.now.toISOString(), moderatedAt: bench.clock.now.toISOString() });
    return bench.store.getPro(pro.id) as Pro;
  });
}

export interface OutboxMail {
  id: number;
  to: string;
  subject: string;
  text: string;
  kind: string;
  status: string;
  refId: string | null;
}

export function outbox(db: Db, to?: string): OutboxMail[] {
  const rows = db.prepare('SELECT id, to_addr, subject, text, kind, status, ref_id FROM outbox ORDER BY id').all() as Record<string, string | number>[];
  return rows
    .map((r) => ({ id: Number(r.id), to: String(r.to_addr), subject: String(r.subject), text: String(r.text), kind: String(r.kind), status: String(r.status), refId: r.ref_id === null ? null : String(r.ref_id) }))
    .filter((m) => to === undefined || m.to === to);
}

/** Le premier lien de l'e-mail qui suit « libellé : ». */
export function linkAfter(text: string, label: string): string {
  const match = new RegExp(`${label} : (\\S+)`).exec(text);
  if (!match?.[1]) throw new Error(`lien « ${label} » absent de :\n${text}`);
  return match[1];
}

export function tokenOf(url: string): string {
  return new URL(url).searchParams.get('t') ?? '';
}

/**
 * Une demande envoyée PUIS confirmée par les liens reçus (la personne, et le parent d'un·e
 * mineur·e), comme dans la vraie vie : c'est alors seulement qu'elle part chez le pro.
 */
export function sendConfirmed(bench: TestBench, proId: string, metierCode: string | null, input: ContactRequestInput, key: string): SubmitResult {
  const submitted = submitRequest(bench.ctx, proId, metierCode, input, key);
  if (!submitted.ok || submitted.duplicate) return submitted;
  const refused = confirmByMail(bench, submitted.request.id);
  if (refused) return { ok: false, error: refused };
  return { ok: true, request: bench.store.getRequest(submitted.request.id) as ContactRequest, duplicate: false };
}

/** Suit les liens de confirmation reçus (demandeur, puis responsable légal s'il y en a un) ; null si la demande est partie ou attend, sinon la raison du refus. */
export function confirmByMail(bench: TestBench, id: string): RelayRejection | null {
  const request = bench.store.getRequest(id);
  if (!request) throw new Error(`demande ${id} absente`);
  for (const role of addressesToConfirm(request)) {
    const { kind, link } = CONFIRMATION_MAILS[role];
    const mail = outbox(bench.db).filter((m) => m.kind === kind && m.refId === id).at(-1);
    if (!mail) throw new Error(`e-mail « ${kind} » absent`);
    const confirmed = confirmRequestAddress(bench.ctx, tokenOf(linkAfter(mail.text, link)), true);
    if (!confirmed.ok) throw new Error(`confirmation refusée : ${confirmed.error}`);
    if (confirmed.outcome !== 'relayed' && confirmed.outcome !== 'waiting') return confirmed.outcome === 'form' ? 'unavailable' : confirmed.outcome;
  }
  return null;
}
