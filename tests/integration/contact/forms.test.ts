/**
 * Traitement des formulaires publics sans navigateur : textes tapés résolus (commune, métier),
 * messages par champ et saisie gardée, piège à robots, 429 au-delà des limites, liens signés
 * (falsifiés, expirés) et mots de passe des modérateurs.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { createMetierIndex } from '../../../src/http/metiers';
import { handleManageLinkRequest, handleRegistration, handleRequest, submitForm, type HandlerDeps } from '../../../src/contact/form-handlers';
import { createRateLimits } from '../../../src/contact/rate-limit';
import { resolveCommune, resolveMetier } from '../../../src/contact/resolve';
import { metierValueWithCode } from '../../../src/components/autocomplete/combobox';
import { checkToken, createToken } from '../../../src/contact/tokens';
import { FORM_EXPIRED_MESSAGE, checkCredentials, createSession, csrfMatches, readAdminRequest, readSession, upsertModerator } from '../../../src/contact/admin-auth';
import { openSqliteContactStore } from '../../../src/contact/sqlite/store';
import { catalog, confirmByMail, createBench, geo, outbox, seedApprovedPro, type TestBench } from './support';

const metiers = createMetierIndex(catalog.listMetiers());
let bench: TestBench;
let deps: HandlerDeps;
beforeEach(() => {
  bench = createBench();
  deps = { ctx: bench.ctx, geo, metiers, getMetier: (c) => catalog.getMetier(c), limits: createRateLimits() };
});
afterEach(() => bench.close());

function form(values: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) for (const item of Array.isArray(v) ? v : [v]) data.append(k, item);
  return data;
}

describe('textes tapés → codes', () => {
  it('reconnaît une commune par nom, nom + code postal, code postal, code INSEE', () => {
    expect(resolveCommune(geo, 'angers')).toMatchObject({ ok: true, value: { inseeCode: '49007' } });
    expect(resolveCommune(geo, 'Angers (49000)')).toMatchObject({ ok: true, value: { inseeCode: '49007' } });
    expect(resolveCommune(geo, '49007')).toMatchObject({ ok: true, value: { inseeCode: '49007' } });
    expect(resolveCommune(geo, 'Nulle-Part-sur-Mer')).toMatchObject({ ok: false, message: expect.stringContaining('introuvable') });
  });
  it('reconnaît un métier par libellé, début de libellé, code ; propose sinon', () => {
    expect(resolveMetier(metiers, (c) => catalog.getMetier(c), 'pâtissier')).toMatchObject({ ok: true, value: { code: 'D1104' } });
    expect(resolveMetier(metiers, (c) => catalog.getMetier(c), 'Pâtissier / Pâtissière (D1104)')).toMatchObject({ ok: true, value: { code: 'D1104' } });
    expect(resolveMetier(metiers, (c) => catalog.getMetier(c), 'Z9999')).toMatchObject({ ok: false });
    expect(resolveMetier(metiers, (c) => catalog.getMetier(c), 'xqzw')).toMatchObject({ ok: false, message: expect.stringContaining('introuvable') });
  });
  it('relit le texte que l’autocomplétion met dans le champ, appellation comprise', () => {
    const suggestions = metiers.search('pâtiss');
    expect(suggestions.some((m) => m.appellation !== null)).toBe(true);
    for (const m of suggestions) {
      expect(resolveMetier(metiers, (c) => catalog.getMetier(c), metierValueWithCode(m))).toMatchObject({ ok: true, value: { code: m.code } });
    }
  });
});

describe('lecture du formulaire envoyé', () => {
  it('un corps illisible : 400 et un message, sans appeler le traitement ; sinon le traitement répond', async () => {
    const post = (body: string, type: string) => new Request('http://localhost/', { method: 'POST', headers: { 'content-type': type }, body });
    let called = 0;
    const unreadable = await submitForm(post('email=a@example.org', 'application/json'), () => {
      called++;
      return { ok: true, value: undefined };
    });
    expect(called).toBe(0);
    expect(unreadable).toMatchObject({ ok: false, status: 400, errors: { _: expect.stringContaining('Formulaire illisible') } });
    const invalid = await submitForm(post('email=faux', 'application/x-www-form-urlencoded'), (data) => handleManageLinkRequest(deps, data, '1.1.1.1'));
    expect(invalid).toMatchObject({ ok: false, status: 400, errors: { email: expect.any(String) }, values: { email: 'faux' } });
  });
});

describe('inscription', () => {
  it('erreurs par champ en français, saisie gardée, rien en base', async () => {
    const outcome = await handleRegistration(deps, form({ firstName: 'Camille', lastName: '', email: 'faux', metier1: 'xqzw', commune: 'Nulle-Part', modes: ['telephone'], monthlyCap: '4', presentation: 'court' }), '1.1.1.1');
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.status).toBe(400);
    expect(Object.keys(outcome.errors).sort()).toEqual(['commune', 'consent', 'email', 'lastName', 'metier1', 'presentation']);
    expect(outcome.values.firstName).toBe('Camille');
    expect(outcome.lists.modes).toEqual(['telephone']);
    expect(bench.db.prepare('SELECT COUNT(*) AS n FROM pros').get()).toEqual({ n: 0 });
  });

  it('un robot qui remplit le champ piège croit avoir réussi, mais rien n’est créé', async () => {
    const outcome = await handleRegistration(deps, form({ site_web: 'http://spam.example', email: 'bot@spam.test' }), '1.1.1.1');
    expect(outcome.ok).toBe(true);
    expect(bench.db.prepare('SELECT COUNT(*) AS n FROM pros').get()).toEqual({ n: 0 });
    expect(outbox(bench.db)).toEqual([]);
  });

  it('crée le profil (métiers et commune résolus) et envoie la confirmation', async () => {
    const outcome = await handleRegistration(
      deps,
      form({ firstName: 'Camille', lastName: 'Martin', email: 'cm@example.org', metier1: 'pâtissier', metier2: 'Pâtissier / Pâtissière (D1104)', commune: 'Angers (49000)', modes: ['telephone', 'visio'], monthlyCap: '3', presentation: 'Pâtissière depuis douze ans, je forme des apprentis.', consent: 'oui' }),
      '1.1.1.1',
    );
    expect(outcome.ok).toBe(true);
    expect(bench.store.getProByEmail('cm@example.org')).toMatchObject({ metierCodes: ['D1104'], communeCode: '49007', monthlyCap: 3, status: 'unverified' });
  });
});

describe('demande', () => {
  const valid = { firstName: 'Noa', email: 'noa@example.org', situation: 'etudiant', ageBracket: '18-25', mode: 'telephone', message: 'Quelles études pour ce métier ?', consent: 'oui' };

  it('sans clé d’idempotence : 400 et message ; au-delà de 5 envois par e-mail : 429', async () => {
    const pro = seedApprovedPro(bench, { monthlyCap: 20 });
    const noKey = await handleRequest(deps, pro.id, form(valid), '2.2.2.2');
    expect(noKey).toMatchObject({ ok: false, status: 400, errors: { _: expect.stringContaining('Rechargez la page') } });
    for (let i = 0; i < 5; i++) expect((await handleRequest(deps, pro.id, form({ ...valid, cle: `cle-numero-${i}` }), '2.2.2.2')).ok).toBe(true);
    const limited = await handleRequest(deps, pro.id, form({ ...valid, cle: 'cle-numero-9' }), '2.2.2.3');
    expect(limited).toMatchObject({ ok: false, status: 429, errors: { _: expect.stringContaining('Trop d’envois') } });
    expect(limited.ok === false && limited.values.message).toBe(valid.message);
  });

  it('un pro au plafond : 409 et un message qui propose d’en choisir un autre', async () => {
    const pro = seedApprovedPro(bench, { monthlyCap: 1 });
    const first = await handleRequest(deps, pro.id, form({ ...valid, cle: 'premiere-cle' }), '3.3.3.3');
    expect(first.ok).toBe(true);
    // Une demande non confirmée ne prend pas de place ; une fois transmise, le pro est au plafond.
    const waiting = await handleRequest(deps, pro.id, form({ ...valid, email: 'encore@example.org', cle: 'cle-en-plus' }), '3.3.3.4');
    expect(waiting.ok).toBe(true);
    expect(confirmByMail(bench, (first.ok && first.value?.id) || '')).toBeNull();
    expect(confirmByMail(bench, (waiting.ok && waiting.value?.id) || '')).toBe('cap-reached');
    const full = await handleRequest(deps, pro.id, form({ ...valid, email: 'autre@example.org', cle: 'seconde-cle' }), '3.3.3.3');
    expect(full).toMatchObject({ ok: false, status: 409, errors: { _: expect.stringContaining('Choisissez un autre professionnel') } });
  });
});

describe('liens signés et comptes de modération', () => {
  it('un lien d’un autre usage, d’une autre clé ou expiré est refusé', () => {
    const token = createToken(bench.store, bench.ctx.secret, 'manage', 'abc', bench.clock.now);
    expect(checkToken(bench.store, bench.ctx.secret, token, 'manage', bench.clock.now)).toMatchObject({ ok: true, subjectId: 'abc' });
    expect(checkToken(bench.store, bench.ctx.secret, token, 'report', bench.clock.now)).toEqual({ ok: false, error: 'invalid' });
    expect(checkToken(bench.store, 'une-autre-cle-une-autre-cle-0123456789', token, 'manage', bench.clock.now)).toEqual({ ok: false, error: 'invalid' });
    const [body, sig] = token.split('.');
    const forged = Buffer.from(Buffer.from(body!, 'base64url').toString().replace('abc', 'xyz')).toString('base64url');
    expect(checkToken(bench.store, bench.ctx.secret, `${forged}.${sig}`, 'manage', bench.clock.now)).toEqual({ ok: false, error: 'invalid' });
    bench.advanceDays(1.01);
    expect(checkToken(bench.store, bench.ctx.secret, token, 'manage', bench.clock.now)).toEqual({ ok: false, error: 'expired' });
  });

  it('mot de passe haché (scrypt), session signée, CSRF', () => {
    const store = openSqliteContactStore(path.join(bench.dir, 'admin.sqlite'));
    const db = store.db;
    upsertModerator(store, 'Modo@Example.org', 'un-mot-de-passe-long', bench.clock.now);
    expect(() => upsertModerator(store, 'x@example.org', 'court', bench.clock.now)).toThrow('12 caractères');
    const stored = db.prepare('SELECT password_hash FROM moderators').get() as { password_hash: string };
    expect(stored.password_hash).toMatch(/^scrypt\$/);
    expect(stored.password_hash).not.toContain('un-mot-de-passe-long');
    expect(checkCredentials(store, 'modo@example.org', 'mauvais')).toBeNull();
    const id = checkCredentials(store, 'MODO@example.org', 'un-mot-de-passe-long');
    expect(id).not.toBeNull();
    const cookie = createSession(store, bench.ctx.secret, id!, bench.clock.now);
    const session = readSession(store, bench.ctx.secret, cookie, bench.clock.now);
    expect(session?.email).toBe('modo@example.org');
    expect(csrfMatches(session!, session!.csrf)).toBe(true);
    expect(csrfMatches(session!, 'faux')).toBe(false);
    expect(readSession(store, bench.ctx.secret, `${cookie.split('.')[0]}.falsifie`, bench.clock.now)).toBeNull();
    expect(readSession(store, bench.ctx.secret, cookie, new Date(bench.clock.now.getTime() + 9 * 3_600_000))).toBeNull();
    store.close();
  });
  it('garde des pages /admin : connexion exigée, formulaire accepté seulement avec le bon jeton', async () => {
    const store = openSqliteContactStore(path.join(bench.dir, 'garde.sqlite'));
    upsertModerator(store, 'modo@example.org', 'un-mot-de-passe-long', bench.clock.now);
    const cookie = createSession(store, bench.ctx.secret, checkCredentials(store, 'modo@example.org', 'un-mot-de-passe-long')!, bench.clock.now);
    const csrf = readSession(store, bench.ctx.secret, cookie, bench.clock.now)!.csrf;
    const post = (body: string, type = 'application/x-www-form-urlencoded') =>
      new Request('http://localhost/admin/', { method: 'POST', headers: { 'content-type': type }, body });
    const guard = (c: string | undefined, request: Request) => readAdminRequest(store, bench.ctx.secret, c, request, bench.clock.now);

    expect(await guard(undefined, new Request('http://localhost/admin/'))).toBeNull();
    expect(await guard(`${cookie.split('.')[0]}.falsifie`, post(`csrf=${csrf}`))).toBeNull();
    expect(await guard(cookie, new Request('http://localhost/admin/'))).toMatchObject({ session: { email: 'modo@example.org' }, form: null, formError: null });
    for (const refused of [post('csrf=faux&action=publier'), post('action=publier'), post(`csrf=${csrf}`, 'text/plain')]) {
      expect(await guard(cookie, refused)).toMatchObject({ form: null, formError: FORM_EXPIRED_MESSAGE });
    }
    const accepted = await guard(cookie, post(`csrf=${encodeURIComponent(csrf)}&action=publier`));
    expect(accepted?.formError).toBeNull();
    expect(accepted?.form?.get('action')).toBe('publier');
    store.close();
  });
});
