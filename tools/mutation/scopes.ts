/**
 * Les périmètres des tests de mutation (`npm run mutation -- --scope <nom>`) : ce que Stryker
 * modifie (`mutate`) et les SEULS fichiers de test lancés contre ces mutants (`testFiles`), pour que
 * chaque passage reste borné sur une petite machine.
 *
 * Après un déplacement de code, c'est le seul endroit à mettre à jour : globs relatifs à la racine du projet, « ! » en tête pour exclure.
 */
export type MutationScope = {
  description: string;
  mutate: string[];
  testFiles: string[];
};

export const MUTATION_SCOPES = {
  domain: {
    description: 'Règles du domaine (src/domain)',
    mutate: [
      'src/domain/**/*.ts',
      // Réexportations et reconfiguration de zod : rien à muter.
      '!src/domain/index.ts',
      '!src/domain/zod.ts',
    ],
    testFiles: ['tests/unit/domain/**/*.test.ts', 'tests/unit/geo/domain-geo.test.ts', 'tests/unit/contact/contact-rules.test.ts'],
  },
  selection: {
    description: 'Ma sélection : règles, liste dans l’adresse, comparaison, lien court (src/domain/selection.ts, src/selection)',
    mutate: ['src/domain/selection.ts', 'src/http/selection-params.ts', 'src/selection/items.ts', 'src/selection/compare.ts', 'src/selection/short-links.ts', 'src/selection/pages.ts'],
    testFiles: ['tests/unit/domain/selection.test.ts', 'tests/integration/selection/**/*.test.ts'],
  },
  formations: {
    description: 'Cas d’usage « formations » : recherche, fiche, autour d’un métier, entreprises',
    mutate: [
      'src/formations/search.ts',
      'src/formations/nearby.ts',
      'src/formations/employer.ts',
      'src/formations/near-metier.ts',
      'src/formations/search-page.ts',
      'src/territories/place.ts',
      'src/http/formations.ts',
      'src/http/formation-detail.ts',
      'src/http/params.ts',
    ],
    testFiles: [
      'tests/integration/api/formations.test.ts',
      'tests/integration/api/params.test.ts',
      'tests/integration/api/detail.test.ts',
      'tests/integration/api/autocomplete.test.ts',
      'tests/unit/formations/**/*.test.ts',
      'tests/integration/formations/search-page.test.ts',
    ],
  },
  contact: {
    description: 'Cas d’usage « Rencontrer un pro » (src/contact, hors adaptateurs SQLite, SMTP, fichiers)',
    mutate: [
      'src/contact/directory.ts',
      'src/contact/requests.ts',
      'src/contact/pros.ts',
      'src/contact/jobs.ts',
      'src/contact/forms.ts',
      'src/contact/form-handlers.ts',
      'src/contact/tokens.ts',
      'src/contact/resolve.ts',
      'src/contact/stats.ts',
      'src/contact/moderation.ts',
      'src/domain/contact-rules.ts',
    ],
    testFiles: ['tests/unit/contact/**/*.test.ts', 'tests/integration/contact/**/*.test.ts'],
  },
} as const satisfies Record<string, MutationScope>;

export type ScopeName = keyof typeof MUTATION_SCOPES;
