/**
 * Index plein texte du moteur embarqué : dictionnaire des termes dans l'arbre radix de
 * MiniSearch (`SearchableMap` : recherche exacte, par début de mot et avec fautes) et listes
 * d'occurrences compactes (tableaux typés), une par champ.
 *
 * Pourquoi pas `MiniSearch#search` directement : au-delà de quelques milliers d'actions, il
 * construit pour chaque document trouvé des objets de détail (termes, champs) puis trie tout ;
 * « titre professionnel » sur 49 000 actions prenait 90 ms. Ici le score est accumulé dans des
 * tableaux, avec la même formule que MiniSearch (BM25+, poids par champ, poids réduit des
 * correspondances par début de mot ou avec fautes) — voir docs/adr/004-moteur-de-recherche.md.
 *
 * Les termes sont ceux de l'analyseur français (src/search/analyzer.ts), à l'indexation comme
 * à la recherche (la requête arrive déjà analysée, voir embedded-query.ts).
 */
import SearchableMap from 'minisearch/SearchableMap';
import { analyze } from './analyzer';
import type { TermQuery, TextQueryPlan } from './embedded-query';
import type { ActionDocument } from './port';

/** Champs cherchables et leurs poids : intitulé > métiers visés > organisme > description. */
export const FIELD_BOOSTS = { title: 4, metierLabels: 2, organismeName: 1.5, description: 0.5 } as const;
type TextField = keyof typeof FIELD_BOOSTS;
const FIELDS = Object.keys(FIELD_BOOSTS) as TextField[];
const BOOSTS = FIELDS.map((f) => FIELD_BOOSTS[f]);
const FIELD_COUNT = FIELDS.length;

/** Paramètres BM25+ (ceux de MiniSearch) et poids des correspondances approchées. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
/** Occurrences d'un terme dans un champ, plafonnées (stockées sur un octet). */
const MAX_TF = 255;

function fieldText(doc: ActionDocument, field: TextField): string {
  return field === 'metierLabels' ? doc.metierLabels.join(' | ') : doc[field];
}

/** Occurrences d'un champ : pour chaque terme, les documents (croissants) et le nombre d'occurrences. */
interface FieldPostings {
  /** Début des occurrences du terme n° t : `start[t]` à `start[t + 1]` (exclu). */
  start: Int32Array;
  doc: Int32Array;
  tf: Uint8Array;
}

/** Forme enregistrée dans le fichier d'index (tableaux typés en base64). */
export interface SerializedTextIndex {
  terms: string[];
  documentCount: number;
  averageFieldLength: number[];
  fieldLength: string;
  fields: { start: string; doc: string; tf: string }[];
}

const toBase64 = (array: ArrayBufferView) => Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');

function fromBase64<T>(text: string, make: (buffer: ArrayBuffer, offset: number, length: number) => T, bytesPerElement: number): T {
  const buffer = Buffer.from(text, 'base64');
  // Copie dans un tampon neuf et aligné (un Buffer peut partager un tampon non aligné).
  const aligned = new ArrayBuffer(buffer.byteLength);
  new Uint8Array(aligned).set(buffer);
  return make(aligned, 0, buffer.byteLength / bytesPerElement);
}

const int32 = (text: string) => fromBase64(text, (b, o, n) => new Int32Array(b, o, n), 4);
const uint8 = (text: string) => fromBase64(text, (b, o, n) => new Uint8Array(b, o, n), 1);
const uint16 = (text: string) => fromBase64(text, (b, o, n) => new Uint16Array(b, o, n), 2);

export class TextIndex {
  private readonly dictionary: SearchableMap<number>;
  /**
   * Part de chaque occurrence dans le score BM25+, calculée une fois au chargement (mêmes
   * tableaux que `fields`) : d + tf·(k + 1) / (tf + k·(1 − b + b·longueur / longueur moyenne)).
   * Le score d'une occurrence est alors ce nombre multiplié par le poids du terme (idf, champ,
   * début de mot ou faute).
   */
  private readonly occurrenceWeights: readonly Float64Array[];
  /** Accumulateurs réutilisés d'une requête à l'autre (voir `score`). */
  private pool: Accumulator[] | null = null;

  private constructor(
    private readonly terms: readonly string[],
    /** Nombre de documents indexés. */
    readonly documentCount: number,
    private readonly averageFieldLength: readonly number[],
    /** Longueur (en termes) de chaque champ de chaque document : `fieldLength[doc * 4 + champ]`. */
    private readonly fieldLength: Uint16Array,
    private readonly fields: readonly FieldPostings[],
  ) {
    this.dictionary = new SearchableMap<number>();
    terms.forEach((term, id) => this.dictionary.set(term, id));
    const { k, b, d } = BM25;
    this.occurrenceWeights = fields.map(({ doc, tf }, f) => {
      const average = averageFieldLength[f] || 1;
      const weights = new Float64Array(doc.length);
      for (let p = 0; p < doc.length; p++) {
        const frequency = tf[p] as number;
        const length = fieldLength[(doc[p] as number) * FIELD_COUNT + f] as number;
        weights[p] = d + (frequency * (k + 1)) / (frequency + k * (1 - b + (b * length) / average));
      }
      return weights;
    });
  }

