import { describe, expect, it } from 'vitest';
import { communeValue, metierOptionText, metierValue, metierValueWithCode, nextActiveIndex, suggestionsStatus } from '../../../src/components/autocomplete/combobox';

describe('nextActiveIndex (clavier dans la liste de suggestions)', () => {
  it('flèche bas : de rien à la première, puis de proche en proche, et boucle', () => {
    expect(nextActiveIndex(-1, 3, 'ArrowDown')).toBe(0);
    expect(nextActiveIndex(0, 3, 'ArrowDown')).toBe(1);
    expect(nextActiveIndex(2, 3, 'ArrowDown')).toBe(0);
  });
  it('flèche haut : de rien à la dernière, et boucle', () => {
    expect(nextActiveIndex(-1, 3, 'ArrowUp')).toBe(2);
    expect(nextActiveIndex(1, 3, 'ArrowUp')).toBe(0);
    expect(nextActiveIndex(0, 3, 'ArrowUp')).toBe(2);
  });
  it('Début et Fin ; liste vide : aucune option', () => {
    expect(nextActiveIndex(1, 4, 'Home')).toBe(0);
    expect(nextActiveIndex(1, 4, 'End')).toBe(3);
    expect(nextActiveIndex(0, 0, 'ArrowDown')).toBe(-1);
  });
});

describe('textes des suggestions', () => {
  it('annonce le nombre de suggestions, rien sous le minimum de caractères', () => {
    expect(suggestionsStatus(0, 2, 'zz')).toBe('Aucune suggestion.');
    expect(suggestionsStatus(1, 2, 'ch')).toMatch(/^1 suggestion\./);
    expect(suggestionsStatus(5, 2, 'cho')).toMatch(/^5 suggestions\./);
    expect(suggestionsStatus(5, 2, 'c')).toBe('');
  });
  it('métier : l’appellation trouvée, avec le métier en détail', () => {
    const m = { code: 'J1501', libelle: 'Soins d’hygiène, de confort du patient', appellation: 'Aide-soignante' };
    expect(metierValue(m)).toBe('Aide-soignante');
    expect(metierOptionText(m)).toEqual({ main: 'Aide-soignante', detail: 'métier : Soins d’hygiène, de confort du patient' });
    expect(metierOptionText({ ...m, appellation: null })).toEqual({ main: m.libelle, detail: null });
    expect(metierValue({ ...m, appellation: null })).toBe(m.libelle);
  });
  it('métier avec son code (formulaires sans champ caché) : le libellé, puis le code ROME', () => {
    const m = { code: 'J1501', libelle: 'Soins d’hygiène, de confort du patient', appellation: 'Aide-soignante' };
    expect(metierValueWithCode(m)).toBe('Soins d’hygiène, de confort du patient (J1501)');
  });
  it('commune : nom et code postal', () => {
    expect(communeValue({ nom: 'Cholet', code_postal: '49300' })).toBe('Cholet (49300)');
  });
});
