/**
 * Développement sans SMTP : chaque e-mail est écrit en fichier .eml dans un dossier local
 * (défaut `data/mails/`), lisible à l'adresse /dev/mails (jamais en production ; voir dev-mails.ts).
 */
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { MailTransport, QueuedMail } from './outbox';

export function mailFolderTransport(dir: string, from: string): MailTransport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(mail: QueuedMail) {
      const info = await composer.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, messageId: mail.messageId });
      mkdirSync(dir, { recursive: true });
      const name = `${String(mail.id).padStart(6, '0')}-${mail.kind}.eml`;
      writeFileSync(path.join(dir, name), info.message as Buffer);
    },
  };
}

/** Les fichiers .eml du dossier, du plus récent au plus ancien. */
export function listMailFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => /^[\w-]+\.eml$/.test(f))
      .sort()
      .reverse();
  } catch {
    return [];
  }
}

/** Taille maximale d'un fichier lu (les e-mails du site font quelques Ko). */
export const MAX_MAIL_FILE_BYTES = 2 * 1024 * 1024;

/** Le contenu brut d'un fichier du dossier (nom vérifié : pas de sortie du dossier ; taille bornée). */
export function readMailFile(dir: string, name: string): Buffer | null {
  if (!/^[\w-]+\.eml$/.test(name)) return null;
  try {
    const file = path.join(dir, name);
    return statSync(file).size <= MAX_MAIL_FILE_BYTES ? readFileSync(file) : null;
  } catch {
    return null;
  }
}
