/**
 * Cas d'usage de la modération (/admin) : la file des profils à relire, les signalements (lire,
 * mettre le profil en cause en pause, clore avec une note) et les statistiques.
 */
import { PUBLISHED_STATUS, canPro } from '../domain/contact-rules';
import type { ContactRequest, Pro } from '../domain/contact';
import type { ContactContext } from './context';
import type { Report } from './ports/store';
import { computeStats, type ContactStats } from './stats';

/** Les profils confirmés qui attendent la modération, les plus anciens d'abord. */
export function pendingPros(ctx: ContactContext): Pro[] {
  return ctx.store.listProsByStatus('pending');
}

export interface OpenReport extends Report {
  request: ContactRequest | undefined;
  pro: Pro | undefined;
}

/** Les signalements à traiter, avec la demande et le profil en cause. */
export function openReports(ctx: ContactContext): OpenReport[] {
  return ctx.store.listOpenReports().map((r) => {
    const request = r.subjectKind === 'request' ? ctx.store.getRequest(r.subjectId) : undefined;
    const pro = ctx.store.getPro(r.subjectKind === 'pro' ? r.subjectId : (request?.proId ?? ''));
    return { ...r, request, pro };
  });
}

/**
 * Traite un signalement, tout ou rien : met au besoin en pause le profil en cause (celui du
 * signalement, ou le pro de la demande signalée), puis clôt le signalement avec la note donnée
 * (« Traité » sans note). Rend null si le signalement n'existe pas.
 */
export function handleReport(ctx: ContactContext, reportId: number, moderatorId: number, input: { pause: boolean; resolution: string }): { id: number } | null {
  const report = ctx.store.getReport(reportId);
  if (!report) return null;
  const proId = report.subjectKind === 'pro' ? report.subjectId : ctx.store.getRequest(report.subjectId)?.proId;
  const pro = proId ? ctx.store.getPro(proId) : undefined;
  ctx.store.transaction(() => {
    // Un profil supprimé ne se met plus en pause (table des transitions).
    if (input.pause && pro && canPro(pro, 'pause')) ctx.store.setProPaused(pro.id, true, 'pro');
    ctx.store.markReportHandled(report.id, moderatorId, input.resolution.trim() || 'Traité', ctx.now());
  });
  return { id: report.id };
}

/** Les statistiques des demandes, et le nombre de profils publiés. */
export function moderationStats(
  ctx: ContactContext,
  territoireOf: (communeCode: string) => { slug: string; name: string } | null,
): { stats: ContactStats; published: number } {
  return {
    stats: computeStats(ctx.store.listRequestStatRows(), { metier: ctx.metierLabel, territoireOf }),
    published: ctx.store.listProsByStatus(PUBLISHED_STATUS).length,
  };
}
