/**
 * Connexion des modérateurs, à l'abri des blocages par un tiers.
 *
 * - Par adresse IP : 10 essais par quart d'heure (rate-limit.ts, formulaire « login »).
 * - Par IP et compte : après 5 échecs en 15 minutes, CETTE adresse attend 15 minutes pour ce
 *   compte ; la modératrice qui se connecte d'ailleurs n'est pas gênée.
 * - Par compte, toutes adresses confondues : après 30 échecs en une heure (une attaque répartie),
 *   le compte est verrouillé 24 heures et un lien de déverrouillage (usage unique, 24 h) part à
 *   l'adresse du compte ; ce lien lève le verrou tout de suite.
 * Les compteurs sont ceux de la fabrique de limites (mémoire ou stockage partagé).
 */
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { logIn } from './admin-auth';
import { queue, signedLink, type ContactContext } from './context';
import { moderatorUnlock } from './mail/templates';
import { PATHS } from './paths';
import { checkToken, consumeToken } from './tokens';
import { tooManyMessage, type LimiterFactory, type RateLimits } from './rate-limit';

export const LOGIN_GUARD = {
  /** Échecs permis par adresse IP et compte, par fenêtre ; puis attente. */
  perIpAccount: { failures: 5, windowSeconds: 900, waitSeconds: 900 },
  /** Échecs permis par compte, toutes adresses confondues ; puis verrou jusqu'au lien. */
  perAccount: { failures: 30, windowSeconds: 3600, lockSeconds: 86_400 },
} as const;

export const LOCKED_MESSAGE =
  'Ce compte est verrouillé après de nombreux essais de mot de passe. Un lien pour le déverrouiller a été envoyé à son adresse e-mail.';

export interface LoginGuard {
  /** null si l'essai est permis ; sinon le refus (429). */
  refusal(ip: string, email: string): Promise<{ retryAfterSeconds: number; message: string } | null>;
  /** Un échec ; vrai si le compte vient d'être verrouillé (le lien part alors). */
  failed(ip: string, email: string): Promise<boolean>;
  succeeded(ip: string, email: string): Promise<void>;
  unlock(email: string): Promise<void>;
}

const normal = (email: string) => email.trim().toLowerCase().slice(0, 254);

export function createLoginGuard(make: LimiterFactory, scale = 1): LoginGuard {
  const g = LOGIN_GUARD;
  const ipAccount: RateLimiterAbstract = make({ keyPrefix: 'login-fail:ip-account', points: Math.ceil(g.perIpAccount.failures * scale), duration: g.perIpAccount.windowSeconds, blockDuration: g.perIpAccount.waitSeconds });
  const account: RateLimiterAbstract = make({ keyPrefix: 'login-fail:account', points: Math.ceil(g.perAccount.failures * scale), duration: g.perAccount.windowSeconds });
  const locks: RateLimiterAbstract = make({ keyPrefix: 'login-lock', points: 1, duration: g.perAccount.lockSeconds });
  const pair = (ip: string, email: string) => `${ip || 'inconnue'}|${normal(email)}`;
  return {
    async refusal(ip, email) {
      const lock = await locks.get(normal(email));
      if (lock && lock.consumedPoints > 0) return { retryAfterSeconds: Math.ceil(lock.msBeforeNext / 1000), message: LOCKED_MESSAGE };
      const mine = await ipAccount.get(pair(ip, email));
      if (mine && mine.consumedPoints >= ipAccount.points) {
        const seconds = Math.ceil(mine.msBeforeNext / 1000);
        return { retryAfterSeconds: seconds, message: `Trop d’essais depuis votre connexion. ${tooManyMessage(seconds).replace('Trop d’envois en peu de temps. ', '')}` };
      }
      return null;
    },
    async failed(ip, email) {
      await ipAccount.penalty(pair(ip, email), 1);
      const res = await account.penalty(normal(email), 1);
      if (res.consumedPoints !== account.points) return false;
      await locks.block(normal(email), g.perAccount.lockSeconds);
      return true;
    },
    async succeeded(ip, email) {
      await ipAccount.delete(pair(ip, email));
    },
    async unlock(email) {
      await locks.delete(normal(email));
      await account.delete(normal(email));
    },
  };
}

export type LoginOutcome = { ok: true; session: string } | { ok: false; status: 401 | 429; message: string };

/** Un essai de connexion : limites, mot de passe, et lien de déverrouillage si le compte se verrouille. */
export async function attemptLogin(
  deps: { ctx: ContactContext; limits: RateLimits; loginGuard: LoginGuard },
  ip: string,
  email: string,
  password: string,
): Promise<LoginOutcome> {
  const limit = await deps.limits.hit('login', ip, null);
  if (!limit.ok) return { ok: false, status: 429, message: limit.message };
  const refused = await deps.loginGuard.refusal(ip, email);
  if (refused) return { ok: false, status: 429, message: refused.message };
  const session = logIn(deps.ctx, email, password);
  if (session !== null) {
    await deps.loginGuard.succeeded(ip, email);
    return { ok: true, session };
  }
  if (await deps.loginGuard.failed(ip, email)) sendUnlockLink(deps.ctx, email);
  return { ok: false, status: 401, message: 'Adresse e-mail ou mot de passe incorrect.' };
}

/** Le lien de déverrouillage, seulement si le compte existe (la page ne dit rien de plus). */
function sendUnlockLink(ctx: ContactContext, rawEmail: string): void {
  const moderator = ctx.store.getModeratorByEmail(normal(rawEmail));
  if (!moderator) return;
  ctx.store.transaction(() => {
    const url = signedLink(ctx, PATHS.unlock, 'unlock', moderator.email);
    queue(ctx, { to: moderator.email, kind: 'moderator-unlock', refId: String(moderator.id), ...moderatorUnlock(url) });
  });
  ctx.mailQueued();
}

export type UnlockOutcome = { ok: true } | { ok: false; error: 'invalid' | 'expired' | 'used' };

/** Le lien de déverrouillage ouvert puis confirmé (POST) : lève le verrou, une seule fois. */
export async function unlockAccount(ctx: ContactContext, guard: LoginGuard, token: string, confirm: boolean): Promise<UnlockOutcome> {
  const check = checkToken(ctx.store, ctx.secret, token, 'unlock', ctx.now());
  if (!check.ok) return check;
  if (!confirm) return { ok: true };
  if (!consumeToken(ctx.store, check.nonce, ctx.now())) return { ok: false, error: 'used' };
  await guard.unlock(check.subjectId);
  return { ok: true };
}

