/** GET /api/formations : recherche de formations (voir src/http/formations.ts et /api/openapi.json). */
import type { APIRoute } from 'astro';
import { getSearchEngine } from '../../../http/engine';
import { searchFormations } from '../../../http/formations';
import { guard, invalidParams, json } from '../../../http/http';
import { parseFormationsParams } from '../../../http/params';
import { getApiServices, preloadApi } from '../../../http/services';

export const prerender = false;

preloadApi();

export const GET: APIRoute = ({ url }) =>
  guard('GET /api/formations', async () => {
    const services = getApiServices();
    const parsed = parseFormationsParams(services.formationsParams, url.searchParams);
    if (!parsed.ok) return invalidParams(parsed.champs);
    return json(await searchFormations(await getSearchEngine(), parsed.query, services.insertion.originOf));
  });
