/** GET /api/openapi.json : le document OpenAPI 3.1, généré des schémas zod de l'API (voir src/http/openapi.ts). */
import type { APIRoute } from 'astro';
import { guard, json } from '../../http/http';
import { buildOpenApiDocument } from '../../http/openapi';
import { getApiServices } from '../../http/services';

export const prerender = false;

export const GET: APIRoute = () => guard('GET /api/openapi.json', () => json(buildOpenApiDocument(getApiServices().formationsParams)));
