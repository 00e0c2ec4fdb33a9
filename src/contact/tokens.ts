/**
 * Liens signés : charge utile (usage, sujet, expiration, nonce) signée par HMAC-SHA256.
 * Les liens à usage unique (confirmation d'e-mail, réponse à une demande) ont aussi une ligne dans
 * la table `tokens` : `consumeToken` la marque utilisée, dans la transaction de l'action.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ContactStore } from './ports/store';
import { CONFIRMATION_WINDOW_HOURS } from '../domain/contact-rules';

export type TokenStore = Pick<ContactStore, 'insertToken' | 'tokenUsedAt' | 'consumeToken'>;

export const TOKEN_PURPOSES = ['verify', 'respond', 'manage', 'report', 'unlock', 'confirm-request'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

const DAY_MS = 86_400_000;

/** Durée de validité de chaque sorte de lien. */
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  verify: 7 * DAY_MS,
  respond: 10 * DAY_MS,
  manage: 1 * DAY_MS,
  report: 180 * DAY_MS,
  unlock: 1 * DAY_MS,
  'confirm-request': CONFIRMATION_WINDOW_HOURS * 3_600_000,
};

const SINGLE_USE: ReadonlySet<TokenPurpose> = new Set(['verify', 'respond', 'unlock', 'confirm-request']);

export type TokenCheck =
  | { ok: true; subjectId: string; nonce: string }
  | { ok: false; error: 'invalid' | 'expired' | 'used' };

interface Payload {
  p: TokenPurpose;
  s: string;
  e: number;
  n: string;
}

function sign(secret: string, data: string): Buffer {
  return createHmac('sha256', secret).update(data).digest();
}

export function createToken(store: TokenStore, secret: string, purpose: TokenPurpose, subjectId: string, now: Date): string {
  const expires = new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]);
  const payload: Payload = { p: purpose, s: subjectId, e: Math.floor(expires.getTime() / 1000), n: randomBytes(12).toString('base64url') };
  if (SINGLE_USE.has(purpose)) {
    store.insertToken({ nonce: payload.n, purpose, subjectId, expiresAt: expires.toISOString() });
  }
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${sign(secret, body).toString('base64url')}`;
}

function decode(secret: string, token: string): Payload | null {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined || token.length > 1000) return null;
  const expected = sign(secret, body);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<Payload>;
    if (typeof payload.p !== 'string' || typeof payload.s !== 'string' || typeof payload.e !== 'number' || typeof payload.n !== 'string') return null;
    return payload as Payload;
  } catch {
    return null;
  }
}

/** Vérifie signature, usage attendu et expiration ; pour un lien à usage unique, qu'il n'a pas servi. */
export function checkToken(store: TokenStore, secret: string, token: string, purpose: TokenPurpose, now: Date): TokenCheck {
  const payload = decode(secret, token);
  if (!payload || payload.p !== purpose) return { ok: false, error: 'invalid' };
  if (payload.e * 1000 <= now.getTime()) return { ok: false, error: 'expired' };
  if (SINGLE_USE.has(purpose)) {
    const usedAt = store.tokenUsedAt(payload.n, purpose);
    if (usedAt === undefined) return { ok: false, error: 'invalid' };
    if (usedAt !== null) return { ok: false, error: 'used' };
  }
  return { ok: true, subjectId: payload.s, nonce: payload.n };
}

/** Marque un lien à usage unique comme utilisé ; faux s'il l'était déjà (deux clics simultanés). */
export function consumeToken(store: TokenStore, nonce: string, now: Date): boolean {
  return store.consumeToken(nonce, now);
}

/** Les phrases à montrer quand un lien ne marche pas. */
export const TOKEN_ERROR_MESSAGES: Record<Exclude<TokenCheck, { ok: true }>['error'], { title: string; text: string }> = {
  invalid: {
    title: 'Ce lien n’est pas valide',
    text: 'Le lien est incomplet ou a été modifié. Copiez-le en entier depuis l’e-mail reçu, ou demandez un nouveau lien.',
  },
  expired: {
    title: 'Ce lien a expiré',
    text: 'Pour votre sécurité, les liens envoyés par e-mail ne marchent qu’un temps limité. Demandez un nouveau lien.',
  },
  used: {
    title: 'Ce lien a déjà servi',
    text: 'Ce lien ne peut servir qu’une fois, et il a déjà été utilisé. Rien d’autre n’est à faire.',
  },
};
