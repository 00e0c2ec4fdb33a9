/**
 * « Ma sélection » de bout en bout sans navigateur : les vrais services (offre de la démo, métiers,
 * « Rencontrer un pro » sur une base SQLite temporaire, boîte d'envoi), une horloge fixe.
 * Lien court (création, code déjà pris, expiration, suppression, purge), envoi par e-mail (adresse
 * effacée dès l'envoi), éléments « plus proposés », comparaison (distances, coût pour une situation),
 * et la liste dans l'adresse (ajouter, retirer, retour sûr).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/clock';
import type { ContactConfig } from '../../../src/contact/config';
import { createContactService, type ContactService } from '../../../src/contact/service';
import { openSqliteContactStore, type SqliteContactStore } from '../../../src/contact/sqlite/store';
import { mailFolderTransport } from '../../../src/contact/mail/mail-folder';
import { createMetierIndex } from '../../../src/http/metiers';
import { createApiServices } from '../../../src/http/services';
import { safeReturnPath, selectionCarry, selectionFromParams, toggleFromParams } from '../../../src/http/selection-params';
import { createSelectionService, type SelectionService } from '../../../src/selection/service';
import { itemName } from '../../../src/selection/items';
import { comparePage, selectionPage, shareEntry, shortLinkPage } from '../../../src/selection/pages';
import { createShortLink, mailShortLink, openShortLink } from '../../../src/selection/short-links';
import { qrSvg } from '../../../src/selection/qrcode';
import { itemToken, type SelectionItem } from '../../../src/domain/selection';
import { catalog, geo, proInput } from '../contact/support';
import { DEMO_SHORT_CODE, demoSelectionItems, seedDemoSelection } from '../../../src/demo/selection-seed';

const api = createApiServices();
const today = catalog.manifest().referenceDate ?? '2026-12-01';

let dir: string;
let store: SqliteContactStore;
let contact: ContactService;
let selection: SelectionService;
let now: Date;
const clock: Clock = { now: () => new Date(now) };

function config(): ContactConfig {
  return {
    production: false,
    dbPath: path.join(dir, 'contact.sqlite'),
    secret: 'secret-de-test-secret-de-test-0123456789',
    publicUrl: 'https://versmonmetier.example.org',
    smtp: null,
    mailFrom: 'versmonmétier <ne-pas-repondre@example.org>',
    mailDir: path.join(dir, 'mails'),
    rateLimitScale: 1,
    rateLimitStore: { kind: 'memory' },
  };
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'selection-'));
  now = new Date(`${today}T09:00:00.000Z`);
  const cfg = config();
  store = openSqliteContactStore(cfg.dbPath);
  contact = createContactService({
    clock,
    geo,
    metiers: { index: createMetierIndex(catalog.listMetiers()), getMetier: (code) => catalog.getMetier(code) },
    store,
    config: cfg,
    mailer: mailFolderTransport(cfg.mailDir, cfg.mailFrom),
    demoData: false,
    background: false,
  });
  selection = createSelectionService({ clock, details: api.details, getMetier: (code) => catalog.getMetier(code), contact });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Des cartes de la démo (leur identifiant = celui de leur première action). */
function cardIds(count: number, filter: (id: string) => boolean = () => true): string[] {
  const seen = new Set<string>();
  for (const action of catalog.offer().actions) {
    const card = api.details.card(action.id);
    if (card && filter(card.id)) seen.add(card.id);
    if (seen.size === count) break;
  }
  return [...seen];
}

const f = (id: string, note = ''): SelectionItem => ({ kind: 'formation', id, note });
const ctx = () => ({ today, situation: {} });

