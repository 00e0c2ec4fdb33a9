/**
 * Le seul chemin « service indisponible » des pages de « Rencontrer un pro » et de /admin : le
 * module, ou null s'il ne peut pas démarrer (erreur déjà journalisée) — la réponse est alors
 * 503 et la page montre <Unavailable /> (« Service momentanément indisponible »).
 */
import type { AstroGlobal } from 'astro';
import type { ContactService } from './service';

export const UNAVAILABLE_STATUS = 503;

export function openContactPage(astro: Pick<AstroGlobal, 'response' | 'locals'>): ContactService | null {
  const svc = astro.locals.app.contact();
  if (!svc) astro.response.status = UNAVAILABLE_STATUS;
  return svc;
}
