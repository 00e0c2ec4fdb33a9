/**
 * `npm run mutation -- --scope domain|formations|contact [--concurrency N]` : tests de mutation
 * (Stryker, lanceur vitest) d'un périmètre de tools/mutation/scopes.ts. Pas dans `npm test` : un
 * passage dure de quelques minutes à beaucoup plus selon le périmètre.
 *
 * - Configuration commune : stryker.config.mjs ; ce script y ajoute `mutate` et `testFiles` du
 *   périmètre, et les dossiers de travail, HORS du projet : la copie de travail de Stryker et les
 *   rapports (HTML, JSON) vont dans `<tmp>/versmonmetier-mutation/<périmètre>/` (VMM_MUTATION_DIR
 *   pour un autre dossier) ; le projet n'est pas modifié.
 * - Les tests lisent les données de test habituelles (tools/test-data.ts), construites AVANT, avec
 *   le code non muté : DATA_DIR et REFERENCE_DATE sont fixés pour tout le passage.
 * - Imprime le score et, par fichier, les mutants tués, survivants, hors délai, non couverts.
 *   Code de sortie : 0 si le passage est allé au bout (quel que soit le score), 1 sinon.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Stryker } from '@stryker-mutator/core';
import type { MutantResult } from '@stryker-mutator/api/core';
import { ensureTestData, testReferenceDate } from '../test-data';
import { MUTATION_SCOPES, type ScopeName } from './scopes';

const projectRoot = path.resolve(import.meta.dirname, '../..');

const HELP = `Usage : npm run mutation -- --scope <${Object.keys(MUTATION_SCOPES).join('|')}> [--concurrency N]
${Object.entries(MUTATION_SCOPES)
  .map(([name, s]) => `  ${name.padEnd(11)} ${s.description}`)
  .join('\n')}`;

type Counts = { killed: number; survived: number; timeout: number; noCoverage: number; errors: number; ignored: number };

function count(results: readonly MutantResult[]): Counts {
  const c: Counts = { killed: 0, survived: 0, timeout: 0, noCoverage: 0, errors: 0, ignored: 0 };
  for (const r of results) {
    if (r.status === 'Killed') c.killed += 1;
    else if (r.status === 'Survived') c.survived += 1;
    else if (r.status === 'Timeout') c.timeout += 1;
    else if (r.status === 'NoCoverage') c.noCoverage += 1;
    else if (r.status === 'Ignored') c.ignored += 1;
    else c.errors += 1;
  }
  return c;
}

/** Score de mutation (celui de Stryker) : (tués + hors délai) / (tués + hors délai + survivants + non couverts). */
export function mutationScore(c: Counts): number {
  const detected = c.killed + c.timeout;
  const valid = detected + c.survived + c.noCoverage;
  return valid === 0 ? 100 : (detected / valid) * 100;
}

const pct = (n: number) => `${n.toFixed(2)} %`;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { scope: { type: 'string' }, concurrency: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const name = values.scope as ScopeName | undefined;
  if (!name || !Object.hasOwn(MUTATION_SCOPES, name)) {
    console.error(`Périmètre inconnu ou absent : « ${values.scope ?? ''} ».\n${HELP}`);
    return 1;
  }
  const scope = MUTATION_SCOPES[name];
  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 4)) {
    console.error('--concurrency attend un entier de 1 à 4.');
    return 1;
  }

  const work = path.resolve(process.env.VMM_MUTATION_DIR ?? path.join(os.tmpdir(), 'versmonmetier-mutation'), name);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });

  const referenceDate = testReferenceDate();
  process.env.DATA_DIR = ensureTestData(referenceDate);
  process.env.REFERENCE_DATE = referenceDate;

  const started = performance.now();
  const stryker = new Stryker({
    configFile: path.join(projectRoot, 'stryker.config.mjs'),
    mutate: [...scope.mutate],
    testFiles: [...scope.testFiles],
    tempDirName: path.join(work, 'sandbox'),
    htmlReporter: { fileName: path.join(work, 'mutation.html') },
    jsonReporter: { fileName: path.join(work, 'mutation.json') },
    ...(concurrency !== undefined && { concurrency }),
  });
  const results = await stryker.runMutationTest();
  const seconds = (performance.now() - started) / 1000;

  const byFile = new Map<string, MutantResult[]>();
  for (const r of results) byFile.set(r.fileName, [...(byFile.get(r.fileName) ?? []), r]);
  const rows = [...byFile.entries()]
    .map(([file, list]) => ({ file: path.relative(projectRoot, file), ...count(list) }))
    .sort((a, b) => a.file.localeCompare(b.file));
  const total = count(results);
  const summary = { scope: name, seconds: Math.round(seconds), score: Number(mutationScore(total).toFixed(2)), ...total, files: rows.map((r) => ({ ...r, score: Number(mutationScore(r).toFixed(2)) })) };
  writeFileSync(path.join(work, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);

  console.log(`\nTests de mutation, périmètre « ${name} » (${scope.description}) : ${Math.round(seconds)} s`);
  console.log('fichier'.padEnd(40), 'score'.padStart(9), 'tués', 'survivants', 'délai', 'non couverts', 'erreurs');
  for (const r of summary.files) console.log(r.file.padEnd(40), pct(r.score).padStart(9), String(r.killed).padStart(4), String(r.survived).padStart(10), String(r.timeout).padStart(5), String(r.noCoverage).padStart(12), String(r.errors).padStart(7));
  console.log(
    `Score : ${pct(summary.score)} — ${total.killed} tués, ${total.survived} survivants, ${total.timeout} hors délai, ${total.noCoverage} non couverts, ${total.errors} en erreur, ${total.ignored} ignorés.`,
  );
  console.log(`Rapports : ${path.join(work, 'mutation.html')} ; ${path.join(work, 'summary.json')}`);
  return 0;
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(`Erreur : ${error instanceof Error ? error.message : String(error)}`);
  return 1;
});