describe('lien court', () => {
  it('garde les éléments et les notes, 90 jours, puis « expiré » ; le code est tiré de nouveau s’il est pris', () => {
    const share = selection.share!;
    const [a, b] = cardIds(2);
    const codes = ['2', '2', '2', '2', '2', '2', '3', '3', '3', '3', '3', '3'].map((c) => '23456789abcdefghjkmnpqrstuvwxyz'.indexOf(c));
    const fixed = { ...share, randomIndex: () => codes.shift() ?? 0 };
    const first = createShortLink({ ...fixed, randomIndex: () => 0 }, [f(a!, 'bus depuis Cholet'), { kind: 'metier', id: 'J1501', note: '' }]);
    expect(first).toMatchObject({ ok: true, code: '222222', url: 'https://versmonmetier.example.org/s/222222' });
    const second = createShortLink(fixed, [f(b!)]);
    expect(second).toMatchObject({ ok: true, code: '333333' });
    const opened = openShortLink(share, '222222');
    expect(opened).toMatchObject({ state: 'active', items: [f(a!, 'bus depuis Cholet'), { kind: 'metier', id: 'J1501', note: '' }] });
    // Ce qui est en base : les jetons et les notes, rien d'autre.
    const row = store.db.prepare('SELECT * FROM short_links WHERE code = ?').get('222222') as Record<string, unknown>;
    expect(Object.keys(row).sort()).toEqual(['code', 'created_at', 'deleted_at', 'expires_at', 'items']);
    expect(JSON.parse(String(row.items))).toEqual([{ t: `f:${a}`, n: 'bus depuis Cholet' }, { t: 'm:J1501', n: '' }]);

    now = new Date(now.getTime() + 90 * 86_400_000 - 1000);
    expect(openShortLink(share, '222222').state).toBe('active');
    now = new Date(now.getTime() + 1000);
    expect(openShortLink(share, '222222')).toMatchObject({ state: 'expired', message: expect.stringContaining('90 jours') });
    // À la création suivante, les liens expirés perdent leurs éléments (le code reste réservé).
    createShortLink(share, [f(b!)]);
    expect(String((store.db.prepare('SELECT items FROM short_links WHERE code = ?').get('222222') as { items: string }).items)).toBe('[]');
    expect(openShortLink(share, '222222').state).toBe('expired');
    expect(openShortLink(share, 'zzzzzz').state).toBe('unknown');
    expect(openShortLink(share, null).state).toBe('unknown');
  });

  it('vide : refusé avec un message ; code toujours pris : « réessayez », rien d’écrit', () => {
    const share = selection.share!;
    expect(createShortLink(share, [])).toEqual({ ok: false, message: expect.stringContaining('vide') });
    createShortLink({ ...share, randomIndex: () => 0 }, [f('x')]);
    expect(createShortLink({ ...share, randomIndex: () => 0 }, [f('y')])).toEqual({ ok: false, message: expect.stringContaining('Réessayez') });
    expect(Number((store.db.prepare('SELECT COUNT(*) AS n FROM short_links').get() as { n: number }).n)).toBe(1);
  });

  it('supprimé : les éléments sont effacés, la page le dit (pas « inconnu »), le code n’est jamais redonné', async () => {
    const [a] = cardIds(1);
    const step = await shareEntry('POST', new URLSearchParams([['e', `f:${a}`], ['n', 'ma note']]), selection, '127.0.0.1');
    expect(step.kind).toBe('redirect');
    const code = step.kind === 'redirect' ? step.to.slice(3) : '';
    const form = new FormData();
    form.set('action', 'supprimer');
    const removed = await shortLinkPage({ method: 'POST', code, form, ip: '127.0.0.1' }, selection, { ...ctx(), publicUrl: 'https://versmonmetier.example.org', qr: qrSvg });
    expect(removed.state).toBe('removed');
    expect(String((store.db.prepare('SELECT items FROM short_links WHERE code = ?').get(code) as { items: string }).items)).toBe('[]');
    const again = await shortLinkPage({ method: 'GET', code, form: null, ip: '127.0.0.1' }, selection, { ...ctx(), publicUrl: 'https://versmonmetier.example.org', qr: qrSvg });
    expect(again).toMatchObject({ state: 'deleted', message: expect.stringContaining('supprimé') });
    expect(createShortLink({ ...selection.share!, randomIndex: () => 0 }, [f('z')]).ok).toBe(true);
    expect(store.db.prepare('SELECT code FROM short_links WHERE deleted_at IS NULL').all().map((r) => (r as { code: string }).code)).not.toContain(code);
  });

  it('la page d’un lien : un code QR par élément proposé, celui du lien mène au lien ; un code mal formé est « inconnu »', async () => {
    const [a, b] = cardIds(2);
    const created = createShortLink(selection.share!, [f(a!), f(b!), f('VMM-RETIREE'), { kind: 'metier', id: 'J1501', note: '' }]);
    const code = created.ok ? created.code : '';
    const urls: string[] = [];
    const view = await shortLinkPage({ method: 'GET', code, form: null, ip: '127.0.0.1' }, selection, {
      ...ctx(),
      publicUrl: 'https://versmonmetier.example.org',
      qr: async (url) => {
        urls.push(url);
        return `<svg data-url="${url}"></svg>`;
      },
    });
    expect(view.state).toBe('active');
    if (view.state !== 'active') return;
    expect(urls[urls.length - 1]).toBe(`https://versmonmetier.example.org/s/${code}`);
    expect(urls).toContain(`https://versmonmetier.example.org/formations/${a}`);
    expect(view.qr.items.has('f:VMM-RETIREE')).toBe(false);
    expect(view.qr.items.size).toBe(3);
    expect(view.groups.map((g) => [g.title, g.items.length])).toEqual([['Formations', 3], ['Métier', 1]]);
    const bad = await shortLinkPage({ method: 'GET', code: '<script>', form: null, ip: '127.0.0.2' }, selection, { ...ctx(), publicUrl: '', qr: qrSvg });
    expect(bad.state).toBe('unknown');
  });

  it('trop d’essais de codes inconnus depuis une même adresse IP : 429 en français', async () => {
    let last = '';
    for (let i = 0; i < 121; i++) {
      const v = await shortLinkPage({ method: 'GET', code: 'zzzzzz', form: null, ip: '10.0.0.9' }, selection, { ...ctx(), publicUrl: '', qr: qrSvg });
      last = v.state;
    }
    expect(last).toBe('limited');
  });

  it('QR : un SVG décoratif (aria-hidden), pour l’adresse donnée', async () => {
    const svg = await qrSvg('https://versmonmetier.example.org/s/k7m2qa');
    expect(svg.startsWith('<svg aria-hidden="true" focusable="false" ')).toBe(true);
    expect(svg).toContain('<path');
    expect(await qrSvg('https://versmonmetier.example.org/s/k7m2qb')).not.toBe(svg);
  });
});

