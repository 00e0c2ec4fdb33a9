/**
 * Le port de stockage de « Rencontrer un pro », possédé par les cas d'usage (src/contact/*.ts) :
 * ce dont ils ont besoin, sans SQL ni pilote. L'adaptateur SQLite est src/contact/sqlite/ ; un
 * adaptateur PostgreSQL implémenterait la même interface et passerait la même suite de conformité
 * (tests/integration/contact/store-conformance.ts). Voir docs/adr/006-stockage-rencontre-un-pro.md.
 *
 * Unité de travail : `transaction(fn)` exécute `fn` tout ou rien (une exception annule tout),
 * verrou d'écriture pris dès le début (deux processus ne se marchent pas dessus) ; un appel
 * imbriqué rejoint la transaction en cours. Les dates passées en chaîne sont en ISO 8601 UTC.
 */
import type { ContactRequest, ContactRequestInput, Pro, ProRegistrationInput, ReportReason } from '../../domain/contact';

export type NewPro = Omit<ProRegistrationInput, 'consent'>;

export type NewRequest = Omit<ContactRequestInput, 'consent'> & { proId: string; metierCode: string; communeCode: string; idempotencyKey: string };

export interface ProStatusFields {
  verifiedAt?: string;
  moderatedAt?: string;
  moderatedBy?: number;
  rejectionReason?: string | null;
  rejectionComment?: string | null;
}

export interface ProSettingsFields {
  phone?: string | undefined;
  employer?: string | undefined;
  modes: string[];
  monthlyCap: number;
}

/** Lignes utiles aux statistiques (aucune donnée personnelle). */
export interface RequestStatRow {
  status: ContactRequest['status'];
  metierCode: string | null;
  communeCode: string | null;
  createdAt: string;
  respondedAt: string | null;
}

export interface Report {
  id: number;
  subjectKind: 'request' | 'pro';
  subjectId: string;
  reporter: string;
  reason: ReportReason;
  message: string | null;
  createdAt: string;
  handledAt: string | null;
  resolution: string | null;
}

export type NewReport = Omit<Report, 'id' | 'createdAt' | 'handledAt' | 'resolution'>;

/** Un lien à usage unique enregistré (le lien lui-même est signé, voir tokens.ts). */
export interface StoredToken {
  nonce: string;
  purpose: string;
  subjectId: string;
  expiresAt: string;
}

/** Un e-mail de la boîte d'envoi, tel que le travailleur le réserve. */
export interface OutboxMessage {
  id: number;
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  kind: string;
  refId: string | null;
  attempts: number;
}

/** Un e-mail à mettre dans la boîte d'envoi (son numéro et ses tentatives viennent du stockage). */
export type NewOutboxMessage = Omit<OutboxMessage, 'id' | 'attempts'> & {
  /** L'adresse est effacée dès l'envoi (ou l'abandon) : la personne ne l'a donnée que pour ce message. */
  forgetRecipient?: boolean;
};

export interface OutboxCounts {
  pending: number;
  sent: number;
  failed: number;
}

export interface Moderator {
  id: number;
  email: string;
  passwordHash: string;
  demo: boolean;
}

export interface StoredSession {
  moderatorId: number;
  email: string;
  csrf: string;
}

export interface ContactStore {
  /** Unité de travail (voir l'en-tête). */
  transaction<T>(fn: () => T): T;
  close(): void;

  // Réglages (clé → valeur)
  getSetting(key: string): string | undefined;
  setSetting(key: string, value: string): void;
  /** Écrit la valeur si la clé est absente ; rend la valeur gardée. */
  setSettingIfAbsent(key: string, value: string): string;

  // Pros
  /** Nouveau profil « unverified », identifiant public aléatoire. */
  insertPro(input: NewPro, now: Date): Pro;
  getPro(id: string): Pro | undefined;
  getProByEmail(email: string): Pro | undefined;
  /** Par date d'inscription. */
  listProsByStatus(status: Pro['status']): Pro[];
  /** Pros d'un statut, avec le nombre de demandes transmises depuis `monthStart`. */
  listProsWithMonthCount(status: Pro['status'], monthStart: string): { pro: Pro; requestsThisMonth: number }[];
  /** Demandes transmises au pro (adresses confirmées) depuis `since` ; les non confirmées ne comptent pas. */
  countRequestsSince(proId: string, since: string): number;
  /** Change le statut ; les champs absents gardent leur valeur, sauf la raison et le commentaire de refus (effacés). */
  updateProStatus(id: string, status: Pro['status'], fields?: ProStatusFields): void;
  /** Pause (avec sa raison) ou reprise ; la reprise remet à zéro les expirations de suite. */
  setProPaused(id: string, paused: boolean, reason: Pro['pauseReason']): void;
  updateProSettings(id: string, settings: ProSettingsFields): void;
  markProDemo(id: string): void;
  /** Profils de démonstration non supprimés. */
  countDemoPros(): number;
  setConsecutiveExpiries(id: string, n: number): void;
  /** Efface les données personnelles ; le profil reste (statut « deleted ») pour les statistiques. */
  erasePro(id: string): void;
  /** Supprime les inscriptions jamais confirmées créées avant `before`. */
  deleteUnverifiedBefore(before: string): number;

