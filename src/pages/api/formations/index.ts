/** GET /api/formations : recherche de formations (voir src/api/formations.ts et /api/openapi.json). */
import type { APIRoute } from 'astro';
import { getSearchEngine } from '../../../api/engine';
import { searchFormations } from '../../../api/formations';
import { guard, invalidParams, json } from '../../../api/http';
import { parseFormationsParams } from '../../../api/params';
import { getApiServices, preloadApi } from '../../../api/services';

export const prerender = false;

preloadApi();

export const GET: APIRoute = ({ url }) =>
  guard('GET /api/formations', async () => {
    const services = getApiServices();
    const parsed = parseFormationsParams(services.formationsParams, url.searchParams);
    if (!parsed.ok) return invalidParams(parsed.champs);
    return json(await searchFormations(await getSearchEngine(), parsed.query, services.insertion.originOf));
  });
