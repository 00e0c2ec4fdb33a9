/** Commune tapée dans un formulaire : nom, code postal, texte qui ne correspond à rien. */
import { describe, expect, it } from 'vitest';
import { communeLabel, resolveCommuneCode, resolveCommuneText } from '../../../src/territories/place';
import { realServices } from './support';

const { geo } = await realServices();

describe('resolveCommuneText', () => {
  it('trouve une commune par son nom, avec ou sans accents ni majuscules', () => {
    for (const text of ['Laval', 'laval', '  LAVAL ']) {
      const r = resolveCommuneText(geo, text);
      expect(r.ok && r.commune.inseeCode, text).toBe('53130');
    }
    const herbiers = resolveCommuneText(geo, 'les herbiers');
    expect(herbiers.ok && communeLabel(herbiers.commune)).toBe('Les Herbiers (85500)');
    const nazaire = resolveCommuneText(geo, 'St-Nazaire');
    expect(nazaire.ok && nazaire.commune.name).toBe('Saint-Nazaire');
  });

  it('comprend « Nom (code postal) », ce qu’écrit le champ à suggestions', () => {
    const r = resolveCommuneText(geo, 'Les Herbiers (85500)');
    expect(r.ok && r.commune.inseeCode).toBe('85109');
    const laval = resolveCommuneText(geo, 'Laval (53000)');
    expect(laval.ok && laval.commune.inseeCode).toBe('53130');
  });

  it('trouve une commune par son code postal et propose les autres communes du même code', () => {
    const r = resolveCommuneText(geo, '85500');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.commune.postcodes).toContain('85500');
    expect(r.alternatives.every((c) => c.postcodes.includes('85500'))).toBe(true);
  });

  it('dit clairement quand rien ne correspond, sans jamais lever d’exception', () => {
    const none = resolveCommuneText(geo, 'Zzzzville');
    expect(none).toEqual({ ok: false, message: expect.stringContaining('Aucune commune des Pays de la Loire ne correspond à « Zzzzville »') });
    expect(resolveCommuneText(geo, '   ')).toEqual({ ok: false, message: 'Indiquez une commune ou un code postal.' });
    expect(resolveCommuneText(geo, '123')).toEqual({ ok: false, message: expect.stringContaining('5 chiffres') });
    expect(resolveCommuneText(geo, 'x'.repeat(101))).toEqual({ ok: false, message: expect.stringContaining('100 caractères') });
    for (const hostile of ['") OR _geoRadius(', '<script>alert(1)</script>', '💥💥', '\u0000\u0007Laval']) {
      expect(() => resolveCommuneText(geo, hostile)).not.toThrow();
    }
    const control = resolveCommuneText(geo, '\u0000\u0007Laval');
    expect(control.ok && control.commune.inseeCode).toBe('53130');
  });
});

describe('resolveCommuneCode', () => {
  it('accepte un code INSEE actuel ou ancien, refuse le reste', () => {
    const laval = resolveCommuneCode(geo, '53130');
    expect(laval.ok && laval.commune.name).toBe('Laval');
    expect(resolveCommuneCode(geo, '75056').ok).toBe(false);
    expect(resolveCommuneCode(geo, 'abc').ok).toBe(false);
  });
});