describe('la sélection de démonstration', () => {
  it('créée par le vrai parcours au code « vmmdem », gardée, refaite quand elle a expiré ; jamais en production', () => {
    const items = demoSelectionItems(catalog.offer(), (id) => api.details.card(id)?.id);
    expect(items.map((i) => i.kind)).toEqual(['formation', 'formation', 'formation', 'metier']);
    for (const item of items.filter((i) => i.kind === 'formation')) expect(api.details.get(item.id)?.formation.metiers.map((m) => m.code)).toContain('J1501');
    expect(seedDemoSelection(selection.share!, items)).toBe(DEMO_SHORT_CODE);
    const first = store.db.prepare('SELECT created_at FROM short_links WHERE code = ?').get(DEMO_SHORT_CODE) as { created_at: string };
    now = new Date(now.getTime() + 86_400_000);
    expect(seedDemoSelection(selection.share!, items)).toBe(DEMO_SHORT_CODE);
    expect((store.db.prepare('SELECT created_at FROM short_links WHERE code = ?').get(DEMO_SHORT_CODE) as { created_at: string }).created_at).toBe(first.created_at);
    now = new Date(now.getTime() + 95 * 86_400_000);
    expect(openShortLink(selection.share!, DEMO_SHORT_CODE).state).toBe('expired');
    expect(seedDemoSelection(selection.share!, items)).toBe(DEMO_SHORT_CODE);
    expect(openShortLink(selection.share!, DEMO_SHORT_CODE)).toMatchObject({ state: 'active', items });
    const production = createSelectionService({ clock, details: api.details, getMetier: (code) => catalog.getMetier(code), contact: { ...contact, config: { ...contact.config, production: true } }, demo: items });
    expect(production.demoCode).toBeNull();
  });
});

