/**
 * Analyse du texte français pour la recherche de formations.
 *
 * Fonctions pures, sans dépendance : le moteur embarqué (MiniSearch / Orama) et l'adaptateur
 * Meilisearch partagent ainsi la même normalisation des requêtes et des documents.
 *
 *   analyze(texte) = tokenize (fold + découpe + élisions + mots composés)
 *                    → retrait des mots vides (STOP_WORDS_FR)
 *                    → stem (racinisation légère pluriel / féminin)
 *
 * Toutes les sorties sont « pliées » : minuscules, sans accents, œ → oe, æ → ae.
 */
import { lookupTable } from '../lib/lookup';

/** Marques et symboles sans valeur de recherche (retirés avant la décomposition Unicode). */
const REMOVED_SYMBOLS = /[®™©℠]/g;
/** Apostrophes typographiques et assimilées → apostrophe droite. */
const APOSTROPHES = /[\u2018\u2019\u201A\u201B\u02BC\u02BB\u00B4\u0060\u2032\uFF07]/g;
/** Guillemets typographiques → guillemet droit. */
const QUOTES = /[\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033\u2039\u203A]/g;
/** Traits d'union Unicode (trait d'union, trait d'union insécable, signe moins) → « - ». */
const HYPHENS = /[\u2010\u2011\u2212\uFE63\uFF0D]/g;
/** Diacritiques combinants (après décomposition). */
const COMBINING_MARKS = /\p{M}/gu;
/** Lettres que la décomposition Unicode ne sépare pas de leur « accent ». */
const LETTER_FOLDS = lookupTable({
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
});
const LETTER_FOLDS_RE = /[œæßøłđðþı]/g;

/**
 * Plie un texte pour la comparaison : minuscules, accents retirés (é → e, ç → c), ligatures
 * (œ → oe, æ → ae), apostrophes et guillemets typographiques unifiés (’ → ', « » → "),
 * traits d'union Unicode unifiés, ®/™/© retirés, césure conditionnelle retirée.
 *
 * On utilise NFKD (et non seulement NFD) : même repli des accents, plus le repli des formes de
 * compatibilité qu'on trouve dans les catalogues copiés-collés (ligature « ﬁ », exposants
 * « 2ᵉ », chiffres pleine chasse, espaces insécables). Les symboles ®/™ sont retirés AVANT,
 * sinon NFKD transformerait « ™ » en « TM ».
 */
export function fold(text: string): string {
  return text
    .replace(REMOVED_SYMBOLS, '')
    .replace(/\u00AD/g, '') // césure conditionnelle (soft hyphen)
    .replace(APOSTROPHES, "'")
    .replace(QUOTES, '"')
    .replace(HYPHENS, '-')
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(LETTER_FOLDS_RE, (c) => LETTER_FOLDS[c] ?? c);
}

/**
 * Élisions françaises (apostrophe droite, le texte étant déjà plié) : retirées seulement en
 * début de mot, pour ne pas couper « aujourd'hui ». Les formes longues d'abord.
 */
