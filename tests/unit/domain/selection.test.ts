/**
 * « Ma sélection » (src/domain/selection.ts) : jetons, liste lue d'une adresse ou de l'appareil,
 * bascule, comparaison (2 à 4), lien court (code, expiration, état), écran partagé (20 minutes).
 */
import { describe, expect, it } from 'vitest';
import {
  checkComparison,
  cleanNote,
  COMPARE_MAX,
  groupByKind,
  IDLE_CLEAR_MS,
  IDLE_WARNING_MS,
  idleStep,
  isShortCode,
  itemToken,
  MAX_NOTE_CHARS,
  MAX_SELECTION_ITEMS,
  normalizeShortCode,
  parseItemToken,
  readSelection,
  selectionFromJson,
  selectionToJson,
  SHORT_CODE_ALPHABET,
  SHORT_CODE_LENGTH,
  SHORT_LINK_DAYS,
  shortCodeFrom,
  shortLinkExpiry,
  shortLinkState,
  toggleItem,
  type SelectionItem,
} from '../../../src/domain/selection';

const f = (id: string, note = ''): SelectionItem => ({ kind: 'formation', id, note });

describe('jetons', () => {
  it.each([
    ['f:VMM-A0000001', { kind: 'formation', id: 'VMM-A0000001' }],
    ['m:J1501', { kind: 'metier', id: 'J1501' }],
    ['p:KCL2q9HyMu8w', { kind: 'pro', id: 'KCL2q9HyMu8w' }],
    ['f:a.b_c-9', { kind: 'formation', id: 'a.b_c-9' }],
  ])('%s est lu', (token, expected) => {
    expect(parseItemToken(token)).toEqual(expected);
    expect(itemToken(expected as SelectionItem)).toBe(token);
  });

  it.each(['', 'f:', 'f', 'x:1', 'F:1', 'f-1', 'f:a b', 'f:<script>', 'f:é', 'constructor', '__proto__:1', `f:${'a'.repeat(65)}`, 'f:a/b', 'm:J1501\n'])('« %s » est refusé', (token) => {
    expect(parseItemToken(token)).toBeNull();
  });

  it('les bornes des caractères permis : 0-9, A-Z, a-z, « - », « . », « _ »', () => {
    for (const ok of ['0', '9', 'A', 'Z', 'a', 'z', '-', '.', '_']) expect(parseItemToken(`f:${ok}`), ok).not.toBeNull();
    for (const bad of ['/', ':', '@', '[', '`', '{', '~', ' ', '+']) expect(parseItemToken(`f:${bad}`), bad).toBeNull();
  });

  it('un identifiant de 64 caractères passe, 65 non', () => {
    expect(parseItemToken(`f:${'a'.repeat(64)}`)).not.toBeNull();
    expect(parseItemToken(`f:${'a'.repeat(65)}`)).toBeNull();
  });
});