describe('envoyer par e-mail', () => {
  it('part par la boîte d’envoi ; l’adresse est effacée dès l’envoi ; le message porte le lien', async () => {
    const [a] = cardIds(1);
    const created = createShortLink(selection.share!, [f(a!)]);
    const code = created.ok ? created.code : '';
    expect(mailShortLink(selection.share!, code, 'pas-une-adresse', ['x'])).toEqual({ ok: false, field: 'email', message: expect.stringContaining('Adresse e-mail invalide') });
    expect(mailShortLink(selection.share!, code, ' Marie.Dupont@Example.org ', ['CAP Cuisine'])).toEqual({ ok: true });
    const queued = store.db.prepare("SELECT to_addr, status FROM outbox WHERE kind = 'selection-share'").all() as { to_addr: string; status: string }[];
    expect(queued).toEqual([{ to_addr: 'marie.dupont@example.org', status: 'pending' }]);
    await contact.flushMail();
    expect(store.db.prepare("SELECT to_addr, status FROM outbox WHERE kind = 'selection-share'").all()).toEqual([{ to_addr: '', status: 'sent' }]);
    const eml = readdirSync(path.join(dir, 'mails')).find((name) => name.includes('selection-share'));
    const text = readFileSync(path.join(dir, 'mails', eml!), 'utf8');
    expect(text).toContain(`https://versmonmetier.example.org/s/${code}`);
    // Un lien supprimé ou expiré ne s'envoie plus.
    now = new Date(now.getTime() + 91 * 86_400_000);
    expect(mailShortLink(selection.share!, code, 'marie@example.org', [])).toMatchObject({ ok: false, field: null, message: expect.stringContaining('expiré') });
  });

  it('un message abandonné (après tous les essais) perd aussi son adresse', () => {
    store.enqueueMail({ messageId: '<x@test>', to: 'a@example.org', subject: 's', text: 't', html: 'h', kind: 'selection-share', refId: null, forgetRecipient: true }, now);
    store.enqueueMail({ messageId: '<y@test>', to: 'b@example.org', subject: 's', text: 't', html: 'h', kind: 'pro-verify', refId: null }, now);
    for (const row of store.claimDueMails(now, 10, new Date(now.getTime() + 1000))) store.markMailFailed(row.id, { dead: true, attempts: 15, nextAttemptAt: now, error: 'x' });
    expect(store.db.prepare('SELECT kind, to_addr FROM outbox ORDER BY id').all()).toEqual([
      { kind: 'selection-share', to_addr: '' },
      { kind: 'pro-verify', to_addr: 'b@example.org' },
    ]);
  });
});

