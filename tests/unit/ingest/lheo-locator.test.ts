import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeName } from '../../../src/domain/geo';
import { loadGeoReferentiel } from '../../../src/geo/referentiel';
import { geoLocator, type CommuneLookup } from '../../../src/ingest/lheo-locator';
import { resolveDataDir } from '../../../src/catalog/files';

const COMMUNES = [
  { inseeCode: '44109', name: 'Nantes', mainPostcode: '44000', postcodes: ['44000', '44100', '44200', '44300'], lat: 47.2181, lon: -1.5528 },
  { inseeCode: '44162', name: 'Saint-Herblain', mainPostcode: '44800', postcodes: ['44800'], lat: 47.2122, lon: -1.6497 },
  { inseeCode: '44900', name: 'Saint-Martin', mainPostcode: '44100', postcodes: ['44100'], lat: 47.1, lon: -1.6 },
  { inseeCode: '85900', name: 'Saint-Martin', mainPostcode: '85200', postcodes: ['85200'], lat: 46.5, lon: -0.8 },
];

/** Doublure du référentiel : même contrat que GeoReferentiel (noms normalisés, correspondances exactes d'abord). */
const lookup: CommuneLookup = {
  communeByInsee: (code: string) => COMMUNES.find((c) => c.inseeCode === code),
  searchCommunes: (query: string, limit = 10) => {
    const q = normalizeName(query);
    return COMMUNES.filter((c) => normalizeName(c.name).includes(q))
      .sort((a, b) => Number(normalizeName(b.name) === q) - Number(normalizeName(a.name) === q))
      .slice(0, limit);
  },
};

describe('geoLocator', () => {
  const locator = geoLocator(lookup);
  const nantes = { inseeCode: '44109', name: 'Nantes', lat: 47.2181, lon: -1.5528 };

  it('par code INSEE, en gardant le code postal s’il appartient à la commune', () => {
    expect(locator.locate({ inseeCode: '44109', postcode: '44300', city: 'peu importe' })).toEqual({ ...nantes, postcode: '44300' });
    expect(locator.locate({ inseeCode: '44109', postcode: '75001' })).toEqual({ ...nantes, postcode: '44000' });
  });

  it('par nom et code postal, « St » et mention CEDEX compris', () => {
    expect(locator.locate({ postcode: '44800', city: 'ST HERBLAIN' })).toMatchObject({ inseeCode: '44162', postcode: '44800' });
    expect(locator.locate({ inseeCode: '99999', postcode: '44035', city: 'NANTES CEDEX 1' })).toEqual({ ...nantes, postcode: '44000' });
  });

  it('homonymes : départagés par le code postal, sinon pas de réponse', () => {
    expect(locator.locate({ postcode: '85200', city: 'Saint-Martin' })).toMatchObject({ inseeCode: '85900' });
    expect(locator.locate({ city: 'Saint-Martin' })).toBeNull();
    expect(locator.locate({ city: 'Nantes' })).toMatchObject({ inseeCode: '44109' });
  });

  it('rien de connu : null', () => {
    expect(locator.locate({ postcode: '75001', city: 'Paris' })).toBeNull();
    expect(locator.locate({ postcode: '44000' })).toBeNull();
    expect(locator.locate({})).toBeNull();
  });

  const geoDir = path.join(resolveDataDir(), 'geo');
  it.skipIf(!existsSync(path.join(geoDir, 'communes.json')))('avec le référentiel construit : Nantes, Angers CEDEX', () => {
    const real = geoLocator(loadGeoReferentiel(geoDir));
    expect(real.locate({ inseeCode: '44109' })).toMatchObject({ inseeCode: '44109', name: 'Nantes' });
    expect(real.locate({ postcode: '49035', city: 'ANGERS CEDEX 01' })).toMatchObject({ inseeCode: '49007' });
  });
});
