/**
 * Les pros de démonstration (data/demo/pros.json) inscrits par le vrai parcours dans une vraie
 * base SQLite temporaire : comptes par département, métier, mode et état ; passage par les cas
 * d'usage (e-mails, liens de confirmation consommés, modération) ; idempotence ; tout ou rien ;
 * compte de modération de démonstration refusé en production.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkCredentials, upsertModerator } from '../../../src/contact/admin-auth';
import { browsePros } from '../../../src/contact/directory';
import { monthStart } from '../../../src/contact/requests';
import {
  DemoSeedError,
  SEED_SETTING,
  demoModeratorPassword,
  ensureDemoModerator,
  loadDemoPros,
  seedDemoContact,
  startDemoContact,
  type DemoPros,
} from '../../../src/demo/contact-seed';
import { isReservedExampleEmail, unreservedHosts } from '../../../src/demo/reserved-domains';
import { EXCHANGE_MODES, type Pro } from '../../../src/domain/contact';
import { catalog, createBench, outbox, type TestBench } from './support';

const source = loadDemoPros();
const PDL = ['44', '49', '53', '72', '85'];

let bench: TestBench;
beforeEach(() => {
  bench = createBench(new Date('2026-11-20T10:00:00Z'));
});
afterEach(() => bench.close());

function allPros(b: TestBench): Pro[] {
  return (['unverified', 'pending', 'approved', 'rejected'] as const).flatMap((s) => b.store.listProsByStatus(s));
}

function visibleCards(b: TestBench) {
  return browsePros(b.ctx, { metierCode: null, origin: null, radiusKm: 30 });
}

/** Une copie modifiée du fichier de pros, écrite dans le dossier du banc. */
function variant(b: TestBench, edit: (data: DemoPros['data']) => void): DemoPros {
  const data = JSON.parse(readFileSync(source.file, 'utf8')) as DemoPros['data'];
  edit(data);
  const file = path.join(b.dir, 'pros.json');
  writeFileSync(file, JSON.stringify(data));
  return loadDemoPros(file);
}

