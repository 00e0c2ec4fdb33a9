/**
 * « Ma sélection » dans une adresse (sans JavaScript, la liste voyage dans l'adresse) : `e` = les
 * jetons (`f:ID`, `m:CODE`, `p:ID`), `n` = les notes (même ordre), `ajouter` / `retirer` = un jeton,
 * `retour` = la page d'où l'on vient (chemin du site seulement), `comparer` = les formations cochées.
 * Tout est borné avant d'être lu.
 */
import { itemToken, MAX_SELECTION_ITEMS, parseItemToken, readSelection, toggleItem, type SelectionItem } from '../domain/selection';

const MAX_VALUES = MAX_SELECTION_ITEMS * 2;
const MAX_RETURN_CHARS = 600;

function values(p: URLSearchParams | FormData, name: string): string[] {
  return p
    .getAll(name)
    .slice(0, MAX_VALUES)
    .map((v) => (typeof v === 'string' ? v.slice(0, 2_000) : ''));
}

/** La liste de l'adresse (ou d'un formulaire) : éléments valides et notes, ce qui est écarté compté. */
export function selectionFromParams(p: URLSearchParams | FormData): { items: SelectionItem[]; dropped: number } {
  return readSelection(values(p, 'e'), values(p, 'n'));
}

/** La liste après `ajouter` ou `retirer` (ou null si l'adresse n'en demande pas), et ce qui a changé. */
export function toggleFromParams(p: URLSearchParams, items: readonly SelectionItem[]): { items: SelectionItem[]; change: 'added' | 'removed' | 'full' } | null {
  const add = parseItemToken((p.get('ajouter') ?? '').slice(0, 80));
  const remove = parseItemToken((p.get('retirer') ?? '').slice(0, 80));
  if (remove) return { items: items.filter((i) => !(i.kind === remove.kind && i.id === remove.id)), change: 'removed' };
  if (!add) return null;
  if (items.some((i) => i.kind === add.kind && i.id === add.id)) return { items: [...items], change: 'added' };
  return toggleItem(items, add);
}

/** Un chemin du site où revenir (`/formations?q=…`), jamais une autre origine. */
export function safeReturnPath(text: string | null): string | null {
  if (!text || text.length > MAX_RETURN_CHARS || !text.startsWith('/') || text.startsWith('//') || text.startsWith('/\\')) return null;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 32) return null;
  return text;
}

/** Les paramètres d'une liste (`e` et, si demandé, `n`) à ajouter à une adresse. */
export function selectionParams(items: readonly SelectionItem[], withNotes: boolean): URLSearchParams {
  const out = new URLSearchParams();
  for (const i of items) out.append('e', itemToken(i));
  if (withNotes && items.some((i) => i.note !== '')) for (const i of items) out.append('n', i.note);
  return out;
}

/** Les formations cochées pour la comparaison (jetons `f:ID`). */
export function compareTokens(p: URLSearchParams): { kind: 'formation' | 'metier' | 'pro'; id: string }[] {
  return values(p, 'comparer').flatMap((t) => {
    const parsed = parseItemToken(t.slice(0, 80));
    return parsed ? [parsed] : [];
  });
}

const LIST_PARAMS = new Set(['e', 'n', 'ajouter', 'retirer', 'retour', 'plein']);

/** Ce qu'une page porte de la sélection (sans JavaScript) : la liste à renvoyer, et la page elle-même sans la liste, où revenir. */
export function selectionCarry(url: URL): { carry: [string, string][]; back: string } {
  const rest = new URLSearchParams();
  for (const [k, v] of url.searchParams) if (!LIST_PARAMS.has(k)) rest.append(k, v);
  const query = rest.toString();
  return { carry: [...selectionParams(selectionFromParams(url.searchParams).items, true)], back: `${url.pathname}${query ? `?${query}` : ''}`.slice(0, MAX_RETURN_CHARS) };
}
