/**
 * `manifest.json` : ce que la construction des données a produit (date, date de référence, compteurs, sources).
 * Schéma local au catalogue tant qu'il n'existe pas dans `src/domain/`.
 */
import { isIsoDate } from '../domain/calendar';
import { z } from '../domain/zod';

const Count = z.number().int().nonnegative();

export const ManifestSource = z.object({
  name: z.string().min(1),
  kind: z.enum(['demo', 'officiel']).describe('Données de démonstration ou données officielles'),
  description: z.string().default(''),
});
export type ManifestSource = z.infer<typeof ManifestSource>;

export const ManifestCounts = z.object({
  metiers: Count,
  formations: Count,
  actions: Count,
  sessions: Count,
  organismes: Count,
  communes: Count,
  reviews: Count,
  insertionStats: Count,
});
export type ManifestCounts = z.infer<typeof ManifestCounts>;

/** Un fichier de la génération, avec sa taille et son empreinte (vérifiées par `--if-missing`). */
export const ManifestFile = z.object({
  path: z.string().min(1).describe('Chemin relatif au dossier de la génération'),
  bytes: Count,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ManifestFile = z.infer<typeof ManifestFile>;

export const Manifest = z.object({
  buildId: z
    .string()
    .min(1)
    .optional()
    .describe('Identifiant de la construction, repris par offre.json et par l’index de recherche (absent : données d’une version précédente)'),
  builtAt: z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), { message: 'date ISO attendue' })
    .describe('Date et heure de construction des données (ISO 8601)'),
  referenceDate: z
    .string()
    .refine(isIsoDate, { message: 'date AAAA-MM-JJ attendue' })
    .describe('Date de référence des données (AAAA-MM-JJ) : la démo est générée autour de ce jour, et seules les sessions encore proposées ce jour-là sont cherchables'),
  demo: z.boolean().describe('Vrai si l’offre affichée contient des données de démonstration'),
  counts: ManifestCounts,
  sources: z.array(ManifestSource).default([]),
  files: z.array(ManifestFile).default([]).describe('Tous les fichiers de la génération, sauf le manifeste'),
});
export type Manifest = z.infer<typeof Manifest>;