describe('pros de démonstration', () => {
  it('le fichier décrit au moins 40 pros, dans les cinq départements, sur 25 métiers ou plus de l’offre de démonstration', () => {
    const pros = source.data.pros;
    expect(pros.length).toBeGreaterThanOrEqual(40);
    const offerRomes = new Set(catalog.offer().formations.flatMap((f) => f.romeCodes));
    const metiers = new Set(pros.flatMap((p) => p.metierCodes));
    expect(metiers.size).toBeGreaterThanOrEqual(25);
    for (const code of metiers) expect(offerRomes.has(code), code).toBe(true);
    for (const p of pros) expect(isReservedExampleEmail(p.email), p.email).toBe(true);
  });

  it('sont inscrits par le vrai parcours : inscription, lien de confirmation de l’e-mail, publication par la modération de démonstration', () => {
    const report = seedDemoContact(bench.ctx, source, { production: false });
    const n = source.data.pros.length;
    expect(report).toMatchObject({ alreadyApplied: false, created: n, demoPros: n });
    expect(bench.queued).toBe(1); // le travailleur d'envoi est réveillé une fois, après la transaction

    const pros = allPros(bench);
    expect(pros).toHaveLength(n);
    expect(pros.every((p) => p.demo)).toBe(true);
    const mails = outbox(bench.db);
    const byKind = (kind: string) => mails.filter((m) => m.kind === kind);
    // Chaque pro a reçu le lien de confirmation et s'en est servi (lien à usage unique consommé).
    expect(byKind('pro-verify')).toHaveLength(n);
    const verifyTokens = bench.db.prepare("SELECT COUNT(*) AS n FROM tokens WHERE purpose = 'verify' AND used_at IS NOT NULL").get() as { n: number };
    expect(Number(verifyTokens.n)).toBe(n);
    expect(pros.every((p) => p.verifiedAt !== null)).toBe(true);
    // Les liens des e-mails mènent au site (l'adresse publique du module).
    for (const m of byKind('pro-verify')) expect(m.text).toContain(`Confirmer mon adresse e-mail : ${bench.ctx.publicUrl}/rencontrer-un-pro/confirmer/?t=`);

    const states = (s: string) => source.data.pros.filter((p) => p.state === s);
    const moderatorId = report.moderator.id;
    const approved = bench.store.listProsByStatus('approved');
    expect(approved).toHaveLength(n - states('en-attente').length);
    expect(byKind('pro-approved')).toHaveLength(approved.length);
    const moderatedBy = bench.db.prepare("SELECT DISTINCT moderated_by AS m FROM pros WHERE status = 'approved'").all() as { m: number }[];
    expect(moderatedBy.map((r) => Number(r.m))).toEqual([moderatorId]);
    expect(bench.store.listProsByStatus('pending').map((p) => p.email).sort()).toEqual(states('en-attente').map((p) => p.email).sort());
    expect(approved.filter((p) => p.paused).map((p) => p.email).sort()).toEqual(states('en-pause').map((p) => p.email).sort());

    // Dates : l'horloge du module.
    expect(new Set(pros.map((p) => p.createdAt))).toEqual(new Set([bench.ctx.now().toISOString()]));

    // Au plafond : de vraies demandes, acceptées ou refusées depuis le lien de l'e-mail du pro.
    const capped = states('plafond-atteint');
    expect(capped.length).toBeGreaterThanOrEqual(2);
    for (const demo of capped) {
      const pro = bench.store.getProByEmail(demo.email) as Pro;
      expect(bench.store.countRequestsSince(pro.id, monthStart(bench.ctx.now()))).toBe(pro.monthlyCap);
    }
    const requestStatuses = bench.db.prepare('SELECT status, COUNT(*) AS n FROM requests GROUP BY status ORDER BY status').all() as { status: string; n: number }[];
    const expected = capped.flatMap((p) => p.requests.map((r) => (r.response === 'accepter' ? 'accepted' : 'declined')));
    expect(Object.fromEntries(requestStatuses.map((r) => [r.status, Number(r.n)]))).toEqual({
      accepted: expected.filter((s) => s === 'accepted').length,
      declined: expected.filter((s) => s === 'declined').length,
    });
    expect(byKind('request-new')).toHaveLength(expected.length);
    expect(byKind('request-accepted-pro')).toHaveLength(expected.filter((s) => s === 'accepted').length);
    expect(byKind('request-declined')).toHaveLength(expected.filter((s) => s === 'declined').length);
    // Un·e mineur·e dans les demandes : son parent a eu sa copie.
    expect(byKind('request-received-copy').length).toBe(capped.flatMap((p) => p.requests).filter((r) => r.guardianEmail).length);

    // Aucun e-mail vers un vrai domaine.
    expect(mails.flatMap((m) => unreservedHosts(`${m.to} ${m.text}`).filter((f) => f.kind === 'email'))).toEqual([]);
  });

  it('l’annuaire montre les pros publiés de chaque département, sur 25 métiers ou plus, avec chaque mode d’échange ; pas ceux en pause, au plafond ou en attente', () => {
    seedDemoContact(bench.ctx, source, { production: false });
    const cards = visibleCards(bench);
    const published = source.data.pros.filter((p) => p.state === 'publie');
    expect(cards).toHaveLength(published.length);
    expect(cards.length).toBeGreaterThanOrEqual(30);
    expect(cards.every((c) => c.demo)).toBe(true);
    const perDepartement = new Map(PDL.map((d) => [d, cards.filter((c) => c.departement === d).length]));
    for (const d of PDL) expect(perDepartement.get(d), d).toBeGreaterThanOrEqual(5);
    expect(new Set(cards.flatMap((c) => c.metiers.map((m) => m.code))).size).toBeGreaterThanOrEqual(25);
    for (const mode of EXCHANGE_MODES) expect(cards.filter((c) => c.modes.includes(mode)).length, mode).toBeGreaterThanOrEqual(3);
    const hidden = source.data.pros.filter((p) => p.state !== 'publie').map((p) => bench.store.getProByEmail(p.email)?.id);
    expect(hidden.length).toBeGreaterThanOrEqual(6);
    for (const id of hidden) expect(cards.map((c) => c.id)).not.toContain(id);
  });

  it('est idempotente : une seconde fois ne change rien ; un fichier modifié n’ajoute que les pros nouveaux', () => {
    const first = seedDemoContact(bench.ctx, source, { production: false });
    const mails = outbox(bench.db).length;
    expect(bench.store.getSetting(SEED_SETTING)).toBe(source.seedId);
    const again = seedDemoContact(bench.ctx, source, { production: false });
    expect(again).toMatchObject({ alreadyApplied: true, created: 0, demoPros: first.demoPros });
    expect(again.moderator).toEqual(first.moderator);
    expect(outbox(bench.db)).toHaveLength(mails);
    expect(allPros(bench)).toHaveLength(source.data.pros.length);

    const more = variant(bench, (data) => {
      data.pros.push({ ...data.pros[0]!, email: 'nouvelle.pro@example.org', firstName: 'Ysaline', requests: [] });
    });
    expect(more.seedId).not.toBe(source.seedId);
    const third = seedDemoContact(bench.ctx, more, { production: false });
    expect(third).toMatchObject({ alreadyApplied: false, created: 1, demoPros: first.demoPros + 1 });
    expect(bench.store.getProByEmail('nouvelle.pro@example.org')?.status).toBe('approved');
  });

  it('tout ou rien : un pro invalide annule toute la graine, avec un message qui le nomme', () => {
    const broken = variant(bench, (data) => {
      data.pros[5]!.presentation = 'Trop court';
    });
    expect(() => seedDemoContact(bench.ctx, broken, { production: false })).toThrow(/pro de démonstration .* refusé par le formulaire : presentation : Présentez-vous en 30 caractères au moins/);
    expect(allPros(bench)).toHaveLength(0);
    expect(outbox(bench.db)).toHaveLength(0);
    expect(bench.store.getSetting(SEED_SETTING)).toBeUndefined();
    const unknownMetier = variant(bench, (data) => {
      data.pros[0]!.metierCodes = ['A1101'];
    });
    expect(() => seedDemoContact(bench.ctx, unknownMetier, { production: false })).toThrow(/métier A1101 absent des données/);
    expect(() => variant(bench, (data) => (data.pros[0]!.email = 'vraie.personne@exemple.fr'))).toThrow(/nom réservé aux exemples/);
    expect(() => loadDemoPros(path.join(bench.dir, 'absent.json'))).toThrow(/lecture impossible de .*absent\.json/);
    expect(() => variant(bench, (data) => (data.pros[0]!.state = 'publie' as never, (data.pros[0]!.requests = [{ ...source.data.pros.find((p) => p.requests.length > 0)!.requests[0]! }])))).toThrow(/plafond-atteint/);
  });

  it('le compte de modération de démonstration se connecte avec le mot de passe affiché au démarrage', () => {
    const lines: string[] = [];
    const report = startDemoContact(bench.ctx, { production: false, demoData: true, log: (l) => lines.push(l) });
    expect(report).not.toBeNull();
    const { email, password } = report!.moderator;
    expect(email).toBe('moderation.demo@example.org');
    expect(password).toBe(demoModeratorPassword(bench.ctx.secret));
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(demoModeratorPassword('une-autre-cle-une-autre-cle-0123456789')).not.toBe(password);
    expect(lines.join('\n')).toContain(`e-mail ${email}, mot de passe ${password}`);
    expect(lines.join('\n')).toMatch(/\d+ pros de démonstration/);
    expect(checkCredentials(bench.store, email, password)).toBe(report!.moderator.id);
    // Sans données de démonstration : rien n'est semé.
    const other = createBench();
    try {
      expect(startDemoContact(other.ctx, { production: false, demoData: false, log: () => {} })).toBeNull();
      expect(allPros(other)).toHaveLength(0);
    } finally {
      other.close();
    }
  });

  it('est refusée en production : ni pros ni compte de démonstration, et un compte existant est supprimé', () => {
    expect(() => seedDemoContact(bench.ctx, source, { production: true })).toThrow(DemoSeedError);
    expect(() => seedDemoContact(bench.ctx, source, { production: true })).toThrow('interdite en production');
    expect(() => ensureDemoModerator(bench.ctx, 'moderation.demo@example.org', true)).toThrow('interdite en production');
    expect(allPros(bench)).toHaveLength(0);

    // Une base de démonstration reprise en production : le compte de démonstration disparaît, un vrai compte reste.
    const report = seedDemoContact(bench.ctx, source, { production: false });
    upsertModerator(bench.store, 'vraie.moderatrice@example.org', 'un-mot-de-passe-long', bench.ctx.now());
    const lines: string[] = [];
    expect(startDemoContact(bench.ctx, { production: true, demoData: true, log: (l) => lines.push(l) })).toBeNull();
    expect(lines).toEqual(['[démo] 1 compte(s) de modération de démonstration supprimé(s) : interdits en production.']);
    expect(checkCredentials(bench.store, report.moderator.email, report.moderator.password)).toBeNull();
    expect(checkCredentials(bench.store, 'vraie.moderatrice@example.org', 'un-mot-de-passe-long')).not.toBeNull();
  });
});
