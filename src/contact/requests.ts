/**
 * Le relais : une demande d'échange part vers le pro (liens accepter / refuser, signés, à usage
 * unique) ; les coordonnées des deux côtés ne circulent qu'à l'acceptation. Un·e mineur·e a un
 * parent ou un·e conseiller·e en copie de chaque message.
 */
import {
  type ContactRequest,
  type ContactRequestInput,
  type DeclineInput,
  type Pro,
  type ReportInput,
} from '../domain/contact';
import { canRequest, proAvailability, type RequestEvent } from '../domain/contact-rules';
import * as mails from './mail/templates';
import type { MailContent } from './mail/templates';
import { PATHS, linkTo } from './paths';
import { queue, reportLink, signedLink, type ContactContext } from './context';
import { communeText } from './resolve';
import { checkToken, consumeToken, type TokenCheck } from './tokens';

/** Début du mois civil (UTC) de `now` : le plafond mensuel compte les demandes reçues depuis. */
export function monthStart(now: Date): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
}

export type SubmitResult =
  | { ok: true; request: ContactRequest; duplicate: boolean }
  | { ok: false; error: 'unavailable' | 'cap-reached' }
  | { ok: false; error: 'mode'; message: string };

function toRequester(ctx: ContactContext, request: ContactRequest, kind: string, content: MailContent): void {
  queue(ctx, { to: request.email, kind, refId: request.id, ...content });
  if (request.guardianEmail) queue(ctx, { to: request.guardianEmail, kind: `${kind}-copy`, refId: request.id, ...mails.guardianCopy(request, content) });
}

function otherProsUrl(ctx: ContactContext, request: ContactRequest): string {
  const params: Record<string, string> = {};
  if (request.metierCode) params.metier = request.metierCode;
  const commune = request.communeCode ? ctx.communeByInsee(request.communeCode) : undefined;
  if (commune) params.commune = communeText(commune);
  return linkTo(ctx.publicUrl, PATHS.browse, params);
}

function notifyPro(ctx: ContactContext, pro: Pro, request: ContactRequest, reminder: boolean): void {
  const accept = signedLink(ctx, PATHS.respond, 'respond', request.id, { choix: 'accepter' });
  const token = new URL(accept).searchParams.get('t') ?? '';
  const decline = linkTo(ctx.publicUrl, PATHS.respond, { t: token, choix: 'refuser' });
  const content = mails.newRequest(pro, request, ctx.metierLabel(request.metierCode ?? ''), { accept, decline, report: reportLink(ctx, `request:${request.id}:pro`) }, reminder);
  queue(ctx, { to: pro.email ?? '', kind: reminder ? 'request-reminder' : 'request-new', refId: request.id, ...content });
}

/**
 * Enregistre une demande. Idempotente : la même clé (champ caché du formulaire) rend la même
 * demande, sans doublon (double clic, renvoi du formulaire). Le plafond mensuel est vérifié
 * dans la transaction d'écriture.
 */
export function submitRequest(ctx: ContactContext, proId: string, metierCode: string | null, input: ContactRequestInput, idempotencyKey: string): SubmitResult {
  const result = ctx.store.transaction((): SubmitResult => {
    const existing = ctx.store.getRequestByIdempotencyKey(idempotencyKey);
    if (existing) return { ok: true, request: existing, duplicate: true };
    const pro = ctx.store.getPro(proId);
    if (!pro) return { ok: false, error: 'unavailable' };
    const availability = proAvailability(pro, ctx.store.countRequestsSince(pro.id, monthStart(ctx.now())));
    if (!availability.ok) return { ok: false, error: availability.reason };
    if (!pro.modes.includes(input.mode)) return { ok: false, error: 'mode', message: 'Ce professionnel ne propose pas ce mode d’échange : choisissez-en un de la liste.' };
    const { consent: _consent, ...fields } = input;
    const request = ctx.store.insertRequest(
      {
        ...fields,
        proId: pro.id,
        idempotencyKey,
        metierCode: metierCode && pro.metierCodes.includes(metierCode) ? metierCode : (pro.metierCodes[0] ?? ''),
        communeCode: pro.communeCode,
      },
      ctx.now(),
    );
    notifyPro(ctx, pro, request, false);
    toRequester(ctx, request, 'request-received', mails.requestReceived(request, pro, reportLink(ctx, `request:${request.id}:requester`)));
    return { ok: true, request, duplicate: false };
  });
  if (result.ok && !result.duplicate) ctx.mailQueued();
  return result;
}

export type RespondResult = { ok: true; request: ContactRequest; pro: Pro } | { ok: false; error: Extract<TokenCheck, { ok: false }>['error'] | 'closed' };

