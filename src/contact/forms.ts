/**
 * Lecture des formulaires HTML (FormData) et messages d'erreur par champ, pour les afficher à
 * côté de chaque champ (aria-describedby) en gardant la saisie.
 */
import type { z } from '../domain/zod';
import { emptyDict } from '../lib/lookup';

export type FieldErrors = Record<string, string>;

/** Le premier message de chaque champ (premier élément du chemin). */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '_');
    errors[key] ??= issue.message;
  }
  return errors;
}

/**
 * Valeurs texte d'un formulaire (la dernière valeur d'un champ répété), tronquées à `max`
 * caractères. Les noms des champs viennent du navigateur : dictionnaire sans prototype.
 */
export function formText(data: FormData, max = 5_000): Record<string, string> {
  const values = emptyDict<string>();
  for (const [key, value] of data.entries()) if (typeof value === 'string') values[key] = value.slice(0, max);
  return values;
}

/** Toutes les valeurs d'un champ répété (cases à cocher), sans doublon. */
export function formList(data: FormData, name: string): string[] {
  return [...new Set(data.getAll(name).filter((v): v is string => typeof v === 'string'))].slice(0, 20);
}

/** Le contenu d'un formulaire POST, ou null si le corps n'en est pas un (4xx plutôt qu'une exception). */
export async function readForm(request: Request): Promise<FormData | null> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return null;
  try {
    return await request.formData();
  } catch {
    return null;
  }
}

/** Le champ piège : invisible pour les personnes, rempli par les robots. */
export const HONEYPOT_FIELD = 'site_web';

export function isBot(data: FormData): boolean {
  const v = data.get(HONEYPOT_FIELD);
  return typeof v === 'string' && v.trim() !== '';
}
