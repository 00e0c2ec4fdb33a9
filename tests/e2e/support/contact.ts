/**
 * « Rencontrer un pro » dans les tests navigateur : le serveur testé écrit dans une base et un
 * dossier d'e-mails (.eml, sans SMTP) temporaires, `CONTACT_DB_PATH` et `CONTACT_MAIL_DIR`, fixés
 * par la configuration de Playwright (jamais `data/contact.sqlite` ni `data/mails/`, ceux du produit).
 * Les tests créent leurs pros directement dans cette base, avec des adresses uniques, et lisent
 * les e-mails dans le dossier (analysés par mailparser), comme le ferait une personne. L'heure est
 * celle du serveur (`REFERENCE_DATE` : même horloge décalée).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { expect, type Page } from '@playwright/test';
import { clockFromEnv } from '../../../src/clock';
import { openSqliteContactStore } from '../../../src/contact/sqlite/store';
import { mailFolderTransport } from '../../../src/contact/mail/mail-folder';
import type { ProRegistrationInput } from '../../../src/domain/contact';
import { projectRoot } from './data';

function required(name: 'CONTACT_DB_PATH' | 'CONTACT_MAIL_DIR'): string {
  const value = process.env[name];
  if (!value) throw new Error(`Test : ${name} absent (il est fixé par tests/playwright.config.ts) ; les tests n’écrivent jamais dans data/.`);
  return path.resolve(projectRoot, value);
}

/** Les mêmes réglages que le serveur (la configuration de Playwright les lui donne). */
export const DB_PATH = required('CONTACT_DB_PATH');
export const MAIL_DIR = required('CONTACT_MAIL_DIR');
const clock = clockFromEnv();

/** Un suffixe unique, en lettres seulement (les prénoms n'acceptent que des lettres). */
export function uniqueLetters(n = 6): string {
  return [...randomBytes(n)].map((b) => String.fromCharCode(97 + (b % 26))).join('');
}

export function uniqueEmail(prefix: string): string {
  return `${prefix}.${uniqueLetters(8)}@e2e.test`;
}

/** La base est créée par le serveur au premier appel d'une page « Rencontrer un pro ». */
export async function ensureDb(page: Page): Promise<void> {
  const response = await page.request.get('/rencontrer-un-pro/');
  expect(response.status()).toBe(200);
}

export interface SeededPro {
  id: string;
  email: string;
  phone: string;
  firstName: string;
  lastName: string;
}

/** Un pro déjà publié (inscription et modération sautées), avec des coordonnées connues. */
export function seedPro(overrides: Partial<ProRegistrationInput> = {}): SeededPro {
  const store = openSqliteContactStore(DB_PATH);
  try {
    const input = {
      firstName: `Camille`,
      lastName: `Martin${uniqueLetters(4)}`,
      email: uniqueEmail('pro'),
      // Plage 06 39 98 xx xx réservée par l'ARCEP aux œuvres de fiction : jamais le numéro d'une vraie personne.
      phone: `06 39 98 ${String(10 + Math.floor(Math.random() * 89))} ${String(10 + Math.floor(Math.random() * 89))}`,
      metierCodes: ['D1104'],
      communeCode: '49007',
      employer: 'Pâtisserie du Ralliement',
      modes: ['telephone', 'lieu-de-travail'] as ProRegistrationInput['modes'],
      monthlyCap: 4,
      presentation: 'Pâtissière depuis douze ans, je forme des apprentis et j’aime parler de mon métier.',
      ...overrides,
    };
    const pro = store.transaction(() => {
      const now = clock.now();
      const created = store.insertPro(input, now);
      store.updateProStatus(created.id, 'approved', { verifiedAt: now.toISOString(), moderatedAt: now.toISOString() });
      return created;
    });
    return { id: pro.id, email: input.email, phone: input.phone ?? '', firstName: input.firstName, lastName: input.lastName };
  } finally {
    store.close();
  }
}

export interface ReceivedMail {
  file: string;
  to: string;
  subject: string;
  text: string;
}

