/**
 * /dev/mails (développement sans SMTP) : les e-mails écrits en .eml dans le dossier local, lus
 * comme une personne les lit. Le MIME est décodé par mailparser (bibliothèque maintenue :
 * quoted-printable, base64, jeux de caractères, en-têtes encodés) ; le HTML du message et le
 * texte mis en HTML (liens cliquables) passent par sanitize-html : aucun script, aucun attribut
 * d'événement, aucun style, aucun lien autre que http(s) ou mailto (le texte d'un lien refusé reste).
 */
import { simpleParser, type AddressObject } from 'mailparser';
import sanitizeHtml from 'sanitize-html';
import { readContactConfig } from '../config';
import { listMailFiles, readMailFile } from './mail-folder';

export interface DevMailSummary {
  file: string;
  subject: string;
  from: string;
  to: string;
  /** Date d'envoi (ISO 8601), null si l'en-tête manque. */
  date: string | null;
}

export interface DevMail extends DevMailSummary {
  /** Le texte du message, décodé. */
  text: string;
  /** Le texte en HTML sûr (paragraphes, liens cliquables). */
  textHtml: string;
  /** La version HTML du message, nettoyée ; null si le message n'en a pas. */
  html: string | null;
}

/** Nombre de messages listés (les plus récents). */
export const DEV_MAILS_LISTED = 200;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'ul', 'ol', 'li', 'strong', 'em', 'b', 'i', 'a', 'hr', 'blockquote'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer' } }),
  },
};

/** Un fragment HTML d'e-mail rendu sûr à insérer dans une page du site. */
export function sanitizeMailHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

function addresses(value: AddressObject | AddressObject[] | undefined): string {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.map((a) => a.text).join(', ');
}

/** Décode un fichier .eml. */
export async function parseDevMail(file: string, raw: Buffer | string): Promise<DevMail> {
  const parsed = await simpleParser(raw);
  const text = parsed.text ?? '';
  return {
    file,
    subject: parsed.subject ?? '(sans objet)',
    from: addresses(parsed.from),
    to: addresses(parsed.to),
    date: parsed.date ? parsed.date.toISOString() : null,
    text,
    textHtml: sanitizeMailHtml(parsed.textAsHtml ?? ''),
    html: typeof parsed.html === 'string' && parsed.html.trim() !== '' ? sanitizeMailHtml(parsed.html) : null,
  };
}

/** Le dossier des e-mails quand /dev/mails est ouvert (hors production, sans SMTP) ; null sinon. */
export function devMailDir(env: NodeJS.ProcessEnv = process.env): string | null {
  try {
    const config = readContactConfig(env);
    return config.production || config.smtp ? null : config.mailDir;
  } catch {
    return null;
  }
}

/** Les messages du dossier, du plus récent au plus ancien (en-têtes seulement). */
export async function listDevMails(dir: string, limit = DEV_MAILS_LISTED): Promise<DevMailSummary[]> {
  const summaries: DevMailSummary[] = [];
  for (const file of listMailFiles(dir).slice(0, limit)) {
    const raw = readMailFile(dir, file);
    if (raw === null) continue;
    const { subject, from, to, date } = await parseDevMail(file, raw);
    summaries.push({ file, subject, from, to, date });
  }
  return summaries;
}

/** Un message du dossier, décodé ; null si le nom est invalide ou le fichier absent. */
export async function readDevMail(dir: string, file: string): Promise<DevMail | null> {
  const raw = readMailFile(dir, file);
  return raw === null ? null : parseDevMail(file, raw);
}

const DATE_TIME = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });

/** « 1 décembre 2026 à 14:05 » (heure de Paris). */
export function mailDateWords(iso: string | null): string {
  return iso === null ? 'Date inconnue' : DATE_TIME.format(new Date(iso));
}