describe('la sélection et la comparaison sur l’offre de la démo', () => {
  it('chaque sorte est lue ; ce qui n’existe plus est dit « plus proposé », jamais une erreur', () => {
    const [a] = cardIds(1);
    const view = selectionPage(new URLSearchParams([['e', `f:${a}`], ['e', 'f:VMM-RETIREE'], ['e', 'm:J1501'], ['e', 'm:Z9999'], ['e', 'p:inconnu'], ['e', 'bad']]), selection.items, ctx());
    expect(view.redirect).toBeNull();
    expect(view.groups.map((g) => [g.kind, g.items.map((i) => i.available)])).toEqual([
      ['formation', [true, false]],
      ['metier', [true, false]],
      ['pro', [false]],
    ]);
    expect(view.messages[0]).toContain('n’a pas pu être lu');
    const training = view.groups[0]!.items[0]!;
    expect(training).toMatchObject({ kind: 'formation', available: true, href: expect.stringMatching(/^\/formations\//), meetingHref: expect.stringMatching(/\/rendez-vous$/) });
  });

  it('une action réunie dans une carte est retrouvée par sa carte', () => {
    const merged = catalog.offer().actions.find((a) => api.details.card(a.id)!.id !== a.id);
    expect(merged, 'la démo a des cartes de plusieurs actions').toBeDefined();
    const view = selectionPage(new URLSearchParams([['e', `f:${merged!.id}`]]), selection.items, ctx());
    const item = view.groups[0]!.items[0]!;
    expect(item.available).toBe(true);
    expect('href' in item && item.href).toContain(encodeURIComponent(api.details.card(merged!.id)!.id));
  });

  it('sans JavaScript : ajouter puis retirer reviennent à l’adresse propre de la liste, notes et retour gardés', () => {
    const added = selectionPage(new URLSearchParams([['e', 'f:1'], ['n', 'note 1'], ['ajouter', 'm:J1501'], ['retour', '/formations?q=cuisine']]), selection.items, ctx());
    expect(added.redirect).toBe('/selection/?e=f%3A1&e=m%3AJ1501&n=note+1&n=&retour=%2Fformations%3Fq%3Dcuisine');
    const removed = selectionPage(new URLSearchParams([['e', 'f:1'], ['e', 'm:J1501'], ['retirer', 'f:1']]), selection.items, ctx());
    expect(removed.redirect).toBe('/selection/?e=m%3AJ1501');
    const back = selectionPage(new URLSearchParams([['e', 'm:J1501'], ['retour', '/formations?q=cuisine']]), selection.items, ctx());
    expect(back.back).toBe('/formations?q=cuisine&e=m%3AJ1501');
    expect(selectionPage(new URLSearchParams([['e', 'm:J1501'], ['retour', '//evil.example.com']]), selection.items, ctx()).back).toBeNull();
  });

  it('comparer : distances depuis la commune tapée, coût pour la situation, 12 lignes pareilles pour chaque formation', () => {
    const ids = cardIds(3, (id) => !api.details.get(id)!.a_distance);
    const params = new URLSearchParams([...ids.map((id) => ['comparer', `f:${id}`]), ['ou', 'Cholet'], ['inscrit_ft', 'oui']]);
    const view = comparePage(params, { ...selection.items, geo: api.geo }, today);
    expect(view.origin.commune?.name).toBe('Cholet');
    expect(view.situationGiven).toBe(true);
    expect(view.comparison.ok).toBe(true);
    if (!view.comparison.ok) return;
    for (const col of view.comparison.columns) {
      expect(col.available).toBe(true);
      if (!col.available) continue;
      expect(Object.keys(col.cells)).toHaveLength(12);
      expect(col.cells.lieu).toMatch(/ km de Cholet$/);
      for (const text of Object.values(col.cells)) expect(text.trim().length).toBeGreaterThan(2);
    }
    const without = comparePage(new URLSearchParams(ids.map((id) => ['comparer', `f:${id}`])), { ...selection.items, geo: api.geo }, today);
    expect(without.situationGiven).toBe(false);
    if (without.comparison.ok) for (const col of without.comparison.columns) if (col.available) expect(col.cells.lieu).not.toContain(' de ');
  });

  it('comparer : plus de 4, une seule, une commune inconnue ; une formation retirée garde sa colonne', () => {
    const ids = cardIds(5);
    const five = comparePage(new URLSearchParams(ids.map((id) => ['comparer', `f:${id}`])), { ...selection.items, geo: api.geo }, today);
    expect(five.comparison).toMatchObject({ ok: false, reason: 'trop', message: expect.stringContaining('4 au plus') });
    const one = comparePage(new URLSearchParams([['e', `f:${ids[0]}`]]), { ...selection.items, geo: api.geo }, today);
    expect(one.comparison).toMatchObject({ ok: false, reason: 'une-seule' });
    const gone = comparePage(new URLSearchParams([['e', `f:${ids[0]}`], ['e', 'f:VMM-RETIREE'], ['ou', 'Zzzzville']]), { ...selection.items, geo: api.geo }, today);
    expect(gone.origin.message).toContain('Distances non calculées');
    expect(gone.comparison.ok && gone.comparison.columns.map((c) => c.available)).toEqual([true, false]);
  });
});

describe('chaque case de la comparaison dit ce que dit la fiche', () => {
  it('sur toutes les cartes de la démo : dates à venir, qui paie, avis, insertion, rythme, niveau demandé', () => {
    const ids = cardIds(400);
    let withRhythm = 0;
    let withoutDates = 0;
    let withCpf = 0;
    let withReviews = 0;
    for (let i = 0; i + 1 < ids.length; i += 2) {
      const pair = [ids[i]!, ids[i + 1]!];
      const view = comparePage(new URLSearchParams([...pair.map((id) => ['comparer', `f:${id}`]), ['ou', 'Laval'], ['inscrit_ft', 'oui']]), { ...selection.items, geo: api.geo }, today);
      expect(view.comparison.ok).toBe(true);
      if (!view.comparison.ok) continue;
      expect(view.comparison.origin).toBe('Laval');
      view.comparison.columns.forEach((col, c) => {
        const d = api.details.get(pair[c]!)!;
        expect(col.available).toBe(true);
        if (!col.available) return;
        expect(col.href).toMatch(/\?inscrit_ft=oui$/);
        const actions = d.carte.actions.map((a) => api.details.get(a)!);
        const upcoming = actions.flatMap((a) => a.sessions).filter((s) => s.fin === null || s.fin >= today);
        if (upcoming.length === 0) {
          withoutDates++;
          expect(col.cells.dates).toBe('Aucune date annoncée');
        } else {
          expect(col.cells.dates.split(' ; ').length).toBe(Math.min(2, upcoming.length));
          // Une session finie n'est jamais annoncée.
          for (const s of actions.flatMap((a) => a.sessions).filter((x) => x.fin !== null && x.fin < today)) expect(col.cells.dates).not.toContain(`fin le ${s.fin}`);
        }
        const funders = [...new Set(actions.flatMap((a) => a.financement.financeurs.map((x) => x.libelle)))];
        for (const name of funders) expect(col.cells.payeurs).toContain(name);
        const cpf = actions.some((a) => a.financement.cpf);
        if (cpf) withCpf++;
        expect(col.cells.payeurs.includes('compte personnel de formation'), pair[c]).toBe(cpf);
        if (funders.length === 0 && !cpf) expect(col.cells.payeurs).toBe('Non précisé par l’organisme');
        const r = d.avis.resume;
        if (r && r.nombre > 0) {
          withReviews++;
          expect(col.cells.avis).toContain(String(r.nombre));
        } else expect(col.cells.avis).toBe('Pas encore d’avis');
        expect(col.cells.insertion).toBe(d.insertion.statut === 'affiche' ? d.insertion.libelle : d.insertion.message);
        if (d.rythme) {
          withRhythm++;
          expect(col.cells.duree).toContain(d.rythme);
        }
        expect(col.cells.prerequis.startsWith(d.formation.niveau_entree === null ? 'Aucun niveau exigé' : 'Niveau demandé : ')).toBe(true);
        if (d.prerequis) expect(col.cells.prerequis).toContain(d.prerequis);
        expect(col.cells.lieu).toBe(d.a_distance ? 'À distance, depuis chez vous' : `${d.lieu.commune} — ${col.cells.lieu.split(' — ')[1]}`);
        if (!d.a_distance) expect(col.cells.lieu).toMatch(/ km de Laval$/);
      });
    }
    // La démo a de tout : des cartes avec CPF, avec avis, avec un rythme (et chaque carte des dates à venir ou « aucune »).
    expect({ withRhythm: withRhythm > 0, withCpf: withCpf > 0, withReviews: withReviews > 0, withoutDates }).toEqual({ withRhythm: true, withCpf: true, withReviews: true, withoutDates });
  });
});

describe('les éléments de la sélection', () => {
  it('un pro publié est lu avec ses métiers et sa commune ; en pause ou retiré, « plus disponible »', () => {
    const pro = store.transaction(() => {
      const { consent: _consent, ...fields } = proInput({ metierCodes: ['J1501'], communeCode: '49099' });
      const inserted = store.insertPro(fields, now);
      store.updateProStatus(inserted.id, 'approved', { verifiedAt: now.toISOString(), moderatedAt: now.toISOString() });
      return inserted;
    });
    const view = selectionPage(new URLSearchParams([['e', `p:${pro.id}`], ['e', 'f:VMM-RETIREE'], ['e', 'm:Z9999']]), selection.items, ctx());
    // Rangés par sorte : formations, métiers, pros.
    const [gone, metier, p] = view.groups.flatMap((g) => g.items);
    expect(p).toMatchObject({ kind: 'pro', available: true, name: 'Camille M.', commune: 'Cholet', href: `/rencontrer-un-pro/pro/${pro.id}/` });
    expect('metiers' in p! && p.metiers).toBe(catalog.getMetier('J1501')!.label);
    expect(itemName(p!)).toBe('Camille M.');
    expect(itemName(gone!)).toBe('Formation plus proposée');
    expect(itemName(metier!)).toBe('Métier introuvable');
    store.setProPaused(pro.id, true, 'pro');
    const paused = selectionPage(new URLSearchParams([['e', `p:${pro.id}`]]), selection.items, ctx());
    const item = paused.groups[0]!.items[0]!;
    expect(item.available).toBe(false);
    expect(itemName(item)).toBe('Pro plus disponible');
  });

  it('une formation : le nom, le lieu, le coût et la prochaine étape de sa fiche', () => {
    const remote = cardIds(2000, (id) => api.details.get(id)!.a_distance)[0];
    const local = cardIds(1, (id) => !api.details.get(id)!.a_distance)[0];
    const view = selectionPage(new URLSearchParams([['e', `f:${local}`], ...(remote ? [['e', `f:${remote}`]] : [])]), selection.items, { today, situation: { franceTravail: true } });
    const [a, b] = view.groups[0]!.items;
    const d = api.details.get(local!)!;
    expect(a).toMatchObject({ token: `f:${local}`, title: d.formation.intitule, organisme: d.organisme.nom, place: d.lieu.commune, href: expect.stringContaining('?inscrit_ft=oui') });
    expect('cost' in a! && a.cost.length).toBeGreaterThan(10);
    expect('pay' in a! && a.pay.length).toBeGreaterThan(5);
    if (remote) expect(b).toMatchObject({ place: 'À distance' });
  });
});

describe('la liste dans l’adresse', () => {
  it('retirer n’enlève que l’élément de cette sorte ; ajouter ce qui y est déjà ne change rien', () => {
    const { items } = selectionFromParams(new URLSearchParams([['e', 'f:J1501'], ['e', 'm:J1501'], ['e', 'f:2']]));
    expect(toggleFromParams(new URLSearchParams([['retirer', 'm:J1501']]), items)).toEqual({ items: [f('J1501'), f('2')], change: 'removed' });
    expect(toggleFromParams(new URLSearchParams([['retirer', 'f:2']]), items)?.items.map(itemToken)).toEqual(['f:J1501', 'm:J1501']);
    expect(toggleFromParams(new URLSearchParams([['ajouter', 'm:J1501']]), items)).toEqual({ items, change: 'added' });
    expect(toggleFromParams(new URLSearchParams([['ajouter', 'p:J1501']]), items)).toEqual({ items: [...items, { kind: 'pro', id: 'J1501', note: '' }], change: 'added' });
    expect(toggleFromParams(new URLSearchParams([['ajouter', `f:${'a'.repeat(100)}`]]), items)).toBeNull();
  });

  it('retour : 600 caractères au plus ; un caractère de contrôle n’importe où le refuse ; l’espace passe', () => {
    expect(safeReturnPath(`/${'a'.repeat(599)}`)).not.toBeNull();
    expect(safeReturnPath(`/${'a'.repeat(600)}`)).toBeNull();
    expect(safeReturnPath('/formations?q=aide soignante')).toBe('/formations?q=aide soignante');
    expect(safeReturnPath('/formations\u001f')).toBeNull();
    expect(safeReturnPath('/a\tb')).toBeNull();
  });

  it('les formations cochées : jetons valides seulement, et la liste lue au plus sur 60 valeurs de 2 000 caractères', () => {
    const view = comparePage(new URLSearchParams([['comparer', 'f:1'], ['comparer', 'nimporte'], ['comparer', 'm:J1501'], ['comparer', 'f:2']]), { ...selection.items, geo: api.geo }, today);
    expect(view.comparison.ok && view.comparison.columns.map((c) => c.id)).toEqual(['1', '2']);
    const many = new URLSearchParams(Array.from({ length: 100 }, (_, i) => ['e', `f:${i}`]));
    expect(selectionFromParams(many)).toEqual({ items: Array.from({ length: 30 }, (_, i) => f(String(i))), dropped: 30 });
    const long = new URLSearchParams([['e', 'f:1'], ['n', 'x'.repeat(5000)]]);
    expect(selectionFromParams(long).items[0]!.note).toHaveLength(500);
  });

  it('retour : un chemin du site seulement', () => {
    for (const bad of ['//evil.example.com', '/\\evil.example.com', 'https://evil.example.com', 'javascript:alert(1)', '', null, `/${'a'.repeat(700)}`, '/a\nb']) expect(safeReturnPath(bad)).toBeNull();
    expect(safeReturnPath('/formations?q=cuisine')).toBe('/formations?q=cuisine');
  });

  it('ajouter ce qui y est déjà ne double rien ; retirer l’emporte sur ajouter', () => {
    const { items } = selectionFromParams(new URLSearchParams([['e', 'f:1']]));
    expect(toggleFromParams(new URLSearchParams([['ajouter', 'f:1']]), items)?.items.map(itemToken)).toEqual(['f:1']);
    expect(toggleFromParams(new URLSearchParams([['ajouter', 'f:2'], ['retirer', 'f:1']]), items)?.items).toEqual([]);
    expect(toggleFromParams(new URLSearchParams([['ajouter', 'bad']]), items)).toBeNull();
  });

  it('ce qu’une page porte : la liste, et elle-même sans la liste', () => {
    const { carry, back } = selectionCarry(new URL('https://x.example.org/formations?q=cuisine&e=f%3A1&n=bus&ajouter=f%3A2&retour=%2Fx'));
    expect(carry).toEqual([['e', 'f:1'], ['n', 'bus']]);
    expect(back).toBe('/formations?q=cuisine');
  });
});
