/**
 * Autocomplétion des métiers : libellés ROME ET appellations (≈ 13 000 avec le ROME réel).
 *
 * Textes pliés (sans accents ni casse) et découpés en mots. Classement, du meilleur au moins bon :
 *   0. libellé exact ;  1. début du libellé ;  2. début d'une appellation ;
 *   3. chaque mot cherché commence un mot du libellé ;  4. … d'une appellation.
 * À rang égal : le texte le plus court (le plus proche de la saisie), puis l'ordre alphabétique.
 * Un métier n'apparaît qu'une fois, avec sa meilleure correspondance.
 */
import type { Metier } from '../domain/metier';
import { compareFrench } from '../catalog/catalog';
import { distance as editDistance } from 'fastest-levenshtein';
import { fold } from '../search/analyzer';
import type { MetierItem } from './schemas';
import { createIntentIndex, type IntentIndex } from '../metiers/intent';

export const MAX_METIERS_RESULTS = 10;

/** « Aide-soignant / Aide-soignante » → ["aide", "soignant", "aide", "soignante"]. */
function words(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

interface Entry {
  code: string;
  label: string;
  /** null : l'entrée est le libellé du métier. */
  appellation: string | null;
  key: string;
  words: string[];
}

interface Match {
  entry: Entry;
  rank: number;
}

export interface MetierIndex {
  search(q: string): MetierItem[];
  /**
   * Métiers proches (mobilités du ROME) des métiers `codes`, à défaut du métier que le texte `q`
   * désigne le mieux ; au plus `max`, sans les métiers de départ.
   */
  related(codes: readonly string[], q: string, max?: number): { code: string; libelle: string }[];
  /**
   * « Vouliez-vous dire … ? » : le libellé ou l'appellation le plus proche du texte tapé, à quelques
   * lettres près (1 faute pour 4 lettres, 3 au plus), sinon null ; null aussi si le texte est déjà un libellé.
   */
  closest(q: string): string | null;
  /** Les métiers qu'un texte désigne d'après les mots des fiches (src/metiers/intent.ts). */
  understand: IntentIndex['understand'];
}

function entry(metier: Metier, text: string, appellation: string | null): Entry {
  const w = words(text);
  return { code: metier.code, label: metier.label, appellation, key: w.join(' '), words: w };
}

function rank(entry: Entry, key: string, queryWords: string[]): number | null {
  const isLabel = entry.appellation === null;
  if (isLabel && entry.key === key) return 0;
  if (entry.key.startsWith(key)) return isLabel ? 1 : 2;
  if (queryWords.every((q) => entry.words.some((w) => w.startsWith(q)))) return isLabel ? 3 : 4;
  return null;
}

function better(a: Match, b: Match): number {
  return a.rank - b.rank || a.entry.key.length - b.entry.key.length || compareFrench(a.entry.label, b.entry.label);
}

export function createMetierIndex(metiers: readonly Metier[]): MetierIndex {
  const entries = metiers.flatMap((m) => [entry(m, m.label, null), ...m.appellations.map((a) => entry(m, a.label, a.label))]);
  const byCode = new Map(metiers.map((m) => [m.code, m]));
  /** L'entrée la plus proche du texte, à quelques lettres près ; null si le texte est déjà un libellé ou si rien n'est assez proche. */
  const closestEntry = (q: string): Entry | null => {
    const key = words(q.slice(0, 200)).join(' ');
    if (key.length < 4) return null;
    const allowed = Math.min(3, Math.floor(key.length / 4));
    let best: { entry: Entry; d: number } | null = null;
    for (const e of entries) {
      if (Math.abs(e.key.length - key.length) > allowed) continue;
      const d = editDistance(e.key, key);
      if (d === 0) return null;
      if (d <= allowed && (best === null || d < best.d)) best = { entry: e, d };
    }
    return best?.entry ?? null;
  };
  const intent = createIntentIndex(metiers);
  const index: MetierIndex = {
    understand: (text, exclude) => intent.understand(text, exclude),
    closest(q) {
      const e = closestEntry(q);
      return e === null ? null : (e.appellation ?? e.label);
    },
    related(codes, q, max = 5) {
      const found = index.search(q)[0]?.code ?? closestEntry(q)?.code;
      const base = codes.length > 0 ? [...codes] : found === undefined ? [] : [found];
      const out = new Map<string, string>();
      for (const code of base) {
        for (const near of byCode.get(code)?.relatedCodes ?? []) {
          const metier = byCode.get(near);
          if (metier && !base.includes(near) && !out.has(near)) out.set(near, metier.label);
        }
      }
      return [...out].slice(0, max).map(([code, libelle]) => ({ code, libelle }));
    },
    search(q) {
      const queryWords = words(q);
      if (queryWords.length === 0) return [];
      const key = queryWords.join(' ');
      const best = new Map<string, Match>();
      for (const e of entries) {
        const r = rank(e, key, queryWords);
        if (r === null) continue;
        const match = { entry: e, rank: r };
        const current = best.get(e.code);
        if (!current || better(match, current) < 0) best.set(e.code, match);
      }
      return [...best.values()]
        .sort(better)
        .slice(0, MAX_METIERS_RESULTS)
        .map(({ entry: e }) => ({ code: e.code, libelle: e.label, appellation: e.appellation }));
    },
  };
  return index;
}
