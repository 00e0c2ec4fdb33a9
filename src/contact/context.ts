/**
 * Ce dont les cas d'usage ont besoin : le stockage (port `ContactStore`, avec son unité de travail), la clé des liens signés, l'adresse publique du
 * site, l'horloge (injectable dans les tests), les communes et les libellés des métiers.
 */
import type { Commune } from '../domain/geo';
import type { TokenPurpose } from './tokens';
import { createToken } from './tokens';
import { enqueueMail, type OutgoingMail } from './mail/outbox';
import { linkTo, PATHS } from './paths';
import type { ContactStore } from './ports/store';

export interface ContactContext {
  store: ContactStore;
  secret: string;
  /** Adresse publique du site, sans barre finale (liens des e-mails). */
  publicUrl: string;
  now: () => Date;
  communeByInsee(code: string): Commune | undefined;
  metierLabel(code: string): string;
  /** Appelé après chaque transaction qui a mis des e-mails en file (réveille le travailleur). */
  mailQueued(): void;
}

/** Un lien signé complet vers `pathname` (le jeton est dans `t`). */
export function signedLink(ctx: ContactContext, pathname: string, purpose: TokenPurpose, subjectId: string, params: Record<string, string> = {}): string {
  return linkTo(ctx.publicUrl, pathname, { t: createToken(ctx.store, ctx.secret, purpose, subjectId, ctx.now()), ...params });
}

/** Lien « Signaler un problème » : sujet `request:<id>:<qui>` ou `pro:<id>`. */
export function reportLink(ctx: ContactContext, subject: string): string {
  return signedLink(ctx, PATHS.report, 'report', subject);
}

export function queue(ctx: ContactContext, mail: OutgoingMail): void {
  enqueueMail(ctx.store, mail, ctx.now());
}
