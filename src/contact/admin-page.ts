/**
 * Le début commun des pages /admin (hors connexion) : le module indisponible répond 503, une
 * session absente renvoie vers la connexion, un formulaire au jeton faux répond 403.
 */
import type { AstroGlobal } from 'astro';
import { SESSION_COOKIE, readAdminRequest, type AdminRequest } from './admin-auth';
import { openContactPage } from './page';
import type { ContactService } from './service';

export type AdminPage = { svc: ContactService; admin: AdminRequest } | { svc: null; admin: null };

/** Rend la redirection vers la connexion (à renvoyer telle quelle), ou le module et la requête gardée. */
export async function openAdminPage(astro: Pick<AstroGlobal, 'cookies' | 'request' | 'response' | 'redirect' | 'locals'>): Promise<AdminPage | Response> {
  const svc = openContactPage(astro);
  if (!svc) return { svc: null, admin: null };
  const admin = await readAdminRequest(svc.store, svc.ctx.secret, astro.cookies.get(SESSION_COOKIE)?.value, astro.request, svc.ctx.now());
  if (!admin) return astro.redirect('/admin/connexion/', 303);
  if (admin.formError) astro.response.status = 403;
  return { svc, admin };
}