describe('readSelection / notes', () => {
  it('garde l’ordre, écarte doublons et jetons invalides, et les compte', () => {
    const { items, dropped } = readSelection(['f:1', 'bad', 'm:J1501', 'f:1', 'p:x'], ['n1', 'n-bad', 'n2', 'n-dup', '']);
    expect(items).toEqual([f('1', 'n1'), { kind: 'metier', id: 'J1501', note: 'n2' }, { kind: 'pro', id: 'x', note: '' }]);
    expect(dropped).toBe(2);
  });

  it('au plus MAX_SELECTION_ITEMS éléments ; ce qui dépasse est compté', () => {
    const tokens = Array.from({ length: MAX_SELECTION_ITEMS + 3 }, (_, i) => `f:${i}`);
    const { items, dropped } = readSelection(tokens);
    expect(items).toHaveLength(MAX_SELECTION_ITEMS);
    expect(dropped).toBe(3);
    // Une adresse démesurée n'est pas lue au-delà d'une borne.
    const huge = readSelection(Array.from({ length: MAX_SELECTION_ITEMS * 10 }, (_, i) => `f:${i}`));
    expect(huge.items).toHaveLength(MAX_SELECTION_ITEMS);
    expect(huge.dropped).toBe(MAX_SELECTION_ITEMS * 9);
  });

  it('sans notes données, chaque élément a une note vide', () => {
    expect(readSelection(['f:1', 'm:J1501']).items).toEqual([f('1'), { kind: 'metier', id: 'J1501', note: '' }]);
  });

  it('une note est bornée, sans caractères de contrôle, retours à la ligne gardés', () => {
    // Le texte reçu n'est lu que sur 2 × 500 caractères : 600 contrôles puis 500 « b » → 400 « b ».
    expect(cleanNote(`${'\u0001'.repeat(600)}${'b'.repeat(MAX_NOTE_CHARS)}`)).toBe('b'.repeat(400));
    expect(cleanNote(`${'a'.repeat(MAX_NOTE_CHARS - 1)}   zzz`)).toBe('a'.repeat(MAX_NOTE_CHARS - 1));
    expect(cleanNote(`${'a'.repeat(MAX_NOTE_CHARS)}\u0001b`)).toBe('a'.repeat(MAX_NOTE_CHARS));
    expect(cleanNote('  a\u0000b\nc\u0007  ')).toBe('ab\nc');
    expect(cleanNote('x'.repeat(MAX_NOTE_CHARS + 50))).toHaveLength(MAX_NOTE_CHARS);
    expect(cleanNote('é'.repeat(MAX_NOTE_CHARS))).toHaveLength(MAX_NOTE_CHARS);
  });

  it('forme gardée : aller-retour, et un texte abîmé ne donne que des éléments valides', () => {
    const items = [f('1', 'bus'), { kind: 'metier' as const, id: 'J1501', note: '' }];
    expect(selectionFromJson(selectionToJson(items))).toEqual(items);
    expect(selectionFromJson('{')).toEqual([]);
    expect(selectionFromJson('{"t":"f:1"}')).toEqual([]);
    expect(selectionFromJson(null)).toEqual([]);
    expect(selectionFromJson('x'.repeat(100_001))).toEqual([]);
    // Exactement 100 000 caractères : encore lu.
    const exact = `[{"t":"f:1","n":"${' '.repeat(100_000 - 20)}"}]`;
    expect(exact.length).toBe(100_000);
    expect(selectionFromJson(exact)).toEqual([f('1')]);
    expect(selectionFromJson('[null,{"t":"f:2"}]')).toEqual([f('2')]);
    expect(selectionFromJson('[{"t":"f:1","n":3},{"t":"zz"},null,7,{"t":"p:a","n":"ok"}]')).toEqual([f('1'), { kind: 'pro', id: 'a', note: 'ok' }]);
  });
});

describe('toggleItem / groupByKind', () => {
  it('ajoute, retire, refuse quand la liste est pleine', () => {
    const added = toggleItem([f('1')], { kind: 'formation', id: '2' });
    expect(added).toEqual({ items: [f('1'), f('2')], change: 'added' });
    expect(toggleItem(added.items, { kind: 'formation', id: '1' })).toEqual({ items: [f('2')], change: 'removed' });
    // Même identifiant, autre sorte : un autre élément.
    expect(toggleItem([f('J1501')], { kind: 'metier', id: 'J1501' }).change).toBe('added');
    const full = Array.from({ length: MAX_SELECTION_ITEMS }, (_, i) => f(String(i)));
    expect(toggleItem(full, { kind: 'pro', id: 'x' })).toEqual({ items: full, change: 'full' });
    // Pleine, on peut toujours retirer.
    expect(toggleItem(full, { kind: 'formation', id: '0' }).items).toHaveLength(MAX_SELECTION_ITEMS - 1);
  });

  it('range par sorte (formations, métiers, pros), chaque groupe dans l’ordre gardé, sans groupe vide', () => {
    const items = [{ kind: 'pro' as const, id: 'p' }, f('2'), { kind: 'metier' as const, id: 'm' }, f('1')];
    expect(groupByKind(items)).toEqual([
      { kind: 'formation', items: [f('2'), f('1')] },
      { kind: 'metier', items: [{ kind: 'metier', id: 'm' }] },
      { kind: 'pro', items: [{ kind: 'pro', id: 'p' }] },
    ]);
    expect(groupByKind([f('1')]).map((g) => g.kind)).toEqual(['formation']);
  });
});

