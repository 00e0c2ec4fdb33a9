/**
 * « Ma sélection » : les formations, métiers et pros qu'une personne garde (sur son appareil, sans
 * compte), leurs notes, la comparaison (4 formations au plus), le lien court qu'on emporte et le
 * mode « écran partagé » des conseillers. Règles pures : aucune E/S, aucune horloge (on passe `now`).
 * Ce module part aussi dans le navigateur (script de la sélection) : pas de zod ici.
 *
 * Forme d'un élément dans une adresse ou dans le stockage de l'appareil : un jeton `f:ID` (formation,
 * identifiant de la carte), `m:CODE` (métier, code ROME) ou `p:ID` (pro).
 */

export type SelectionKind = 'formation' | 'metier' | 'pro';

export interface SelectionItem {
  kind: SelectionKind;
  id: string;
  /** Ce que la personne a noté (≤ MAX_NOTE_CHARS), '' sans note. */
  note: string;
}

export const SELECTION_KINDS: readonly SelectionKind[] = ['formation', 'metier', 'pro'];

const PREFIX: Record<SelectionKind, string> = { formation: 'f', metier: 'm', pro: 'p' };
const KIND_OF_PREFIX = new Map<string, SelectionKind>(SELECTION_KINDS.map((k) => [PREFIX[k], k]));

/** Au plus 30 éléments gardés : au-delà, la personne doit en retirer. */
export const MAX_SELECTION_ITEMS = 30;
/** Une note : 500 caractères au plus. */
export const MAX_NOTE_CHARS = 500;
/** On compare 4 formations au plus, côte à côte. */
export const COMPARE_MAX = 4;
/** Un jeton : préfixe, « : », identifiant de 1 à 64 caractères sûrs. */
const MAX_ID_CHARS = 64;
const MAX_TOKEN_CHARS = MAX_ID_CHARS + 2;

function isIdChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 45 || code === 46 || code === 95;
}

/** `f:VMM-A0000001` → { kind: 'formation', id: 'VMM-A0000001' } ; tout autre texte → null. */
export function parseItemToken(token: string): { kind: SelectionKind; id: string } | null {
  if (token.length < 3 || token.length > MAX_TOKEN_CHARS || token[1] !== ':') return null;
  const kind = KIND_OF_PREFIX.get(token[0] as string);
  if (!kind) return null;
  const id = token.slice(2);
  for (let i = 0; i < id.length; i++) if (!isIdChar(id.charCodeAt(i))) return null;
  return { kind, id };
}

export function itemToken(item: Pick<SelectionItem, 'kind' | 'id'>): string {
  return `${PREFIX[item.kind]}:${item.id}`;
}

/** Une note bornée, sans caractères de contrôle (retours à la ligne gardés). */
export function cleanNote(text: string): string {
  let out = '';
  for (const ch of text.slice(0, MAX_NOTE_CHARS * 2)) {
    const code = ch.codePointAt(0) ?? 0;
    if (code === 10 || code >= 32) out += ch;
    if (out.length >= MAX_NOTE_CHARS) break;
  }
  return out.slice(0, MAX_NOTE_CHARS).trim();
}

/**
 * Une liste lue d'une adresse ou de l'appareil : jetons valides seulement, sans doublon (le premier
 * gagne), au plus MAX_SELECTION_ITEMS ; `notes[i]` va avec `tokens[i]`. Ce qui est écarté est compté.
 */
export function readSelection(tokens: readonly string[], notes: readonly string[] = []): { items: SelectionItem[]; dropped: number } {
  const items: SelectionItem[] = [];
  const seen = new Set<string>();
  let dropped = 0;
  tokens.slice(0, MAX_SELECTION_ITEMS * 4).forEach((token, i) => {
    const parsed = parseItemToken(token);
    if (!parsed || seen.has(token) || items.length >= MAX_SELECTION_ITEMS) {
      dropped++;
      return;
    }
    seen.add(token);
    items.push({ ...parsed, note: cleanNote(notes[i] ?? '') });
  });
  return { items, dropped: dropped + Math.max(0, tokens.length - MAX_SELECTION_ITEMS * 4) };
}

/** La forme gardée (appareil, lien court) : `[{ "t": "f:ID", "n": "note" }, …]`. */
export function selectionToJson(items: readonly SelectionItem[]): string {
  return JSON.stringify(items.map((i) => ({ t: itemToken(i), n: i.note })));
}

/** Relit la forme gardée ; un texte abîmé, trop long ou d'une autre forme donne une liste vide ou ses seuls éléments valides. */
export function selectionFromJson(text: unknown): SelectionItem[] {
  if (typeof text !== 'string' || text.length > 100_000) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const rows = parsed.filter((r): r is { t: string; n?: unknown } => typeof r === 'object' && r !== null && typeof (r as { t?: unknown }).t === 'string');
  return readSelection(
    rows.map((r) => r.t),
    rows.map((r) => (typeof r.n === 'string' ? r.n : '')),
  ).items;
}

export type ToggleOutcome = { items: SelectionItem[]; change: 'added' | 'removed' | 'full' };

