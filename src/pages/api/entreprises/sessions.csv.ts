/**
 * GET /api/entreprises/sessions.csv : la liste de la page « Recruter » en CSV (une ligne par
 * session en cours ou à venir, par date de fin ; UTF-8 avec BOM, séparateur « ; »). Mêmes paramètres
 * que la page (`metier` répétable, `code_commune` + `rayon`, ou `territoire`, ou `commune` en texte, `fin`). Une liste vide donne un CSV
 * valide (la ligne d'en-tête seule). Demande invalide : 400 en texte, en français.
 */
import type { APIRoute } from 'astro';
import { isSearchable, parseEmployerRequest, runEmployerSearch } from '../../../formations/employer';
import { employerCsv } from '../../../formations/employer-csv';
import { CSV_CONTENT_TYPE, csvFileName } from '../../../offer-stats/csv';
import { dateInParis } from '../../../domain/calendar';

export const prerender = false;

function text(message: string, status: number): Response {
  return new Response(`${message}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}

export const GET: APIRoute = async ({ url, locals }) => {
  try {
    const services = await locals.app.formations();
    const request = parseEmployerRequest(services, url.searchParams);
    const errors = Object.values(request.errors);
    if (errors.length > 0) return text(`Demande invalide : ${errors.join(' ')}`, 400);
    if (!isSearchable(request)) return text('Demande incomplète : indiquez au moins un métier (metier) et une commune (code_commune ou commune) ou un territoire (territoire).', 400);
    const today = dateInParis(locals.app.clock.now());
    const result = await runEmployerSearch(services, request.form.metiers, request.place, today, request.form.fin);
    const where = request.place.kind === 'commune' ? request.place.commune.name : request.place.territoire.name;
    const body = employerCsv(result, (code) => services.getMetier(code)?.label ?? code, locals.app.publicUrl);
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': CSV_CONTENT_TYPE,
        'content-disposition': `attachment; filename="${csvFileName(`formations-${where}`, today)}"`,
        'cache-control': 'no-store',
      },
    });
  } catch (error) {
    console.error('[api] GET /api/entreprises/sessions.csv : erreur inattendue', error);
    return text('Service momentanément indisponible. Réessayez dans quelques instants.', 503);
  }
};