function loadForResponse(ctx: ContactContext, token: string, event: RequestEvent): RespondResult & { nonce?: string } {
  const check = checkToken(ctx.store, ctx.secret, token, 'respond', ctx.now());
  if (!check.ok) return check;
  const request = ctx.store.getRequest(check.subjectId);
  const pro = request ? ctx.store.getPro(request.proId) : undefined;
  if (!request || !pro || pro.status === 'deleted') return { ok: false, error: 'invalid' };
  if (!canRequest(request, event)) return { ok: false, error: 'closed' };
  return { ok: true, request, pro, nonce: check.nonce };
}

/** La demande derrière un lien de réponse (pour afficher la page, sans rien consommer). */
export function openResponse(ctx: ContactContext, token: string): RespondResult {
  // Accepter et refuser sont permis dans les mêmes états : la page montre les deux choix.
  const { nonce: _nonce, ...result } = loadForResponse(ctx, token, 'accept');
  return result as RespondResult;
}

function respond(ctx: ContactContext, token: string, event: 'accept' | 'decline', apply: (request: ContactRequest, pro: Pro) => void): RespondResult {
  const result = ctx.store.transaction((): RespondResult => {
    const loaded = loadForResponse(ctx, token, event);
    if (!loaded.ok) return loaded;
    if (!consumeToken(ctx.store, loaded.nonce ?? '', ctx.now())) return { ok: false, error: 'used' };
    apply(loaded.request, loaded.pro);
    ctx.store.setConsecutiveExpiries(loaded.pro.id, 0);
    return { ok: true, request: ctx.store.getRequest(loaded.request.id) as ContactRequest, pro: loaded.pro };
  });
  if (result.ok) ctx.mailQueued();
  return result;
}

/** Acceptation : chacun reçoit les coordonnées de l'autre (et le parent a sa copie). */
export function acceptRequest(ctx: ContactContext, token: string): RespondResult {
  return respond(ctx, token, 'accept', (request, pro) => {
    if (!ctx.store.closeRequest(request.id, 'accepted', ctx.now())) throw new Error('demande déjà close');
    toRequester(ctx, request, 'request-accepted', mails.acceptedToRequester(request, pro, reportLink(ctx, `request:${request.id}:requester`)));
    queue(ctx, { to: pro.email ?? '', kind: 'request-accepted-pro', refId: request.id, ...mails.acceptedToPro(request, pro, reportLink(ctx, `request:${request.id}:pro`)) });
  });
}

/** Refus avec une raison : la personne est prévenue et d'autres pros lui sont proposés. */
export function declineRequest(ctx: ContactContext, token: string, input: DeclineInput): RespondResult {
  return respond(ctx, token, 'decline', (request, pro) => {
    if (!ctx.store.closeRequest(request.id, 'declined', ctx.now(), { reason: input.reason, comment: input.comment ?? null })) throw new Error('demande déjà close');
    toRequester(ctx, request, 'request-declined', mails.declinedToRequester(request, pro, input.reason, otherProsUrl(ctx, request), reportLink(ctx, `request:${request.id}:requester`)));
  });
}

/** Clôt une demande restée sans réponse et prévient la personne (appelé dans une transaction). */
export function expireRequest(ctx: ContactContext, request: ContactRequest, pro: Pro): boolean {
  if (!canRequest(request, 'expire') || !ctx.store.closeRequest(request.id, 'expired', ctx.now())) return false;
  toRequester(ctx, request, 'request-expired', mails.expiredToRequester(request, pro, otherProsUrl(ctx, request), reportLink(ctx, `request:${request.id}:requester`)));
  return true;
}

/** Un pro supprime son profil : ses demandes en attente sont closes. */
export function expirePendingOfPro(ctx: ContactContext, pro: Pro): number {
  return ctx.store.listPendingRequestsOfPro(pro.id).filter((r) => expireRequest(ctx, r, pro)).length;
}

/** Relance du pro (nouveau lien de réponse : l'ancien reste valable jusqu'à l'expiration). */
export function remindPro(ctx: ContactContext, request: ContactRequest, pro: Pro): boolean {
  if (!canRequest(request, 'remind')) return false;
  ctx.store.markReminded(request.id, ctx.now());
  notifyPro(ctx, pro, request, true);
  return true;
}

// ——— Signalements ———

export type ReportSubject = { kind: 'request' | 'pro'; id: string; reporter: string };

export function openReport(ctx: ContactContext, token: string): { ok: true; subject: ReportSubject } | { ok: false; error: Extract<TokenCheck, { ok: false }>['error'] } {
  const check = checkToken(ctx.store, ctx.secret, token, 'report', ctx.now());
  if (!check.ok) return check;
  const [kind, id, reporter] = check.subjectId.split(':');
  if ((kind !== 'request' && kind !== 'pro') || !id) return { ok: false, error: 'invalid' };
  return { ok: true, subject: { kind, id, reporter: reporter ?? 'pro' } };
}

export function reportProblem(ctx: ContactContext, subject: ReportSubject, input: ReportInput): number {
  return ctx.store.insertReport({ subjectKind: subject.kind, subjectId: subject.id, reporter: subject.reporter, reason: input.reason, message: input.message }, ctx.now());
}
