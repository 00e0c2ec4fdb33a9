/**
 * Synonymes et abréviations de la recherche (`data/synonymes.json`).
 *
 * Un groupe est une équivalence : tous ses termes se valent, le premier est le libellé canonique.
 * Le même fichier alimente les deux moteurs :
 *  - moteur embarqué : `expandQuery` / `expandQueryTokens` réécrivent la requête analysée en
 *    variantes (« pl » → poid lourd, « caces » → cariste…), à combiner en OU ;
 *  - Meilisearch : `toMeilisearchSynonyms` produit le réglage `synonyms` (chaque terme pointe
 *    vers les autres termes de son groupe ; Meilisearch met lui-même en minuscules et retire
 *    les accents).
 *
 * Les termes sont comparés APRÈS `analyzeWords` (pliage, mots vides, racinisation) : le
 * validateur refuse donc deux groupes dont des termes se confondent une fois analysés.
 */
import rawSynonyms from '../../data/synonymes.json';
import { z } from '../domain/zod';
import { analyzeWords, fold, type Word } from './analyzer';
import { emptyDict } from '../lib/lookup';

export const SYNONYM_KINDS = ['abreviation', 'synonyme'] as const;

export const SynonymGroup = z.strictObject({
  terms: z.array(z.string()).describe('Premier terme = libellé canonique'),
  kind: z.enum(SYNONYM_KINDS),
  note: z.string().optional(),
});
export type SynonymGroup = z.infer<typeof SynonymGroup>;

export const ExcludedTerm = z.strictObject({ term: z.string().min(1), note: z.string().min(1) });

export const SynonymsFile = z
  .strictObject({
    description: z.string().optional(),
    groups: z.array(SynonymGroup),
    excluded: z.array(ExcludedTerm).default([]),
  })
  .superRefine((file, ctx) => {
    for (const issue of checkGroups(file.groups, file.excluded)) ctx.addIssue({ code: 'custom', ...issue });
  });
export type SynonymsFile = z.infer<typeof SynonymsFile>;

interface GroupIssue {
  message: string;
  path: (string | number)[];
}

function groupLabel(groups: readonly SynonymGroup[], index: number): string {
  const first = groups[index]?.terms[0];
  return first === undefined ? `Groupe n° ${index + 1}` : `Groupe n° ${index + 1} « ${first} »`;
}

/** Clé de comparaison d'une suite de jetons analysés. */
function keyOf(tokens: readonly string[]): string {
  return tokens.join(' ');
}

/**
 * Formes analysées d'un terme : la suite de ses parties (« aide-soignant » → [aide, soignant])
 * et, s'il contient un mot composé, la variante soudée ([aidesoignant]).
 */
export function termVariants(term: string): string[][] {
  const words = analyzeWords(term);
  const parts = words.flatMap((w) => w.parts);
  const variants = parts.length > 0 ? [parts] : [];
  if (words.some((w) => w.joined !== null)) {
    const soldered = words.flatMap((w) => (w.joined !== null ? [w.joined] : [...w.parts]));
    if (soldered.length > 0 && keyOf(soldered) !== keyOf(parts)) variants.push(soldered);
  }
  return variants;
}

