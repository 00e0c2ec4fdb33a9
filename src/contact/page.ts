/**
 * Le seul chemin « service indisponible » des pages de « Rencontrer un pro » et de /admin : le
 * module, ou null s'il ne peut pas démarrer (erreur déjà journalisée) — la réponse est alors
 * 503 et la page montre <Unavailable /> (« Service momentanément indisponible »).
 */
import type { AstroGlobal } from 'astro';
import { contactService, type ContactService } from './service';

export const UNAVAILABLE_STATUS = 503;

export function openContactPage(astro: Pick<AstroGlobal, 'response'>): ContactService | null {
  const svc = contactService();
  if (!svc) astro.response.status = UNAVAILABLE_STATUS;
  return svc;
}
