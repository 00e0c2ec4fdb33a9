/**
 * Développement sans SMTP : chaque e-mail est écrit en fichier .eml dans un dossier local
 * (défaut `data/mails/`), lisible à l'adresse /dev/mails (jamais en production).
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
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

/** Le contenu brut d'un fichier du dossier (nom vérifié : pas de sortie du dossier). */
export function readMailFile(dir: string, name: string): string | null {
  if (!/^[\w-]+\.eml$/.test(name)) return null;
  try {
    return readFileSync(path.join(dir, name), 'utf8');
  } catch {
    return null;
  }
}