  /** Analyse et indexe les champs texte des documents (l'indice d'un document est sa position). */
  static build(documents: readonly ActionDocument[]): TextIndex {
    const lists = FIELDS.map(() => new Map<string, number[]>());
    const fieldLength = new Uint16Array(documents.length * FIELD_COUNT);
    const totalLength = FIELDS.map(() => 0);
    // Les actions d'une même formation ou d'un même organisme partagent leurs textes : chaque
    // texte distinct n'est analysé qu'une fois.
    const analysed = new Map<string, { counts: Map<string, number>; length: number }>();
    const analyseOnce = (text: string) => {
      let found = analysed.get(text);
      if (found === undefined) {
        const tokens = analyze(text);
        const counts = new Map<string, number>();
        for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
        analysed.set(text, (found = { counts, length: tokens.length }));
      }
      return found;
    };
    documents.forEach((doc, i) => {
      FIELDS.forEach((field, f) => {
        const { counts, length } = analyseOnce(fieldText(doc, field));
        fieldLength[i * FIELD_COUNT + f] = Math.min(length, 0xffff);
        totalLength[f] = (totalLength[f] ?? 0) + length;
        const list = lists[f] as Map<string, number[]>;
        for (const [term, tf] of counts) {
          const postings = list.get(term);
          if (postings === undefined) list.set(term, [i, tf]);
          else postings.push(i, tf);
        }
      });
    });
    const terms = [...new Set(lists.flatMap((list) => [...list.keys()]))].sort();
    const fields = lists.map((list): FieldPostings => {
      const start = new Int32Array(terms.length + 1);
      let total = 0;
      terms.forEach((term, t) => {
        start[t] = total;
        total += (list.get(term)?.length ?? 0) / 2;
      });
      start[terms.length] = total;
      const doc = new Int32Array(total);
      const tf = new Uint8Array(total);
      terms.forEach((term, t) => {
        const postings = list.get(term) ?? [];
        for (let p = 0, at = start[t] as number; p < postings.length; p += 2, at++) {
          doc[at] = postings[p] as number;
          tf[at] = Math.min(postings[p + 1] as number, MAX_TF);
        }
      });
      return { start, doc, tf };
    });
    const averageFieldLength = totalLength.map((total) => (documents.length === 0 ? 0 : total / documents.length));
    return new TextIndex(terms, documents.length, averageFieldLength, fieldLength, fields);
  }

  toJSON(): SerializedTextIndex {
    return {
      terms: [...this.terms],
      documentCount: this.documentCount,
      averageFieldLength: [...this.averageFieldLength],
      fieldLength: toBase64(this.fieldLength),
      fields: this.fields.map((f) => ({ start: toBase64(f.start), doc: toBase64(f.doc), tf: toBase64(f.tf) })),
    };
  }

  /** Recharge un index enregistré ; lève une erreur si sa forme est incohérente. */
  static fromJSON(data: SerializedTextIndex): TextIndex {
    const fields = data.fields.map((f) => ({ start: int32(f.start), doc: int32(f.doc), tf: uint8(f.tf) }));
    const fieldLength = uint16(data.fieldLength);
    const consistent =
      fields.length === FIELD_COUNT &&
      fieldLength.length === data.documentCount * FIELD_COUNT &&
      fields.every((f) => f.start.length === data.terms.length + 1 && f.doc.length === f.tf.length && f.start[data.terms.length] === f.doc.length);
    if (!consistent) throw new Error('index plein texte incohérent (tailles des tableaux)');
    return new TextIndex(data.terms, data.documentCount, data.averageFieldLength, fieldLength, fields);
  }

  /**
   * Termes du dictionnaire qui répondent à un terme de requête, avec leur poids : 1 pour une
   * correspondance exacte, moins pour un début de mot ou une faute (formules de MiniSearch).
   * Un terme trouvé de plusieurs façons garde son meilleur poids.
   */
  private expand(query: TermQuery): Map<number, number> {
    const found = new Map<number, number>();
    const keep = (id: number, weight: number) => {
      if (weight > (found.get(id) ?? 0)) found.set(id, weight);
    };
    for (const form of query.forms) {
      const exact = this.dictionary.get(form);
      if (exact !== undefined) keep(exact, 1);
      if (query.prefix) {
        for (const [term, id] of this.dictionary.atPrefix(form)) {
          const extra = term.length - form.length;
          if (extra > 0) keep(id, (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * extra));
        }
      }
      if (query.typos > 0) {
        for (const [term, [id, distance]] of this.dictionary.fuzzyGet(form, query.typos)) {
          if (distance > 0) keep(id, (FUZZY_WEIGHT * term.length) / (term.length + distance));
        }
      }
    }
    return found;
  }

