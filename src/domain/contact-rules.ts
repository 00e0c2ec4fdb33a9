/**
 * Les règles d'état de « Rencontrer un pro », en un seul endroit :
 *  - « pro disponible » (publié, pas en pause, sous son plafond du mois) ;
 *  - les transitions d'une demande et d'un profil, en tables déclaratives : état de départ ×
 *    événement → état d'arrivée ; toute case absente est refusée, avec une raison typée.
 * Les cas d'usage (src/contact/) consultent ces tables avant d'écrire ; le stockage garde en plus
 * sa propre garde (une demande ne se clôt qu'en attente, même sous deux clics simultanés).
 */
import type { ContactRequest, Pro, ProStatus, RequestStatus } from './contact';

// ——— Pro disponible ———

/** Le statut d'un profil publié (visible dans l'annuaire s'il n'est pas en pause). */
export const PUBLISHED_STATUS: ProStatus = 'approved';

/** Profil publié (relu et accepté par la modération) : il reçoit les relances, même en pause. */
export function isPublished(pro: Pick<Pro, 'status'>): boolean {
  return pro.status === PUBLISHED_STATUS;
}

/** Le profil prend des demandes : publié et pas en pause (le plafond du mois est vérifié à part). */
export function acceptsRequests(pro: Pick<Pro, 'status' | 'paused'>): boolean {
  return isPublished(pro) && !pro.paused;
}

export type AvailabilityRejection = 'unavailable' | 'cap-reached';

/** Le pro peut-il recevoir une demande ce mois-ci ? Sinon, pourquoi. */
export function proAvailability(pro: Pick<Pro, 'status' | 'paused' | 'monthlyCap'>, requestsThisMonth: number): { ok: true } | { ok: false; reason: AvailabilityRejection } {
  if (!acceptsRequests(pro)) return { ok: false, reason: 'unavailable' };
  if (requestsThisMonth >= pro.monthlyCap) return { ok: false, reason: 'cap-reached' };
  return { ok: true };
}

/** Vrai si le pro peut recevoir une demande ce mois-ci (annuaire, profil public). */
export function isAvailable(pro: Pick<Pro, 'status' | 'paused' | 'monthlyCap'>, requestsThisMonth: number): boolean {
  return proAvailability(pro, requestsThisMonth).ok;
}

// ——— Transitions ———

export type Transition<S, R> = { ok: true; to: S } | { ok: false; reason: R };

/** Une table de transitions : pour chaque état, les événements permis et l'état d'arrivée. */
export type TransitionTable<S extends string, E extends string> = Readonly<Record<S, Readonly<Partial<Record<E, S>>>>>;

// Demandes

export const REQUEST_EVENTS = ['confirm', 'relay', 'accept', 'decline', 'expire', 'remind'] as const;
export type RequestEvent = (typeof REQUEST_EVENTS)[number];

/**
 * Une demande non confirmée reçoit des confirmations d'adresse, puis est transmise au pro (relay)
 * ou expire ; une demande en attente est acceptée, refusée, expire ou est relancée ; une demande
 * close ne bouge plus.
 */
export const REQUEST_TRANSITIONS: TransitionTable<RequestStatus, RequestEvent> = {
  unconfirmed: { confirm: 'unconfirmed', relay: 'pending', expire: 'expired' },
  pending: { accept: 'accepted', decline: 'declined', expire: 'expired', remind: 'pending' },
  accepted: {},
  declined: {},
  expired: {},
};

/** Seule raison de refus d'une demande : elle est déjà close (acceptée, refusée ou expirée). */
export type RequestRejection = 'closed';

export function requestTransition(from: RequestStatus, event: RequestEvent): Transition<RequestStatus, RequestRejection> {
  const to = REQUEST_TRANSITIONS[from][event];
  return to === undefined ? { ok: false, reason: 'closed' } : { ok: true, to };
}

export function canRequest(request: Pick<ContactRequest, 'status'>, event: RequestEvent): boolean {
  return requestTransition(request.status, event).ok;
}

// Profils

