/**
 * « Dites-le avec vos mots » : la recherche lit aussi les fiches métiers pour trouver les métiers
 * qu'une phrase désigne (« couper les cheveux » → Coiffeur / Coiffeuse). Les formations de ces
 * métiers sont ensuite proposées APRÈS celles qui contiennent les mots (src/formations/search.ts).
 *
 * Fonctions pures (aucune E/S) : l'index est construit une fois à partir des fiches (démo ou ROME
 * importé, même code), puis interrogé à chaque recherche (quelques dizaines de microsecondes sur
 * les 1 584 fiches du ROME). Lexical, sans modèle : voir docs/adr/014-recherche-par-intention.md.
 *
 *  - Les mots des fiches : noms (libellé, appellations), savoir-faire et savoirs, définition, accès,
 *    contextes de travail, savoir-être, chacun avec son poids (`FIELD_WEIGHTS`).
 *  - Chaque mot passe par l'analyse de la recherche (pliage, mots vides, racinisation légère :
 *    src/search/analyzer.ts), puis par une racinisation plus forte, propre à cette lecture
 *    (`intentStem` : « couper », « coupe » → coup ; « soigner », « soignant » → soign), et un mot de
 *    5 lettres ou plus rencontre aussi les mots qui le prolongent (« nettoy » → « nettoyag »).
 *  - Score BM25 par métier ; un métier n'est « compris » que s'il contient l'essentiel des mots
 *    (`MIN_COVERAGE` de leur poids), et s'il est proche du meilleur (`RELATIVE_SCORE`), au plus
 *    `MAX_UNDERSTOOD`. Si un ou des métiers portent TOUS les mots dans leur nom, seuls ceux-là sont
 *    compris (« cuisinier » → Cuisinier, pas les métiers dont la fiche cite le cuisinier).
 *  - Les mots de la demande (« je veux », « devenir », « travailler »…) ne comptent pas
 *    (`REQUEST_FILLER_WORDS`, les mêmes que pour la recherche).
 */
import { analyzeWords, MAX_QUERY_WORDS, requestWords, STOP_WORDS_FR, stem, tokenize } from '../search/analyzer';
import type { Metier } from '../domain/metier';
import { emptyDict } from '../lib/lookup';
import everyday from '../../data/mots-du-quotidien.json';

/** Au-delà, le texte n'est pas lu (l'API refuse déjà plus de 200 caractères). */
export const MAX_INTENT_CHARS = 200;
/** Au plus ce nombre de métiers compris. */
export const MAX_UNDERSTOOD = 3;
/** Part minimale (en poids idf) des mots de la requête qu'un métier doit contenir. */
export const MIN_COVERAGE = 0.6;
/** Un métier compris a au moins cette part du score du meilleur. */
export const RELATIVE_SCORE = 0.5;
/** Longueur minimale d'un mot pour rencontrer les mots qui le prolongent (et poids de cette rencontre). */
const PREFIX_MIN = 4;
const PREFIX_WEIGHT = 0.7;
const MAX_PREFIX_EXPANSIONS = 200;
/** Deux formes voisines n'ont pas plus de 3 lettres de différence. */
const MAX_LENGTH_GAP = 3;
/** Un mot qu'aucune fiche n'emploie n'est ignoré que si au moins 2 autres mots sont connus des fiches. */
const MIN_KNOWN_TO_IGNORE = 2;
/** Poids d'un mot des fiches venu de `data/mots-du-quotidien.json` (le mot tapé vaut 1). */
const EVERYDAY_WEIGHT = 0.6;

/**
 * Mots de tous les jours → mots des fiches (`data/mots-du-quotidien.json`), racinisés comme les
 * fiches ; table sans prototype (un mot « constructor » n'y trouve rien : src/lib/lookup.ts).
 */
let everydayTable: Record<string, string[]> | null = null;
function everydayWords(): Record<string, string[]> {
  if (everydayTable !== null) return everydayTable;
  const table = emptyDict<string[]>();
  for (const [word, targets] of Object.entries((everyday as { words: Record<string, string[]> }).words)) {
    const key = intentStem(word);
    table[key] = [...new Set([...(table[key] ?? []), ...targets.flatMap((t) => intentTerms(t))])];
  }
  everydayTable = table;
  return table;
}
const BM25_K = 1.2;
const BM25_B = 0.5;

/** Poids de chaque partie d'une fiche. */
export const FIELD_WEIGHTS = {
  names: 3,
  skills: 2,
  definition: 1.5,
  access: 0.5,
  contexts: 0.5,
  softSkills: 0.3,
} as const;
type Field = keyof typeof FIELD_WEIGHTS;

/** Suffixes retirés par `intentStem` (après la racinisation légère), les plus longs d'abord. */
const INTENT_SUFFIXES = ['issement', 'ement', 'ation', 'ateur', 'teur', 'eur', 'ier', 'ant', 'ur', 'er', 'ir', 'ez'] as const;
const MIN_INTENT_STEM = 4;

