/** Les petites fonctions de texte qui remplacent des expressions à retour arrière. */
import { describe, expect, it } from 'vitest';
import { lookupTable, ownValue } from '../../../src/lib/lookup';
import { splitPostcode } from '../../../src/lib/place-text';
import { trimChar, trimEndChar } from '../../../src/lib/trim';

describe('splitPostcode', () => {
  it.each([
    ['Cholet (49300)', 'Cholet', '49300'],
    ['Cholet(49300)', 'Cholet', '49300'],
    ['  Les Herbiers   (85500)  ', '  Les Herbiers', '85500'],
    ['(49300)', '', '49300'],
  ])('« %s » → nom « %s », code postal %s', (text, name, postcode) => {
    expect(splitPostcode(text)).toEqual({ name, postcode });
  });

  it.each(['Cholet', 'Cholet (4930)', 'Cholet (493000)', 'Cholet (49a00)', 'Cholet 49300)', '49300', '', ')'])('« %s » : pas de code postal', (text) => {
    expect(splitPostcode(text)).toEqual({ name: text, postcode: null });
  });
});

describe('trimChar, trimEndChar', () => {
  it('retirent le caractère aux bouts, pas au milieu', () => {
    expect(trimChar('--a-b--', '-')).toBe('a-b');
    expect(trimChar('----', '-')).toBe('');
    expect(trimChar('', '_')).toBe('');
    expect(trimChar('_x_', '_')).toBe('x');
    expect(trimEndChar('https://a.example//', '/')).toBe('https://a.example');
    expect(trimEndChar('//', '/')).toBe('');
    expect(trimEndChar(`${'/'.repeat(100_000)}x`, '/')).toBe(`${'/'.repeat(100_000)}x`);
  });
});

describe('lookupTable, ownValue', () => {
  it('une table sans prototype ne trouve que ses propres clés', () => {
    const table = lookupTable({ '0': 'zéro' });
    expect(table['0']).toBe('zéro');
    for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect(table[key], key).toBeUndefined();
      expect(key in table, key).toBe(false);
      expect(ownValue({ a: 1 } as Record<string, number>, key), key).toBeUndefined();
    }
    expect(Object.isFrozen(table)).toBe(true);
    expect(ownValue({ constructor: 'oui' }, 'constructor')).toBe('oui');
  });
});
