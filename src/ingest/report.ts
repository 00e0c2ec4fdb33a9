/**
 * Rapport d'import : chaque enregistrement rejeté y figure avec le fichier, sa position
 * (ligne, ou n-ième élément XML) ou son identifiant, et une raison en français.
 * Un enregistrement invalide n'interrompt jamais l'import.
 */
import { z } from '../domain/zod';

export const Rejection = z.object({
  file: z.string(),
  position: z.string().describe('Ligne, n-ième élément ou chemin dans le document'),
  id: z.string().nullable(),
  reason: z.string(),
});
export type Rejection = z.infer<typeof Rejection>;

export const ImportReport = z.object({
  source: z.string().describe('Format importé (lheo, rome, inserjeunes, anotea…)'),
  files: z.array(z.string()),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  accepted: z.record(z.string(), z.number().int().nonnegative()).describe('Nombre d’enregistrements acceptés par type'),
  rejected: z.array(Rejection),
  warnings: z.array(Rejection).default([]),
  counts: z.record(z.string(), z.number().int().nonnegative()).default({}).describe('Autres comptes : lignes écartées, rattachement à l’offre…'),
});
export type ImportReport = z.infer<typeof ImportReport>;

/** Erreur fatale : fichier illisible ou mauvais format. Le script s'arrête avec un code non nul. */
export class ImportFatalError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = 'ImportFatalError';
  }
}

export class ReportBuilder {
  private readonly report: ImportReport;

  constructor(source: string) {
    this.report = { source, files: [], startedAt: new Date().toISOString(), finishedAt: null, accepted: {}, rejected: [], warnings: [], counts: {} };
  }

  file(name: string): void {
    if (!this.report.files.includes(name)) this.report.files.push(name);
  }

  accept(kind: string, n = 1): void {
    this.report.accepted[kind] = (this.report.accepted[kind] ?? 0) + n;
  }

  reject(file: string, position: string, id: string | null, reason: string): void {
    this.report.rejected.push({ file, position, id, reason });
  }

  /** Ajoute `n` au compte `key` (compte sans rejet : lignes écartées, liens avec l'offre…). */
  count(key: string, n = 1): void {
    this.report.counts[key] = (this.report.counts[key] ?? 0) + n;
  }

  warn(file: string, position: string, id: string | null, reason: string): void {
    this.report.warnings.push({ file, position, id, reason });
  }

  finish(): ImportReport {
    this.report.finishedAt = new Date().toISOString();
    return this.report;
  }
}

/** Formate une erreur zod en une phrase française courte (« champ : message ; … »). */
export function zodReason(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length ? i.path.join('.') : 'enregistrement'} : ${i.message}`)
    .join(' ; ');
}
