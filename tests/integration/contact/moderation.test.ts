/**
 * Cas d'usage de la modération (src/contact/moderation.ts), sur une vraie base SQLite temporaire :
 * traiter un signalement (pause du profil en cause + clôture, tout ou rien), la file, les statistiques.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleReport, moderationStats, openReports, pendingPros } from '../../../src/contact/moderation';
import { submitRequest } from '../../../src/contact/requests';
import { createBench, proInput, seedApprovedPro, sendConfirmed, type TestBench } from './support';

let bench: TestBench;
beforeEach(() => {
  bench = createBench();
});
afterEach(() => bench.close());

const REQUEST = { firstName: 'Léa', email: 'lea@example.org', situation: 'etudiant', ageBracket: '18-25', mode: 'telephone', message: 'Comment se passe une journée de travail ?', consent: 'oui' } as const;

describe('signalements', () => {
  it('sur une demande : le pro de la demande est mis en pause et le signalement clos avec la note', () => {
    const pro = seedApprovedPro(bench);
    const sent = sendConfirmed(bench, pro.id, null, REQUEST, 'cle-moderation-01');
    expect(sent.ok).toBe(true);
    const requestId = sent.ok ? sent.request.id : '';
    const id = bench.store.insertReport({ subjectKind: 'request', subjectId: requestId, reporter: 'requester', reason: 'comportement', message: 'insultes' }, bench.clock.now);
    expect(openReports(bench.ctx)).toEqual([expect.objectContaining({ id, request: expect.objectContaining({ id: requestId }), pro: expect.objectContaining({ id: pro.id }) })]);

    expect(handleReport(bench.ctx, id, 7, { pause: true, resolution: '  Profil suspendu  ' })).toEqual({ id });
    expect(bench.store.getPro(pro.id)).toMatchObject({ paused: true, pauseReason: 'pro' });
    expect(bench.store.getReport(id)).toMatchObject({ resolution: 'Profil suspendu', handledAt: bench.clock.now.toISOString() });
    expect(openReports(bench.ctx)).toEqual([]);
  });

  it('sur un profil, sans pause : clos avec « Traité » par défaut, le profil reste visible', () => {
    const pro = seedApprovedPro(bench);
    const id = bench.store.insertReport({ subjectKind: 'pro', subjectId: pro.id, reporter: 'pro', reason: 'spam', message: null }, bench.clock.now);
    expect(handleReport(bench.ctx, id, 7, { pause: false, resolution: '' })).toEqual({ id });
    expect(bench.store.getPro(pro.id)?.paused).toBe(false);
    expect(bench.store.getReport(id)?.resolution).toBe('Traité');
  });

  it('un signalement inconnu ne fait rien ; un profil supprimé n’est pas mis en pause (table des transitions)', () => {
    expect(handleReport(bench.ctx, 999, 7, { pause: true, resolution: 'x' })).toBeNull();
    const pro = seedApprovedPro(bench);
    bench.store.erasePro(pro.id);
    const id = bench.store.insertReport({ subjectKind: 'pro', subjectId: pro.id, reporter: 'pro', reason: 'donnees', message: null }, bench.clock.now);
    expect(handleReport(bench.ctx, id, 7, { pause: true, resolution: 'effacé' })).toEqual({ id });
    expect(bench.store.getPro(pro.id)).toMatchObject({ status: 'deleted', paused: false });
    expect(bench.store.getReport(id)?.resolution).toBe('effacé');
  });
});

describe('file et statistiques', () => {
  it('la file montre les profils confirmés en attente ; les statistiques comptent demandes et profils publiés', () => {
    const { consent: _consent, ...fields } = proInput({ email: 'attente@example.org' });
    const waiting = bench.store.insertPro(fields, bench.clock.now);
    bench.store.updateProStatus(waiting.id, 'pending');
    const pro = seedApprovedPro(bench);
    sendConfirmed(bench, pro.id, null, REQUEST, 'cle-moderation-02');
    expect(pendingPros(bench.ctx).map((p) => p.id)).toEqual([waiting.id]);
    const { stats, published } = moderationStats(bench.ctx, () => ({ slug: 'angers', name: 'Angers Loire' }));
    expect(published).toBe(1);
    expect(stats.total).toMatchObject({ requests: 1, accepted: 0 });
    expect(stats.byTerritoire.map((l) => l.label)).toEqual(['Angers Loire']);
  });
});
