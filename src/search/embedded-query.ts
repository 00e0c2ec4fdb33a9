/**
 * Traduction du texte de l'usager en plan de requête pour le moteur embarqué.
 *
 * Le texte passe par la même analyse que les documents (src/search/analyzer.ts), puis par les
 * synonymes (`expandQuery`) : il devient une suite de POSITIONS, chacune avec ses variantes.
 * La requête est un ET des positions, et chaque position un OU de ses variantes :
 *
 *   « cap pl » → ET( OU(cap, …), OU(pl, poid ET lourd, conducteur ET routier, …) )
 *
 * Fautes de frappe : chaque mot TAPÉ en tolère autant que Meilisearch (`typoBudget` : 1 à
 * partir de 5 lettres, 2 à partir de 9), compté sur le mot tapé et non sur sa racine. Les mots
 * venus du dictionnaire de synonymes (non tapés) doivent correspondre exactement. Chaque mot tapé est
 * cherché sous sa racine ET sous sa forme pliée non racinisée : « boulangé » (racine
 * « boulang ») trouve ainsi « boulanger » à une faute près.
 *
 * Début de mot : le dernier mot tapé est aussi cherché comme préfixe (recherche au fil de la
 * frappe : « boulan » → boulanger), sauf s'il forme un sigle ou un terme connu du dictionnaire
 * de synonymes (« as », « pl » ne doivent pas trouver « assistant », « plombier »).
 *
 * Les mots de la demande (« je veux », « devenir », « travailler »… : `REQUEST_FILLER_WORDS`) ne sont
 * pas cherchés. Au-delà de 10 mots cherchés (`MAX_QUERY_WORDS`), les suivants sont ignorés, comme dans
 * Meilisearch.
 */
import { STOP_WORDS_FR, analyzeQueryWords, limitWords, stem, tokenizeWords, typoBudget } from './analyzer';
import { expandWords } from './synonyms';

/** Au-delà, le texte est tronqué : l'API refuse déjà plus de 200 caractères. */
export const MAX_QUERY_CHARS = 200;

/** Un mot tapé, sous sa forme racinisée : ses formes pliées d'origine et ses fautes tolérées. */
interface TypedTerm {
  surfaces: Set<string>;
  typos: 0 | 1 | 2;
}

/** Racine → formes tapées (pliées, non racinisées) et fautes tolérées (celles du mot tapé le plus long). */
function typedTerms(text: string): Map<string, TypedTerm> {
  const terms = new Map<string, TypedTerm>();
  const add = (surface: string) => {
    if (STOP_WORDS_FR.has(surface)) return;
    const key = stem(surface);
    const entry = terms.get(key) ?? { surfaces: new Set<string>(), typos: 0 };
    entry.surfaces.add(surface);
    entry.typos = Math.max(entry.typos, typoBudget(surface)) as 0 | 1 | 2;
    terms.set(key, entry);
  };
  for (const word of tokenizeWords(text)) {
    word.parts.forEach(add);
    if (word.joined !== null) add(word.joined);
  }
  return terms;
}

/**
 * Poids d'une variante venue du dictionnaire de synonymes, par rapport à la forme tapée (1) :
 * « magasinier » doit d'abord trouver les formations de magasinier, puis celles de ses
 * synonymes (préparateur de commandes, logistique…). Réglé sur tests/relevance/queries.json
 * (nDCG@10 de 0,940 à 1 contre 0,947 de 0,2 à 0,4).
 */
export const SYNONYM_WEIGHT = 0.4;

/** Un terme cherché : ses formes (racine, forme tapée pliée), fautes tolérées, début de mot ou non. */
export interface TermQuery {
  forms: readonly string[];
  typos: 0 | 1 | 2;
  prefix: boolean;
}

/** Une variante d'une position : des termes tous requis (ET) et le poids de son score. */
export interface WeightedAlternative {
  terms: readonly TermQuery[];
  weight: number;
}

/**
 * Le plan d'une requête : une liste de positions (toutes requises), chacune une liste de
 * variantes (une suffit). Le score d'un document à une position est celui de sa MEILLEURE
 * variante, pas leur somme : un document qui contient beaucoup de synonymes ne doit pas passer
 * devant celui qui contient le mot tapé.
 */
export type TextQueryPlan = readonly (readonly WeightedAlternative[])[];

/** Un terme : sa racine et ses formes tapées, avec fautes et préfixe éventuels. */
function termQuery(term: string, typed: TypedTerm | undefined, prefix: boolean): TermQuery {
  return { forms: [...new Set([term, ...(typed?.surfaces ?? [])])], typos: typed?.typos ?? 0, prefix };
}

/**
 * Le plan de la requête, ou null si le texte ne contient aucun mot cherchable (vide, mots
 * vides seulement, ponctuation) : la recherche porte alors sur toutes les actions.
 */
export function buildTextQuery(text: string): TextQueryPlan | null {
  const capped = text.slice(0, MAX_QUERY_CHARS);
  // Les 10 premiers mots seulement, comme Meilisearch (`limitWords`) : les deux moteurs lisent les mêmes mots.
  const slots = expandWords(limitWords(analyzeQueryWords(capped)));
  if (slots.length === 0) return null;
  const typed = typedTerms(capped);
  return slots.map((slot, s) => {
    const lastSlot = s === slots.length - 1 && slot.group === null;
    // La première variante est la forme tapée ; les suivantes viennent du dictionnaire.
    return slot.alternatives.map((tokens, a) => ({
      terms: tokens.map((token, t) => termQuery(token, typed.get(token), a === 0 && lastSlot && t === tokens.length - 1)),
      weight: a === 0 ? 1 : SYNONYM_WEIGHT,
    }));
  });
}