function checkGroups(groups: readonly SynonymGroup[], excluded: readonly { term: string }[]): GroupIssue[] {
  const issues: GroupIssue[] = [];
  const termOwner = new Map<string, number>();
  const keyOwner = new Map<string, { group: number; term: string }>();
  const excludedTerms = new Set(excluded.map((e) => fold(e.term)));

  groups.forEach((group, g) => {
    const label = groupLabel(groups, g);
    if (group.terms.length === 0) {
      issues.push({ message: `${label} : groupe vide, il faut au moins deux termes.`, path: ['groups', g, 'terms'] });
      return;
    }
    if (group.terms.length === 1) {
      issues.push({
        message: `${label} : un seul terme ; un groupe de synonymes en demande au moins deux.`,
        path: ['groups', g, 'terms'],
      });
    }
    const seenInGroup = new Set<string>();
    group.terms.forEach((term, t) => {
      const path = ['groups', g, 'terms', t];
      const fail = (message: string) => issues.push({ message: `${label} : ${message}`, path });
      if (term.trim().length === 0) return fail(`le terme n° ${t + 1} est vide.`);
      if (term !== term.toLowerCase()) return fail(`le terme « ${term} » contient des majuscules ; écrire « ${term.toLowerCase()} ».`);
      if (term !== term.trim() || /\s{2,}/.test(term) || /[^\S ]/.test(term)) {
        return fail(`le terme « ${term} » contient des espaces en trop.`);
      }
      if (/[\u2018\u2019\u02BC]/.test(term)) return fail(`le terme « ${term} » contient une apostrophe typographique ; écrire « ' ».`);
      if (seenInGroup.has(term)) return fail(`le terme « ${term} » apparaît deux fois.`);
      seenInGroup.add(term);

      const owner = termOwner.get(term);
      if (owner !== undefined && owner !== g) {
        return fail(`le terme « ${term} » figure déjà dans le ${groupLabel(groups, owner).toLowerCase()}.`);
      }
      termOwner.set(term, g);
      if (excludedTerms.has(fold(term))) return fail(`le terme « ${term} » est dans la liste des termes exclus.`);

      for (const word of term.split(' ')) {
        const folded = fold(word);
        if (folded.length === 1 && !/\d/.test(folded) && folded !== 'a') {
          return fail(
            `le mot « ${word} » du terme « ${term} » n'a qu'une lettre : l'analyseur l'ignore, le terme ne trouverait que le reste.`,
          );
        }
      }
      const variants = termVariants(term);
      if (variants.length === 0) return fail(`le terme « ${term} » ne contient que des mots vides : il ne trouverait rien.`);
      for (const variant of variants) {
        const key = keyOf(variant);
        const other = keyOwner.get(key);
        if (other !== undefined && other.group !== g) {
          return fail(
            `le terme « ${term} » se confond, une fois analysé (« ${key} »), avec « ${other.term} » du ${groupLabel(groups, other.group).toLowerCase()}.`,
          );
        }
        if (other === undefined) keyOwner.set(key, { group: g, term });
      }
    });
  });
  return issues;
}

export type SynonymsParseResult =
  | { ok: true; groups: SynonymGroup[]; excluded: SynonymsFile['excluded'] }
  | { ok: false; errors: string[] };

/** Valide un fichier de synonymes ; chaque erreur est une phrase en français qui nomme le groupe. */
export function parseSynonyms(input: unknown): SynonymsParseResult {
  const result = SynonymsFile.safeParse(input);
  if (result.success) return { ok: true, groups: result.data.groups, excluded: result.data.excluded };
  const groups = readGroupsLoosely(input);
  const errors = result.error.issues.map((issue) => {
    const [root, index, ...rest] = issue.path;
    if (issue.code === 'custom' || root !== 'groups' || typeof index !== 'number') {
      return issue.code === 'custom' ? issue.message : `${formatPath(issue.path)}${issue.message}`;
    }
    const label = groupLabelLoose(groups, index);
    return `${label} : ${rest.length > 0 ? `${rest.join('.')} — ` : ''}${issue.message}`;
  });
  return { ok: false, errors };
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.length > 0 ? `${path.map(String).join('.')} — ` : '';
}

function readGroupsLoosely(input: unknown): unknown[] {
  if (typeof input !== 'object' || input === null) return [];
  const groups = (input as { groups?: unknown }).groups;
  return Array.isArray(groups) ? groups : [];
}

function groupLabelLoose(groups: readonly unknown[], index: number): string {
  const terms = (groups[index] as { terms?: unknown } | undefined)?.terms;
  const first = Array.isArray(terms) && typeof terms[0] === 'string' ? terms[0] : undefined;
  return first === undefined ? `Groupe n° ${index + 1}` : `Groupe n° ${index + 1} « ${first} »`;
}

export class SynonymsError extends Error {
  constructor(readonly errors: readonly string[]) {
    super(`Fichier de synonymes invalide :\n- ${errors.join('\n- ')}`);
    this.name = 'SynonymsError';
  }
}

let defaultGroups: readonly SynonymGroup[] | undefined;

