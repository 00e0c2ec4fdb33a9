/**
 * Réglages de « Rencontrer un pro », lus dans l'environnement :
 *   CONTACT_DB_PATH   base SQLite (défaut data/contact.sqlite, relatif à la racine du projet)
 *   CONTACT_SECRET    clé des liens signés (obligatoire en production, 32 caractères au moins)
 *   CONTACT_PUBLIC_URL adresse publique du site dans les liens des e-mails ; à défaut SITE_URL ; à défaut
 *                     (hors production seulement) l'adresse où le serveur écoute : HOST (défaut localhost ;
 *                     0.0.0.0 ou :: → localhost) et le port réellement ouvert (SERVER_LISTEN_PORT, posé par
 *                     scripts/serve.mjs une fois le serveur à l'écoute ; sinon PORT, défaut 4321)
 *   SMTP_HOST, SMTP_PORT, SMTP_SECURE, SMTP_USER, SMTP_PASS, MAIL_FROM   envoi des e-mails
 *   CONTACT_MAIL_DIR  sans SMTP (développement) : dossier des e-mails écrits en .eml (défaut data/mails)
 *   CONTACT_RATE_LIMIT_SCALE  multiplie les limites de débit (défaut 1 ; le test de capacité les relève)
 *   RATE_LIMIT_STORE  où vivent les compteurs des limites : « memory » (défaut, un processus) ou
 *                     « sqlite:<chemin> » (fichier partagé par plusieurs processus ; voir l'ADR 006)
 *   NODE_ENV=production  mode production : secret, adresse publique et SMTP exigés, /dev/mails fermé
 */
import path from 'node:path';
import { projectRoot } from '../catalog/files';
import { trimEndChar } from '../lib/trim';
import { MIN_SECRET_LENGTH, givenPublicUrl, invalidPublicUrlMessage, parsePublicUrl } from '../http/production';

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  pass: string | null;
}

export interface ContactConfig {
  production: boolean;
  dbPath: string;
  /** null hors production : une clé est alors créée et gardée dans la base. */
  secret: string | null;
  publicUrl: string;
  smtp: SmtpConfig | null;
  mailFrom: string;
  mailDir: string;
  rateLimitScale: number;
  /** Compteurs des limites : mémoire du processus, ou fichier SQLite partagé. */
  rateLimitStore: { kind: 'memory' } | { kind: 'sqlite'; file: string };
}

export class ContactConfigError extends Error {}

export { MIN_SECRET_LENGTH };

/** Hôtes « toutes interfaces » : on ne peut pas s'y rendre, les liens disent alors localhost. */
const ANY_ADDRESS = new Set(['', '0.0.0.0', '::', '[::]']);

/** L'adresse où écoute le serveur de l'adaptateur Node (HOST, port réellement ouvert), en URL. */
export function listenUrl(env: NodeJS.ProcessEnv = process.env): string {
  const rawHost = (env.HOST ?? 'localhost').trim();
  const host = ANY_ADDRESS.has(rawHost) ? 'localhost' : rawHost.includes(':') && !rawHost.startsWith('[') ? `[${rawHost}]` : rawHost;
  const port = Number(env.SERVER_LISTEN_PORT || env.PORT || 4321);
  return `http://${host}:${Number.isInteger(port) && port > 0 ? port : 4321}`;
}

/**
 * L'adresse publique des liens des e-mails, sans barre finale : CONTACT_PUBLIC_URL, sinon SITE_URL,
 * sinon (hors production) l'adresse d'écoute du serveur. En production, l'absence est une erreur.
 */
export function resolvePublicUrl(env: NodeJS.ProcessEnv = process.env, production = env.NODE_ENV === 'production'): string {
  const given = givenPublicUrl(env);
  if (!given) {
    if (production) {
      throw new ContactConfigError(
        'CONTACT_PUBLIC_URL (ou SITE_URL) est obligatoire en production : c’est l’adresse publique du site, mise dans les liens des e-mails (exemple : https://versmonmetier.example.org).',
      );
    }
    return listenUrl(env);
  }
  const url = parsePublicUrl(given[1]);
  if (!url) throw new ContactConfigError(invalidPublicUrlMessage(...given));
  return trimEndChar(url.href, '/');
}

export function readContactConfig(env: NodeJS.ProcessEnv = process.env): ContactConfig {
  const production = env.NODE_ENV === 'production';
  const root = projectRoot();
  const secret = env.CONTACT_SECRET?.trim() || null;
  if (secret !== null && secret.length < MIN_SECRET_LENGTH) {
    throw new ContactConfigError(`CONTACT_SECRET doit faire ${MIN_SECRET_LENGTH} caractères au moins.`);
  }
  if (production && secret === null) {
    throw new ContactConfigError('CONTACT_SECRET est obligatoire en production (32 caractères au moins, aléatoires).');
  }
  const host = env.SMTP_HOST?.trim();
  const smtp: SmtpConfig | null = host
    ? {
        host,
        port: Number(env.SMTP_PORT ?? 587),
        secure: env.SMTP_SECURE === 'true',
        user: env.SMTP_USER || null,
        pass: env.SMTP_PASS || null,
      }
    : null;
  if (production && smtp === null) throw new ContactConfigError('SMTP_HOST est obligatoire en production.');
  const scale = Number(env.CONTACT_RATE_LIMIT_SCALE ?? 1);
  return {
    rateLimitStore: readRateLimitStore(env.RATE_LIMIT_STORE, root),
    production,
    dbPath: path.resolve(root, env.CONTACT_DB_PATH ?? 'data/contact.sqlite'),
    secret,
    publicUrl: resolvePublicUrl(env, production),
    smtp,
    mailFrom: env.MAIL_FROM ?? 'versmonmétier <ne-pas-repondre@versmonmetier.example>',
    mailDir: path.resolve(root, env.CONTACT_MAIL_DIR ?? 'data/mails'),
    rateLimitScale: Number.isFinite(scale) && scale > 0 ? scale : 1,
  };
}

/** `RATE_LIMIT_STORE` : « memory » (défaut) ou « sqlite:<chemin> » ; autre chose est refusé en français. */
export function readRateLimitStore(raw: string | undefined, root: string): ContactConfig['rateLimitStore'] {
  const value = (raw ?? '').trim();
  if (value === '' || value === 'memory') return { kind: 'memory' };
  if (value.startsWith('sqlite:') && value.length > 'sqlite:'.length && value.length <= 1000) return { kind: 'sqlite', file: path.resolve(root, value.slice('sqlite:'.length)) };
  throw new ContactConfigError(`RATE_LIMIT_STORE illisible : « ${value.slice(0, 80)} ». Valeurs permises : « memory » (par défaut) ou « sqlite:<chemin du fichier> ».`);
}
