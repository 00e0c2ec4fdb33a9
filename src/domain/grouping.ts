/**
 * « Un résultat est une formation dans un lieu » : les actions de la même formation (même
 * intitulé), par le même organisme, au même lieu et avec la même modalité sont UNE carte, leurs
 * sessions réunies. Ce qui les distingue (pour qui, qui paie, rythme, prix, durée) devient des
 * « variantes » de la carte, dites en mots ; des actions identiques sur tous ces points sont une
 * seule variante.
 */
import type { Action, Formation } from './offer';
import { routeOf } from './costs';

/** Minuscules, sans accents ni blancs répétés (clé de regroupement, pas d'affichage). */
function normalized(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Le lieu d'une action : « à distance », sinon commune (code INSEE ou nom) et adresse. */
export function placeKeyOf(action: Pick<Action, 'place' | 'teachingMode'>): string {
  if (action.teachingMode === 'distance') return 'distance';
  const p = action.place;
  return `${p.inseeCode ?? normalized(p.city)}|${normalized(p.street ?? p.label ?? '')}`;
}

/** Un intitulé tel qu'on le compare (casse, accents et blancs ignorés) : cartes et lignes des fiches métiers. */
export function titleKey(title: string): string {
  return normalized(title);
}

/** La clé de la carte d'une action : intitulé, organisme formateur, lieu, modalité. */
export function cardKeyOf(action: Pick<Action, 'organismeId' | 'place' | 'teachingMode'>, formation: Pick<Formation, 'title'>): string {
  return [normalized(formation.title), action.organismeId, placeKeyOf(action), action.teachingMode].join('\u0000');
}

/** Rythme d'une formation, en trois cas que la personne comprend ; null si l'organisme ne le dit pas. */
export type RhythmKind = 'alternance' | 'temps-plein' | 'temps-partiel';
export const RHYTHM_LABELS: Record<RhythmKind, string> = {
  alternance: 'en alternance (un contrat de travail avec une entreprise)',
  'temps-plein': 'à temps plein',
  'temps-partiel': 'à temps partiel',
};

/** Rythme : la voie (apprentissage, professionnalisation) ou le texte LHEO `rythme-formation` (borné à 3 000 caractères par l'import). */
export function rhythmKindOf(action: Pick<Action, 'publics' | 'rhythm' | 'financing'>): RhythmKind | null {
  const route = routeOf(action.publics, action.financing.funders);
  if (route === 'apprentissage' || route === 'professionnalisation') return 'alternance';
  const text = normalized((action.rhythm ?? '').slice(0, 3000));
  if (text.includes('alternance')) return 'alternance';
  if (text.includes('partiel') || text.includes('votre rythme')) return 'temps-partiel';
  if (text.includes('plein')) return 'temps-plein';
  return null;
}

/** Ce qui distingue une variante d'une autre sur la même carte. */
export interface VariantTraits {
  publics: string[];
  funders: string[];
  programme: string | null;
  cpfEligible: boolean;
  rhythm: RhythmKind | null;
  priceEuros: number | null;
  durationHours: number | null;
}

export function variantTraitsOf(action: Action): VariantTraits {
  return {
    publics: [...action.publics].sort(),
    funders: [...action.financing.funders].sort(),
    programme: action.financing.programme,
    cpfEligible: action.financing.cpfEligible,
    rhythm: rhythmKindOf(action),
    priceEuros: action.priceEuros,
    durationHours: action.durationHours,
  };
}

/** Deux actions aux mêmes traits sont une seule variante. */
export function variantKeyOf(traits: VariantTraits): string {
  return JSON.stringify([traits.publics, traits.funders, traits.programme, traits.cpfEligible, traits.rhythm, traits.priceEuros, traits.durationHours]);
}

/**
 * Les cartes d'une offre : clé → actions, dans l'ordre de l'offre. La carte prend l'identifiant
 * de sa première action par ordre d'identifiant (stable d'un import à l'autre tant que cette action existe).
 */
export function groupActions<A extends Pick<Action, 'id' | 'formationId' | 'organismeId' | 'place' | 'teachingMode'>>(
  actions: readonly A[],
  formationOf: (action: A) => Pick<Formation, 'title'> | undefined,
): A[][] {
  const groups = new Map<string, A[]>();
  for (const action of actions) {
    const formation = formationOf(action);
    const key = formation === undefined ? `\u0001${action.id}` : cardKeyOf(action, formation);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [action]);
    else group.push(action);
  }
  return [...groups.values()].map((group) => [...group].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
}
