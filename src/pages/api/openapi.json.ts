/** GET /api/openapi.json : le document OpenAPI 3.1, généré des schémas zod de l'API (voir src/api/openapi.ts). */
import type { APIRoute } from 'astro';
import { guard, json } from '../../api/http';
import { buildOpenApiDocument } from '../../api/openapi';
import { getApiServices } from '../../api/services';

export const prerender = false;

export const GET: APIRoute = () => guard('GET /api/openapi.json', () => json(buildOpenApiDocument(getApiServices().formationsParams)));
