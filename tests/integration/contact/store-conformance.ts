/**
 * Suite de conformité du port `ContactStore` (src/contact/ports/store.ts) : ce que tout adaptateur
 * (SQLite aujourd'hui, PostgreSQL demain) doit faire. Elle ne parle qu'au port — jamais de SQL —
 * et chaque adaptateur la lance avec sa fabrique (store-sqlite.test.ts pour SQLite, dans un
 * dossier temporaire).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContactStore, NewPro, NewRequest } from '../../../src/contact/ports/store';

/** Une demande enregistrée, son adresse confirmée et transmise au pro à `when` (le chemin normal). */
function relayed(store: ContactStore, proId: string, key: string, when: Date) {
  const r = store.insertRequest(request(proId, key), when);
  store.confirmRequestAddress(r.id, 'requester', when);
  store.markRequestRelayed(r.id, when);
  return store.getRequest(r.id)!;
}

export interface StoreHarness {
  store: ContactStore;
  /** Ferme le stockage et efface ce qu'il a écrit. */
  dispose(): void;
}

const T0 = new Date('2026-03-10T09:00:00.000Z');
const at = (days: number): Date => new Date(T0.getTime() + days * 86_400_000);

const PRO: NewPro = {
  firstName: 'Camille',
  lastName: 'Martin',
  email: 'camille@example.org',
  phone: '06 39 98 11 22',
  metierCodes: ['D1104', 'D1102'],
  communeCode: '49007',
  employer: 'Pâtisserie',
  modes: ['telephone', 'visio'],
  monthlyCap: 3,
  presentation: 'Pâtissière depuis douze ans.',
};

function request(proId: string, key: string): NewRequest {
  return {
    firstName: 'Léa',
    email: 'lea@example.org',
    phone: undefined,
    guardianEmail: undefined,
    situation: 'etudiant',
    ageBracket: '18-25',
    mode: 'telephone',
    message: 'Comment se passe une journée ?',
    proId,
    metierCode: 'D1104',
    communeCode: '49007',
    idempotencyKey: key,
  };
}

