/**
 * « Emporter ma sélection » : le lien court `/s/XXXXXX` (les éléments et les notes, rien d'autre ;
 * 90 jours ; supprimable), et l'envoi par e-mail par la boîte d'envoi de « Rencontrer un pro »,
 * l'adresse effacée dès que le message est parti (`forgetRecipient`).
 */
import { randomInt } from 'node:crypto';
import { Email } from '../domain/contact';
import { MAX_SELECTION_ITEMS, shortCodeFrom, shortLinkExpiry, shortLinkState, SHORT_LINK_DAYS, type SelectionItem } from '../domain/selection';
import { compose } from '../contact/mail/templates';
import type { OutgoingMail } from '../contact/mail/outbox';
import { dateWords } from '../lib/french';
import { shortLinkPath } from '../lib/links';
import type { ShortLinkStore } from './ports';

export interface ShareDeps {
  store: ShortLinkStore;
  now(): Date;
  /** L'adresse publique du site, sans « / » final. */
  publicUrl: string;
  /** Met un e-mail dans la boîte d'envoi (et réveille le travailleur). */
  sendMail(mail: OutgoingMail): void;
  /** Un entier uniforme dans [0, n) (par défaut crypto.randomInt). */
  randomIndex?: (n: number) => number;
}

/** Après l'expiration, le code reste réservé un an (on dit « expiré » plutôt que « inconnu »), puis il est oublié. */
const FORGET_AFTER_EXPIRY_DAYS = 365;
const DAY_MS = 86_400_000;

export type CreateOutcome = { ok: true; code: string; url: string; expiresAt: string } | { ok: false; message: string };

export function createShortLink(deps: ShareDeps, items: readonly SelectionItem[]): CreateOutcome {
  if (items.length === 0) return { ok: false, message: 'Votre sélection est vide : gardez d’abord une formation, un métier ou un pro.' };
  const now = deps.now();
  deps.store.purgeExpired(now, new Date(now.getTime() - FORGET_AFTER_EXPIRY_DAYS * DAY_MS));
  const pick = deps.randomIndex ?? ((n: number) => randomInt(n));
  const expiresAt = shortLinkExpiry(now).toISOString();
  for (let attempt = 0; attempt < 8; attempt++) {
    const code = shortCodeFrom(pick);
    if (deps.store.insert({ code, items: items.slice(0, MAX_SELECTION_ITEMS), createdAt: now.toISOString(), expiresAt })) {
      return { ok: true, code, url: `${deps.publicUrl}${shortLinkPath(code)}`, expiresAt };
    }
  }
  return { ok: false, message: 'Le lien n’a pas pu être créé. Réessayez dans un instant.' };
}

export type OpenOutcome =
  | { state: 'active'; code: string; items: SelectionItem[]; expiresAt: string; url: string }
  | { state: 'expired' | 'deleted' | 'unknown'; message: string };

export const SHORT_LINK_MESSAGES: Record<'expired' | 'deleted' | 'unknown', string> = {
  expired: `Ce lien a expiré : un lien de sélection marche ${SHORT_LINK_DAYS} jours. Vous pouvez refaire votre sélection.`,
  deleted: 'Ce lien a été supprimé : la sélection qu’il gardait est effacée.',
  unknown: 'Ce lien n’existe pas. Vérifiez les 6 caractères du code, ou refaites votre sélection.',
};

export function openShortLink(deps: Pick<ShareDeps, 'store' | 'now' | 'publicUrl'>, code: string | null): OpenOutcome {
  const link = code === null ? undefined : deps.store.get(code);
  if (!link) return { state: 'unknown', message: SHORT_LINK_MESSAGES.unknown };
  const state = shortLinkState(link, deps.now());
  if (state !== 'active') return { state, message: SHORT_LINK_MESSAGES[state] };
  return { state, code: link.code, items: link.items, expiresAt: link.expiresAt, url: `${deps.publicUrl}${shortLinkPath(link.code)}` };
}

export function deleteShortLink(deps: Pick<ShareDeps, 'store' | 'now'>, code: string): boolean {
  return deps.store.markDeleted(code, deps.now());
}

export type MailOutcome = { ok: true } | { ok: false; field: 'email' | null; message: string };

/** Envoie le lien d'une sélection encore valable à l'adresse tapée ; l'adresse n'est gardée que jusqu'à l'envoi. */
export function mailShortLink(deps: ShareDeps, code: string, typedEmail: string, titles: readonly string[]): MailOutcome {
  const opened = openShortLink(deps, code);
  if (opened.state !== 'active') return { ok: false, field: null, message: opened.message };
  const email = Email.safeParse(typedEmail.slice(0, 300));
  if (!email.success) return { ok: false, field: 'email', message: email.error.issues[0]?.message ?? 'Adresse e-mail invalide.' };
  const content = compose(
    'Votre sélection de formations et de métiers',
    [
      'Bonjour,',
      `Voici votre sélection sur versmonmétier. Ce lien marche jusqu’au ${dateWords(opened.expiresAt.slice(0, 10))} :`,
      { link: 'Ouvrir ma sélection', url: opened.url },
      ...(titles.length > 0 ? [{ list: titles.slice(0, MAX_SELECTION_ITEMS).map((t) => t.slice(0, 200)) }] : []),
      'Nous n’avons pas gardé votre adresse e-mail : elle a servi seulement à envoyer ce message.',
    ],
    null,
  );
  deps.sendMail({ to: email.data, ...content, kind: 'selection-share', refId: null, forgetRecipient: true });
  return { ok: true };
}
