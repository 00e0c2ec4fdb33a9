/**
 * Libellés en mots de toutes les valeurs de facettes, calculés côté serveur (ils s'appuient sur
 * le domaine) puis passés à l'île de recherche : le navigateur ne charge ni zod ni le domaine.
 */
import { DEPARTEMENT_NAMES, DEPARTEMENTS_PDL } from '../../domain/geo';
import { REGION_PROGRAMMES } from '../../domain/financing';
import { LEVELS, levelLabel } from '../../domain/levels';
import { PUBLIC_LABELS, TEACHING_MODE_LABELS } from '../../domain/offer';
import type { TerritoireEfop } from '../../domain/geo';
import { lookupTable } from '../../lib/lookup';
import { DURATION_CHOICES } from '../../lib/french';

/**
 * Libellés par facette ; les pages et l'île les lisent avec `ownValue` (src/lib/lookup.ts) : la
 * valeur cherchée vient du flux ou de l'adresse, et les tables arrivent au navigateur en objets ordinaires.
 */
export type FacetLabels = Record<'niveau' | 'modalite' | 'financement' | 'public' | 'departement' | 'territoire' | 'duree', Record<string, string>>;

/** Publics visés : la table du domaine (src/domain/offer.ts). */
export { PUBLIC_LABELS };

/** Financements de la facette (voir `financingFacetValues`). */
const FINANCING_LABELS = lookupTable({
  ...Object.fromEntries(Object.entries(REGION_PROGRAMMES).map(([code, p]) => [code, `${p.label} (Région)`])),
  cpf: 'Compte personnel de formation (CPF)',
  region: 'Payée par la Région',
  'france-travail': 'Payée par France Travail',
  personnel: 'Payée par vous-même',
  entreprise: 'Payée par l’employeur',
});

export function facetLabels(territoires: readonly TerritoireEfop[]): FacetLabels {
  return {
    niveau: Object.fromEntries(LEVELS.map((l) => [String(l), levelLabel(l)])),
    modalite: { ...TEACHING_MODE_LABELS },
    financement: FINANCING_LABELS,
    public: PUBLIC_LABELS,
    departement: Object.fromEntries(DEPARTEMENTS_PDL.map((d) => [d, `${DEPARTEMENT_NAMES[d]} (${d})`])),
    territoire: Object.fromEntries(territoires.map((t) => [t.slug, t.name])),
    duree: Object.fromEntries(DURATION_CHOICES.map((c) => [String(c.maxHours), c.label])),
  };
}