describe('checkComparison', () => {
  it('de 2 à COMPARE_MAX formations ; métiers et pros ignorés ; doublons comptés une fois', () => {
    expect(checkComparison([f('1'), { kind: 'metier', id: 'm' }, f('2'), f('1')])).toEqual({ ok: true, ids: ['1', '2'] });
    expect(checkComparison(Array.from({ length: COMPARE_MAX }, (_, i) => f(String(i))))).toMatchObject({ ok: true });
  });

  it('aucune, une seule, trop : un message qui dit quoi faire', () => {
    expect(checkComparison([{ kind: 'pro', id: 'p' }])).toEqual({ ok: false, reason: 'aucune', count: 0, message: 'Choisissez au moins deux formations à comparer.' });
    expect(checkComparison([f('1')])).toMatchObject({ ok: false, reason: 'une-seule', message: expect.stringContaining('deuxième') });
    const five = checkComparison(Array.from({ length: COMPARE_MAX + 1 }, (_, i) => f(String(i))));
    expect(five).toMatchObject({ ok: false, reason: 'trop', count: 5, message: 'Vous avez choisi 5 formations : on peut en comparer 4 au plus. Décochez-en une.' });
    expect(checkComparison(Array.from({ length: COMPARE_MAX + 3 }, (_, i) => f(String(i))))).toMatchObject({ message: expect.stringContaining('Décochez-en 3.') });
  });
});

describe('lien court', () => {
  it('un code : 6 caractères de l’alphabet sans 0/o/1/l/i, tirés par l’appelant', () => {
    expect(SHORT_CODE_LENGTH).toBe(6);
    for (const ch of '01ilo') expect(SHORT_CODE_ALPHABET).not.toContain(ch);
    const seq = [0, 1, 2, 30, 29, 5];
    const code = shortCodeFrom((n) => {
      expect(n).toBe(SHORT_CODE_ALPHABET.length);
      return seq.shift() as number;
    });
    expect(code).toBe('234zy7');
    expect(isShortCode(code)).toBe(true);
  });

  it.each([
    ['k7m2qa', 'k7m2qa'],
    ['K7M2QA', 'k7m2qa'],
    [' k7m 2qa ', 'k7m2qa'],
    ['k7m-2qa', 'k7m2qa'],
    ['https://versmonmetier.example.org/s/k7m2qa', 'k7m2qa'],
    ['versmonmetier.example.org/s/k7m2qa?x=1', 'k7m2qa'],
    ['/s/k7m2qa', 'k7m2qa'],
    ['k7m2qa/', 'k7m2qa'],
    ['k7m2qa#haut', 'k7m2qa'],
    ['k7m2qa?x', 'k7m2qa'],
    ['  K7M2QA', 'k7m2qa'],
    ['k7m2qazzzzzzzzzzzzzzz', null],
    ['k7m2q', null],
    ['k7m2qaa', null],
    ['k7m2q0', null],
    ['<script>', null],
    ['', null],
    [`${'a'.repeat(400)}/s/k7m2qa`, null],
  ])('« %s » → %s', (typed, expected) => {
    expect(normalizeShortCode(typed)).toBe(expected);
  });

  it('expire après 90 jours ; supprimé l’emporte ; l’instant même de l’expiration est expiré', () => {
    const created = new Date('2026-12-03T10:00:00Z');
    const expiresAt = shortLinkExpiry(created).toISOString();
    expect(expiresAt).toBe('2027-03-03T10:00:00.000Z');
    expect(SHORT_LINK_DAYS).toBe(90);
    expect(shortLinkState({ expiresAt, deletedAt: null }, new Date('2027-03-03T09:59:59Z'))).toBe('active');
    expect(shortLinkState({ expiresAt, deletedAt: null }, new Date('2027-03-03T10:00:00Z'))).toBe('expired');
    expect(shortLinkState({ expiresAt, deletedAt: '2026-12-04T00:00:00Z' }, new Date('2026-12-05T00:00:00Z'))).toBe('deleted');
  });
});

describe('écran partagé', () => {
  it('prévenu une minute avant, effacé après 20 minutes sans geste', () => {
    expect(IDLE_CLEAR_MS).toBe(20 * 60_000);
    expect(IDLE_CLEAR_MS - IDLE_WARNING_MS).toBe(60_000);
    expect(idleStep(0)).toBe('active');
    expect(idleStep(IDLE_WARNING_MS - 1)).toBe('active');
    expect(idleStep(IDLE_WARNING_MS)).toBe('warning');
    expect(idleStep(IDLE_CLEAR_MS - 1)).toBe('warning');
    expect(idleStep(IDLE_CLEAR_MS)).toBe('clear');
  });
});