export function describeContactStore(name: string, open: () => StoreHarness): void {
  describe(`ContactStore — ${name}`, () => {
    let h: StoreHarness;
    let store: ContactStore;
    beforeEach(() => {
      h = open();
      store = h.store;
    });
    afterEach(() => h.dispose());

    describe('unité de travail', () => {
      it('tout ou rien : une exception annule toutes les écritures de la transaction', () => {
        expect(() =>
          store.transaction(() => {
            store.insertPro(PRO, T0);
            store.setSetting('k', 'v');
            throw new Error('annulé');
          }),
        ).toThrow('annulé');
        expect(store.getProByEmail(PRO.email)).toBeUndefined();
        expect(store.getSetting('k')).toBeUndefined();
      });

      it('rend la valeur de la fonction ; un appel imbriqué rejoint la transaction en cours', () => {
        const id = store.transaction(() => store.transaction(() => store.insertPro(PRO, T0).id));
        expect(store.getPro(id)?.email).toBe(PRO.email);
        expect(() =>
          store.transaction(() => {
            store.transaction(() => store.setSetting('imbrique', 'oui'));
            throw new Error('annulé');
          }),
        ).toThrow();
        expect(store.getSetting('imbrique')).toBeUndefined();
      });
    });

    it('réglages : écrire, remplacer, écrire seulement si absent', () => {
      expect(store.getSetting('a')).toBeUndefined();
      store.setSetting('a', '1');
      store.setSetting('a', '2');
      expect(store.getSetting('a')).toBe('2');
      expect(store.setSettingIfAbsent('a', '3')).toBe('2');
      expect(store.setSettingIfAbsent('b', '4')).toBe('4');
    });

    describe('pros', () => {
      it('inscription : statut « unverified », identifiant public opaque de 12 caractères, champs relus à l’identique', () => {
        const pro = store.insertPro(PRO, T0);
        expect(pro.id).toMatch(/^[A-Za-z0-9_-]{12}$/);
        expect(pro).toMatchObject({ ...PRO, status: 'unverified', paused: false, pauseReason: null, consecutiveExpiries: 0, demo: false, createdAt: T0.toISOString() });
        expect(store.getPro(pro.id)).toEqual(pro);
        expect(store.getProByEmail(PRO.email)).toEqual(pro);
        expect(store.insertPro({ ...PRO, email: 'autre@example.org' }, T0).id).not.toBe(pro.id);
      });

      it('une adresse e-mail n’a qu’un profil', () => {
        store.insertPro(PRO, T0);
        expect(() => store.insertPro(PRO, T0)).toThrow();
      });

      it('statut : les dates gardent leur valeur si absentes ; la raison de refus est effacée si absente', () => {
        const pro = store.insertPro(PRO, T0);
        store.updateProStatus(pro.id, 'pending', { verifiedAt: at(1).toISOString() });
        store.updateProStatus(pro.id, 'rejected', { moderatedAt: at(2).toISOString(), moderatedBy: 7, rejectionReason: 'doublon' });
        expect(store.getPro(pro.id)).toMatchObject({ status: 'rejected', verifiedAt: at(1).toISOString(), moderatedAt: at(2).toISOString(), rejectionReason: 'doublon' });
        store.updateProStatus(pro.id, 'approved');
        expect(store.getPro(pro.id)).toMatchObject({ status: 'approved', verifiedAt: at(1).toISOString(), rejectionReason: null });
        expect(store.listProsByStatus('approved').map((p) => p.id)).toEqual([pro.id]);
        expect(store.listProsByStatus('pending')).toEqual([]);
      });

      it('pause avec raison ; la reprise efface la raison et remet à zéro les expirations de suite', () => {
        const pro = store.insertPro(PRO, T0);
        store.setConsecutiveExpiries(pro.id, 2);
        store.setProPaused(pro.id, true, 'expirations');
        expect(store.getPro(pro.id)).toMatchObject({ paused: true, pauseReason: 'expirations', consecutiveExpiries: 2 });
        store.setProPaused(pro.id, false, 'pro');
        expect(store.getPro(pro.id)).toMatchObject({ paused: false, pauseReason: null, consecutiveExpiries: 0 });
      });

      it('réglages, démonstration, effacement des données personnelles', () => {
        const pro = store.insertPro(PRO, T0);
        store.updateProSettings(pro.id, { phone: undefined, employer: 'Boulangerie', modes: ['visio'], monthlyCap: 5 });
        expect(store.getPro(pro.id)).toMatchObject({ phone: null, employer: 'Boulangerie', modes: ['visio'], monthlyCap: 5 });
        expect(store.countDemoPros()).toBe(0);
        store.markProDemo(pro.id);
        expect(store.getPro(pro.id)?.demo).toBe(true);
        expect(store.countDemoPros()).toBe(1);
        store.erasePro(pro.id);
        expect(store.getPro(pro.id)).toMatchObject({ status: 'deleted', firstName: '', lastName: '', email: null, phone: null, employer: null, presentation: '', paused: false });
        expect(store.countDemoPros()).toBe(0);
        expect(store.getProByEmail(PRO.email)).toBeUndefined();
      });

      it('purge des inscriptions non confirmées créées avant une date', () => {
        const old = store.insertPro(PRO, T0);
        const recent = store.insertPro({ ...PRO, email: 'recent@example.org' }, at(5));
        const confirmed = store.insertPro({ ...PRO, email: 'ok@example.org' }, T0);
        store.updateProStatus(confirmed.id, 'pending');
        expect(store.deleteUnverifiedBefore(at(3).toISOString())).toBe(1);
        expect(store.getPro(old.id)).toBeUndefined();
        expect(store.getPro(recent.id)).toBeDefined();
        expect(store.getPro(confirmed.id)).toBeDefined();
      });

      it('pros d’un statut avec leurs demandes du mois', () => {
        const a = store.insertPro(PRO, T0);
        const b = store.insertPro({ ...PRO, email: 'b@example.org' }, T0);
        store.updateProStatus(a.id, 'approved');
        store.updateProStatus(b.id, 'approved');
        store.setProPaused(b.id, true, 'pro');
        relayed(store, a.id, 'k-ancienne-0001', new Date('2026-02-27T10:00:00Z'));
        relayed(store, a.id, 'k-du-mois-00001', new Date('2026-03-02T10:00:00Z'));
        // Une demande jamais confirmée ne compte pas dans le plafond du pro.
        store.insertRequest(request(a.id, 'k-non-confirmee'), new Date('2026-03-03T10:00:00Z'));
        const rows = store.listProsWithMonthCount('approved', '2026-03-01T00:00:00.000Z');
        expect(rows.map((r) => [r.pro.id, r.pro.paused, r.requestsThisMonth]).sort()).toEqual([
          [a.id, false, 1],
          [b.id, true, 0],
        ].sort());
        expect(store.listProsWithMonthCount('pending', '2026-03-01T00:00:00.000Z')).toEqual([]);
        expect(store.countRequestsSince(a.id, '2026-03-01T00:00:00.000Z')).toBe(1);
        expect(store.countRequestsSince(a.id, '2026-01-01T00:00:00.000Z')).toBe(2);
      });
    });

    describe('demandes', () => {
      let proId: string;
      beforeEach(() => {
        proId = store.insertPro(PRO, T0).id;
      });

      it('enregistrée non confirmée ; retrouvée par son identifiant et par sa clé d’idempotence (unique)', () => {
        const r = store.insertRequest(request(proId, 'cle-0000000001'), T0);
        expect(r).toMatchObject({ proId, status: 'unconfirmed', firstName: 'Léa', email: 'lea@example.org', metierCode: 'D1104', createdAt: T0.toISOString(), closedAt: null, requesterConfirmedAt: null, relayedAt: null });
        expect(store.getRequest(r.id)).toEqual(r);
        expect(store.getRequestByIdempotencyKey('cle-0000000001')).toEqual(r);
        expect(() => store.insertRequest(request(proId, 'cle-0000000001'), T0)).toThrow();
      });

      it('confirmation d’une adresse une seule fois ; transmise une seule fois, et seulement non confirmée', () => {
        const r = store.insertRequest(request(proId, 'cle-0000000010'), T0);
        expect(store.closeRequest(r.id, 'accepted', at(1))).toBe(false);
        expect(store.confirmRequestAddress(r.id, 'requester', at(1))).toBe(true);
        expect(store.confirmRequestAddress(r.id, 'requester', at(2))).toBe(false);
        expect(store.confirmRequestAddress(r.id, 'guardian', at(1))).toBe(true);
        expect(store.getRequest(r.id)).toMatchObject({ status: 'unconfirmed', requesterConfirmedAt: at(1).toISOString(), guardianConfirmedAt: at(1).toISOString() });
        expect(store.markRequestRelayed(r.id, at(1))).toBe(true);
        expect(store.markRequestRelayed(r.id, at(2))).toBe(false);
        expect(store.getRequest(r.id)).toMatchObject({ status: 'pending', relayedAt: at(1).toISOString() });
        expect(store.confirmRequestAddress(r.id, 'guardian', at(2))).toBe(false);
        expect(store.expireUnconfirmedRequest(r.id, at(3))).toBe(false);
        expect(store.getRequest(r.id)?.status).toBe('pending');
      });

      it('non confirmée : listée par date, puis expirée avec ses données personnelles effacées', () => {
        const old = store.insertRequest(request(proId, 'cle-0000000011'), T0);
        const recent = store.insertRequest(request(proId, 'cle-0000000012'), at(2));
        relayed(store, proId, 'cle-0000000013', T0);
        expect(store.listUnconfirmedRequestsBefore(at(1).toISOString()).map((r) => r.id)).toEqual([old.id]);
        expect(store.listUnconfirmedRequestsBefore(at(2).toISOString()).map((r) => r.id)).toEqual([old.id, recent.id]);
        expect(store.expireUnconfirmedRequest(old.id, at(3))).toBe(true);
        expect(store.expireUnconfirmedRequest(old.id, at(4))).toBe(false);
        expect(store.getRequest(old.id)).toMatchObject({ status: 'expired', email: '', firstName: '', purgedAt: at(3).toISOString(), closedAt: at(3).toISOString(), relayedAt: null });
        expect(store.listUnconfirmedRequestsBefore(at(5).toISOString()).map((r) => r.id)).toEqual([recent.id]);
        expect(store.countRequestsSince(proId, T0.toISOString())).toBe(1);
      });

      it('une demande ne se clôt qu’en attente : la seconde clôture est refusée et ne change rien', () => {
        const r = relayed(store, proId, 'cle-0000000002', T0);
        expect(store.closeRequest(r.id, 'declined', at(1), { reason: 'autre', comment: 'non' })).toBe(true);
        const closed = store.getRequest(r.id)!;
        expect(closed).toMatchObject({ status: 'declined', declineReason: 'autre', respondedAt: at(1).toISOString(), closedAt: at(1).toISOString() });
        for (const status of ['accepted', 'declined', 'expired'] as const) expect(store.closeRequest(r.id, status, at(2))).toBe(false);
        expect(store.getRequest(r.id)).toEqual(closed);
      });

      it('une expiration clôt sans date de réponse', () => {
        const r = relayed(store, proId, 'cle-0000000003', T0);
        expect(store.closeRequest(r.id, 'expired', at(10))).toBe(true);
        expect(store.getRequest(r.id)).toMatchObject({ status: 'expired', respondedAt: null, closedAt: at(10).toISOString() });
      });

      it('relance, demandes en attente (par date, par pro), purge des données personnelles', () => {
        const first = relayed(store, proId, 'cle-0000000004', T0);
        const second = relayed(store, proId, 'cle-0000000005', at(2));
        store.markReminded(first.id, at(3));
        expect(store.getRequest(first.id)?.remindedAt).toBe(at(3).toISOString());
        expect(store.listPendingRequestsBefore(at(1).toISOString()).map((r) => r.id)).toEqual([first.id]);
        expect(store.listPendingRequestsBefore(at(2).toISOString()).map((r) => r.id)).toEqual([first.id, second.id]);
        expect(store.listPendingRequestsOfPro(proId).map((r) => r.id)).toEqual([first.id, second.id]);
        store.closeRequest(first.id, 'accepted', at(4));
        expect(store.listPendingRequestsOfPro(proId).map((r) => r.id)).toEqual([second.id]);
        expect(store.purgeClosedRequestsBefore(at(4).toISOString(), at(5))).toBe(0);
        expect(store.purgeClosedRequestsBefore(at(5).toISOString(), at(5))).toBe(1);
        expect(store.getRequest(first.id)).toMatchObject({ status: 'accepted', email: '', purgedAt: at(5).toISOString() });
        expect(store.purgeClosedRequestsBefore(at(6).toISOString(), at(6))).toBe(0);
        expect(store.listRequestStatRows().sort((a, b) => a.createdAt.localeCompare(b.createdAt))).toEqual([
          { status: 'accepted', metierCode: 'D1104', communeCode: '49007', createdAt: T0.toISOString(), respondedAt: at(4).toISOString() },
          { status: 'pending', metierCode: 'D1104', communeCode: '49007', createdAt: at(2).toISOString(), respondedAt: null },
        ]);
      });
    });

    it('signalements : ouverts, traités une seule fois, purgés', () => {
      const id = store.insertReport({ subjectKind: 'pro', subjectId: 'abc', reporter: 'pro', reason: 'spam', message: 'pub' }, T0);
      expect(store.getReport(id)).toMatchObject({ id, subjectKind: 'pro', subjectId: 'abc', reason: 'spam', message: 'pub', handledAt: null });
      expect(store.listOpenReports().map((r) => r.id)).toEqual([id]);
      expect(store.markReportHandled(id, 1, 'vu', at(1))).toBe(true);
      expect(store.markReportHandled(id, 1, 'encore', at(2))).toBe(false);
      expect(store.getReport(id)).toMatchObject({ handledAt: at(1).toISOString(), resolution: 'vu' });
      expect(store.listOpenReports()).toEqual([]);
      expect(store.purgeHandledReportsBefore(at(1).toISOString())).toBe(0);
      expect(store.purgeHandledReportsBefore(at(2).toISOString())).toBe(1);
      expect(store.getReport(id)).toBeUndefined();
    });

    it('liens à usage unique : inconnu, libre, consommé une seule fois, purgé après expiration', () => {
      expect(store.tokenUsedAt('n1', 'verify')).toBeUndefined();
      store.insertToken({ nonce: 'n1', purpose: 'verify', subjectId: 'p', expiresAt: at(7).toISOString() });
      expect(store.tokenUsedAt('n1', 'verify')).toBeNull();
      expect(store.tokenUsedAt('n1', 'respond')).toBeUndefined();
      expect(store.consumeToken('n1', at(1))).toBe(true);
      expect(store.consumeToken('n1', at(2))).toBe(false);
      expect(store.tokenUsedAt('n1', 'verify')).toBe(at(1).toISOString());
      expect(store.purgeExpiredTokens(at(7))).toBe(0);
      expect(store.purgeExpiredTokens(at(8))).toBe(1);
      expect(store.tokenUsedAt('n1', 'verify')).toBeUndefined();
    });

    it('boîte d’envoi : réservation exclusive, envoi, échec avec nouvel essai, comptes, purge', () => {
      const mail = (n: number) => ({ messageId: `<m${n}@test>`, to: `p${n}@example.org`, subject: `S${n}`, text: 't', html: '<p>t</p>', kind: 'k', refId: `r${n}` });
      store.enqueueMail(mail(1), T0);
      store.enqueueMail(mail(2), T0);
      store.enqueueMail(mail(3), at(1));
      const claimed = store.claimDueMails(T0, 10, new Date(T0.getTime() + 120_000));
      expect(claimed.map((m) => m.messageId)).toEqual(['<m1@test>', '<m2@test>']);
      expect(claimed[0]).toMatchObject({ to: 'p1@example.org', subject: 'S1', kind: 'k', refId: 'r1', attempts: 0 });
      // Réservés : un second travailleur ne les prend pas avant la fin du verrou.
      expect(store.claimDueMails(T0, 10, new Date(T0.getTime() + 120_000))).toEqual([]);
      store.markMailSent(claimed[0]!.id, 1, T0);
      store.markMailFailed(claimed[1]!.id, { dead: false, attempts: 1, nextAttemptAt: new Date(T0.getTime() + 30_000), error: 'SMTP' });
      expect(store.outboxCounts()).toEqual({ pending: 2, sent: 1, failed: 0 });
      expect(store.claimDueMails(new Date(T0.getTime() + 10_000), 10, at(1))).toEqual([]);
      const retry = store.claimDueMails(new Date(T0.getTime() + 30_000), 10, at(1));
      expect(retry.map((m) => [m.messageId, m.attempts])).toEqual([['<m2@test>', 1]]);
      store.markMailFailed(retry[0]!.id, { dead: true, attempts: 15, nextAttemptAt: at(2), error: 'SMTP' });
      expect(store.outboxCounts()).toEqual({ pending: 1, sent: 1, failed: 1 });
      expect(store.claimDueMails(at(1), 1, at(2)).map((m) => m.messageId)).toEqual(['<m3@test>']);
      expect(store.lastMailText('k', 'r3')).toBe('t');
      expect(store.lastMailText('k', 'inconnu')).toBeUndefined();
      expect(store.purgeSentMailsBefore(T0.toISOString())).toBe(0);
      expect(store.purgeSentMailsBefore(at(1).toISOString())).toBe(2);
      expect(store.outboxCounts()).toEqual({ pending: 1, sent: 0, failed: 0 });
    });

    it('modération : comptes, sessions non expirées, comptes de démonstration', () => {
      expect(store.getModeratorByEmail('modo@example.org')).toBeUndefined();
      store.insertModerator('modo@example.org', 'hash-1', T0);
      const modo = store.getModeratorByEmail('modo@example.org')!;
      expect(modo).toMatchObject({ email: 'modo@example.org', passwordHash: 'hash-1', demo: false });
      store.updateModeratorPassword('modo@example.org', 'hash-2');
      expect(store.getModeratorByEmail('modo@example.org')?.passwordHash).toBe('hash-2');
      store.insertSession({ idHash: 'h', moderatorId: modo.id, csrf: 'c', expiresAt: at(1) });
      expect(store.findSession('h', T0)).toEqual({ moderatorId: modo.id, email: 'modo@example.org', csrf: 'c' });
      expect(store.findSession('h', at(1))).toBeUndefined();
      expect(store.findSession('autre', T0)).toBeUndefined();
      store.deleteSession('h');
      expect(store.findSession('h', T0)).toBeUndefined();
      store.insertSession({ idHash: 'h2', moderatorId: modo.id, csrf: 'c', expiresAt: at(1) });
      expect(store.purgeExpiredSessions(at(1))).toBe(0);
      expect(store.purgeExpiredSessions(at(2))).toBe(1);
      store.markModeratorDemo(modo.id);
      expect(store.getModeratorByEmail('modo@example.org')?.demo).toBe(true);
      expect(store.deleteDemoModerators()).toBe(1);
      expect(store.getModeratorByEmail('modo@example.org')).toBeUndefined();
    });
  });
}