/** Les groupes de `data/synonymes.json`, validés une fois. Lève `SynonymsError` si le fichier est invalide. */
export function loadSynonyms(): readonly SynonymGroup[] {
  if (defaultGroups === undefined) {
    const result = parseSynonyms(rawSynonyms);
    if (!result.ok) throw new SynonymsError(result.errors);
    defaultGroups = result.groups;
  }
  return defaultGroups;
}

// ---------------------------------------------------------------------------------------------
// Expansion de requête (moteur embarqué)
// ---------------------------------------------------------------------------------------------

export interface SynonymIndex {
  readonly groups: readonly SynonymGroup[];
  /** clé analysée (« poid lourd ») → indice du groupe */
  readonly byKey: ReadonlyMap<string, number>;
  /** variantes analysées de chaque groupe, dans l'ordre des termes */
  readonly variants: readonly (readonly string[][])[];
  /** longueur (en jetons) de la plus longue clé */
  readonly maxLength: number;
}

export function buildSynonymIndex(groups: readonly SynonymGroup[]): SynonymIndex {
  const byKey = new Map<string, number>();
  const variants: string[][][] = [];
  let maxLength = 0;
  groups.forEach((group, g) => {
    const seen = new Set<string>();
    const groupVariants: string[][] = [];
    for (const term of group.terms) {
      for (const variant of termVariants(term)) {
        const key = keyOf(variant);
        if (!byKey.has(key)) byKey.set(key, g);
        if (seen.has(key)) continue;
        seen.add(key);
        groupVariants.push(variant);
        maxLength = Math.max(maxLength, variant.length);
      }
    }
    variants.push(groupVariants);
  });
  return { groups, byKey, variants, maxLength };
}

let defaultIndex: SynonymIndex | undefined;
function getDefaultIndex(): SynonymIndex {
  defaultIndex ??= buildSynonymIndex(loadSynonyms());
  return defaultIndex;
}

/**
 * Une position de la requête : les jetons tapés et leurs variantes (la première est toujours
 * la forme tapée). Le moteur cherche « un des `alternatives` » pour chaque position, et toutes
 * les positions (ET) — ou les combinaisons de `expandQueryTokens` (OU).
 */
export interface QuerySlot {
  readonly tokens: readonly string[];
  readonly alternatives: readonly (readonly string[])[];
  /** Groupe de synonymes reconnu à cette position, s'il y en a un. */
  readonly group: SynonymGroup | null;
}

/** Découpe une requête en texte libre (analysée ici) en positions avec variantes. */
export function expandQuery(text: string, index: SynonymIndex = getDefaultIndex()): QuerySlot[] {
  return expandWords(analyzeWords(text), index);
}

/**
 * Même chose à partir de jetons déjà passés par `analyze` : les formes soudées émises pour les
 * mots composés (« aide soignant aidesoignant ») sont reconnues et rattachées à leurs parties.
 */
export function expandTokens(tokens: readonly string[], index: SynonymIndex = getDefaultIndex()): QuerySlot[] {
  return expandWords(wordsFromTokens(tokens), index);
}

/** Plafond des combinaisons renvoyées par `expandQueryTokens`. */
export const MAX_ALTERNATIVES = 32;

/**
 * Suites de jetons équivalentes à la requête (jetons issus de `analyze`, sortie dans le même
 * espace : pliés, racinisés). La première suite est la requête elle-même (sans les formes
 * soudées redondantes). Exemple : analyze("pl nantes") = [pl, nant] →
 * [[pl, nant], [poid, lourd, nant], [conducteur, routier, nant], …].
 * Au plus `max` suites (produit des variantes de chaque position, dans l'ordre).
 */
export function expandQueryTokens(
  tokens: readonly string[],
  index: SynonymIndex = getDefaultIndex(),
  max: number = MAX_ALTERNATIVES,
): string[][] {
  return combine(expandTokens(tokens, index), max);
}

/** Produit cartésien des variantes, la forme tapée d'abord, plafonné à `max`. */
export function combine(slots: readonly QuerySlot[], max: number = MAX_ALTERNATIVES): string[][] {
  let sequences: string[][] = [[]];
  for (const slot of slots) {
    const next: string[][] = [];
    for (const sequence of sequences) {
      for (const alternative of slot.alternatives) {
        if (next.length >= max) break;
        next.push([...sequence, ...alternative]);
      }
    }
    sequences = next;
  }
  return slots.length === 0 ? [] : sequences;
}