const ELISION = /(?<![\p{L}\p{N}])(?:jusqu|lorsqu|puisqu|qu|[ldjnscmt])'(?=[\p{L}\p{N}])/gu;
/** Un « mot » : suite alphanumérique, éventuellement reliée par des traits d'union ou apostrophes. */
const WORD = /[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu;
const DIGIT = /\p{N}/u;

function keepToken(token: string): boolean {
  return token.length > 1 || DIGIT.test(token);
}

/**
 * Un mot du texte : ses parties et, pour un mot composé, sa forme soudée
 * (« aide-soignant » → parts [aide, soignant], joined « aidesoignant » ; « cap » → [cap], null).
 */
export interface Word {
  readonly parts: readonly string[];
  readonly joined: string | null;
}

/**
 * Comme `tokenize`, mais en gardant la structure des mots composés (utile pour les synonymes,
 * qui doivent traiter « aidesoignant » comme une variante de « aide soignant »).
 */
export function tokenizeWords(text: string): Word[] {
  const folded = fold(text).replace(ELISION, ' ');
  const words: Word[] = [];
  for (const match of folded.matchAll(WORD)) {
    const rawParts = match[0].split(/['-]/).filter((p) => p.length > 0);
    const parts = rawParts.filter(keepToken);
    const joined = rawParts.length > 1 ? rawParts.join('') : null;
    if (parts.length > 0 || joined !== null) words.push({ parts, joined });
  }
  return words;
}

/**
 * Découpe un texte en jetons pliés.
 * - élisions retirées : « l'hôtellerie » → hotellerie, « d’accueil » → accueil ;
 * - mots composés : les parties ET la forme soudée, dans cet ordre
 *   (« aide-soignant » → aide, soignant, aidesoignant) ; idem pour une apostrophe qui n'est pas
 *   une élision (« aujourd'hui » → aujourd, hui, aujourdhui) ;
 * - chiffres conservés (« r489 », « bac+2 » → bac, 2) ;
 * - jetons d'une lettre écartés, sauf les chiffres.
 * Les doublons sont conservés (l'ordre et la fréquence des termes restent fidèles au texte).
 */
export function tokenize(text: string): string[] {
  return tokenizeWords(text).flatMap(flattenWord);
}

function flattenWord(word: Word): string[] {
  return word.joined === null ? [...word.parts] : [...word.parts, word.joined];
}

/**
 * Mots vides français, sous forme pliée (« à » → « a », « où » → « ou »).
 * Volontairement courte : on ne retire ni « as » (aide-soignant), ni « ce » (permis CE), ni
 * « son » (technicien du son), ni « plus » / « sans » / « vers » / « est », qui peuvent porter du
 * sens dans une recherche de formation.
 */
export const STOP_WORDS_FR: ReadonlySet<string> = new Set([
  'a',
  'au',
  'aux',
  'avec',
  'ces',
  'cet',
  'cette',
  'chez',
  'd',
  'dans',
  'de',
  'des',
  'du',
  'en',
  'et',
  'il',
  'j',
  'je',
  'l',
  'la',
  'le',
  'les',
  'ma',
  'mes',
  'mon',
  'ne',
  'on',
  'ou',
  'par',
  'pour',
  'qu',
  'que',
  'qui',
  'se',
  'sur',
  'un',
  'une',
  'y',
]);

/**
 * Mots de la demande (« je veux », « j'aimerais », « devenir », « travailler dans », « faire du »…) :
 * ils disent qu'on demande, pas ce qu'on cherche. Retirés des mots d'une REQUÊTE seulement
 * (`analyzeQueryWords`, `unstemmedQueryWords`), jamais des documents, dans les deux moteurs et dans la
 * lecture des fiches métiers (src/metiers/intent.ts). Forme pliée, non racinisée. « dans », « du »,
 * « de » sont déjà des mots vides ; « formation » n'en est pas un (il est dans des intitulés).
 */
export const REQUEST_FILLER_WORDS: ReadonlySet<string> = new Set([
  'veux', 'veut', 'voudrais', 'voudrait', 'vouloir', 'aimerais', 'aimerait', 'aimerai', 'aime', 'aimer', 'adore', 'adorerais',
  'souhaite', 'souhaiterais', 'souhaiterait', 'envie', 'devenir', 'deviens', 'redevenir', 'travailler', 'bosser',
  'faire', 'fais', 'apprendre', 'cherche', 'chercher', 'recherche', 'trouver', 'metier', 'metiers', 'boulot', 'job', 'taf',
  'suis', 'etre', 'ai', 'avoir', 'peux', 'pourrais', 'pouvoir', 'tu', 'vous', 'nous', 'moi', 'me', 'te', 'quoi', 'comment',
  'quel', 'quelle', 'quels', 'quelles', 'svp', 'stp', 'merci', 'bonjour', 'salut', 'tard', 'reconvertir', 'reconversion', 'idee',
]);

/** Les mots d'une requête sans les mots de la demande (une partie de mot composé comprise). */
function withoutFillers(words: readonly Word[]): Word[] {
  const out: Word[] = [];
  for (const word of words) {
    const parts = word.parts.filter((p) => !REQUEST_FILLER_WORDS.has(p));
    if (parts.length === word.parts.length) out.push(word);
    else if (parts.length > 0) out.push({ parts, joined: null });
  }
  return out;
}

/** Les mots d'une requête (`tokenizeWords`) sans les mots de la demande : ce que l'on cherche vraiment. */
export function requestWords(text: string): Word[] {
  return withoutFillers(tokenizeWords(text));
}

/**
 * Racinisation légère du français : pluriel puis féminin, rien d'autre.
 *
 * Décision : pas de Snowball. Le Snowball français (paquets `snowball-stemmers`, `natural`)
 * retire aussi les suffixes dérivationnels : il confond des mots qu'un usager distingue
 * (soignant / soigner, formation / formateur…) et ne rapproche pas pour autant les couples
 * métier masculin / féminin qui nous importent (conducteur → conducteur, conductrice →
 * conductric ; serveur → serveur, serveuse → serveus). Aucun des deux paquets n'est installé et
 * une dépendance pour ~40 lignes ne se justifie pas. On suit donc l'esprit du « French light
 * stemmer » de J. Savoy (pluriels et féminins seulement), réduit aux règles utiles ici :
 *
 *  0. jetons de 3 caractères ou moins, jetons avec chiffre et sigles protégés : inchangés
 *     (cap, bts, bep, r489, caces, deas) ;
 *  1. pluriel : exceptions (travaux → travail, matériaux → materiau), -eaux → -eau,
 *     -aux → -al (métaux → metal), -x final après u (jeux, bijoux), -s final sauf après s
 *     (agents → agent, mais process / stress inchangés) ;
 *  2. féminin, premier suffixe qui s'applique (il faut au moins 2–3 lettres devant) :
 *     -trice → -teur (conductrice, animatrice), -euse → -eur (serveuse, coiffeuse),
 *     -ienne → -ien, -enne → -en, -onne → -on, -elle → -el, -ive → -if,
 *     -ère → -er (boulangère, cuisinière, infirmière — mais « mère » reste « mere ») ;
 *  3. sinon, « e » finaux retirés si le mot fait au moins 5 lettres (soignante → soignant,
 *     employée / employé → employ) ; « mere », « aide », « capa » (≤ 4) ne bougent pas.
 *
 * Le stemmer doit seulement rendre la même racine pour les formes d'un même mot ; la racine
 * n'a pas à être un mot français (« poids » → « poid »). Il est appliqué à l'identique aux
 * documents et aux requêtes.
 */
export function stem(token: string): string {
  if (token.length <= 3 || DIGIT.test(token) || PROTECTED_STEMS.has(token)) return token;
  const singular = stemPlural(token);
  const masculine = stemFeminine(singular);
  if (masculine !== null) return masculine;
  return stripFinalE(singular);
}

/** Sigles et mots qui finissent par « s » ou « e » sans être des pluriels / féminins. */
const PROTECTED_STEMS: ReadonlySet<string> = new Set(['caces', 'deas', 'deaes', 'dees', 'ects', 'ssiap']);

/** Table sans prototype : un jeton « constructor » ou « tostring » n'y trouve rien (voir src/lib/lookup.ts). */
const PLURAL_EXCEPTIONS = lookupTable({
  travaux: 'travail',
  vitraux: 'vitrail',
  emaux: 'email',
  coraux: 'corail',
  materiaux: 'materiau',
  tuyaux: 'tuyau',
  noyaux: 'noyau',
  joyaux: 'joyau',
  boyaux: 'boyau',
});

function stemPlural(word: string): string {
  const exception = PLURAL_EXCEPTIONS[word];
  if (exception !== undefined) return exception;
  if (word.endsWith('eaux')) return word.slice(0, -1);
  if (word.endsWith('aux') && word.length >= 5) return `${word.slice(0, -3)}al`;
  if (word.endsWith('ux')) return word.slice(0, -1);
  if (word.endsWith('s') && !word.endsWith('ss')) {
    const singular = word.slice(0, -1);
    return singular.length >= 3 ? singular : word;
  }
  return word;
}

/** [suffixe féminin, remplacement masculin, lettres minimales devant le suffixe]. */
const FEMININE_RULES: readonly (readonly [string, string, number])[] = [
  ['trice', 'teur', 2],
  ['euse', 'eur', 2],
  ['ienne', 'ien', 2],
  ['enne', 'en', 3],
  ['onne', 'on', 3],
  ['elle', 'el', 3],
  ['ive', 'if', 3],
  ['ere', 'er', 3],
];

function stemFeminine(word: string): string | null {
  for (const [suffix, replacement, minStem] of FEMININE_RULES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= minStem) {
      return word.slice(0, -suffix.length) + replacement;
    }
  }
  return null;
}

function stripFinalE(word: string): string {
  if (word.length < 5) return word;
  let end = word.length;
  while (end > 3 && word[end - 1] === 'e') end--;
  return word.slice(0, end);
}

/**
 * Chaîne complète : jetons pliés, sans mots vides, racinisés.
 * À utiliser de la même façon pour indexer et pour interroger.
 */
export function analyze(text: string): string[] {
  return analyzeWords(text).flatMap(flattenWord);
}

/** `analyze` mot par mot : mots vides retirés et racinisation, structure des composés gardée. */
export function analyzeWords(text: string): Word[] {
  return analyzeTokenized(tokenizeWords(text));
}

/** `analyzeWords` d'une requête : sans les mots de la demande (`REQUEST_FILLER_WORDS`). */
export function analyzeQueryWords(text: string): Word[] {
  return analyzeTokenized(requestWords(text));
}

function analyzeTokenized(words: readonly Word[]): Word[] {
  const out: Word[] = [];
  for (const word of words) {
    const parts = word.parts.filter((p) => !STOP_WORDS_FR.has(p)).map(stem);
    const joined = word.joined === null || STOP_WORDS_FR.has(word.joined) ? null : stem(word.joined);
    if (parts.length > 0 || joined !== null) out.push({ parts, joined });
  }
  return out;
}

/**
 * Fautes de frappe tolérées pour un mot de la requête, comme les valeurs par défaut de
 * Meilisearch (`typoTolerance.minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }`) :
 * 0 sous 5 caractères, 1 de 5 à 8, 2 à partir de 9. La longueur se compte sur la forme pliée.
 */
export const MIN_WORD_SIZE_FOR_TYPOS = { oneTypo: 5, twoTypos: 9 } as const;

export function typoBudget(token: string): 0 | 1 | 2 {
  const length = [...fold(token)].length;
  if (length >= MIN_WORD_SIZE_FOR_TYPOS.twoTypos) return 2;
  if (length >= MIN_WORD_SIZE_FOR_TYPOS.oneTypo) return 1;
  return 0;
}

/**
 * Au plus 10 mots cherchés par requête, dans les deux moteurs : Meilisearch ne lit que les
 * 10 premiers termes de `q` et ignore la suite (`words_limit: 10` par défaut, non réglable par
 * l'API HTTP : crates/milli/src/search/mod.rs, v1.50.0). Le moteur embarqué s'y aligne.
 */
export const MAX_QUERY_WORDS = 10;

/**
 * Les mots d'une requête tels que Meilisearch doit les lire : pliés, élisions et mots vides
 * retirés, opérateurs ignorés (seules les lettres et chiffres forment des mots), mais NON
 * racinisés (Meilisearch indexe les formes du texte, pas des racines).
 */
export function unstemmedWords(text: string): Word[] {
  return unstemmedOf(tokenizeWords(text));
}

/** `unstemmedWords` d'une requête : sans les mots de la demande. */
export function unstemmedQueryWords(text: string): Word[] {
  return unstemmedOf(requestWords(text));
}

function unstemmedOf(words: readonly Word[]): Word[] {
  const out: Word[] = [];
  for (const word of words) {
    const parts = word.parts.filter((p) => !STOP_WORDS_FR.has(p));
    const joined = word.joined === null || STOP_WORDS_FR.has(word.joined) ? null : word.joined;
    if (parts.length > 0 || joined !== null) out.push({ parts, joined });
  }
  return out;
}

/**
 * Les `max` premiers mots d'une analyse (`analyzeWords` ou `unstemmedWords`), comptés comme
 * Meilisearch compte ses termes : chaque partie d'un mot composé en est un (« aide-soignant »
 * en fait deux), un mot sans partie gardée compte pour sa forme soudée. Un mot composé coupé
 * perd sa forme soudée.
 */
export function limitWords(words: readonly Word[], max: number = MAX_QUERY_WORDS): Word[] {
  const out: Word[] = [];
  let count = 0;
  for (const word of words) {
    if (count >= max) break;
    const size = Math.max(word.parts.length, 1);
    if (count + size <= max) {
      out.push(word);
      count += size;
    } else {
      out.push({ parts: word.parts.slice(0, max - count), joined: null });
      count = max;
    }
  }
  return out;
}
