/**
 * « Correspond en partie » : un résultat correspond à TOUTE la recherche si chaque mot cherché
 * (ou l'un de ses synonymes, avec les mêmes fautes de frappe tolérées et le début de mot du
 * dernier mot que la recherche) est dans son intitulé ou dans un métier visé. Sinon, un mot
 * n'a été trouvé que dans la description ou le nom de l'organisme : le résultat est dit
 * « correspond en partie » et passe après toutes les correspondances complètes
 * (src/formations/search.ts). Règle commune aux deux moteurs : elle lit le plan de requête
 * du moteur embarqué (`buildTextQuery`) et le document, pas le moteur.
 */
import { distance } from 'fastest-levenshtein';
import { analyze, tokenize } from './analyzer';
import type { TermQuery, TextQueryPlan } from './embedded-query';
import type { ActionDocument } from './port';

export interface MatchCoverage {
  full: boolean;
  /** Les mots cherchés absents de l'intitulé et des métiers visés (forme tapée, pliée). */
  missing: string[];
}

/** Les formes d'un texte : pour le mot exact, le début de mot (ordre alphabétique) et les fautes (par longueur). */
interface Forms {
  set: ReadonlySet<string>;
  sorted: readonly string[];
  byLength: ReadonlyMap<number, readonly string[]>;
}

function formsFrom(text: string): Forms {
  const set = new Set([...analyze(text), ...tokenize(text)]);
  const byLength = new Map<number, string[]>();
  for (const form of set) {
    const list = byLength.get(form.length);
    if (list === undefined) byLength.set(form.length, [form]);
    else list.push(form);
  }
  return { set, sorted: [...set].sort(), byLength };
}

/**
 * Les formes de l'intitulé et des métiers visés qu'un terme de requête peut rencontrer : racines et
 * mots pliés. Calculées une fois par document (les documents du moteur embarqué vivent tout le processus).
 */
const formsCache = new WeakMap<object, Forms>();
/**
 * Les formes d'un même texte ne sont calculées qu'une fois : beaucoup de cartes ont le même intitulé et les
 * mêmes métiers (une formation dans plusieurs lieux) ; elles partagent alors leurs formes, et la couverture
 * d'une requête n'est calculée qu'une fois pour elles toutes (`coverageOf`).
 */
const formsByText = new Map<string, Forms>();
/** Au plus ce nombre de textes gardés (les plus anciens oubliés d'abord) : la mémoire reste bornée. */
export const MAX_INTERNED_TEXTS = 20_000;
function interned(text: string): Forms {
  let forms = formsByText.get(text);
  if (forms === undefined) {
    forms = formsFrom(text);
    if (formsByText.size >= MAX_INTERNED_TEXTS) formsByText.delete(formsByText.keys().next().value as string);
    formsByText.set(text, forms);
  }
  return forms;
}
function formsOf(doc: Pick<ActionDocument, 'title' | 'metierLabels'>): Forms {
  let forms = formsCache.get(doc);
  if (forms === undefined) {
    forms = interned(`${doc.title} ${doc.metierLabels.join(' ')}`.slice(0, 20_000));
    formsCache.set(doc, forms);
  }
  return forms;
}

function termFound(term: TermQuery, forms: Forms): boolean {
  for (const form of term.forms) {
    if (forms.set.has(form)) return true;
    if (term.prefix) {
      // Le premier mot qui n'est pas avant `form` dans l'ordre alphabétique : s'il commence par `form`, trouvé.
      let lo = 0;
      let hi = forms.sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((forms.sorted[mid] as string) < form) lo = mid + 1;
        else hi = mid;
      }
      if (lo < forms.sorted.length && (forms.sorted[lo] as string).startsWith(form)) return true;
    }
    for (let length = form.length - term.typos; length <= form.length + term.typos; length++) {
      for (const candidate of forms.byLength.get(length) ?? []) if (distance(candidate, form) <= term.typos) return true;
    }
  }
  return false;
}

/** La couverture du plan `plan` par l'intitulé et les métiers visés du document. */
const coverageMemo = new WeakMap<TextQueryPlan, WeakMap<Forms, MatchCoverage>>();
export function coverageOf(doc: Pick<ActionDocument, 'title' | 'metierLabels'>, plan: TextQueryPlan): MatchCoverage {
  const forms = formsOf(doc);
  let memo = coverageMemo.get(plan);
  if (memo === undefined) {
    memo = new WeakMap();
    coverageMemo.set(plan, memo);
  }
  const known = memo.get(forms);
  if (known !== undefined) return { full: known.full, missing: [...known.missing] };
  const computed = computeCoverage(forms, plan);
  memo.set(forms, computed);
  return { full: computed.full, missing: [...computed.missing] };
}

function computeCoverage(forms: Forms, plan: TextQueryPlan): MatchCoverage {
  const missing: string[] = [];
  for (const slot of plan) {
    if (slot.some((alternative) => alternative.terms.every((term) => termFound(term, forms)))) continue;
    // La première variante est la forme tapée : on nomme ses mots absents (forme pliée tapée).
    const absent = (slot[0]?.terms ?? []).filter((t) => !termFound(t, forms));
    const words = absent.map((t) => t.forms.at(-1) ?? '').filter((w) => w !== '');
    missing.push(...(words.length > 0 ? words : (slot[0]?.terms.map((t) => t.forms.at(-1) ?? '') ?? [])));
  }
  return { full: missing.length === 0, missing: [...new Set(missing)] };
}

function allFormsOf(doc: Pick<ActionDocument, 'title' | 'metierLabels' | 'organismeName' | 'description'>): Forms {
  return interned(`${doc.title} ${doc.metierLabels.join(' ')} ${doc.organismeName} ${doc.description}`.slice(0, 40_000));
}

/**
 * Vrai si chaque position du plan est trouvée quelque part dans le document (intitulé, métiers,
 * organisme, description) : le document est alors un résultat « par les mots », pas seulement par
 * un métier compris (src/formations/search.ts).
 */
export function matchesAnywhere(doc: Pick<ActionDocument, 'title' | 'metierLabels' | 'organismeName' | 'description'>, plan: TextQueryPlan): boolean {
  const forms = allFormsOf(doc);
  return plan.every((slot) => slot.some((alternative) => alternative.terms.every((term) => termFound(term, forms))));
}
