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
    expect(none).toEqual({ ok: false, message: expect.stringContaining('Aucune commune des Pays de la Loire ne correspond à « Zzzzville »'), suggestions: [] });
    expect(resolveCommuneText(geo, '   ')).toEqual({ ok: false, message: 'Indiquez une commune ou un code postal.', suggestions: [] });
    expect(resolveCommuneText(geo, '123')).toEqual({ ok: false, message: expect.stringContaining('5 chiffres'), suggestions: [] });
    expect(resolveCommuneText(geo, '99')).toEqual({ ok: false, message: expect.stringContaining('un département avec 2 (44, 49, 53, 72 ou 85)'), suggestions: [] });
    expect(resolveCommuneText(geo, 'x'.repeat(101))).toEqual({ ok: false, message: expect.stringContaining('100 caractères'), suggestions: [] });
    for (const hostile of ['") OR _geoRadius(', '<script>alert(1)</script>', '💥💥', '\u0000\u0007Laval']) {
      expect(() => resolveCommuneText(geo, hostile)).not.toThrow();
    }
    const control = resolveCommuneText(geo, '\u0000\u0007Laval');
    expect(control.ok && control.commune.inseeCode).toBe('53130');
  });
});

describe('resolveCommuneText : ce qu’une personne tape vraiment', () => {
  const codeOf = (text: string) => {
    const r = resolveCommuneText(geo, text);
    return r.ok ? r.commune.inseeCode : null;
  };

  it('« Laval 53 », « Laval 53000 », « 53000 » et « 53 » : Laval', () => {
    for (const text of ['Laval 53', 'laval 53000', '53000', '53']) expect(codeOf(text), text).toBe('53130');
    // Le département départage un nom porté dans deux départements ; un autre département ne donne rien.
    expect(codeOf('Laval 85')).toBeNull();
  });

  it('une faute de frappe : des propositions, jamais un choix à la place de la personne', () => {
    const typo = resolveCommuneText(geo, 'Cholett');
    expect(typo.ok).toBe(false);
    if (typo.ok) return;
    expect(typo.message).toBe('Aucune commune des Pays de la Loire ne s’appelle « Cholett ». Vouliez-vous dire Cholet (49300) ?');
    expect(typo.suggestions.map((c) => c.inseeCode)).toEqual(['49099']);
    const herbiers = resolveCommuneText(geo, 'Les Herbers');
    expect(!herbiers.ok && herbiers.suggestions.map((c) => c.inseeCode)).toContain('85109');
  });

  it('une ville hors de la région est dite telle (et le nom voisin de la région proposé, pas choisi)', () => {
    const rennes = resolveCommuneText(geo, 'Rennes');
    expect(rennes.ok).toBe(false);
    if (rennes.ok) return;
    expect(rennes.message).toMatch(/^Rennes \(Ille-et-Vilaine\) n’est pas en Pays de la Loire : le site ne montre que les formations de la région, et celles à distance\./);
    expect(rennes.suggestions.map((c) => c.name)).toContain('Rennes-en-Grenouilles');
    const tours = resolveCommuneText(geo, 'tours');
    expect(!tours.ok && tours.message).toMatch(/^Tours \(Indre-et-Loire\) n’est pas en Pays de la Loire/);
    // Un nom exact de la région n'est jamais pris pour une ville d'ailleurs.
    expect(codeOf('Cholet')).toBe('49099');
  });
});

describe('suggestCommunes (fautes de frappe)', () => {
  it('à 1 faute pour un nom court, 2 pour un long ; rien sous 4 lettres', () => {
    expect(geo.suggestCommunes('Lavall').map((c) => c.inseeCode)).toContain('53130');
    expect(geo.suggestCommunes('Chollet').map((c) => c.inseeCode)).toContain('49099');
    expect(geo.suggestCommunes('Nnates').map((c) => c.inseeCode)).toContain('44109');
    expect(geo.suggestCommunes('Lav')).toEqual([]);
    expect(geo.suggestCommunes('Zzzzville')).toEqual([]);
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
