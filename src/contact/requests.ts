/**
 * Le relais : une demande d'échange part vers le pro (liens accepter / refuser, signés, à usage
 * unique) ; les coordonnées des deux côtés ne circulent qu'à l'acceptation. Un·e mineur·e a un
 * parent ou un·e conseiller·e en copie de chaque message.
 *
 * Rien ne part chez le pro avant que l'adresse de la personne — et celle de son parent ou
 * conseiller·e si elle est mineure — soit confirmée par le lien reçu (règle du domaine,
 * `readyToRelay`) ; sans confirmation en 48 heures, la demande expire sans rien envoyer et ne
 * compte pas dans les plafonds du pro (du mois, et des dernières 24 heures).
 */
import {
  type ContactRequest,
  type ContactRequestInput,
  type DeclineInput,
  type Pro,
  type ReportInput,
} from '../domain/contact';
import { CONFIRMATION_WINDOW_HOURS, addressesToConfirm, canRequest, readyToRelay, relayAvailability, type AddressRole, type RelayRejection, type RequestEvent } from '../domain/contact-rules';
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

const DAY_MS = 86_400_000;

/** Les demandes déjà transmises au pro : ce mois-ci, et dans les dernières 24 heures. */
function relayCounts(ctx: ContactContext, proId: string) {
  const now = ctx.now();
  return { thisMonth: ctx.store.countRequestsSince(proId, monthStart(now)), lastDay: ctx.store.countRequestsSince(proId, new Date(now.getTime() - DAY_MS).toISOString()) };
}

export type SubmitResult =
  | { ok: true; request: ContactRequest; duplicate: boolean }
  | { ok: false; error: RelayRejection }
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
    const availability = relayAvailability(pro, relayCounts(ctx, pro.id));
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
    askConfirmations(ctx, request, pro);
    return { ok: true, request, duplicate: false };
  });
  if (result.ok && !result.duplicate) ctx.mailQueued();
  return result;
}

/** Un lien de confirmation par adresse à confirmer (la personne ; le parent ou conseiller·e d'un·e mineur·e). */
function askConfirmations(ctx: ContactContext, request: ContactRequest, pro: Pro): void {
  for (const role of addressesToConfirm(request)) {
    const url = signedLink(ctx, PATHS.confirmRequest, 'confirm-request', `${request.id}:${role}`);
    const report = reportLink(ctx, `request:${request.id}:${role}`);
    if (role === 'requester') {
      queue(ctx, { to: request.email, kind: mails.CONFIRMATION_MAILS.requester.kind, refId: request.id, ...mails.confirmRequest(request, pro, url, CONFIRMATION_WINDOW_HOURS, report) });
    } else if (request.guardianEmail) {
      const content = mails.confirmGuardian(request, pro, ctx.metierLabel(request.metierCode ?? ''), url, CONFIRMATION_WINDOW_HOURS, report);
      queue(ctx, { to: request.guardianEmail, kind: mails.CONFIRMATION_MAILS.guardian.kind, refId: request.id, ...content });
    }
  }
}

export type ConfirmOutcome =
  /** Le lien est bon ; la page montre le bouton (un simple GET ne change rien). */
  | 'form'
  /** Toutes les adresses sont confirmées : la demande est partie chez le pro. */
  | 'relayed'
  /** Cette adresse est confirmée ; l'autre (parent ou conseiller·e, ou la personne) ne l'est pas encore. */
  | 'waiting'
  /** Entre-temps, le pro ne prend plus de demandes : rien n'est envoyé, la demande est effacée. */
  | RelayRejection;

export type ConfirmResult =
  | { ok: true; outcome: ConfirmOutcome; role: AddressRole; request: ContactRequest; pro: Pro }
  | { ok: false; error: Extract<TokenCheck, { ok: false }>['error'] | 'closed' };

/** Le lien de confirmation d'une adresse ; `confirm` (POST) consomme le lien et, si tout est confirmé, transmet la demande. */
export function confirmRequestAddress(ctx: ContactContext, token: string, confirm: boolean): ConfirmResult {
  const check = checkToken(ctx.store, ctx.secret, token, 'confirm-request', ctx.now());
  if (!check.ok) return check;
  const [requestId, rawRole] = check.subjectId.split(':');
  const role: AddressRole | null = rawRole === 'requester' || rawRole === 'guardian' ? rawRole : null;
  const found = requestId ? ctx.store.getRequest(requestId) : undefined;
  const foundPro = found ? ctx.store.getPro(found.proId) : undefined;
  if (!role || !found || !foundPro) return { ok: false, error: 'invalid' };
  if (!canRequest(found, 'confirm')) return { ok: false, error: 'closed' };
  if (!confirm) return { ok: true, outcome: 'form', role, request: found, pro: foundPro };
  const result = ctx.store.transaction((): ConfirmResult => {
    if (!consumeToken(ctx.store, check.nonce, ctx.now())) return { ok: false, error: 'used' };
    if (!ctx.store.confirmRequestAddress(found.id, role, ctx.now())) return { ok: false, error: 'closed' };
    const request = ctx.store.getRequest(found.id) as ContactRequest;
    const pro = ctx.store.getPro(request.proId) as Pro;
    if (!readyToRelay(request)) return { ok: true, outcome: 'waiting', role, request, pro };
    const availability = relayAvailability(pro, relayCounts(ctx, pro.id));
    if (!availability.ok) {
      ctx.store.expireUnconfirmedRequest(request.id, ctx.now());
      return { ok: true, outcome: availability.reason, role, request, pro };
    }
    if (!canRequest(request, 'relay') || !ctx.store.markRequestRelayed(request.id, ctx.now())) return { ok: false, error: 'closed' };
    const relayed = ctx.store.getRequest(request.id) as ContactRequest;
    notifyPro(ctx, pro, relayed, false);
    toRequester(ctx, relayed, 'request-received', mails.requestReceived(relayed, pro, reportLink(ctx, `request:${relayed.id}:requester`)));
    return { ok: true, outcome: 'relayed', role, request: relayed, pro };
  });
  if (result.ok && result.outcome === 'relayed') ctx.mailQueued();
  return result;
}

/** Une demande jamais confirmée : close sans rien envoyer à personne, ses données effacées (tâches planifiées). */
export function expireUnconfirmed(ctx: ContactContext, request: ContactRequest): boolean {
  return canRequest(request, 'expire') && request.status === 'unconfirmed' && ctx.store.expireUnconfirmedRequest(request.id, ctx.now());
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
