/** Territoires EFOP : composition (sur le référentiel construit) et projection de la carte statique. */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { resolveDataDir } from '../../../src/catalog/files';
import { loadGeoReferentiel } from '../../../src/geo/referentiel';
import { fitProjection, territoryComposition } from '../../../src/territories/view';

const geo = loadGeoReferentiel(path.join(resolveDataDir(), 'geo'));

describe('territoryComposition', () => {
  it('range chaque commune de chaque territoire une seule fois, dans son EPCI ou à part', () => {
    expect(geo.allTerritoires()).toHaveLength(18);
    for (const t of geo.allTerritoires()) {
      const c = territoryComposition(t, geo.communesOfTerritoire(t.slug), geo.allEpcis());
      const listed = [...c.epcis.flatMap((e) => e.communes), ...c.direct].map((x) => x.inseeCode);
      expect(new Set(listed).size, t.slug).toBe(listed.length);
      expect(listed.sort(), t.slug).toEqual([...t.communeCodes].sort());
      expect(c.communes).toBe(t.communeCodes.length);
      for (const e of c.epcis) expect(e.communes.every((x) => x.epciCode === e.code)).toBe(true);
    }
  });

  it('met l’Île-d’Yeu à part, rattachée directement à Vendée Ouest', () => {
    const ouest = geo.territoireBySlug('vendee-ouest')!;
    const c = territoryComposition(ouest, geo.communesOfTerritoire(ouest.slug), geo.allEpcis());
    expect(c.direct.map((x) => x.name)).toEqual([expect.stringMatching(/Yeu$/)]);
  });
});

describe('fitProjection', () => {
  it('garde tous les points dans le cadre, le nord en haut et l’ouest à gauche', () => {
    const communes = geo.allCommunes();
    const p = fitProjection(communes, 640, 12);
    expect(p.width).toBe(640);
    expect(p.height).toBeLessThanOrEqual(640);
    for (const c of communes) {
      const { x, y } = p.project(c);
      expect(x).toBeGreaterThanOrEqual(11.9);
      expect(x).toBeLessThanOrEqual(628.1);
      expect(y).toBeGreaterThanOrEqual(11.9);
      expect(y).toBeLessThanOrEqual(p.height - 11.9);
    }
    const nantes = p.project(geo.communeByInsee('44109')!);
    const lemans = p.project(geo.communeByInsee('72181')!);
    const laval = p.project(geo.communeByInsee('53130')!);
    const larochesuryon = p.project(geo.communeByInsee('85191')!);
    expect(nantes.x).toBeLessThan(lemans.x);
    expect(laval.y).toBeLessThan(larochesuryon.y);
  });

  it('ne casse pas sans point ou avec un seul point', () => {
    expect(fitProjection([], 100).height).toBe(50);
    const one = fitProjection([{ lat: 47, lon: -1 }], 100);
    expect(Number.isFinite(one.project({ lat: 47, lon: -1 }).x)).toBe(true);
  });
});
