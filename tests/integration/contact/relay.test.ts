/**
 * Le relais de bout en bout sur une vraie base SQLite : inscription, confirmation, modération,
 * demande (mineur·e avec parent en copie), acceptation, refus, liens falsifiés, expirés, réutilisés,
 * plafond mensuel et idempotence.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approvePro, registerPro, rejectPro, verifyPro, openManage, deletePro } from '../../../src/contact/pros';
import { acceptRequest, confirmRequestAddress, declineRequest, expireRequest, openResponse, submitRequest } from '../../../src/contact/requests';
import { runScheduledJobs } from '../../../src/contact/jobs';
import { DAILY_RELAY_CAP } from '../../../src/domain/contact-rules';
import type { ContactRequestInput } from '../../../src/domain/contact';
import { createBench, linkAfter, outbox, proInput, seedApprovedPro, tokenOf, sendConfirmed, type TestBench } from './support';

let bench: TestBench;
beforeEach(() => {
  bench = createBench();
});
afterEach(() => bench.close());

const LYCEEN: ContactRequestInput = {
  firstName: 'Léa',
  email: 'lea@eleve.test',
  phone: '07 00 00 00 01',
  situation: 'collegien-lyceen',
  ageBracket: '15-17',
  guardianEmail: 'parent.lea@famille.test',
  mode: 'telephone',
  message: 'Bonjour, je voudrais savoir comment se passe une journée en pâtisserie.',
  consent: 'oui',
};

describe('inscription d’un pro', () => {
  it('envoie un lien de confirmation, puis la modération publie le profil', () => {
    registerPro(bench.ctx, proInput());
    const pro = bench.store.getProByEmail('camille.martin@patisserie.test');
    expect(pro?.status).toBe('unverified');
    const [verify] = outbox(bench.db, 'camille.martin@patisserie.test');
    expect(verify?.kind).toBe('pro-verify');
    const token = tokenOf(linkAfter(verify!.text, 'Confirmer mon adresse e-mail'));

    const verified = verifyPro(bench.ctx, token);
    expect(verified.ok && verified.pro.status).toBe('pending');
    expect(verifyPro(bench.ctx, token)).toEqual({ ok: false, error: 'used' });

    expect(approvePro(bench.ctx, pro!.id, 1)).toBe(true);
    expect(bench.store.getPro(pro!.id)?.status).toBe('approved');
    const approved = outbox(bench.db).at(-1)!;
    expect(approved.kind).toBe('pro-approved');
    const manage = openManage(bench.ctx, tokenOf(linkAfter(approved.text, 'Gérer mon profil')));
    expect(manage.ok && manage.pro.id).toBe(pro!.id);
    expect(approvePro(bench.ctx, pro!.id, 1)).toBe(false);
  });

  it('une seconde inscription avec la même adresse ne crée pas de doublon et ne révèle rien', () => {
    registerPro(bench.ctx, proInput());
    const pro = bench.store.getProByEmail('camille.martin@patisserie.test')!;
    verifyPro(bench.ctx, tokenOf(linkAfter(outbox(bench.db)[0]!.text, 'Confirmer mon adresse e-mail')));
    registerPro(bench.ctx, proInput({ firstName: 'Autre' }));
    expect(bench.db.prepare('SELECT COUNT(*) AS n FROM pros').get()).toEqual({ n: 1 });
    expect(outbox(bench.db).at(-1)?.kind).toBe('pro-already');
    expect(bench.store.getPro(pro.id)?.firstName).toBe('Camille');
  });

  it('un refus motivé prévient le pro ; un lien falsifié ou expiré est refusé', () => {
    registerPro(bench.ctx, proInput());
    const token = tokenOf(linkAfter(outbox(bench.db)[0]!.text, 'Confirmer mon adresse e-mail'));
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(verifyPro(bench.ctx, tampered)).toEqual({ ok: false, error: 'invalid' });
    expect(verifyPro(bench.ctx, 'n-importe-quoi')).toEqual({ ok: false, error: 'invalid' });
    bench.advanceDays(8);
    expect(verifyPro(bench.ctx, token)).toEqual({ ok: false, error: 'expired' });

    registerPro(bench.ctx, proInput({ email: 'autre@pro.test' }));
    const other = bench.store.getProByEmail('autre@pro.test')!;
    verifyPro(bench.ctx, tokenOf(linkAfter(outbox(bench.db, 'autre@pro.test')[0]!.text, 'Confirmer mon adresse e-mail')));
    expect(rejectPro(bench.ctx, other.id, 1, { reason: 'profil-incomplet', comment: 'Dites-en plus.' })).toBe(true);
    const mail = outbox(bench.db, 'autre@pro.test').at(-1)!;
    expect(mail.kind).toBe('pro-rejected');
    expect(mail.text).toContain('Profil incomplet ou peu clair');
    expect(mail.text).toContain('Dites-en plus.');
  });
});

describe('demande et réponse', () => {
  it('un lycéen demande, le pro accepte : chacun reçoit les coordonnées de l’autre, le parent a une copie', () => {
    const pro = seedApprovedPro(bench);
    const result = sendConfirmed(bench, pro.id, 'D1104', LYCEEN, 'cle-1');
    expect(result.ok).toBe(true);
    const toPro = outbox(bench.db, pro.email!);
    expect(toPro.map((m) => m.kind)).toEqual(['request-new']);
    // Avant acceptation : aucune coordonnée d'un côté ni de l'autre.
    expect(toPro[0]!.text).not.toContain('lea@eleve.test');
    expect(toPro[0]!.text).not.toContain('07 00 00 00 01');
    expect(toPro[0]!.text).toContain('moins de 18 ans');
    const toLea = outbox(bench.db, 'lea@eleve.test');
    expect(toLea.map((m) => m.kind)).toEqual(['request-confirm', 'request-received']);
    expect(toLea[1]!.text).not.toContain(pro.email!);
    expect(toLea[1]!.text).not.toContain(pro.phone!);
    expect(outbox(bench.db, 'parent.lea@famille.test').map((m) => m.kind)).toEqual(['request-confirm-guardian', 'request-received-copy']);

    const acceptUrl = linkAfter(toPro[0]!.text, 'Accepter la demande');
    const declineUrl = linkAfter(toPro[0]!.text, 'Refuser la demande');
    expect(tokenOf(acceptUrl)).toBe(tokenOf(declineUrl));
    const open = openResponse(bench.ctx, tokenOf(acceptUrl));
    expect(open.ok && open.request.firstName).toBe('Léa');

    const accepted = acceptRequest(bench.ctx, tokenOf(acceptUrl));
    expect(accepted.ok && accepted.request.status).toBe('accepted');
    const details = outbox(bench.db, 'lea@eleve.test').at(-1)!;
    expect(details.kind).toBe('request-accepted');
    expect(details.text).toContain(pro.email!);
    expect(details.text).toContain(pro.phone!);
    const proDetails = outbox(bench.db, pro.email!).at(-1)!;
    expect(proDetails.kind).toBe('request-accepted-pro');
    expect(proDetails.text).toContain('lea@eleve.test');
    expect(proDetails.text).toContain('parent.lea@famille.test');
    expect(outbox(bench.db, 'parent.lea@famille.test').at(-1)?.kind).toBe('request-accepted-copy');

    expect(acceptRequest(bench.ctx, tokenOf(acceptUrl))).toEqual({ ok: false, error: 'used' });
    expect(declineRequest(bench.ctx, tokenOf(declineUrl), { reason: 'autre' })).toEqual({ ok: false, error: 'used' });
  });

  it('un refus donne la raison à la personne et lui propose d’autres pros, sans coordonnées', () => {
    const pro = seedApprovedPro(bench);
    sendConfirmed(bench, pro.id, null, { ...LYCEEN, ageBracket: '18-25', guardianEmail: undefined, situation: 'etudiant' }, 'cle-2');
    const token = tokenOf(linkAfter(outbox(bench.db, pro.email!)[0]!.text, 'Refuser la demande'));
    const declined = declineRequest(bench.ctx, token, { reason: 'pas-disponible', comment: 'En congés.' });
    expect(declined.ok && declined.request.status).toBe('declined');
    expect(declined.ok && declined.request.declineReason).toBe('pas-disponible');
    const mail = outbox(bench.db, 'lea@eleve.test').at(-1)!;
    expect(mail.kind).toBe('request-declined');
    expect(mail.text).toContain('pas disponible');
    expect(mail.text).toContain('/rencontrer-un-pro/?metier=D1104&commune=Angers+%2849000%29');
    expect(mail.text).not.toContain(pro.email!);
    expect(outbox(bench.db, 'parent.lea@famille.test')).toEqual([]);
  });

  it('un double envoi (même clé) ne crée qu’une demande et qu’une notification', () => {
    const pro = seedApprovedPro(bench);
    const first = sendConfirmed(bench, pro.id, null, LYCEEN, 'cle-double');
    const second = sendConfirmed(bench, pro.id, null, LYCEEN, 'cle-double');
    expect(first.ok && second.ok && second.duplicate && second.request.id === first.request.id).toBe(true);
    expect(bench.db.prepare('SELECT COUNT(*) AS n FROM requests').get()).toEqual({ n: 1 });
    expect(outbox(bench.db, pro.email!)).toHaveLength(1);
  });

  it('le plafond mensuel bloque la demande de trop, et se libère le mois suivant', () => {
    const pro = seedApprovedPro(bench, { monthlyCap: 2 });
    expect(sendConfirmed(bench, pro.id, null, LYCEEN, 'a').ok).toBe(true);
    expect(sendConfirmed(bench, pro.id, null, LYCEEN, 'b').ok).toBe(true);
    expect(sendConfirmed(bench, pro.id, null, LYCEEN, 'c')).toEqual({ ok: false, error: 'cap-reached' });
    bench.advanceDays(25);
    expect(sendConfirmed(bench, pro.id, null, LYCEEN, 'd').ok).toBe(true);
  });

  it('refuse un mode que le pro ne propose pas, et un pro en pause ou supprimé', () => {
    const pro = seedApprovedPro(bench);
    const wrongMode = sendConfirmed(bench, pro.id, null, { ...LYCEEN, mode: 'visio' }, 'x');
    expect(wrongMode.ok === false && wrongMode.error).toBe('mode');
    bench.store.setProPaused(pro.id, true, 'pro');
    expect(sendConfirmed(bench, pro.id, null, LYCEEN, 'y')).toEqual({ ok: false, error: 'unavailable' });
    expect(sendConfirmed(bench, 'inexistant00', null, LYCEEN, 'z')).toEqual({ ok: false, error: 'unavailable' });
  });

  it('une demande close ne se clôt pas une seconde fois, même lue avant sa clôture (deux clics simultanés)', () => {
    const pro = seedApprovedPro(bench);
    const sent = sendConfirmed(bench, pro.id, null, { ...LYCEEN, ageBracket: '18-25', guardianEmail: undefined }, 'cle-course-0001');
    expect(sent.ok).toBe(true);
    const stale = sent.ok ? sent.request : null;
    expect(stale?.status).toBe('pending');
    // Le premier clic accepte ; le second a lu la demande quand elle était encore en attente.
    expect(bench.store.closeRequest(stale!.id, 'accepted', bench.clock.now)).toBe(true);
    const accepted = bench.store.getRequest(stale!.id)!;
    bench.advanceDays(1);
    expect(bench.store.closeRequest(stale!.id, 'declined', bench.clock.now, { reason: 'autre', comment: 'trop tard' })).toBe(false);
    const mailsBefore = outbox(bench.db).length;
    expect(expireRequest(bench.ctx, stale!, pro)).toBe(false);
    expect(outbox(bench.db)).toHaveLength(mailsBefore);
    expect(bench.store.getRequest(stale!.id)).toEqual(accepted);
    expect(accepted).toMatchObject({ status: 'accepted', declineReason: null });
  });

  it('supprimer son profil efface ses données et clôt ses demandes en attente', () => {
    const pro = seedApprovedPro(bench);
    sendConfirmed(bench, pro.id, null, LYCEEN, 'k');
    deletePro(bench.ctx, pro);
    const erased = bench.store.getPro(pro.id)!;
    expect(erased).toMatchObject({ status: 'deleted', email: null, phone: null, firstName: '', presentation: '' });
    expect(outbox(bench.db, 'lea@eleve.test').at(-1)?.kind).toBe('request-expired');
  });
});

describe('adresses confirmées avant tout relais', () => {
  const ADULTE = { ...LYCEEN, ageBracket: '26-44' as const, guardianEmail: undefined, situation: 'salarie' as const };
  const confirmLink = (kind: string, label: string, requestId: string) => {
    const mail = outbox(bench.db).filter((m) => m.kind === kind && m.refId === requestId).at(-1);
    return tokenOf(linkAfter(mail!.text, label));
  };

  it('rien ne part chez le pro avant la confirmation ; le message n’est pas dans l’e-mail de confirmation', () => {
    const pro = seedApprovedPro(bench);
    const sent = submitRequest(bench.ctx, pro.id, null, { ...ADULTE, message: 'Un message à ne pas relayer avant confirmation, avec un lien https://spam.example.com' }, 'cle-conf-1');
    expect(sent.ok && sent.request.status).toBe('unconfirmed');
    expect(outbox(bench.db, pro.email!)).toHaveLength(0);
    const mails = outbox(bench.db, ADULTE.email);
    expect(mails.map((m) => m.kind)).toEqual(['request-confirm']);
    expect(mails[0]!.text).not.toContain('spam.example.com');
    const token = confirmLink('request-confirm', 'Confirmer ma demande', sent.ok ? sent.request.id : '');
    // Ouvrir le lien ne change rien ; le bouton (POST) transmet.
    expect(confirmRequestAddress(bench.ctx, token, false)).toMatchObject({ ok: true, outcome: 'form' });
    expect(outbox(bench.db, pro.email!)).toHaveLength(0);
    expect(confirmRequestAddress(bench.ctx, token, true)).toMatchObject({ ok: true, outcome: 'relayed' });
    expect(outbox(bench.db, pro.email!).map((m) => m.kind)).toEqual(['request-new']);
    expect(confirmRequestAddress(bench.ctx, token, true)).toEqual({ ok: false, error: 'used' });
  });

  it('un·e mineur·e : la demande part seulement quand la personne ET son parent ont confirmé', () => {
    const pro = seedApprovedPro(bench);
    const sent = submitRequest(bench.ctx, pro.id, null, LYCEEN, 'cle-conf-2');
    const id = sent.ok ? sent.request.id : '';
    const guardian = confirmLink('request-confirm-guardian', 'Je suis d’accord', id);
    expect(confirmRequestAddress(bench.ctx, guardian, true)).toMatchObject({ ok: true, outcome: 'waiting', role: 'guardian' });
    expect(outbox(bench.db, pro.email!)).toHaveLength(0);
    expect(confirmRequestAddress(bench.ctx, confirmLink('request-confirm', 'Confirmer ma demande', id), true)).toMatchObject({ ok: true, outcome: 'relayed' });
    expect(outbox(bench.db, pro.email!).map((m) => m.kind)).toEqual(['request-new']);
  });

  it('sans confirmation en 48 heures : expirée, données effacées, rien envoyé, hors plafond', () => {
    const pro = seedApprovedPro(bench, { monthlyCap: 1 });
    const first = submitRequest(bench.ctx, pro.id, null, ADULTE, 'cle-conf-3');
    const id = first.ok ? first.request.id : '';
    // Non confirmée, elle ne prend pas la place : une autre demande peut être faite.
    expect(submitRequest(bench.ctx, pro.id, null, { ...ADULTE, email: 'autre@personne.test' }, 'cle-conf-4').ok).toBe(true);
    bench.clock.now = new Date(bench.clock.now.getTime() + 47 * 3_600_000);
    expect(runScheduledJobs(bench.ctx).expiredUnconfirmed).toBe(0);
    bench.clock.now = new Date(bench.clock.now.getTime() + 2 * 3_600_000);
    expect(runScheduledJobs(bench.ctx).expiredUnconfirmed).toBe(2);
    const expired = bench.store.getRequest(id)!;
    expect(expired.status).toBe('expired');
    expect(expired.email).toBe('');
    expect(expired.message).toBe('');
    expect(outbox(bench.db, pro.email!)).toHaveLength(0);
    // Le lien reçu ne marche plus.
    expect(confirmRequestAddress(bench.ctx, confirmLink('request-confirm', 'Confirmer ma demande', id), true).ok).toBe(false);
  });

  it('au plus 3 demandes transmises par jour à un même pro', () => {
    const pro = seedApprovedPro(bench, { monthlyCap: 20 });
    for (let i = 0; i < DAILY_RELAY_CAP; i++) expect(sendConfirmed(bench, pro.id, null, { ...ADULTE, email: `p${i}@personne.test` }, `cle-jour-${i}`).ok).toBe(true);
    expect(submitRequest(bench.ctx, pro.id, null, { ...ADULTE, email: 'p9@personne.test' }, 'cle-jour-9')).toEqual({ ok: false, error: 'daily-cap' });
    bench.clock.now = new Date(bench.clock.now.getTime() + 24 * 3_600_000 + 1000);
    expect(sendConfirmed(bench, pro.id, null, { ...ADULTE, email: 'p9@personne.test' }, 'cle-jour-10').ok).toBe(true);
  });

  it('le plafond atteint entre l’envoi et la confirmation : rien ne part, la personne le sait', () => {
    const pro = seedApprovedPro(bench, { monthlyCap: 1 });
    const waiting = submitRequest(bench.ctx, pro.id, null, ADULTE, 'cle-conf-5');
    expect(sendConfirmed(bench, pro.id, null, { ...ADULTE, email: 'rapide@personne.test' }, 'cle-conf-6').ok).toBe(true);
    const late = confirmRequestAddress(bench.ctx, confirmLink('request-confirm', 'Confirmer ma demande', waiting.ok ? waiting.request.id : ''), true);
    expect(late).toMatchObject({ ok: true, outcome: 'cap-reached' });
    expect(outbox(bench.db, pro.email!).map((m) => m.kind)).toEqual(['request-new']);
  });
});
