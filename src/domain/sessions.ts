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
