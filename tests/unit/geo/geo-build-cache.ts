/** Construit le référentiel géographique une seule fois par fichier de test (≈ 1 s). */
import { buildGeoReferentiel, type GeoBuild } from '../../../src/geo/build';
import { loadGeoSources, loadTerritoiresFile } from '../../../src/geo/sources';

let cached: GeoBuild | undefined;

export function geoBuild(): GeoBuild {
  cached ??= buildGeoReferentiel(loadGeoSources(), loadTerritoiresFile());
  return cached;
}
