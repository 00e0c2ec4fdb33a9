/**
 * « Session ouverte aux inscriptions » à la date `today` (AAAA-MM-JJ, aujourd'hui à Paris :
 * src/domain/calendar.ts) — la seule définition, lue par la recherche (documents de l'index)
 * et par le catalogue (sessions à venir d'une formation) :
 *   - une session qui commence ce jour ou après ;
 *   - une session déjà commencée, pas finie, dont le recrutement est ouvert (entrée encore possible) ;
 *   - pour une action à entrées et sorties permanentes, une session sans date de début, ou sans
 *     date de fin, ou pas encore finie (on peut y entrer en cours de route).
 */
import type { Action, Session } from './offer';

export function isSessionOpen(session: Pick<Session, 'start' | 'end' | 'recruitmentState'>, permanentEntry: boolean, today: string): boolean {
  const { start, end } = session;
  if (start !== null && start >= today) return true;
  if (start !== null && end !== null && end >= today && session.recruitmentState === 'ouvert') return true;
  return permanentEntry && (start === null || end === null || end >= today);
}

/** Les sessions de l'action ouvertes aux inscriptions à la date `today`, dans leur ordre. */
export function openSessions<A extends Pick<Action, 'permanentEntry'> & { sessions: readonly Pick<Session, 'start' | 'end' | 'recruitmentState'>[] }>(action: A, today: string): A['sessions'] {
  return action.sessions.filter((s) => isSessionOpen(s, action.permanentEntry, today));
}

/** Où en est une session à la date `today` : pas commencée (ou sans date de début), en cours, ou finie. */
export type SessionProgress = 'upcoming' | 'under-way' | 'ended';

export function sessionProgress(session: Pick<Session, 'start' | 'end'>, today: string): SessionProgress {
  if (session.end !== null && session.end < today) return 'ended';
  if (session.start !== null && session.start < today) return 'under-way';
  return 'upcoming';
}

/** On peut s'inscrire à cette session : elle est ouverte (règle ci-dessus) et l'organisme ne dit pas son recrutement fermé ou suspendu. */
export function acceptsEnrolment(session: Pick<Session, 'start' | 'end' | 'recruitmentState'>, permanentEntry: boolean, today: string): boolean {
  return session.recruitmentState === 'ouvert' && isSessionOpen(session, permanentEntry, today);
}

/**
 * L'état des inscriptions d'une formation (action), dit sur chaque carte :
 *  - `open` : au moins une session où l'on peut s'inscrire ;
 *  - `closed` : des sessions en cours ou à venir, mais aucune où l'on peut s'inscrire (complètes,
 *    recrutement suspendu, commencées sans entrée possible) ;
 *  - `none` : aucune session en cours ni à venir.
 */
export type Enrolment = 'open' | 'closed' | 'none';

export function enrolmentOf(action: Pick<Action, 'permanentEntry'> & { sessions: readonly Pick<Session, 'start' | 'end' | 'recruitmentState'>[] }, today: string): Enrolment {
  if (action.sessions.some((s) => acceptsEnrolment(s, action.permanentEntry, today))) return 'open';
  return action.sessions.some((s) => sessionProgress(s, today) !== 'ended') ? 'closed' : 'none';
}