/**
 * Racinisation forte, pour rapprocher un verbe de son nom et de son métier (« couper » / « coupe »,
 * « soigner » / « soignant », « coiffer » / « coiffeur » / « coiffure ») : après `stem`, le premier
 * suffixe de `INTENT_SUFFIXES` qui laisse au moins 4 lettres est retiré. Réservée à la lecture des
 * fiches : elle confondrait des mots que la recherche des formations distingue.
 */
export function intentStem(token: string): string {
  const light = stem(token);
  for (const suffix of INTENT_SUFFIXES) {
    if (light.endsWith(suffix) && light.length - suffix.length >= MIN_INTENT_STEM) return light.slice(0, -suffix.length);
  }
  return light;
}

function intentTerms(text: string): string[] {
  const out: string[] = [];
  for (const word of analyzeWords(text)) {
    for (const part of word.parts) out.push(intentStem(part));
  }
  return out;
}

export interface UnderstoodMetier {
  code: string;
  label: string;
}

export interface Understanding {
  /** Les mots cherchés (pliés, sans mots vides ni mots de la demande), dans l'ordre tapé. */
  words: string[];
  /** Les mots de la demande retirés (« veux », « devenir »…), pliés. */
  fillers: string[];
  /** Les métiers compris, du plus proche au moins proche ; vide : rien de sûr. */
  metiers: UnderstoodMetier[];
}

export interface IntentIndex {
  /** Les métiers que le texte désigne, sans ceux de `exclude` (codes ROME retirés par la personne). */
  understand(text: string, exclude?: readonly string[]): Understanding;
}

interface Posting {
  metier: number;
  /** Fréquence pondérée (somme des poids des parties où le mot apparaît). */
  weight: number;
}

/** Les mots d'une requête, sans mots vides ni mots de la demande, et les mots de la demande retirés. */
export function requestTerms(text: string): { words: string[]; fillers: string[] } {
  const capped = text.slice(0, MAX_INTENT_CHARS);
  const words: string[] = [];
  for (const word of requestWords(capped)) for (const part of word.parts) if (!STOP_WORDS_FR.has(part)) words.push(part);
  const kept = new Set(words);
  const fillers: string[] = [];
  for (const word of tokenize(capped)) if (!kept.has(word) && !STOP_WORDS_FR.has(word)) fillers.push(word);
  return { words: words.slice(0, MAX_QUERY_WORDS), fillers: [...new Set(fillers)] };
}

