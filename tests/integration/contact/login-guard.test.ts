/**
 * Connexion des modérateurs : un inconnu ne peut pas verrouiller le compte ; une attaque répartie
 * le verrouille, et le lien envoyé par e-mail le rouvre (une fois). Compteurs partagés entre
 * processus par le stockage SQLite.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { upsertModerator } from '../../../src/contact/admin-auth';
import { LOCKED_MESSAGE, LOGIN_GUARD, attemptLogin, createLoginGuard, unlockAccount } from '../../../src/contact/login-guard';
import { createRateLimits, memoryLimiters, sqliteLimiters } from '../../../src/contact/rate-limit';
import { createBench, linkAfter, outbox, tokenOf, type TestBench } from './support';

const MODERATOR = 'moderation@versmonmetier.test';
const PASSWORD = 'un-mot-de-passe-solide';

let bench: TestBench;
beforeEach(() => {
  bench = createBench();
  upsertModerator(bench.store, MODERATOR, PASSWORD, bench.clock.now);
});
afterEach(() => bench.close());

function deps() {
  return { ctx: bench.ctx, limits: createRateLimits(), loginGuard: createLoginGuard(memoryLimiters) };
}

describe('connexion à la modération', () => {
  it('un inconnu qui essaie 40 fois depuis son adresse est freiné, la modératrice se connecte d’ailleurs', async () => {
    const d = deps();
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const r = await attemptLogin(d, '203.0.113.66', MODERATOR, `faux-${i}`);
      statuses.push(r.ok ? 200 : r.status);
    }
    expect(statuses.slice(0, LOGIN_GUARD.perIpAccount.failures)).toEqual(Array(LOGIN_GUARD.perIpAccount.failures).fill(401));
    expect(statuses.slice(LOGIN_GUARD.perIpAccount.failures).every((s) => s === 429)).toBe(true);
    const real = await attemptLogin(d, '198.51.100.10', MODERATOR, PASSWORD);
    expect(real.ok).toBe(true);
    expect(outbox(bench.db, MODERATOR)).toHaveLength(0);
  });

  it('une attaque depuis de nombreuses adresses verrouille le compte ; le lien reçu le rouvre, une seule fois', async () => {
    const d = deps();
    for (let i = 0; i < LOGIN_GUARD.perAccount.failures; i++) {
      const r = await attemptLogin(d, `192.0.2.${i + 1}`, MODERATOR, 'mauvais');
      expect(r.ok).toBe(false);
    }
    const locked = await attemptLogin(d, '198.51.100.10', MODERATOR, PASSWORD);
    expect(locked).toEqual({ ok: false, status: 429, message: LOCKED_MESSAGE });
    const mails = outbox(bench.db, MODERATOR);
    expect(mails.map((m) => m.kind)).toEqual(['moderator-unlock']);
    const link = linkAfter(mails[0]!.text, 'Déverrouiller mon compte');
    expect(new URL(link).pathname).toBe('/admin/deverrouiller/');
    const token = tokenOf(link);

    // Ouvrir le lien (GET) ne change rien ; confirmer (POST) lève le verrou.
    expect(await unlockAccount(bench.ctx, d.loginGuard, token, false)).toEqual({ ok: true });
    expect((await attemptLogin(d, '198.51.100.10', MODERATOR, PASSWORD)).ok).toBe(false);
    expect(await unlockAccount(bench.ctx, d.loginGuard, token, true)).toEqual({ ok: true });
    expect((await attemptLogin(d, '198.51.100.10', MODERATOR, PASSWORD)).ok).toBe(true);
    expect(await unlockAccount(bench.ctx, d.loginGuard, token, true)).toEqual({ ok: false, error: 'used' });
  });

  it('un compte inexistant ne reçoit pas de lien, et la réponse est la même', async () => {
    const d = deps();
    let last;
    for (let i = 0; i <= LOGIN_GUARD.perAccount.failures; i++) last = await attemptLogin(d, `192.0.2.${i + 1}`, 'personne@versmonmetier.test', 'x');
    expect(last).toEqual({ ok: false, status: 429, message: LOCKED_MESSAGE });
    expect(outbox(bench.db)).toHaveLength(0);
  });

  it('un lien de déverrouillage modifié est refusé', async () => {
    expect(await unlockAccount(bench.ctx, createLoginGuard(memoryLimiters), 'abc.def', true)).toEqual({ ok: false, error: 'invalid' });
  });
});

describe('compteurs partagés entre processus (RATE_LIMIT_STORE=sqlite:…)', () => {
  it('deux serveurs sur le même fichier comptent ensemble', async () => {
    const file = path.join(bench.dir, 'limites.sqlite');
    // Deux connexions distinctes au même fichier, comme deux processus.
    const a = createRateLimits(1, sqliteLimiters(file));
    const b = createRateLimits(1, sqliteLimiters(file));
    const results: boolean[] = [];
    for (let i = 0; i < 6; i++) results.push((await (i % 2 === 0 ? a : b).hit('register', '203.0.113.5', 'meme@exemple.test')).ok);
    // register : 3 par adresse e-mail et par heure, tous serveurs confondus.
    expect(results).toEqual([true, true, true, false, false, false]);
    const other = await b.hit('register', '203.0.113.6', 'autre@exemple.test');
    expect(other.ok).toBe(true);
  });

  it('le verrou d’un compte posé par un serveur est vu par l’autre', async () => {
    const file = path.join(bench.dir, 'limites.sqlite');
    const one = createLoginGuard(sqliteLimiters(file));
    const two = createLoginGuard(sqliteLimiters(file));
    let lockedNow = false;
    for (let i = 0; i < LOGIN_GUARD.perAccount.failures; i++) lockedNow = await (i % 2 ? one : two).failed(`192.0.2.${i}`, MODERATOR);
    expect(lockedNow).toBe(true);
    expect((await one.refusal('198.51.100.1', MODERATOR))?.message).toBe(LOCKED_MESSAGE);
    await two.unlock(MODERATOR);
    expect(await one.refusal('198.51.100.1', MODERATOR)).toBeNull();
  });
});
