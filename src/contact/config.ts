/**
 * Réglages de « Rencontrer un pro », lus dans l'environnement :
 *   CONTACT_DB_PATH   base SQLite (défaut data/contact.sqlite, relatif à la racine du projet)
 *   CONTACT_SECRET    clé des liens signés (obligatoire en production, 32 caractères au moins)
 *   CONTACT_PUBLIC_URL adresse publique du site dans les e-mails (défaut SITE_URL, puis http://localhost:4321)
 *   SMTP_HOST, SMTP_PORT, SMTP_SECURE, SMTP_USER, SMTP_PASS, MAIL_FROM   envoi des e-mails
 *   CONTACT_MAIL_DIR  sans SMTP (développement) : dossier des e-mails écrits en .eml (défaut data/mails)
 *   CONTACT_RATE_LIMIT_SCALE  multiplie les limites de débit (défaut 1 ; le test de capacité les relève)
 *   NODE_ENV=production  mode production : secret et SMTP exigés, /dev/mails fermé
 */
import path from 'node:path';
import { projectRoot } from '../catalog/files';
import { trimEndChar } from '../lib/trim';

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
}

export class ContactConfigError extends Error {}

export const MIN_SECRET_LENGTH = 32;

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
    production,
    dbPath: path.resolve(root, env.CONTACT_DB_PATH ?? 'data/contact.sqlite'),
    secret,
    publicUrl: trimEndChar(env.CONTACT_PUBLIC_URL ?? env.SITE_URL ?? 'http://localhost:4321', '/'),
    smtp,
    mailFrom: env.MAIL_FROM ?? 'versmonmétier <ne-pas-repondre@versmonmetier.example>',
    mailDir: path.resolve(root, env.CONTACT_MAIL_DIR ?? 'data/mails'),
    rateLimitScale: Number.isFinite(scale) && scale > 0 ? scale : 1,
  };
}
