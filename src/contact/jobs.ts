/**
 * Tâches planifiées, fonctions pures de l'horloge `ctx.now()` : relance à 3 jours, expiration à
 * 10 jours (et pause automatique après 3 expirations de suite), demandes non confirmées closes après
 * 48 heures (sans rien envoyer), purges de conservation.
 * Lancées par le serveur (toutes les 15 minutes) et par `scripts/contact-jobs.ts` (cron).
 */
import { canPro, isPublished } from '../domain/contact-rules';
import * as mails from './mail/templates';
import { PATHS } from './paths';
import { queue, reportLink, signedLink, type ContactContext } from './context';
import { purgeSentBefore } from './mail/outbox';
import { expireRequest, expireUnconfirmed, remindPro } from './requests';
import { CONFIRMATION_WINDOW_HOURS } from '../domain/contact-rules';

const DAY_MS = 86_400_000;

export const REMIND_AFTER_DAYS = 3;
export const EXPIRE_AFTER_DAYS = 10;
export const AUTO_PAUSE_AFTER_EXPIRIES = 3;
/** Conservation : demandes closes (données personnelles), 12 mois ; inscriptions non confirmées, 7 jours. */
export const REQUEST_RETENTION_DAYS = 365;
export const UNVERIFIED_RETENTION_DAYS = 7;
/** Les e-mails envoyés (qui contiennent des coordonnées) sont effacés de la boîte d'envoi après 30 jours. */
export const OUTBOX_RETENTION_DAYS = 30;

export interface JobsReport {
  reminded: number;
  expired: number;
  /** Demandes jamais confirmées, closes sans rien envoyer, données effacées. */
  expiredUnconfirmed: number;
  autoPaused: number;
  purgedRequests: number;
  purgedUnverifiedPros: number;
  purgedMails: number;
  purgedTokens: number;
  purgedReports: number;
  purgedSessions: number;
}

const daysBefore = (now: Date, days: number): string => new Date(now.getTime() - days * DAY_MS).toISOString();

export function runScheduledJobs(ctx: ContactContext): JobsReport {
  const now = ctx.now();
  const report = ctx.store.transaction((): JobsReport => {
    const r: JobsReport = {
      reminded: 0,
      expired: 0,
      expiredUnconfirmed: 0,
      autoPaused: 0,
      purgedRequests: 0,
      purgedUnverifiedPros: 0,
      purgedMails: 0,
      purgedTokens: 0,
      purgedReports: 0,
      purgedSessions: 0,
    };
    for (const request of ctx.store.listUnconfirmedRequestsBefore(new Date(now.getTime() - CONFIRMATION_WINDOW_HOURS * 3_600_000).toISOString())) {
      if (expireUnconfirmed(ctx, request)) r.expiredUnconfirmed++;
    }
    for (const request of ctx.store.listPendingRequestsBefore(daysBefore(now, EXPIRE_AFTER_DAYS))) {
      const pro = ctx.store.getPro(request.proId);
      if (!pro || !expireRequest(ctx, request, pro)) continue;
      r.expired++;
      const streak = pro.consecutiveExpiries + 1;
      ctx.store.setConsecutiveExpiries(pro.id, streak);
      if (streak >= AUTO_PAUSE_AFTER_EXPIRIES && !pro.paused && canPro(pro, 'auto-pause')) {
        ctx.store.setProPaused(pro.id, true, 'expirations');
        queue(ctx, {
          to: pro.email ?? '',
          kind: 'pro-auto-paused',
          refId: pro.id,
          ...mails.autoPaused(pro, signedLink(ctx, PATHS.manage, 'manage', pro.id), reportLink(ctx, `pro:${pro.id}`)),
        });
        r.autoPaused++;
      }
    }
    for (const request of ctx.store.listPendingRequestsBefore(daysBefore(now, REMIND_AFTER_DAYS))) {
      const pro = ctx.store.getPro(request.proId);
      // Un profil publié est relancé même en pause (la demande a été reçue avant la pause).
      if (request.remindedAt !== null || !pro || !isPublished(pro)) continue;
      if (remindPro(ctx, request, pro)) r.reminded++;
    }
    r.purgedRequests = ctx.store.purgeClosedRequestsBefore(daysBefore(now, REQUEST_RETENTION_DAYS), now);
    r.purgedUnverifiedPros = ctx.store.deleteUnverifiedBefore(daysBefore(now, UNVERIFIED_RETENTION_DAYS));
    r.purgedMails = purgeSentBefore(ctx.store, daysBefore(now, OUTBOX_RETENTION_DAYS));
    r.purgedTokens = ctx.store.purgeExpiredTokens(now);
    r.purgedReports = ctx.store.purgeHandledReportsBefore(daysBefore(now, REQUEST_RETENTION_DAYS));
    r.purgedSessions = ctx.store.purgeExpiredSessions(now);
    return r;
  });
  if (report.reminded + report.expired + report.autoPaused > 0) ctx.mailQueued();
  return report;
}
