/**
 * Modération : comptes créés en ligne de commande (mot de passe haché par scrypt, sel aléatoire),
 * sessions dans la base (cookie signé HttpOnly, SameSite=Strict, Secure hors localhost), jeton
 * anti-CSRF par session vérifié sur chaque formulaire de /admin.
 */
import { createHash, createHmac, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { Email } from '../domain/contact';
import { readForm } from './forms';
import type { ContactContext } from './context';
import type { ContactStore } from './ports/store';

export const SESSION_COOKIE = 'vmm_admin';
export const SESSION_TTL_MS = 8 * 3_600_000;
export const MIN_PASSWORD_LENGTH = 12;

const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keylen: 32, maxmem: 64 * 1024 * 1024 };

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, maxmem: SCRYPT.maxmem });
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: SCRYPT.maxmem });
  return timingSafeEqual(actual, expected);
}

/** Crée ou remplace (nouveau mot de passe) un compte de modération. */
export function upsertModerator(store: ContactStore, rawEmail: string, password: string, now: Date): { email: string; created: boolean } {
  const email = Email.parse(rawEmail);
  if (password.length < MIN_PASSWORD_LENGTH) throw new Error(`Le mot de passe doit faire ${MIN_PASSWORD_LENGTH} caractères au moins.`);
  const hash = hashPassword(password);
  const existing = store.getModeratorByEmail(email);
  if (existing) store.updateModeratorPassword(email, hash);
  else store.insertModerator(email, hash, now);
  return { email, created: !existing };
}

/** Un hachage factice pour que le temps de réponse ne révèle pas si le compte existe. */
const DUMMY_HASH = hashPassword(randomBytes(16).toString('hex'));

export function checkCredentials(store: ContactStore, rawEmail: string, password: string): number | null {
  const email = rawEmail.trim().toLowerCase();
  const moderator = store.getModeratorByEmail(email);
  const ok = verifyPassword(password, moderator?.passwordHash ?? DUMMY_HASH);
  return ok && moderator ? moderator.id : null;
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const sign = (secret: string, id: string): string => createHmac('sha256', secret).update(`session:${id}`).digest('base64url');

export interface AdminSession {
  moderatorId: number;
  email: string;
  csrf: string;
}

/** Ouvre une session ; rend la valeur du cookie (identifiant aléatoire signé). */
export function createSession(store: ContactStore, secret: string, moderatorId: number, now: Date): string {
  const id = randomBytes(32).toString('base64url');
  store.insertSession({ idHash: sha256(id), moderatorId, csrf: randomBytes(24).toString('base64url'), expiresAt: new Date(now.getTime() + SESSION_TTL_MS) });
  return `${id}.${sign(secret, id)}`;
}

function sessionId(secret: string, cookie: string | undefined): string | null {
  const [id, signature] = (cookie ?? '').split('.');
  if (!id || !signature) return null;
  const expected = Buffer.from(sign(secret, id));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}

export function readSession(store: ContactStore, secret: string, cookie: string | undefined, now: Date): AdminSession | null {
  const id = sessionId(secret, cookie);
  if (!id) return null;
  return store.findSession(sha256(id), now) ?? null;
}

export function deleteSession(store: ContactStore, secret: string, cookie: string | undefined): void {
  const id = sessionId(secret, cookie);
  if (id) store.deleteSession(sha256(id));
}

export function csrfMatches(session: AdminSession, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(session.csrf);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Réponse (403) à un formulaire /admin illisible ou dont le jeton anti-CSRF est faux. */
export const FORM_EXPIRED_MESSAGE = 'Formulaire expiré : rechargez la page et recommencez.';

export interface AdminRequest {
  session: AdminSession;
  /** Le formulaire envoyé (POST), lu et au jeton anti-CSRF vérifié ; null sinon. */
  form: FormData | null;
  /** `FORM_EXPIRED_MESSAGE` pour un POST refusé (la page répond 403) ; null sinon. */
  formError: string | null;
}

/**
 * La garde commune des pages /admin : null sans session valide (la page renvoie vers la
 * connexion) ; sinon la session et, pour un POST, le formulaire seulement si son jeton est le bon.
 */
export async function readAdminRequest(store: ContactStore, secret: string, cookie: string | undefined, request: Request, now: Date): Promise<AdminRequest | null> {
  const session = readSession(store, secret, cookie, now);
  if (!session) return null;
  if (request.method !== 'POST') return { session, form: null, formError: null };
  const form = await readForm(request);
  return form && csrfMatches(session, form.get('csrf')) ? { session, form, formError: null } : { session, form: null, formError: FORM_EXPIRED_MESSAGE };
}

/** Options du cookie de session : Secure sauf en local (http://localhost ou 127.0.0.1). */
export function sessionCookieOptions(url: URL) {
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  return { httpOnly: true, sameSite: 'strict' as const, secure: !local || url.protocol === 'https:', path: '/', maxAge: SESSION_TTL_MS / 1000 };
}

/** Connexion : la valeur du cookie de session, ou null si l'adresse ou le mot de passe est faux. */
export function logIn(ctx: Pick<ContactContext, 'store' | 'secret' | 'now'>, email: string, password: string): string | null {
  const moderatorId = checkCredentials(ctx.store, email, password);
  return moderatorId === null ? null : createSession(ctx.store, ctx.secret, moderatorId, ctx.now());
}

/** Déconnexion (POST au jeton anti-CSRF vérifié) : vrai si la session a été fermée. */
export async function logOut(ctx: Pick<ContactContext, 'store' | 'secret' | 'now'>, cookie: string | undefined, request: Request): Promise<boolean> {
  if (!(await readAdminRequest(ctx.store, ctx.secret, cookie, request, ctx.now()))?.form) return false;
  deleteSession(ctx.store, ctx.secret, cookie);
  return true;
}
