import { describe, expect, it } from 'vitest';
import { metierSlug, romeCodeFromSlug, slugify } from '../../../src/lib/slug';

describe('slugify', () => {
  it('replie les accents, met en minuscules et sépare par des tirets', () => {
    expect(slugify('Aide-soignant / Aide-soignante')).toBe('aide-soignant-aide-soignante');
    expect(slugify('Électricité bâtiment')).toBe('electricite-batiment');
    expect(slugify('Hôtellerie-restauration, tourisme, loisirs et animation')).toBe('hotellerie-restauration-tourisme-loisirs-et-animation');
    expect(slugify('Ça, c’est l’été à Saint-Étienne !')).toBe('ca-c-est-l-ete-a-saint-etienne');
    expect(slugify("Chargé d'affaires")).toBe('charge-d-affaires');
  });

  it('traite les ligatures et les lettres spéciales', () => {
    expect(slugify('Cœur de métier, Œuvre')).toBe('coeur-de-metier-oeuvre');
    expect(slugify('Ex æquo')).toBe('ex-aequo');
    expect(slugify('Straße')).toBe('strasse');
  });

  it('supprime les tirets en trop et les bords', () => {
    expect(slugify('  --  Bac + 2 (BTS)  --  ')).toBe('bac-2-bts');
    expect(slugify('')).toBe('');
    expect(slugify('!!!')).toBe('');
  });

  it('coupe un texte trop long sur un tiret', () => {
    const long = 'Conduite d’équipement de production alimentaire et de transformation des produits de la mer et des viandes';
    const slug = slugify(long, 40);
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(slug).toBe('conduite-d-equipement-de-production');
    expect(slugify('abcdefghijklmnop', 5)).toBe('abcde');
  });
});

describe('metierSlug', () => {
  it('préfixe le code ROME en majuscules', () => {
    expect(metierSlug({ code: 'J1501', label: 'Aide-soignant / Aide-soignante' })).toBe('J1501-aide-soignant-aide-soignante');
    expect(metierSlug({ code: 'f1703', label: 'Maçonnerie' })).toBe('F1703-maconnerie');
    expect(metierSlug({ code: 'M1607', label: '???' })).toBe('M1607');
  });

  it('retrouve le code ROME dans un slug', () => {
    expect(romeCodeFromSlug('J1501-aide-soignant-aide-soignante')).toBe('J1501');
    expect(romeCodeFromSlug('j1501')).toBe('J1501');
    expect(romeCodeFromSlug('aide-soignant')).toBeNull();
    expect(romeCodeFromSlug('J15011-x')).toBeNull();
  });
});