/** Reconstruit les mots composés : un jeton égal à la concaténation des k (≥ 2) précédents est leur forme soudée. */
function wordsFromTokens(tokens: readonly string[]): Word[] {
  const words: Word[] = [];
  let i = 0;
  while (i < tokens.length) {
    let compound: Word | null = null;
    for (let k = 2; k <= 8 && i + k < tokens.length; k++) {
      const parts = tokens.slice(i, i + k);
      if (tokens[i + k] === parts.join('')) {
        compound = { parts, joined: tokens[i + k] ?? null };
        break;
      }
    }
    if (compound !== null) {
      words.push(compound);
      i += compound.parts.length + 1;
    } else {
      words.push({ parts: [tokens[i] ?? ''], joined: null });
      i += 1;
    }
  }
  return words;
}

function expandWords(words: readonly Word[], index: SynonymIndex): QuerySlot[] {
  // Suite « à plat » des parties, avec pour chaque mot composé son étendue et sa forme soudée.
  const sequence: string[] = [];
  const compounds = new Map<number, { end: number; joined: string }>();
  for (const word of words) {
    const start = sequence.length;
    sequence.push(...word.parts);
    if (word.joined !== null) {
      if (word.parts.length === 0) sequence.push(word.joined);
      else compounds.set(start, { end: sequence.length, joined: word.joined });
    }
  }

  const slots: QuerySlot[] = [];
  let p = 0;
  while (p < sequence.length) {
    const match = longestMatch(sequence, p, index);
    const compound = compounds.get(p);
    if (match !== null) {
      const tokens = sequence.slice(p, match.end);
      const alternatives = dedupe([tokens, ...(index.variants[match.group] ?? [])]);
      if (compound !== undefined && compound.end === match.end) alternatives.push(...dedupe([[compound.joined]], alternatives));
      slots.push({ tokens, alternatives, group: index.groups[match.group] ?? null });
      p = match.end;
      continue;
    }
    if (compound !== undefined) {
      // Mot composé hors synonymes : « saint-nazaire » = [saint, nazaire] ou [saintnazaire].
      const tokens = sequence.slice(p, compound.end);
      slots.push({ tokens, alternatives: dedupe([tokens, [compound.joined]]), group: null });
      p = compound.end;
      continue;
    }
    const token = sequence[p] ?? '';
    slots.push({ tokens: [token], alternatives: [[token]], group: null });
    p += 1;
  }
  return slots;
}

function longestMatch(sequence: readonly string[], start: number, index: SynonymIndex): { end: number; group: number } | null {
  const limit = Math.min(sequence.length, start + index.maxLength);
  for (let end = limit; end > start; end--) {
    const group = index.byKey.get(keyOf(sequence.slice(start, end)));
    if (group !== undefined) return { end, group };
  }
  return null;
}

/** Retire les doublons de `candidates` (et ceux déjà présents dans `existing`). */
function dedupe(candidates: readonly (readonly string[])[], existing: readonly (readonly string[])[] = []): string[][] {
  const seen = new Set(existing.map(keyOf));
  const out: string[][] = [];
  for (const candidate of candidates) {
    const key = keyOf(candidate);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push([...candidate]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Meilisearch
// ---------------------------------------------------------------------------------------------

/**
 * Réglage `synonyms` de Meilisearch : chaque terme → les autres termes de son groupe
 * (équivalence multi-sens, donc symétrique). Les termes de plusieurs mots restent des chaînes.
 */
export function toMeilisearchSynonyms(groups: readonly SynonymGroup[] = loadSynonyms()): Record<string, string[]> {
  const synonyms = emptyDict<string[]>();
  for (const group of groups) {
    for (const term of group.terms) {
      const targets = (synonyms[term] ??= []);
      for (const other of group.terms) {
        if (other !== term && !targets.includes(other)) targets.push(other);
      }
    }
  }
  return synonyms;
}
