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

type EnrolmentFields = Pick<Session, 'start' | 'end' | 'recruitmentState'> & Partial<Pick<Session, 'enrolmentPeriod'>>;

/**
 * Où en est la période d'inscription que l'organisme annonce (LHEO `periode-inscription`) :
 * `before` (elle n'a pas commencé), `during`, `after` (elle est finie) ; `unknown` sans période.
 */
export type EnrolmentWindow = 'before' | 'during' | 'after' | 'unknown';

export function enrolmentWindow(session: Partial<Pick<Session, 'enrolmentPeriod'>>, today: string): EnrolmentWindow {
  const period = session.enrolmentPeriod ?? null;
  if (period === null) return 'unknown';
  if (period.start !== null && period.start > today) return 'before';
  if (period.end !== null && period.end < today) return 'after';
  return 'during';
}

/**
 * On peut s'inscrire à cette session aujourd'hui : elle est ouverte (règle ci-dessus), l'organisme
 * ne dit pas son recrutement fermé ou suspendu, et sa période d'inscription (si elle est annoncée)
 * a commencé et n'est pas finie.
 */
export function acceptsEnrolment(session: EnrolmentFields, permanentEntry: boolean, today: string): boolean {
  if (session.recruitmentState !== 'ouvert' || !isSessionOpen(session, permanentEntry, today)) return false;
  const window = enrolmentWindow(session, today);
  return window === 'during' || window === 'unknown';
}

/** Les inscriptions à cette session ouvriront plus tard : session ouverte, recrutement ouvert, période d'inscription pas encore commencée. */
export function opensLater(session: EnrolmentFields, permanentEntry: boolean, today: string): boolean {
  return session.recruitmentState === 'ouvert' && isSessionOpen(session, permanentEntry, today) && enrolmentWindow(session, today) === 'before';
}

/**
 * L'état des inscriptions d'une formation (action), dit sur chaque carte :
 *  - `open` : au moins une session où l'on peut s'inscrire ;
 *  - `soon` : aucune aujourd'hui, mais les inscriptions d'une session ouvriront plus tard ;
 *  - `closed` : des sessions en cours ou à venir, mais aucune où l'on peut s'inscrire (complètes,
 *    recrutement suspendu, commencées sans entrée possible) ;
 *  - `none` : aucune session en cours ni à venir.
 */
export type Enrolment = 'open' | 'soon' | 'closed' | 'none';

type SessionsOf = Pick<Action, 'permanentEntry'> & { sessions: readonly EnrolmentFields[] };

export function enrolmentOf(action: SessionsOf, today: string): Enrolment {
  if (action.sessions.some((s) => acceptsEnrolment(s, action.permanentEntry, today))) return 'open';
  if (action.sessions.some((s) => opensLater(s, action.permanentEntry, today))) return 'soon';
  return action.sessions.some((s) => sessionProgress(s, today) !== 'ended') ? 'closed' : 'none';
}

/** Le premier jour où les inscriptions ouvriront (état `soon`), sinon null. */
export function enrolmentOpensOn(action: SessionsOf, today: string): string | null {
  const dates = action.sessions.flatMap((s) => (opensLater(s, action.permanentEntry, today) && s.enrolmentPeriod?.start ? [s.enrolmentPeriod.start] : []));
  return dates.sort()[0] ?? null;
}

/** Ordre des états pour réunir plusieurs actions en une carte : le plus favorable l'emporte. */
const ENROLMENT_RANK: Record<Enrolment, number> = { open: 0, soon: 1, closed: 2, none: 3 };

export function bestEnrolment(states: readonly Enrolment[]): Enrolment {
  return states.reduce<Enrolment>((best, s) => (ENROLMENT_RANK[s] < ENROLMENT_RANK[best] ? s : best), 'none');
}

/** La prochaine réunion d'information à partir de `today` (dates LHEO `date-information`), sinon null. */
export function nextInformationDate(dates: readonly string[], today: string): string | null {
  return dates.filter((d) => d >= today).sort()[0] ?? null;
}
