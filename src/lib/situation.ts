/**
 * Les questions de « Ma situation » (sans dépendance : ce module part aussi dans le navigateur).
 * Les règles de coût qui les lisent sont dans src/domain/costs.ts.
 */
export const AGE_BANDS = ['moins-18', '18-25', '26-29', '30-plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const AGE_BAND_LABELS: Record<AgeBand, string> = {
  'moins-18': 'Moins de 18 ans',
  '18-25': 'De 18 à 25 ans',
  '26-29': 'De 26 à 29 ans',
  '30-plus': '30 ans ou plus',
};

/** Les paramètres d'adresse de « Ma situation », dans l'ordre du formulaire (page, fiche, API). */
export const SITUATION_FIELDS = ['inscrit_ft', 'age', 'salarie', 'rqth', 'rsa'] as const;
export type SituationField = (typeof SITUATION_FIELDS)[number];

/** Les questions oui / non, dans l'ordre du formulaire (paramètre d'adresse → question). */
export const YES_NO_QUESTIONS = [
  { name: 'inscrit_ft', label: 'Êtes-vous inscrit·e à France Travail ?' },
  { name: 'salarie', label: 'Avez-vous un emploi salarié ?' },
  { name: 'rqth', label: 'Avez-vous une reconnaissance de handicap (RQTH) ?' },
  { name: 'rsa', label: 'Touchez-vous le RSA ?' },
] as const;