export function createIntentIndex(metiers: readonly Metier[]): IntentIndex {
  const postings = new Map<string, Posting[]>();
  const nameTerms: Set<string>[] = [];
  const lengths = new Float64Array(metiers.length);
  metiers.forEach((m, i) => {
    const fields: Record<Field, string[]> = {
      names: [m.label, ...m.appellations.map((a) => a.label)],
      skills: [...m.skills.savoirFaire, ...m.skills.savoirs].map((s) => s.label),
      definition: [m.definition ?? ''],
      access: [m.access ?? ''],
      contexts: m.workContexts.map((c) => c.label),
      softSkills: m.skills.savoirEtre.map((s) => s.label),
    };
    const weights = new Map<string, number>();
    let length = 0;
    for (const field of Object.keys(FIELD_WEIGHTS) as Field[]) {
      // Chaque partie compte un mot une fois par texte (une appellation, une compétence) : 60 appellations
      // qui répètent « cuisinier » ne font pas d'un mot un mot 60 fois plus fort.
      for (const text of fields[field]) {
        const terms = new Set(intentTerms(text.slice(0, 5_000)));
        for (const term of terms) weights.set(term, (weights.get(term) ?? 0) + FIELD_WEIGHTS[field] / (field === 'names' ? Math.max(1, Math.sqrt(fields.names.length)) : 1));
        length += terms.size * FIELD_WEIGHTS[field];
      }
    }
    nameTerms.push(new Set(fields.names.flatMap((n) => intentTerms(n))));
    lengths[i] = length;
    for (const [term, weight] of weights) {
      const list = postings.get(term);
      if (list === undefined) postings.set(term, [{ metier: i, weight }]);
      else list.push({ metier: i, weight });
    }
  });
  const vocabulary = [...postings.keys()].sort();
  const count = metiers.length;
  const averageLength = lengths.reduce((a, b) => a + b, 0) / Math.max(1, count);
  const idf = (term: string) => {
    const df = postings.get(term)?.length ?? 0;
    return Math.log(1 + (count - df + 0.5) / (df + 0.5));
  };

  /** Le premier rang de `vocabulary` qui n'est pas avant `key` (recherche dichotomique). */
  const lowerBound = (key: string) => {
    let lo = 0;
    let hi = vocabulary.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((vocabulary[mid] as string) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  /**
   * Les mots de l'index proches d'un mot : lui-même (1), un mot qui le prolonge ou qu'il prolonge
   * (4 lettres au moins en commun : « nettoy » / « nettoyag », « vendr » / « vend »), ou qui ne
   * diffère que par sa dernière lettre dès 5 lettres (« peindr » / « peint »), avec `PREFIX_WEIGHT`.
   */
  const nearOf = (term: string, factor: number, out: Map<string, number>) => {
    const add = (t: string, w: number) => out.set(t, Math.max(out.get(t) ?? 0, w));
    if (postings.has(term)) add(term, factor);
    if (term.length < PREFIX_MIN) return;
    const head = term.slice(0, PREFIX_MIN);
    for (let i = lowerBound(head), n = 0; i < vocabulary.length && n < MAX_PREFIX_EXPANSIONS; i++, n++) {
      const candidate = vocabulary[i] as string;
      if (!candidate.startsWith(head)) break;
      if (candidate === term) continue;
      let common = 0;
      while (common < term.length && common < candidate.length && term[common] === candidate[common]) common++;
      const shorter = Math.min(term.length, candidate.length);
      // Pas plus de 3 lettres de différence : « soin » ne rencontre pas « soingnnat » (une faute de frappe).
      if (Math.abs(term.length - candidate.length) > MAX_LENGTH_GAP) continue;
      if (common === shorter || (shorter >= 5 && common >= shorter - 1)) add(candidate, factor * PREFIX_WEIGHT);
    }
  };
  /** Les mots de l'index qu'un mot de la requête rencontre, avec le poids de la rencontre. */
  const everyday = everydayWords();
  const matchesOf = (term: string): [string, number][] => {
    const out = new Map<string, number>();
    nearOf(term, 1, out);
    for (const target of everyday[term] ?? []) nearOf(target, EVERYDAY_WEIGHT, out);
    return [...out];
  };

  return {
    understand(text, exclude = []) {
      const { words, fillers } = requestTerms(text);
      const terms = [...new Set(words.map(intentStem))];
      if (terms.length === 0 || count === 0) return { words, fillers, metiers: [] };
      const excluded = new Set(exclude);
      const scores = new Float64Array(count);
      const covered = new Float64Array(count);
      const inNames = new Uint8Array(count);
      let totalIdf = 0;
      const all = terms.map((term) => [term, matchesOf(term)] as const);
      const known = all.filter(([, matches]) => matches.length > 0);
      // Un mot qu'aucune fiche n'emploie ne dit rien des métiers : il ne compte pas (la recherche par les mots le cherche
      // toujours)… s'il reste au moins 2 mots connus ; sinon il compte comme manquant (« aide soingnnate » : une faute
      // sur le mot qui compte, « aide » seul ne suffit pas).
      if (known.length < MIN_KNOWN_TO_IGNORE) totalIdf += (all.length - known.length) * Math.log(1 + count);
      for (const [, matches] of known) {
        // Le poids d'un mot de la requête : celui de son mot le plus rare dans les fiches.
        const termIdf = Math.max(...matches.map(([t]) => idf(t)));
        totalIdf += termIdf;
        const best = new Float64Array(count);
        const bestFactor = new Float64Array(count);
        for (const [match, factor] of matches) {
          const weightIdf = idf(match);
          for (const { metier, weight } of postings.get(match) ?? []) {
            const norm = weight + BM25_K * (1 - BM25_B + (BM25_B * (lengths[metier] as number)) / averageLength);
            const value = factor * weightIdf * ((weight * (BM25_K + 1)) / norm);
            if (value > (best[metier] as number)) best[metier] = value;
            if (factor > (bestFactor[metier] as number)) bestFactor[metier] = factor;
          }
        }
        for (let i = 0; i < count; i++) {
          const value = best[i] as number;
          if (value === 0) continue;
          scores[i] = (scores[i] as number) + value;
          // Un mot trouvé par un mot voisin ou du quotidien couvre moins que le mot lui-même.
          covered[i] = (covered[i] as number) + termIdf * Math.sqrt(bestFactor[i] as number);
          if (matches.some(([t, w]) => w === 1 && (nameTerms[i] as Set<string>).has(t))) inNames[i] = (inNames[i] as number) + 1;
        }
      }
      const candidates: { i: number; score: number; allInNames: boolean }[] = [];
      for (let i = 0; i < count; i++) {
        if ((scores[i] as number) === 0 || excluded.has((metiers[i] as Metier).code)) continue;
        const coverage = (covered[i] as number) / totalIdf;
        if (coverage < MIN_COVERAGE) continue;
        candidates.push({ i, score: (scores[i] as number) * coverage * coverage, allInNames: inNames[i] === known.length });
      }
      const named = candidates.filter((c) => c.allInNames);
      const pool = named.length > 0 ? named : candidates;
      pool.sort((a, b) => b.score - a.score || (metiers[a.i] as Metier).code.localeCompare((metiers[b.i] as Metier).code));
      const top = pool[0]?.score ?? 0;
      const chosen = pool.filter((c) => c.score >= top * RELATIVE_SCORE).slice(0, MAX_UNDERSTOOD);
      return { words, fillers, metiers: chosen.map(({ i }) => ({ code: (metiers[i] as Metier).code, label: (metiers[i] as Metier).label })) };
    },
  };
}
