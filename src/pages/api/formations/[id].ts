/** GET /api/formations/{id} : une formation (action) en détail (voir src/http/formation-detail.ts). */
import type { APIRoute } from 'astro';
import { guard, json, notFound } from '../../../http/http';
import { getApiServices, preloadApi } from '../../../http/services';

export const prerender = false;

preloadApi();

export const GET: APIRoute = ({ params }) =>
  guard('GET /api/formations/{id}', () => {
    const detail = params.id === undefined ? undefined : getApiServices().details.get(params.id);
    return detail ? json(detail) : notFound('Formation introuvable');
  });
