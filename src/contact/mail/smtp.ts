/** Envoi des e-mails de la boîte d'envoi par SMTP (nodemailer). */
import nodemailer from 'nodemailer';
import type { SmtpConfig } from '../config';
import type { MailTransport, QueuedMail } from './outbox';

export function smtpTransport(config: SmtpConfig, from: string): MailTransport & { close(): void } {
  const transporter = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    auth: config.user ? { user: config.user, pass: config.pass ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(mail: QueuedMail) {
      await transporter.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, messageId: mail.messageId });
    },
    close: () => transporter.close(),
  };
}
