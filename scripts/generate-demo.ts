/**
 * Génère le jeu de démonstration (offre LHEO 2.3, InserJeunes CSV, avis Anotéa JSON).
 *
 *   tsx scripts/generate-demo.ts [--sessions 3000] [--seed versmonmetier] [--reference-date 2026-11-23] [--out-dir data/build/demo]
 * Date de référence : --reference-date (ou --today), sinon REFERENCE_DATE, sinon aujourd'hui à Paris.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ReferenceDateError, resolveReferenceDate } from '../src/clock';
import { DEFAULT_OUT_DIR, DEFAULT_SEED, DEFAULT_SESSIONS, generateDemo } from '../src/demo/generate';

function usage(message: string): never {
  console.error(`Erreur : ${message}`);
  console.error('Usage : tsx scripts/generate-demo.ts [--sessions 3000] [--seed versmonmetier] [--reference-date AAAA-MM-JJ] [--out-dir data/build/demo]');
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        sessions: { type: 'string', default: String(DEFAULT_SESSIONS) },
        seed: { type: 'string', default: DEFAULT_SEED },
        'reference-date': { type: 'string' },
        today: { type: 'string' },
        'out-dir': { type: 'string', default: DEFAULT_OUT_DIR },
      },
      strict: true,
    }));
  } catch (error) {
    usage((error as Error).message);
  }
  const sessions = Number(values.sessions);
  if (!Number.isInteger(sessions) || sessions < 1) usage(`--sessions attend un entier positif (reçu « ${values.sessions} »)`);

  let today: string;
  try {
    today = resolveReferenceDate(values['reference-date'] ?? values.today);
  } catch (error) {
    usage(error instanceof ReferenceDateError ? error.message : String(error));
  }
  const started = performance.now();
  const result = await generateDemo({ sessions, seed: values.seed, today, outDir: path.resolve(values['out-dir']) });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const c = result.counts;
  const n = (x: number) => x.toLocaleString('fr-FR');
  console.log(
    `Démo générée dans ${path.relative(process.cwd(), path.dirname(result.files.lheo)) || '.'} en ${seconds} s : ` +
      `${n(c.formations)} formations, ${n(c.actions)} actions, ${n(c.sessions)} sessions, ${n(c.organismes)} organismes, ` +
      `${n(c.insertionRows)} lignes InserJeunes, ${n(c.reviews)} avis (graine « ${values.seed} », référence ${today}).`,
  );
}

main().catch((error: unknown) => {
  console.error(`Échec de la génération de la démo : ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