async function readMails(dir: string): Promise<ReceivedMail[]> {
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
  } catch {
    return [];
  }
  return Promise.all(
    files.map(async (file) => {
      const parsed = await simpleParser(readFileSync(path.join(dir, file)));
      const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : (parsed.to?.text ?? '');
      return { file, to, subject: parsed.subject ?? '', text: parsed.text ?? '' };
    }),
  );
}

/** Attend (10 s au plus) les e-mails reçus par `to` dont le sujet contient `subject` (dans le dossier `dir`, celui du serveur commun par défaut). */
export async function waitForMail(to: string, subject: string | RegExp, count = 1, dir = MAIL_DIR): Promise<ReceivedMail[]> {
  let found: ReceivedMail[] = [];
  await expect
    .poll(
      async () => {
        found = (await readMails(dir)).filter((m) => m.to === to && (typeof subject === 'string' ? m.subject.includes(subject) : subject.test(m.subject)));
        return found.length;
      },
      { timeout: 10_000, message: `e-mail « ${String(subject)} » pour ${to}` },
    )
    .toBeGreaterThanOrEqual(count);
  return found;
}

/**
 * L'adresse que les liens des e-mails doivent porter : celle du serveur testé (HOST=127.0.0.1 et
 * son port, voir tests/playwright.config.ts), sauf adresse publique donnée par l'environnement.
 */
export const MAIL_LINK_ORIGIN = new URL(process.env.CONTACT_PUBLIC_URL || process.env.SITE_URL || `http://127.0.0.1:${process.env.E2E_PORT ?? 4399}`).origin;

/** Le chemin (et la requête) du lien qui suit « libellé : » dans le texte d'un e-mail ; il mène au serveur testé. */
export function linkPath(text: string, label: string, origin = MAIL_LINK_ORIGIN): string {
  const match = new RegExp(`${label} : (\\S+)`).exec(text);
  if (!match?.[1]) throw new Error(`lien « ${label} » absent de l’e-mail :\n${text}`);
  const url = new URL(match[1]);
  expect(url.origin, `lien « ${label} » de l’e-mail`).toBe(origin);
  return `${url.pathname}${url.search}`;
}

/**
 * Ouvre le lien de confirmation reçu par `to` (sujet `subject`, lien et bouton `label`) et clique
 * sur le bouton, comme la personne : la demande ne part qu'une fois chaque adresse confirmée.
 */
export async function confirmFromMail(
  page: Page,
  to: string,
  subject: string,
  label: string,
  options: { dir?: string; origin?: string; beforeClick?: (page: Page) => Promise<void> } = {},
): Promise<void> {
  const [mail] = await waitForMail(to, subject, 1, options.dir);
  const origin = options.origin ?? MAIL_LINK_ORIGIN;
  await page.goto(`${options.origin ?? ''}${linkPath(mail!.text, label, origin)}`);
  await options.beforeClick?.(page);
  await page.getByRole('button', { name: label }).click();
}

/** Écrit un e-mail (HTML donné tel quel) dans le dossier du serveur, avec le vrai transport de développement ; rend son nom de fichier. */
export async function writeDevMail(subject: string, html: string): Promise<string> {
  const id = 900_000 + Math.floor(Math.random() * 99_999);
  const kind = `essai-${uniqueLetters(6)}`;
  await mailFolderTransport(MAIL_DIR, 'versmonmétier <ne-pas-repondre@versmonmetier.example>').send({ id, messageId: `<${kind}@versmonmetier>`, kind, to: uniqueEmail('cible'), subject, text: subject, html });
  return `${String(id).padStart(6, '0')}-${kind}.eml`;
}

/** Crée un compte de modération avec la vraie commande. */
export function createModerator(email: string, password: string): void {
  execFileSync(path.join(projectRoot, 'node_modules/.bin/tsx'), ['scripts/contact-moderator.ts', '--email', email], {
    cwd: projectRoot,
    env: { ...process.env, CONTACT_MODERATOR_PASSWORD: password, CONTACT_DB_PATH: DB_PATH },
    stdio: 'pipe',
  });
}