/** Ajoute l'élément s'il n'y est pas (sauf liste pleine), le retire sinon. */
export function toggleItem(items: readonly SelectionItem[], item: Pick<SelectionItem, 'kind' | 'id'>): ToggleOutcome {
  const token = itemToken(item);
  if (items.some((i) => itemToken(i) === token)) return { items: items.filter((i) => itemToken(i) !== token), change: 'removed' };
  if (items.length >= MAX_SELECTION_ITEMS) return { items: [...items], change: 'full' };
  return { items: [...items, { kind: item.kind, id: item.id, note: '' }], change: 'added' };
}

/** Les éléments rangés par sorte (formations, métiers, pros), chacun dans l'ordre où il a été gardé. */
export function groupByKind<T extends { kind: SelectionKind }>(items: readonly T[]): { kind: SelectionKind; items: T[] }[] {
  return SELECTION_KINDS.map((kind) => ({ kind, items: items.filter((i) => i.kind === kind) })).filter((g) => g.items.length > 0);
}

export type CompareCheck =
  | { ok: true; ids: string[] }
  | { ok: false; reason: 'aucune' | 'une-seule' | 'trop'; count: number; message: string };

/** Ce qu'on peut comparer : de 2 à COMPARE_MAX formations (les métiers et pros ne se comparent pas). */
export function checkComparison(items: readonly Pick<SelectionItem, 'kind' | 'id'>[]): CompareCheck {
  const ids = [...new Set(items.filter((i) => i.kind === 'formation').map((i) => i.id))];
  if (ids.length === 0) return { ok: false, reason: 'aucune', count: 0, message: 'Choisissez au moins deux formations à comparer.' };
  if (ids.length === 1) return { ok: false, reason: 'une-seule', count: 1, message: 'Choisissez une deuxième formation : on compare au moins deux formations.' };
  if (ids.length > COMPARE_MAX) {
    const extra = ids.length - COMPARE_MAX;
    return {
      ok: false,
      reason: 'trop',
      count: ids.length,
      message: `Vous avez choisi ${ids.length} formations : on peut en comparer ${COMPARE_MAX} au plus. Décochez-en ${extra === 1 ? 'une' : extra}.`,
    };
  }
  return { ok: true, ids };
}

// ---------------------------------------------------------------------------------------------
// Le lien court `/s/XXXXXX`

/** Un lien court vit 90 jours, puis ne mène plus à rien (les éléments sont effacés). */
export const SHORT_LINK_DAYS = 90;
const DAY_MS = 86_400_000;
/** Sans 0/o, 1/l/i : se lit à voix haute et se tape sans erreur. 31⁶ ≈ 887 millions de codes. */
export const SHORT_CODE_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
export const SHORT_CODE_LENGTH = 6;

/** Un code de lien court bien formé (minuscules, l'alphabet ci-dessus) ; les majuscules tapées sont acceptées par `normalizeShortCode`. */
export function isShortCode(text: string): boolean {
  if (text.length !== SHORT_CODE_LENGTH) return false;
  for (const ch of text) if (!SHORT_CODE_ALPHABET.includes(ch)) return false;
  return true;
}

/** Ce qu'une personne tape ou colle (« https://…/s/AB3DE7 », « ab3 de7 ») → le code, ou null. */
export function normalizeShortCode(typed: string): string | null {
  const text = typed.slice(0, 300).trim().toLowerCase();
  const marker = text.lastIndexOf('/s/');
  const tail = marker >= 0 ? text.slice(marker + 3) : text;
  let code = '';
  for (const ch of tail) {
    if (ch === ' ' || ch === '-') continue;
    if (ch === '/' || ch === '?' || ch === '#') break;
    code += ch;
    if (code.length > SHORT_CODE_LENGTH) return null;
  }
  return isShortCode(code) ? code : null;
}

/** Un code tiré de `randomIndex(n)` (entier uniforme dans [0, n), fourni par l'appelant). */
export function shortCodeFrom(randomIndex: (n: number) => number): string {
  let code = '';
  for (let i = 0; i < SHORT_CODE_LENGTH; i++) code += SHORT_CODE_ALPHABET[randomIndex(SHORT_CODE_ALPHABET.length)];
  return code;
}

export function shortLinkExpiry(createdAt: Date): Date {
  return new Date(createdAt.getTime() + SHORT_LINK_DAYS * DAY_MS);
}

export type ShortLinkState = 'active' | 'expired' | 'deleted';

/** Où en est un lien court enregistré. */
export function shortLinkState(link: { expiresAt: string; deletedAt: string | null }, now: Date): ShortLinkState {
  if (link.deletedAt !== null) return 'deleted';
  return Date.parse(link.expiresAt) <= now.getTime() ? 'expired' : 'active';
}

// ---------------------------------------------------------------------------------------------
// Le mode « écran partagé »

/** Sans geste pendant 20 minutes, tout est effacé ; on prévient une minute avant. */
export const IDLE_CLEAR_MS = 20 * 60_000;
export const IDLE_WARNING_MS = IDLE_CLEAR_MS - 60_000;

export type IdleStep = 'active' | 'warning' | 'clear';

/** Ce que le mode écran partagé doit faire, `idleMs` après le dernier geste. */
export function idleStep(idleMs: number): IdleStep {
  if (idleMs >= IDLE_CLEAR_MS) return 'clear';
  if (idleMs >= IDLE_WARNING_MS) return 'warning';
  return 'active';
}