  /**
   * Ajoute à `into` le score BM25+ pondéré de chaque document qui contient un des termes du
   * dictionnaire `expanded` (avec son poids) ; avec `within`, seulement pour les documents qui y
   * ont déjà un score.
   */
  private termScores(expanded: ReadonlyMap<number, number>, into: Accumulator, within: Accumulator | null): void {
    const { value, docs } = into;
    const allowed = within?.value;
    for (const [term, weight] of expanded) {
      for (let f = 0; f < FIELD_COUNT; f++) {
        const { start, doc } = this.fields[f] as FieldPostings;
        const weights = this.occurrenceWeights[f] as Float64Array;
        const from = start[term] as number;
        const to = start[term + 1] as number;
        if (from === to) continue;
        const df = to - from;
        const idf = Math.log(1 + (this.documentCount - df + 0.5) / (df + 0.5));
        const factor = weight * (BOOSTS[f] as number) * idf;
        for (let p = from; p < to; p++) {
          const i = doc[p] as number;
          if (allowed !== undefined && allowed[i] === 0) continue;
          const previous = value[i] as number;
          if (previous === 0) docs[into.size++] = i;
          value[i] = previous + factor * (weights[p] as number);
        }
      }
    }
  }

  /**
   * Score texte des documents qui satisfont le plan : chaque position (ET) par au moins une
   * variante (OU) dont tous les termes sont présents (ET). Score = somme, sur les positions,
   * du score (pondéré) de la meilleure variante.
   *
   * Le résultat est un accumulateur de l'index, valable jusqu'à l'appel suivant (la recherche
   * est synchrone) : aucune allocation par requête, et seuls les documents touchés sont remis à
   * zéro ensuite.
   */
  score(plan: TextQueryPlan): Accumulator {
    const pool = (this.pool ??= [0, 1, 2, 3].map(() => new Accumulator(this.documentCount)));
    let [total, best, matched, term] = pool as [Accumulator, Accumulator, Accumulator, Accumulator];
    pool.forEach((a) => a.clear());
    // Un même terme revient souvent dans plusieurs variantes (synonymes) : une seule expansion.
    const expansions = new Map<string, Map<number, number>>();
    const expand = (query: TermQuery) => {
      const key = JSON.stringify(query);
      let expanded = expansions.get(key);
      if (expanded === undefined) expansions.set(key, (expanded = this.expand(query)));
      return expanded;
    };
    let first = true;
    for (const alternatives of plan) {
      for (const { terms, weight } of alternatives) {
        for (const [t, query] of terms.entries()) {
          if (t === 0) {
            // Hors des documents déjà retenus par les positions précédentes, inutile de compter.
            this.termScores(expand(query), matched, first ? null : total);
            continue;
          }
          this.termScores(expand(query), term, matched);
          matched.keepBoth(term);
          term.clear();
          if (matched.size === 0) break;
        }
        for (let p = 0; p < matched.size; p++) {
          const i = matched.docs[p] as number;
          const score = weight * (matched.value[i] as number);
          const previous = best.value[i] as number;
          if (score <= previous) continue;
          if (previous === 0) best.docs[best.size++] = i;
          best.value[i] = score;
        }
        matched.clear();
      }
      if (!first) {
        for (let p = 0; p < best.size; p++) {
          const i = best.docs[p] as number;
          best.value[i] = (best.value[i] as number) + (total.value[i] as number);
        }
      }
      total.clear();
      [total, best] = [best, total];
      first = false;
      if (total.size === 0) break;
    }
    return total;
  }
}

/**
 * Scores creux sur un tableau dense : `value[i]` est le score du document i (0 = absent : les
 * scores BM25+ sont strictement positifs), `docs[0..size)` les documents qui en ont un.
 */
export class Accumulator {
  readonly value: Float64Array;
  readonly docs: Int32Array;
  size = 0;

  constructor(documentCount: number) {
    this.value = new Float64Array(documentCount);
    this.docs = new Int32Array(documentCount);
  }

  /** Ne garde que les documents présents dans `other`, en y ajoutant leur score de `other`. */
  keepBoth(other: Accumulator): void {
    let kept = 0;
    for (let p = 0; p < this.size; p++) {
      const i = this.docs[p] as number;
      const extra = other.value[i] as number;
      if (extra === 0) {
        this.value[i] = 0;
      } else {
        this.value[i] = (this.value[i] as number) + extra;
        this.docs[kept++] = i;
      }
    }
    this.size = kept;
  }

  clear(): void {
    for (let p = 0; p < this.size; p++) this.value[this.docs[p] as number] = 0;
    this.size = 0;
  }
}
