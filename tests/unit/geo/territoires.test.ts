import { describe, expect, it } from 'vitest';
import type { TerritoiresEfopFile } from '../../../src/geo/territoires';
import { loadTerritoiresFile } from '../../../src/geo/sources';
import { resolveTerritoires, validateTerritoires } from '../../../src/geo/referentiel';
import { geoBuild } from './geo-build-cache';

const shipped = loadTerritoiresFile();

function check(file: TerritoiresEfopFile): string[] {
  const { epcis, communes } = geoBuild();
  return validateTerritoires(resolveTerritoires(file, epcis), epcis, communes);
}

function variant(edit: (file: TerritoiresEfopFile) => void): TerritoiresEfopFile {
  const copy = structuredClone(shipped);
  edit(copy);
  return copy;
}

describe('data/territoires-efop.json', () => {
  it('est provisoire et porte l’avertissement et les notes', () => {
    expect(shipped.provisional).toBe(true);
    expect(shipped.notice).toBe(
      "Composition provisoire, établie par versmonmétier d'après les zones d'emploi de l'INSEE ; la composition officielle n'est pas publiée.",
    );
    expect(shipped.notes.join(' ')).toMatch(/Redon/);
    expect(shipped.territoires.map((t) => t.slug)).toContain('loire-atlantique-centre');
  });

  it('est cohérent : validateTerritoires ne renvoie aucune erreur', () => {
    expect(check(shipped)).toEqual([]);
  });

  it('les noms d’EPCI du fichier sont ceux de la source', () => {
    const epciNames = new Map(geoBuild().epcis.map((e) => [e.code, e.name]));
    for (const t of shipped.territoires) for (const e of t.epcis) expect(e.name).toBe(epciNames.get(e.code));
  });
});

describe('validateTerritoires sur des variantes fautives', () => {
  it('EPCI en double', () => {
    const errors = check(
      variant((f) => {
        f.territoires[1]?.epcis.push({ code: '244400404', name: 'Nantes Métropole' });
      }),
    );
    expect(errors.some((e) => e.includes('244400404') && e.includes('plusieurs territoires'))).toBe(true);
    expect(errors.some((e) => e.startsWith('Commune 44109 (Nantes) rattachée à plusieurs territoires'))).toBe(true);
  });

  it('EPCI manquant', () => {
    const errors = check(
      variant((f) => {
        const centre = f.territoires.find((t) => t.slug === 'loire-atlantique-centre');
        if (centre) centre.epcis = centre.epcis.filter((e) => e.code !== '244400503');
      }),
    );
    expect(errors).toContain("EPCI 244400503 (CC d'Erdre et Gesvres) rattaché à aucun territoire.");
    expect(errors.some((e) => /^Commune \d{5} .* rattachée à aucun territoire\.$/.test(e))).toBe(true);
  });

  it('mauvais nom de territoire', () => {
    const errors = check(
      variant((f) => {
        const t = f.territoires.find((x) => x.name === 'Vendée Sud');
        if (t) t.name = 'Sud Vendée';
      }),
    );
    expect(errors).toContain('Nom de territoire inattendu : « Sud Vendée ».');
    expect(errors).toContain('Territoire manquant : « Vendée Sud ».');
  });

  it('EPCI inconnu et territoire en trop', () => {
    const errors = check(
      variant((f) => {
        f.territoires.push({
          slug: 'mayenne-est',
          name: 'Mayenne Est',
          departement: '53',
          epcis: [{ code: '999999999', name: 'EPCI fictif' }],
          communes: [],
        });
      }),
    );
    expect(errors).toContain('19 territoires trouvés, 18 attendus.');
    expect(errors).toContain('EPCI inconnu 999999999 dans le territoire « Mayenne Est ».');
  });

  it('L’Île-d’Yeu oubliée', () => {
    const errors = check(
      variant((f) => {
        for (const t of f.territoires) t.communes = [];
      }),
    );
    expect(errors).toEqual(["Commune 85113 (L'Île-d'Yeu) rattachée à aucun territoire."]);
  });
});
