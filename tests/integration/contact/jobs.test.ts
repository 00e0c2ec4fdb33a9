/**
 * Tâches planifiées avec une horloge injectée : relance unique à 3 jours, expiration à 10 jours,
 * pause automatique après 3 expirations de suite, purges de conservation (12 mois, 7 jours, 30 jours).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runScheduledJobs } from '../../../src/contact/jobs';
import { registerPro } from '../../../src/contact/pros';
import { acceptRequest, submitRequest } from '../../../src/contact/requests';
import type { ContactRequestInput } from '../../../src/domain/contact';
import { createBench, linkAfter, outbox, proInput, seedApprovedPro, tokenOf, sendConfirmed, type TestBench } from './support';

let bench: TestBench;
beforeEach(() => {
  bench = createBench();
});
afterEach(() => bench.close());

const ADULT: ContactRequestInput = {
  firstName: 'Noa',
  email: 'noa@exemple.test',
  situation: 'salarie',
  ageBracket: '26-44',
  mode: 'telephone',
  message: 'Je voudrais connaître les horaires et le salaire de départ.',
  consent: 'oui',
};

describe('relance et expiration', () => {
  it('relance une seule fois après 3 jours, puis expire à 10 jours et prévient la personne', () => {
    const pro = seedApprovedPro(bench);
    const submitted = sendConfirmed(bench, pro.id, null, ADULT, 'k1');
    expect(submitted.ok).toBe(true);

    bench.advanceDays(2.9);
    expect(runScheduledJobs(bench.ctx).reminded).toBe(0);
    bench.advanceDays(0.2);
    expect(runScheduledJobs(bench.ctx).reminded).toBe(1);
    expect(runScheduledJobs(bench.ctx).reminded).toBe(0);
    const reminder = outbox(bench.db, pro.email!).at(-1)!;
    expect(reminder.kind).toBe('request-reminder');
    expect(reminder.subject).toBe('Rappel : Noa attend votre réponse');

    bench.advanceDays(7);
    const report = runScheduledJobs(bench.ctx);
    expect(report.expired).toBe(1);
    expect(bench.store.getRequest(submitted.ok ? submitted.request.id : '')?.status).toBe('expired');
    const expired = outbox(bench.db, 'noa@exemple.test').at(-1)!;
    expect(expired.kind).toBe('request-expired');
    expect(expired.text).toContain('Voir d’autres professionnels');
    // Le lien de réponse ne sert plus.
    expect(acceptRequest(bench.ctx, tokenOf(linkAfter(reminder.text, 'Accepter la demande')))).toMatchObject({ ok: false });
  });

  it('met en pause le pro après 3 expirations de suite (et le lui dit) ; une réponse remet le compteur à zéro', () => {
    const pro = seedApprovedPro(bench, { monthlyCap: 10 });
    const expireOne = (key: string) => {
      sendConfirmed(bench, pro.id, null, ADULT, key);
      bench.advanceDays(10.01);
      return runScheduledJobs(bench.ctx);
    };
    expireOne('a');
    expireOne('b');
    // Une réponse entre-temps : la série repart de zéro.
    sendConfirmed(bench, pro.id, null, ADULT, 'c');
    const newMail = outbox(bench.db, pro.email!).filter((m) => m.kind === 'request-new').at(-1)!;
    expect(acceptRequest(bench.ctx, tokenOf(linkAfter(newMail.text, 'Accepter la demande'))).ok).toBe(true);
    expect(bench.store.getPro(pro.id)?.consecutiveExpiries).toBe(0);
    expireOne('d');
    expireOne('e');
    expect(bench.store.getPro(pro.id)?.paused).toBe(false);
    const third = expireOne('f');
    expect(third.autoPaused).toBe(1);
    expect(bench.store.getPro(pro.id)).toMatchObject({ paused: true, pauseReason: 'expirations' });
    expect(outbox(bench.db, pro.email!).at(-1)?.kind).toBe('pro-auto-paused');
    expect(sendConfirmed(bench, pro.id, null, ADULT, 'g')).toEqual({ ok: false, error: 'unavailable' });
  });
});

describe('conservation des données', () => {
  it('efface les données personnelles des demandes closes depuis 12 mois, garde les chiffres', () => {
    const pro = seedApprovedPro(bench);
    const submitted = sendConfirmed(bench, pro.id, null, ADULT, 'p1');
    const id = submitted.ok ? submitted.request.id : '';
    const mail = outbox(bench.db, pro.email!)[0]!;
    acceptRequest(bench.ctx, tokenOf(linkAfter(mail.text, 'Accepter la demande')));

    bench.advanceDays(364);
    expect(runScheduledJobs(bench.ctx).purgedRequests).toBe(0);
    bench.advanceDays(2);
    const report = runScheduledJobs(bench.ctx);
    expect(report.purgedRequests).toBe(1);
    const row = bench.db.prepare('SELECT first_name, email, phone, guardian_email, message, status, metier_code FROM requests WHERE id = ?').get(id);
    expect(row).toEqual({ first_name: null, email: null, phone: null, guardian_email: null, message: null, status: 'accepted', metier_code: 'D1104' });
    // Les e-mails envoyés (qui contenaient les coordonnées) sont effacés après 30 jours.
    bench.db.prepare("UPDATE outbox SET status = 'sent'").run();
    expect(runScheduledJobs(bench.ctx).purgedMails).toBeGreaterThan(0);
    expect(outbox(bench.db)).toEqual([]);
  });

  it('supprime les inscriptions non confirmées après 7 jours, pas avant', () => {
    registerPro(bench.ctx, proInput({ email: 'jamais@confirme.test' }));
    bench.advanceDays(6.9);
    expect(runScheduledJobs(bench.ctx).purgedUnverifiedPros).toBe(0);
    bench.advanceDays(0.2);
    expect(runScheduledJobs(bench.ctx).purgedUnverifiedPros).toBe(1);
    expect(bench.store.getProByEmail('jamais@confirme.test')).toBeUndefined();
  });
});
