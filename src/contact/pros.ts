/**
 * Cas d'usage des professionnels : inscription, confirmation de l'e-mail, lien de gestion,
 * réglages, pause, suppression ; et la modération (publier ou refuser).
 */
import type { ProRegistrationInput, ProSettingsInput, RejectionInput, Pro } from '../domain/contact';
import { canPro, proTransition } from '../domain/contact-rules';
import * as mails from './mail/templates';
import { PATHS } from './paths';
import { queue, reportLink, signedLink, type ContactContext } from './context';
import { checkToken, consumeToken, type TokenCheck } from './tokens';
import { expirePendingOfPro } from './requests';

type TokenError = Extract<TokenCheck, { ok: false }>['error'];
export type ProResult = { ok: true; pro: Pro } | { ok: false; error: TokenError | 'gone' };

function manageUrl(ctx: ContactContext, pro: Pro): string {
  return signedLink(ctx, PATHS.manage, 'manage', pro.id);
}

/**
 * Inscription. La réponse est toujours la même (« vérifiez vos e-mails ») : on ne révèle pas
 * si une adresse est déjà inscrite ; dans ce cas, c'est un lien de gestion qui part.
 */
export function registerPro(ctx: ContactContext, input: ProRegistrationInput): void {
  ctx.store.transaction(() => {
    let existing = ctx.store.getProByEmail(input.email);
    if (existing?.status === 'rejected' && canPro(existing, 'erase')) {
      ctx.store.erasePro(existing.id);
      existing = undefined;
    }
    if (existing && existing.status === 'unverified') {
      const verifyUrl = signedLink(ctx, PATHS.verify, 'verify', existing.id);
      queue(ctx, { to: input.email, kind: 'pro-verify', refId: existing.id, ...mails.verifyEmail(existing, verifyUrl, reportLink(ctx, `pro:${existing.id}`)) });
    } else if (existing) {
      queue(ctx, { to: input.email, kind: 'pro-already', refId: existing.id, ...mails.alreadyRegistered(existing, manageUrl(ctx, existing), reportLink(ctx, `pro:${existing.id}`)) });
    } else {
      const { consent: _consent, ...fields } = input;
      const pro = ctx.store.insertPro(fields, ctx.now());
      const verifyUrl = signedLink(ctx, PATHS.verify, 'verify', pro.id);
      queue(ctx, { to: input.email, kind: 'pro-verify', refId: pro.id, ...mails.verifyEmail(pro, verifyUrl, reportLink(ctx, `pro:${pro.id}`)) });
    }
  });
  ctx.mailQueued();
}

export function checkVerifyToken(ctx: ContactContext, token: string): ProResult {
  const check = checkToken(ctx.store, ctx.secret, token, 'verify', ctx.now());
  if (!check.ok) return check;
  const pro = ctx.store.getPro(check.subjectId);
  return pro && pro.status !== 'deleted' ? { ok: true, pro } : { ok: false, error: 'gone' };
}

/** Confirme l'adresse : le profil passe en attente de modération. Lien à usage unique. */
export function verifyPro(ctx: ContactContext, token: string): ProResult {
  return ctx.store.transaction(() => {
    const check = checkToken(ctx.store, ctx.secret, token, 'verify', ctx.now());
    if (!check.ok) return check;
    const pro = ctx.store.getPro(check.subjectId);
    if (!pro || pro.status === 'deleted') return { ok: false, error: 'gone' } as const;
    if (!consumeToken(ctx.store, check.nonce, ctx.now())) return { ok: false, error: 'used' } as const;
    // Déjà confirmé (en attente, publié ou refusé) : le lien a servi, rien ne change.
    const verified = proTransition(pro.status, 'verify');
    if (verified.ok) ctx.store.updateProStatus(pro.id, verified.to, { verifiedAt: ctx.now().toISOString() });
    return { ok: true, pro: ctx.store.getPro(pro.id) as Pro } as const;
  });
}

/** Envoie un lien de gestion si l'adresse correspond à un profil vérifié (réponse identique sinon). */
export function sendManageLink(ctx: ContactContext, email: string): void {
  ctx.store.transaction(() => {
    const pro = ctx.store.getProByEmail(email);
    if (!pro || pro.status === 'unverified' || pro.status === 'deleted' || pro.status === 'rejected') return;
    queue(ctx, { to: email, kind: 'pro-manage', refId: pro.id, ...mails.manageLink(pro, manageUrl(ctx, pro), reportLink(ctx, `pro:${pro.id}`)) });
  });
  ctx.mailQueued();
}

/** Le profil désigné par un lien de gestion (signé, valable 24 heures). */
export function openManage(ctx: ContactContext, token: string): ProResult {
  const check = checkToken(ctx.store, ctx.secret, token, 'manage', ctx.now());
  if (!check.ok) return check;
  const pro = ctx.store.getPro(check.subjectId);
  return pro && pro.status !== 'deleted' && pro.status !== 'rejected' ? { ok: true, pro } : { ok: false, error: 'gone' };
}

export function updateSettings(ctx: ContactContext, pro: Pro, input: ProSettingsInput): Pro {
  ctx.store.updateProSettings(pro.id, input);
  return ctx.store.getPro(pro.id) as Pro;
}

export function setPaused(ctx: ContactContext, pro: Pro, paused: boolean): Pro {
  if (!canPro(pro, paused ? 'pause' : 'resume')) return pro;
  ctx.store.setProPaused(pro.id, paused, 'pro');
  return ctx.store.getPro(pro.id) as Pro;
}

/** Supprime le profil : données effacées ; les demandes en attente sont closes et leurs auteurs prévenus. */
export function deletePro(ctx: ContactContext, pro: Pro): void {
  ctx.store.transaction(() => {
    if (!canPro(pro, 'erase')) return;
    expirePendingOfPro(ctx, pro);
    ctx.store.erasePro(pro.id);
  });
  ctx.mailQueued();
}

export function approvePro(ctx: ContactContext, proId: string, moderatorId: number): boolean {
  const done = ctx.store.transaction(() => {
    const pro = ctx.store.getPro(proId);
    const approved = pro ? proTransition(pro.status, 'approve') : null;
    if (!pro || !approved?.ok) return false;
    ctx.store.updateProStatus(pro.id, approved.to, { moderatedAt: ctx.now().toISOString(), moderatedBy: moderatorId });
    const published = ctx.store.getPro(pro.id) as Pro;
    queue(ctx, { to: pro.email ?? '', kind: 'pro-approved', refId: pro.id, ...mails.proApproved(published, manageUrl(ctx, published), reportLink(ctx, `pro:${pro.id}`)) });
    return true;
  });
  ctx.mailQueued();
  return done;
}

export function rejectPro(ctx: ContactContext, proId: string, moderatorId: number, input: RejectionInput): boolean {
  const done = ctx.store.transaction(() => {
    const pro = ctx.store.getPro(proId);
    const rejected = pro ? proTransition(pro.status, 'reject') : null;
    if (!pro || !rejected?.ok) return false;
    ctx.store.updateProStatus(pro.id, rejected.to, {
      moderatedAt: ctx.now().toISOString(),
      moderatedBy: moderatorId,
      rejectionReason: input.reason,
      rejectionComment: input.comment ?? null,
    });
    queue(ctx, { to: pro.email ?? '', kind: 'pro-rejected', refId: pro.id, ...mails.proRejected(pro, input.reason, input.comment ?? null, reportLink(ctx, `pro:${pro.id}`)) });
    return true;
  });
  ctx.mailQueued();
  return done;
}
