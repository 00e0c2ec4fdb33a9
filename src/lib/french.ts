/**
 * Le français des pages : dates, distances, durées, notes, sessions, pluriels. Le seul module de
 * mise en mots ; sans autre dépendance que src/lib/lookup.ts : utilisé par le serveur et par le navigateur.
 */
import { lookupTable } from './lookup';
import { sessionProgress } from '../domain/sessions';

const dateFormat = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const monthFormat = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** « 2026-09-07 » → « 7 septembre 2026 ». */
export function dateWords(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : dateFormat.format(d);
}

/** « 2026-09 » → « septembre 2026 ». */
export function monthWords(month: string): string {
  const d = new Date(`${month}-01T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? month : monthFormat.format(d);
}

/** Première lettre en capitale : « pour ce CFA… » → « Pour ce CFA… ». */
/** « Pour : tout public » → « pour : tout public » (la suite d'une phrase). */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Espace insécable : entre un nombre et son mot, ils ne sont jamais coupés en fin de ligne. */
export const NBSP = '\u00a0';

/**
 * « 1 session », « 3 sessions », « 1 250 formations » : le mot au pluriel à partir de 2.
 * `space` : espace insécable par défaut ; la page de recherche (textes d'origine gardés à l'identique)
 * passe une espace simple.
 */
export function plural(n: number, one: string, many: string, space: typeof NBSP | ' ' = NBSP): string {
  return `${numberFormat.format(n)}${space}${n >= 2 ? many : one}`;
}

/** 2027-01-04 → « 4 janvier 2027 » ; le premier du mois s'écrit « 1er » (listes de sessions d'un lieu). */
export function frenchLongDate(iso: string): string {
  return dateWords(iso).replace(/^1 /, '1er ');
}

/**
 * Les dates d'une session dans une liste de sessions d'un lieu (« près de chez vous », « recruter ») :
 * « du 4 janvier 2027 au 17 décembre 2027 », « à partir du 4 janvier 2027 », « entrée à tout moment ».
 */
export function sessionDates(session: { start: string | null; end: string | null }): string {
  const { start, end } = session;
  if (start && end) return `du ${frenchLongDate(start)} au ${frenchLongDate(end)}`;
  if (start) return `à partir du ${frenchLongDate(start)}`;
  if (end) return `entrée à tout moment, jusqu’au ${frenchLongDate(end)}`;
  return 'entrée à tout moment';
}

/** Où en est une session, pour un employeur : « en cours » ou « à venir ». */
export const SESSION_PROGRESS_WORDS = { 'under-way': 'en cours', upcoming: 'à venir' } as const;

/** L'état des inscriptions d'une session, en un mot. */
export function enrolmentWord(open: boolean): string {
  return open ? 'inscriptions ouvertes' : 'inscriptions fermées';
}

/** « Session en cours du 1 septembre 2026 au 12 mars 2027 — inscriptions fermées ». */
export function employerSessionSentence(session: { start: string | null; end: string | null; progress: 'under-way' | 'upcoming'; open: boolean }): string {
  return `Session ${SESSION_PROGRESS_WORDS[session.progress]} ${sessionDates(session)} — ${enrolmentWord(session.open)}`;
}

/** 21.14 → « 21,1 km » (espace insécable). */
export function frenchKm(km: number): string {
  return `${km.toLocaleString('fr-FR', { maximumFractionDigits: 1 })}\u00a0km`;
}

/** « 12,4 km », ou « à distance » pour une formation sans lieu où se rendre. */
export function distanceWords(km: number | null, remote: boolean): string | null {
  if (remote) return 'À distance';
  return km === null ? null : `${numberFormat.format(km)} km`;
}

/** Durée en heures, avec une équivalence en semaines de 35 h quand c'est long. */
export function durationWords(hours: number | null): string | null {
  if (hours === null) return null;
  const h = `${numberFormat.format(hours)} heures`;
  return hours >= 70 ? `${h} (environ ${Math.round(hours / 35)} semaines à temps plein)` : h;
}

/** « 4,3 sur 5 (12 avis) ». */
export function ratingWords(score: number, count: number): string {
  return `${numberFormat.format(score)} sur 5 (${plural(count, 'avis', 'avis', ' ')})`;
}

export function percent(rate: number): string {
  return `${numberFormat.format(rate)} %`;
}

/**
 * Les sessions d'une formation, en mots : « du 7 septembre 2026 au 30 juin 2027 » ; une session
 * déjà commencée où l'on peut encore entrer : « commencée le 3 novembre 2026, entrée encore possible (fin le 20 février 2027) ».
 */
export function sessionWords(s: { debut: string | null; fin: string | null; en_cours?: boolean; complete?: boolean }): string {
  const full = s.complete ? ' — complète, inscriptions fermées' : '';
  if (s.en_cours && s.debut) return `commencée le ${dateWords(s.debut)}, entrée encore possible${s.fin ? ` (fin le ${dateWords(s.fin)})` : ''}${full}`;
  if (s.debut && s.fin) return `du ${dateWords(s.debut)} au ${dateWords(s.fin)}${full}`;
  if (s.debut) return `à partir du ${dateWords(s.debut)}${full}`;
  if (s.fin) return `jusqu’au ${dateWords(s.fin)}${full}`;
  return `dates à définir avec l’organisme${full}`;
}

/** L'état des inscriptions d'une formation, sur sa carte, en une phrase simple. */
export const ENROLMENT_SENTENCES = {
  ouvertes: 'Ouvertes : vous pouvez vous inscrire.',
  bientot: 'Bientôt : les inscriptions ne sont pas encore ouvertes.',
  fermees: 'Fermées pour l’instant : les sessions sont complètes ou déjà commencées. Demandez les prochaines dates à l’organisme.',
  'aucune-session': 'Aucune session prévue pour l’instant. Demandez les prochaines dates à l’organisme.',
} as const;

/** L'état des inscriptions et, s'il est connu, le jour où elles ouvrent (« Bientôt : à partir du 5 janvier 2027. »). */
export function enrolmentSentence(state: keyof typeof ENROLMENT_SENTENCES, opensOn: string | null): string {
  if (state === 'bientot' && opensOn) return `Bientôt : vous pourrez vous inscrire à partir du ${dateWords(opensOn)}.`;
  return ENROLMENT_SENTENCES[state];
}

export type SessionStage = 'a-venir' | 'en-cours-ouverte' | 'en-cours-fermee' | 'terminee' | 'sans-date';

/** Où en est une session à la date `today` (AAAA-MM-JJ) : à venir, commencée (entrée possible ou non), terminée. */
export function sessionStage(s: { debut: string | null; fin: string | null; recrutement: string }, today: string): SessionStage {
  const progress = sessionProgress({ start: s.debut, end: s.fin }, today);
  if (progress === 'ended') return 'terminee';
  if (progress === 'upcoming') return s.debut === null ? 'sans-date' : 'a-venir';
  return s.recrutement === 'ouvert' ? 'en-cours-ouverte' : 'en-cours-fermee';
}

/**
 * Le début d'une session, dans le tableau de la fiche, en mots qui disent où elle en est :
 * « 7 septembre 2026 », « Commencée le 3 novembre 2026 — entrée encore possible »,
 * « Commencée le 3 novembre 2026 — on ne peut plus y entrer », « Terminée ».
 */
export function sessionStartWords(s: { debut: string | null; fin: string | null; recrutement: string }, today: string): string {
  const stage = sessionStage(s, today);
  if (s.debut === null) return stage === 'terminee' ? 'Terminée' : 'À définir';
  if (stage === 'en-cours-ouverte') return `Commencée le ${dateWords(s.debut)} — entrée encore possible`;
  if (stage === 'en-cours-fermee') return `Commencée le ${dateWords(s.debut)} — on ne peut plus y entrer`;
  if (stage === 'terminee') return `Commencée le ${dateWords(s.debut)} — terminée`;
  return dateWords(s.debut);
}

/** Tranches de la facette « durée » (voir `DURATION_BUCKETS`) → filtre « durée maximale ». */
export const DURATION_CHOICES = [
  { bucket: '<150', maxHours: 149, label: 'Moins de 150 heures (environ 1 mois)' },
  { bucket: '150-400', maxHours: 400, label: '400 heures au plus (environ 3 mois)' },
  { bucket: '400-800', maxHours: 800, label: '800 heures au plus (environ 6 mois)' },
] as const;

/** Sources des taux d'insertion, en clair. */
export const INSERTION_SOURCES = lookupTable({
  inserjeunes: 'InserJeunes (ministères de l’Éducation nationale et du Travail)',
  insersup: 'InserSup (ministère de l’Enseignement supérieur)',
  'france-travail': 'France Travail',
});

/**
 * Qui a produit un chiffre d'insertion : la source réelle, ou « données de démonstration » pour un
 * chiffre inventé (la source réelle n'est alors jamais citée).
 */
export function insertionCredit(source: string, demonstration: boolean): string {
  return demonstration ? 'données de démonstration (chiffre inventé)' : (INSERTION_SOURCES[source] ?? source);
}
