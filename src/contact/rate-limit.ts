/**
 * Limites de débit de chaque formulaire, par adresse IP et par adresse e-mail (mémoire du
 * processus, rate-limiter-flexible). Au-delà : un message clair en français et une réponse 429.
 * Plusieurs serveurs : passer au stockage partagé de la même bibliothèque (voir l'ADR 006).
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export type LimitedForm = 'request' | 'register' | 'manage-link' | 'report' | 'respond' | 'login';

/** Nombre d'envois permis par fenêtre (secondes), par IP et par e-mail. */
export const LIMITS: Record<LimitedForm, { window: number; ip: number; email: number }> = {
  request: { window: 3600, ip: 30, email: 5 },
  register: { window: 3600, ip: 10, email: 3 },
  'manage-link': { window: 3600, ip: 10, email: 3 },
  report: { window: 3600, ip: 10, email: 10 },
  respond: { window: 3600, ip: 60, email: 60 },
  login: { window: 900, ip: 10, email: 5 },
};

export type LimitCheck = { ok: true } | { ok: false; retryAfterSeconds: number; message: string };

export interface RateLimits {
  /** Compte un envoi ; refuse si l'IP ou l'e-mail a dépassé sa limite. */
  hit(form: LimitedForm, ip: string, email?: string | null): Promise<LimitCheck>;
}

function waitText(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return minutes >= 60 ? 'environ une heure' : `${minutes} minute${minutes > 1 ? 's' : ''}`;
}

export function createRateLimits(scale = 1): RateLimits {
  const limiters = new Map<string, RateLimiterMemory>();
  const limiter = (form: LimitedForm, key: 'ip' | 'email'): RateLimiterMemory => {
    const id = `${form}:${key}`;
    let l = limiters.get(id);
    if (!l) {
      l = new RateLimiterMemory({ keyPrefix: id, points: Math.ceil(LIMITS[form][key] * scale), duration: LIMITS[form].window });
      limiters.set(id, l);
    }
    return l;
  };
  return {
    async hit(form, ip, email) {
      try {
        await limiter(form, 'ip').consume(ip || 'inconnue');
        if (email) await limiter(form, 'email').consume(email.trim().toLowerCase());
        return { ok: true };
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        const seconds = Math.ceil(rejection.msBeforeNext / 1000);
        return { ok: false, retryAfterSeconds: seconds, message: `Trop d’envois en peu de temps. Réessayez dans ${waitText(seconds)}.` };
      }
    },
  };
}