  // Demandes
  /** Nouvelle demande « unconfirmed » : rien n'est transmis avant la confirmation des adresses. */
  insertRequest(input: NewRequest, now: Date): ContactRequest;
  /** Note la confirmation d'une adresse d'une demande non confirmée ; faux si déjà notée ou demande plus en attente de confirmation. */
  confirmRequestAddress(id: string, role: 'requester' | 'guardian', now: Date): boolean;
  /** unconfirmed → pending : transmise au pro à `now` ; faux si elle n'était plus non confirmée. */
  markRequestRelayed(id: string, now: Date): boolean;
  /** unconfirmed → expired, données personnelles effacées tout de suite (adresse jamais vérifiée). */
  expireUnconfirmedRequest(id: string, now: Date): boolean;
  /** Demandes non confirmées créées au plus tard à `before`. */
  listUnconfirmedRequestsBefore(before: string): ContactRequest[];
  getRequest(id: string): ContactRequest | undefined;
  getRequestByIdempotencyKey(key: string): ContactRequest | undefined;
  /**
   * Clôt une demande EN ATTENTE seulement (garde du stockage, en plus de la table des
   * transitions : deux clics simultanés ne la clôturent pas deux fois) ; faux sinon.
   */
  closeRequest(id: string, status: 'accepted' | 'declined' | 'expired', now: Date, decline?: { reason: string; comment: string | null }): boolean;
  markReminded(id: string, now: Date): void;
  /** Demandes en attente transmises au plus tard à `before`, les plus anciennes d'abord. */
  listPendingRequestsBefore(before: string): ContactRequest[];
  listPendingRequestsOfPro(proId: string): ContactRequest[];
  /** Efface les données personnelles des demandes closes avant `before`. */
  purgeClosedRequestsBefore(before: string, now: Date): number;
  /** Les demandes transmises au pro (date = transmission) ; les non confirmées n’entrent pas dans les statistiques. */
  listRequestStatRows(): RequestStatRow[];

  // Signalements
  insertReport(report: NewReport, now: Date): number;
  getReport(id: number): Report | undefined;
  /** Signalements non traités, les plus anciens d'abord. */
  listOpenReports(): Report[];
  /** Clôt un signalement non traité ; faux s'il l'était déjà. */
  markReportHandled(id: number, moderatorId: number, resolution: string, now: Date): boolean;
  purgeHandledReportsBefore(before: string): number;

  // Liens à usage unique
  insertToken(token: StoredToken): void;
  /** null : pas encore utilisé ; undefined : inconnu. */
  tokenUsedAt(nonce: string, purpose: string): string | null | undefined;
  /** Marque le lien utilisé ; faux s'il l'était déjà. */
  consumeToken(nonce: string, now: Date): boolean;
  purgeExpiredTokens(now: Date): number;

  // Boîte d'envoi
  enqueueMail(mail: NewOutboxMessage, now: Date): void;
  /** Réserve (jusqu'à `lockUntil`) au plus `limit` messages dus et non réservés, par ordre d'arrivée. */
  claimDueMails(now: Date, limit: number, lockUntil: Date): OutboxMessage[];
  markMailSent(id: number, attempts: number, now: Date): void;
  markMailFailed(id: number, failure: { dead: boolean; attempts: number; nextAttemptAt: Date; error: string }): void;
  outboxCounts(): OutboxCounts;
  /** Le texte du dernier e-mail d'une sorte pour une entité (démonstration). */
  lastMailText(kind: string, refId: string): string | undefined;
  /** Efface les messages envoyés ou abandonnés créés avant `before`. */
  purgeSentMailsBefore(before: string): number;

  // Modération
  getModeratorByEmail(email: string): Moderator | undefined;
  insertModerator(email: string, passwordHash: string, now: Date): void;
  updateModeratorPassword(email: string, passwordHash: string): void;
  markModeratorDemo(id: number): void;
  deleteDemoModerators(): number;
  insertSession(session: { idHash: string; moderatorId: number; csrf: string; expiresAt: Date }): void;
  /** La session non expirée de ce hachage d'identifiant. */
  findSession(idHash: string, now: Date): StoredSession | undefined;
  deleteSession(idHash: string): void;
  purgeExpiredSessions(now: Date): number;
}
