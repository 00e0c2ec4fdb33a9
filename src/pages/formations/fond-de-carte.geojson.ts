/**
 * Le fond de carte hors ligne (GeoJSON), généré à la construction du site à partir du
 * référentiel géographique construit (`data/build/geo`) : jamais versionné. Voir ADR 005.
 */
import type { APIRoute } from 'astro';
import path from 'node:path';
import { resolveDataDir } from '../../catalog/files';
import { loadGeoReferentiel } from '../../geo/referentiel';
import { buildBasemap } from '../../components/map/basemap';

export const prerender = true;

export const GET: APIRoute = () => {
  const geo = loadGeoReferentiel(path.join(resolveDataDir(), 'geo'));
  return new Response(JSON.stringify(buildBasemap(geo.allCommunes(), geo.allEpcis())), {
    headers: { 'content-type': 'application/geo+json; charset=utf-8' },
  });
};
