/**
 * Niveaux de qualification — nomenclature nationale de 2019 (niveaux 1 à 8),
 * et correspondance avec tous les codes du dictionnaire LHEO `dict-niveaux`.
 */
import { lookupTable } from '../lib/lookup';
import { z } from './zod';

export const LEVELS = [1, 2, 3, 4, 5, 6, 7, 8] as const;
export const Level = z
  .union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6), z.literal(7), z.literal(8)])
  .describe('Niveau de qualification (nomenclature 2019, 1 à 8)');
export type Level = z.infer<typeof Level>;

/** Libellés courts, en mots simples, affichés à côté du numéro. */
export const LEVEL_LABELS: Record<Level, string> = {
  1: 'Savoirs de base',
  2: 'Sans diplôme, premiers savoir-faire',
  3: 'CAP, BEP',
  4: 'Bac, BP, BT',
  5: 'Bac + 2 (BTS, DEUST)',
  6: 'Bac + 3 ou 4 (licence, BUT)',
  7: 'Bac + 5 (master, ingénieur)',
  8: 'Doctorat',
};

export function levelLabel(level: Level): string {
  return `Niveau ${level} — ${LEVEL_LABELS[level]}`;
}

export function isLevel(n: unknown): n is Level {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 8;
}

/**
 * LHEO `dict-niveaux` (2.2 et 2.3). Les anciens niveaux en chiffres romains (1969) sont
 * inversés par rapport à la nomenclature 2019 : l'ancien « niveau V » (CAP) est le nouveau 3.
 * Les codes 0 (non communiqué) et 1 (sans niveau spécifique) ne donnent pas de niveau.
 */
export const LHEO_LEVEL_CODES = lookupTable<{ label: string; level: Level | null }>({
  '0': { label: 'information non communiquée', level: null },
  '1': { label: 'sans niveau spécifique', level: null },
  '2': { label: 'niveau VI (illettrisme, analphabétisme)', level: 1 },
  '3': { label: 'niveau V bis (préqualification)', level: 2 },
  '4': { label: 'niveau V (CAP, BEP, CFPA du premier degré)', level: 3 },
  '5': { label: 'niveau IV (BP, BT, baccalauréat professionnel ou technologique)', level: 4 },
  '6': { label: 'niveau III (BTS, DUT)', level: 5 },
  '7': { label: 'niveau II (licence ou maîtrise universitaire)', level: 6 },
  '8': { label: 'niveau I (supérieur à la maîtrise)', level: 7 },
  '11': { label: 'Niveau 1', level: 1 },
  '12': { label: 'Niveau 2', level: 2 },
  '13': { label: 'Niveau 3', level: 3 },
  '14': { label: 'Niveau 4', level: 4 },
  '15': { label: 'Niveau 5', level: 5 },
  '16': { label: 'Niveau 6', level: 6 },
  '17': { label: 'Niveau 7', level: 7 },
  '18': { label: 'Niveau 8', level: 8 },
});

export type LevelMapping = { ok: true; level: Level | null } | { ok: false; reason: string };

/** Traduit un code LHEO `dict-niveaux` en niveau 2019 ; un code inconnu est une erreur explicite. */
export function levelFromLheoCode(code: string | null | undefined): LevelMapping {
  if (code === null || code === undefined || code.trim() === '') return { ok: true, level: null };
  const entry = LHEO_LEVEL_CODES[code.trim()];
  if (!entry) return { ok: false, reason: `code de niveau LHEO inconnu : « ${code.trim()} »` };
  return { ok: true, level: entry.level };
}

/** Code LHEO 2.3 (11 à 18) pour un niveau 2019 : utilisé par le générateur de flux. */
export function lheoCodeForLevel(level: Level): string {
  return String(10 + level);
}
