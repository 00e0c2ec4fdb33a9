/**
 * Ce que partagent les commandes d'import (scripts/import-*.ts, scripts/build-data.ts) :
 * écriture JSON et traduction des erreurs en codes de sortie.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ImportFatalError, type ReportBuilder } from './report';

/** Écrit `data` en JSON (lisible si `pretty`), en créant le dossier au besoin. */
export async function writeJson(file: string, data: unknown, pretty = false): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${pretty ? JSON.stringify(data, null, 2) : JSON.stringify(data)}\n`);
}

/**
 * Fin commune des commandes d'import : écrit `data` dans `out` et le rapport (par défaut
 * `reports/<source>.json` à côté de `out`), imprime « <done> dans <out> ; n rejet(s)… » et rend
 * le code de sortie : 2 si des enregistrements ont été rejetés, 0 sinon.
 */
export async function finishImport(options: { out: string; reportFile?: string | undefined; data: unknown; report: ReportBuilder; done: string }): Promise<number> {
  const result = options.report.finish();
  const reportFile = options.reportFile ?? path.join(path.dirname(options.out), 'reports', `${result.source}.json`);
  await writeJson(options.out, options.data);
  await writeJson(reportFile, result, true);
  console.log(`${options.done} dans ${options.out} ; ${result.rejected.length} rejet(s), ${result.warnings.length} avertissement(s) (rapport : ${reportFile}).`);
  return result.rejected.length > 0 ? 2 : 0;
}

/**
 * Lance `main` et fixe le code de sortie : celui que `main` renvoie, ou 1 pour une erreur
 * fatale d'import (message en français), des arguments invalides (avec l'aide) ou toute autre erreur.
 */
export function runCli(main: () => Promise<number>, help: string): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof ImportFatalError) {
        // Le fichier en cause est nommé, sauf si le message le fait déjà.
        const where = error.file && !error.message.includes(error.file) ? `${error.file} : ` : '';
        console.error(`Erreur : ${where}${error.message}`);
      } else if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) console.error(`Arguments invalides : ${(error as Error).message}\n\n${help}`);
      else console.error(error instanceof Error ? `Erreur : ${error.message}` : error);
      process.exitCode = 1;
    },
  );
}