export const PRO_EVENTS = ['verify', 'approve', 'reject', 'pause', 'resume', 'auto-pause', 'erase'] as const;
export type ProEvent = (typeof PRO_EVENTS)[number];

/**
 * unverified —verify→ pending —approve→ approved ; pending —reject→ rejected ; tout profil non
 * supprimé peut être effacé (deleted) et mis en pause ou relancé (le statut ne change pas) ; seul
 * un profil publié est mis en pause automatiquement (demandes expirées). Un profil supprimé ne bouge plus.
 */
export const PRO_TRANSITIONS: TransitionTable<ProStatus, ProEvent> = {
  unverified: { verify: 'pending', pause: 'unverified', resume: 'unverified', erase: 'deleted' },
  pending: { approve: 'approved', reject: 'rejected', pause: 'pending', resume: 'pending', erase: 'deleted' },
  approved: { pause: 'approved', resume: 'approved', 'auto-pause': 'approved', erase: 'deleted' },
  rejected: { pause: 'rejected', resume: 'rejected', erase: 'deleted' },
  deleted: {},
};

/** Pourquoi un événement est refusé à un profil. */
export type ProRejection = 'gone' | 'already-verified' | 'already-moderated' | 'not-published';

const PRO_REJECTION: Readonly<Record<ProEvent, ProRejection>> = {
  verify: 'already-verified',
  approve: 'already-moderated',
  reject: 'already-moderated',
  pause: 'gone',
  resume: 'gone',
  'auto-pause': 'not-published',
  erase: 'gone',
};

export function proTransition(from: ProStatus, event: ProEvent): Transition<ProStatus, ProRejection> {
  const to = PRO_TRANSITIONS[from][event];
  if (to !== undefined) return { ok: true, to };
  return { ok: false, reason: from === 'deleted' ? 'gone' : PRO_REJECTION[event] };
}

export function canPro(pro: Pick<Pro, 'status'>, event: ProEvent): boolean {
  return proTransition(pro.status, event).ok;
}

// ——— Adresses vérifiées avant tout relais ———

/**
 * Règle commune à tout relais entre deux personnes (Rencontrer un pro, contact d'un·e ancien·ne
 * stagiaire) : rien ne part chez le destinataire avant que l'adresse de qui demande — et celle du
 * parent ou conseiller·e d'un·e mineur·e — soit confirmée par un lien reçu ; sans confirmation
 * en 48 heures la demande expire sans rien envoyer ; seules les demandes transmises comptent dans
 * les plafonds du destinataire.
 */
export const CONFIRMATION_WINDOW_HOURS = 48;

/** Au plus tant de demandes transmises à un même destinataire en 24 heures (en plus du plafond du mois). */
export const DAILY_RELAY_CAP = 3;

export type AddressRole = 'requester' | 'guardian';

/** Les adresses à confirmer avant le relais. */
export function addressesToConfirm(request: { guardianEmail: string | null }): AddressRole[] {
  return request.guardianEmail ? ['requester', 'guardian'] : ['requester'];
}

/** Toutes les adresses requises sont-elles confirmées ? */
export function readyToRelay(request: { guardianEmail: string | null; requesterConfirmedAt: string | null; guardianConfirmedAt: string | null }): boolean {
  return addressesToConfirm(request).every((role) => (role === 'requester' ? request.requesterConfirmedAt : request.guardianConfirmedAt) !== null);
}

export type RelayRejection = AvailabilityRejection | 'daily-cap';

/** Le destinataire peut-il recevoir une demande de plus (plafond du mois, puis des dernières 24 heures) ? */
export function relayAvailability(
  pro: Pick<Pro, 'status' | 'paused' | 'monthlyCap'>,
  counts: { thisMonth: number; lastDay: number },
): { ok: true } | { ok: false; reason: RelayRejection } {
  const monthly = proAvailability(pro, counts.thisMonth);
  if (!monthly.ok) return monthly;
  if (counts.lastDay >= DAILY_RELAY_CAP) return { ok: false, reason: 'daily-cap' };
  return { ok: true };
}
