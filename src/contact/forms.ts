/**
 * Lecture des formulaires HTML (FormData) et messages d'erreur par champ, pour les afficher à
 * côté de chaque champ (aria-describedby) en gardant la saisie.
 */
import type { z } from '../domain/zod';
import { BodyTooLargeError, maxBodyBytes } from '../http/request-limits';
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

/**
 * Le corps de la requête, lu en comptant les octets : au-delà de `limit`, la lecture s'arrête et
 * `BodyTooLargeError` est levée (le middleware répond 413), que le corps ait annoncé sa longueur
 * ou non. Rien de plus que `limit` octets n'est gardé en mémoire.
 */
export async function readBody(request: Request, limit = maxBodyBytes()): Promise<Uint8Array<ArrayBuffer>> {
  if (Number(request.headers.get('content-length') ?? 0) > limit) throw new BodyTooLargeError(limit);
  if (request.body === null) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(new ArrayBuffer(total));
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/**
 * Le contenu d'un formulaire POST, ou null si le corps n'en est pas un (4xx plutôt qu'une
 * exception). Un corps plus grand que MAX_BODY_BYTES lève `BodyTooLargeError` (413).
 */
export async function readForm(request: Request, limit = maxBodyBytes()): Promise<FormData | null> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return null;
  let body: Uint8Array<ArrayBuffer>;
  try {
    body = await readBody(request, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw error;
    return null;
  }
  try {
    return await new Response(body, { headers: { 'content-type': type } }).formData();
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
