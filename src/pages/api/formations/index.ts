/** GET /api/formations : recherche de formations (voir src/http/formations.ts et /api/openapi.json). */
import type { APIRoute } from 'astro';
import { searchFormations } from '../../../http/formations';
import { guard, invalidParams, json } from '../../../http/http';
import { parseFormationsParams } from '../../../http/params';

export const prerender = false;

export const GET: APIRoute = ({ url, locals }) =>
  guard('GET /api/formations', async () => {
    const services = locals.app.api;
    const parsed = parseFormationsParams(services.formationsParams, url.searchParams);
    if (!parsed.ok) return invalidParams(parsed.champs);
    return json(await searchFormations(await locals.app.engine(), parsed.query, services.insertion.originOf, parsed.situation, services.metiers, parsed.understanding));
  });
