/**
 * GET /api/sante : disponibilité du service (sonde de démarrage et de supervision).
 * Répond 200 quand les données de l'API et le moteur de recherche sont chargés ET viennent de la
 * même construction (manifeste, offre et index de recherche : même identifiant), 503 sinon.
 * Le premier appel (fait par scripts/serve.mjs au démarrage) déclenche leur chargement, et
 * démarre « Rencontrer un pro » (base, envoi des e-mails, tâches planifiées) : s'il ne peut pas
 * démarrer (ex. CONTACT_SECRET absent en production), la recherche reste servie et la sonde le dit.
 */
import type { APIRoute } from 'astro';
import { json } from '../../http/http';
import { dataConsistencyProblem } from '../../http/services';

export const prerender = false;

export const GET: APIRoute = async ({ locals }) => {
  try {
    const services = locals.app.api;
    const engine = await locals.app.engine();
    const indexBuildId = 'buildId' in engine ? (engine.buildId as string | null) : undefined;
    const problem = dataConsistencyProblem(services.data, indexBuildId);
    if (problem) {
      console.error(`[api] GET /api/sante : ${problem}`);
      return json({ statut: 'indisponible', erreur: problem }, 503);
    }
    const contact = locals.app.contact() === null ? 'indisponible' : 'prêt';
    return new Response(JSON.stringify({ statut: 'prêt', moteur: engine.name, contact }), {
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    });
  } catch (error) {
    console.error('[api] GET /api/sante : service indisponible', error);
    return json({ statut: 'indisponible', erreur: 'Les données ou le moteur de recherche ne sont pas chargés.' }, 503);
  }
};
