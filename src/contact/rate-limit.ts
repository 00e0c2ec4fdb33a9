/**
 * Limites de débit de chaque formulaire, par adresse IP et par adresse e-mail (rate-limiter-flexible).
 * Au-delà : un message clair en français et une réponse 429.
 *
 * Où vit l'état des compteurs (`RATE_LIMIT_STORE`, voir l'ADR 006) :
 * - absent ou `memory` : la mémoire du processus (un seul processus serveur) ;
 * - `sqlite:<chemin>` : un fichier SQLite partagé par tous les processus serveur d'une même
 *   machine (RateLimiterSQLite de la bibliothèque, sur le module `node:sqlite` de Node).
 * Plusieurs machines : RateLimiterRedis (ou Valkey) de la même bibliothèque, derrière la même
 * fabrique `LimiterFactory`.
 */
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { transaction } from './sqlite/database';
import { RateLimiterMemory, RateLimiterRes, RateLimiterSQLite, type RateLimiterAbstract } from 'rate-limiter-flexible';

export type LimitedForm = 'request' | 'guardian' | 'register' | 'manage-link' | 'report' | 'respond' | 'login' | 'share-create' | 'share-mail' | 'share-miss';

/** Nombre d'envois permis par fenêtre (secondes), par IP et par e-mail. */
export const LIMITS: Record<LimitedForm, { window: number; ip: number; email: number }> = {
  request: { window: 3600, ip: 30, email: 5 },
  // L'adresse du parent ou conseiller·e d'une demande : comme celle de la personne (l'IP est déjà comptée).
  guardian: { window: 3600, ip: 0, email: 5 },
  register: { window: 3600, ip: 10, email: 3 },
  'manage-link': { window: 3600, ip: 10, email: 3 },
  report: { window: 3600, ip: 10, email: 10 },
  respond: { window: 3600, ip: 60, email: 60 },
  // Connexion : seulement par IP ici ; les échecs par compte sont suivis à part (login-guard.ts),
  // pour qu'un inconnu ne puisse pas bloquer le compte d'un·e modérateur·rice.
  login: { window: 900, ip: 10, email: 0 },
  // « Ma sélection » (src/selection/) : liens courts créés, envoyés par e-mail, et codes inconnus
  // essayés (deviner un code demanderait des millions d'essais : 120 par heure et par IP au plus).
  'share-create': { window: 3600, ip: 30, email: 0 },
  'share-mail': { window: 3600, ip: 10, email: 3 },
  'share-miss': { window: 3600, ip: 120, email: 0 },
};

export type LimitCheck = { ok: true } | { ok: false; retryAfterSeconds: number; message: string };

export interface RateLimits {
  /** Compte un envoi ; refuse si l'IP ou l'e-mail a dépassé sa limite. */
  hit(form: LimitedForm, ip: string, email?: string | null): Promise<LimitCheck>;
}

export interface LimiterOptions {
  keyPrefix: string;
  points: number;
  /** Fenêtre, en secondes. */
  duration: number;
  /** Blocage après dépassement, en secondes (0 : pas de blocage au-delà de la fenêtre). */
  blockDuration?: number;
}

/** Fabrique les compteurs, tous dans le même stockage. */
export type LimiterFactory = (options: LimiterOptions) => RateLimiterAbstract;

export const memoryLimiters: LimiterFactory = (options) => new RateLimiterMemory(options);

/**
 * `node:sqlite` offre `prepare` comme better-sqlite3 mais pas `transaction` : on l'ajoute
 * (la transaction BEGIN IMMEDIATE de sqlite/database.ts : deux processus ne comptent jamais le même point deux fois).
 */
function betterSqliteShape(db: DatabaseSync) {
  return {
    prepare: (sql: string) => db.prepare(sql),
    transaction:
      <T>(fn: () => T) =>
      (): T =>
        transaction(db, fn),
  };
}

/** La fabrique des compteurs d'après les réglages (src/contact/config.ts, RATE_LIMIT_STORE). */
export function limiterFactory(store: { kind: 'memory' } | { kind: 'sqlite'; file: string }): LimiterFactory {
  return store.kind === 'sqlite' ? sqliteLimiters(store.file) : memoryLimiters;
}

/** Des compteurs dans un fichier SQLite partagé entre processus. */
export function sqliteLimiters(file: string): LimiterFactory {
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;');
  // La table que la bibliothèque attend, créée ici tout de suite (elle la crée sinon plus tard, en asynchrone).
  db.exec('CREATE TABLE IF NOT EXISTS rate_limits (key TEXT PRIMARY KEY, points INTEGER NOT NULL DEFAULT 0, expire INTEGER)');
  const client = betterSqliteShape(db);
  return (options) =>
    new RateLimiterSQLite({ ...options, storeClient: client, storeType: 'better-sqlite3', tableName: 'rate_limits', tableCreated: true, clearExpiredByTimeout: true });
}

function waitText(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return minutes >= 60 ? 'environ une heure' : `${minutes} minute${minutes > 1 ? 's' : ''}`;
}

export function tooManyMessage(seconds: number): string {
  return `Trop d’envois en peu de temps. Réessayez dans ${waitText(seconds)}.`;
}

export function createRateLimits(scale = 1, make: LimiterFactory = memoryLimiters): RateLimits {
  const limiters = new Map<string, RateLimiterAbstract>();
  const limiter = (form: LimitedForm, key: 'ip' | 'email'): RateLimiterAbstract | null => {
    if (LIMITS[form][key] === 0) return null;
    const id = `${form}:${key}`;
    let l = limiters.get(id);
    if (!l) {
      l = make({ keyPrefix: id, points: Math.ceil(LIMITS[form][key] * scale), duration: LIMITS[form].window });
      limiters.set(id, l);
    }
    return l;
  };
  return {
    async hit(form, ip, email) {
      try {
        await limiter(form, 'ip')?.consume(ip || 'inconnue');
        if (email) await limiter(form, 'email')?.consume(email.trim().toLowerCase());
        return { ok: true };
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        const seconds = Math.ceil(rejection.msBeforeNext / 1000);
        return { ok: false, retryAfterSeconds: seconds, message: tooManyMessage(seconds) };
      }
    },
  };
}
