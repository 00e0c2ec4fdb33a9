// @ts-check
/**
 * Configuration commune des tests de mutation (Stryker + vitest). Ne se lance pas seule : passez par
 * `npm run mutation -- --scope domain|formations|contact` (tools/mutation/run.ts), qui ajoute les
 * fichiers à muter et les tests du périmètre (tools/mutation/scopes.ts), les données de test et
 * les dossiers de travail (hors du projet).
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: {
    configFile: 'tests/vitest.config.ts',
    // Les tests lancés sont ceux du périmètre (testFiles), pas ceux que vitest croit liés.
    related: false,
  },
  // Chaque mutant n'est essayé que contre les tests qui passent par lui.
  coverageAnalysis: 'perTest',
  // 2 cœurs partagés : au plus 2 processus de test (--concurrency 1 pour céder la machine).
  concurrency: 2,
  // Mutants « statiques » (évalués au chargement d'un module : tables, schémas zod) : avec vitest 5.1.1
  // et @stryker-mutator/vitest-runner 10.1.1, ils ne sont jamais activés (les 441 de src/domain sont
  // tous « survivants », même levels.ts:18 « 'CAP, BEP' → '' » que levels.test.ts vérifie mot pour mot ;
  // essayé aussi avec pool « forks » et isolate) : on les ignore, le score ne compte que les autres.
  // Voir README, « Tests de mutation ».
  ignoreStatic: true,
  timeoutMS: 20_000,
  timeoutFactor: 2,
  dryRunTimeoutMinutes: 15,
  // Le code du site et les données construites ne servent pas aux tests unitaires.
  ignorePatterns: ['dist', '.astro', 'data/build', 'data/*.sqlite*', 'data/mails', 'test-results', 'playwright-report', 'coverage', 'reports'],
  reporters: ['progress', 'clear-text', 'html', 'json'],
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0, reportScoreTable: true, reportMutants: true },
  thresholds: { high: 80, low: 60, break: null },
  cleanTempDir: 'always',
};
