import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyze } from '../../../src/search/analyzer';
import {
  SynonymsError,
  buildSynonymIndex,
  combine,
  expandQuery,
  expandQueryTokens,
  loadSynonyms,
  parseSynonyms,
  toMeilisearchSynonyms,
  type SynonymGroup,
} from '../../../src/search/synonyms';

const FILE = path.resolve(import.meta.dirname, '../../../data/synonymes.json');
const key = (tokens: readonly string[]) => tokens.join(' ');
/** Suites de jetons proposées pour une requête en texte libre. */
const expansions = (query: string) => expandQueryTokens(analyze(query), undefined, 200).map(key);

describe('data/synonymes.json', () => {
  const groups = loadSynonyms();

  it('est valide et compte au moins 60 groupes', () => {
    const result = parseSynonyms(JSON.parse(readFileSync(FILE, 'utf8')));
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(groups.length).toBeGreaterThanOrEqual(60);
  });

  it('contient les abréviations indispensables, chacune dans son groupe', () => {
    const groupOf = (term: string) => groups.find((g) => g.terms.includes(term))?.terms[0];
    expect(groupOf('as')).toBe('aide-soignant');
    expect(groupOf('deas')).toBe('aide-soignant');
    expect(groupOf('aes')).toBe('accompagnant éducatif et social');
    expect(groupOf('avs')).toBe('accompagnant éducatif et social');
    expect(groupOf('ash')).toBe('agent de service hospitalier');
    expect(groupOf('ap')).toBe('auxiliaire de puériculture');
    expect(groupOf('ide')).toBe('infirmier');
    expect(groupOf('caces')).toBe('cariste');
    expect(groupOf('r489')).toBe('cariste');
    expect(groupOf('pl')).toBe('poids lourd');
    expect(groupOf('spl')).toBe('super poids lourd');
    expect(groupOf('tp')).toBe('titre professionnel');
    expect(groupOf('btp')).toBe('bâtiment et travaux publics');
    expect(groupOf('dev')).toBe('développeur');
    expect(groupOf('compta')).toBe('comptabilité');
    expect(groupOf('cuistot')).toBe('cuisinier');
    expect(groupOf('mécano')).toBe('mécanicien');
    expect(groupOf('éduc spé')).toBe('éducateur spécialisé');
  });

  it('laisse les programmes de la Région hors des synonymes', () => {
    const all = groups.flatMap((g) => g.terms);
    expect(all).not.toContain('prépa');
    expect(all).not.toContain('visa');
  });

  it('écrit tous les termes en minuscules, sans doublon entre groupes', () => {
    const seen = new Map<string, number>();
    groups.forEach((g, i) => {
      for (const term of g.terms) {
        expect(term).toBe(term.toLowerCase());
        expect(seen.get(term) ?? i, term).toBe(i);
        seen.set(term, i);
      }
    });
  });
});

describe('expandQueryTokens : variantes de la requête', () => {
  it('« as » ↔ aide-soignant (toutes graphies)', () => {
    const fromAs = expansions('AS');
    expect(fromAs[0]).toBe('as');
    expect(fromAs).toContain(key(analyze('aide soignant')));
    expect(fromAs).toContain('deas');
    expect(expansions('aide-soignante')).toContain('as');
    expect(expansions('aidesoignant')).toContain('as');
    expect(expansions('aides soignants')).toContain('deas');
  });

  it('« pl » → poids lourd, en gardant le reste de la requête', () => {
    const out = expansions('PL Nantes');
    expect(out[0]).toBe('pl nant');
    expect(out).toContain(`${key(analyze('poids lourd'))} nant`);
    expect(out).toContain(`${key(analyze('chauffeur routier'))} nant`);
  });

  it('« caces » → cariste, chariot élévateur, r489', () => {
    const out = expansions('caces');
    expect(out).toContain(key(analyze('cariste')));
    expect(out).toContain(key(analyze('chariot élévateur')));
    expect(out).toContain('r489');
    // la plus longue correspondance l'emporte : « caces r486 » vise la nacelle
    expect(expansions('CACES R486')).toContain(key(analyze('nacelle')));
    expect(expansions('CACES R486')).not.toContain(key(analyze('cariste')));
  });

  it('« dev », « btp », « compta »', () => {
    expect(expansions('dev')).toContain(key(analyze('développeur')));
    expect(expansions('développeuse web')).toContain('dev');
    expect(expansions('BTP')).toContain(key(analyze('bâtiment travaux publics')));
    expect(expansions('bâtiment et travaux publics')).toContain('btp');
    expect(expansions('compta')).toEqual(expect.arrayContaining([key(analyze('comptabilité')), key(analyze('comptable'))]));
  });

  it('reconnaît les synonymes de plusieurs mots, au pluriel ou au féminin', () => {
    expect(expansions('chauffeurs de bus')).toContain(key(analyze('transport en commun')));
    expect(expansions('conductrice poids lourds')).toContain('pl');
  });

  it('ne touche pas une requête sans synonyme, sauf les mots composés', () => {
    expect(expansions('menuiserie aluminium')).toContain(key(analyze('menuisier aluminium')));
    expect(expansions('tapissier')).toEqual(['tapissier']);
    expect(expansions('Saint-Nazaire')).toEqual([key(analyze('saint nazaire')), key(analyze('saintnazaire'))]);
    expect(expandQueryTokens([])).toEqual([]);
  });

  it('expose les positions et le groupe reconnu', () => {
    const slots = expandQuery('auxiliaire de puériculture à Laval');
    expect(slots.map((s) => s.group?.terms[0] ?? null)).toEqual(['auxiliaire de puériculture', null]);
    expect(slots[0]?.alternatives[0]).toEqual(analyze('auxiliaire de puériculture'));
  });

  it('plafonne le nombre de combinaisons', () => {
    const slots = expandQuery('as pl caces dev btp');
    expect(combine(slots, 10)).toHaveLength(10);
    expect(combine(slots, 10)[0]).toEqual(['as', 'pl', 'caces', 'dev', 'btp']);
  });

  it("s'utilise avec un autre jeu de groupes", () => {
    const index = buildSynonymIndex([{ terms: ['cuistot', 'cuisinier'], kind: 'synonyme' }]);
    expect(expandQueryTokens(analyze('cuisinière'), index)).toEqual([['cuisinier'], ['cuistot']]);
  });
});

describe('toMeilisearchSynonyms', () => {
  const synonyms = toMeilisearchSynonyms();

  it('associe chaque terme aux autres termes de son groupe, y compris les termes de plusieurs mots', () => {
    expect(synonyms['pl']).toEqual(expect.arrayContaining(['poids lourd', 'conducteur routier']));
    expect(synonyms['poids lourd']).toContain('pl');
    expect(synonyms['as']).toEqual(expect.arrayContaining(['aide-soignant', 'aide soignant', 'deas']));
    expect(synonyms['as']).not.toContain('as');
  });

  it('est symétrique', () => {
    for (const [term, targets] of Object.entries(synonyms)) {
      for (const target of targets) expect(synonyms[target], `${target} → ${term}`).toContain(term);
    }
  });

  it('couvre tous les termes du fichier', () => {
    expect(Object.keys(synonyms).length).toBe(loadSynonyms().flatMap((g) => g.terms).length);
  });
});

describe('validation : fichier hostile', () => {
  const valid: SynonymGroup[] = [
    { terms: ['aide-soignant', 'as'], kind: 'abreviation' },
    { terms: ['poids lourd', 'pl'], kind: 'abreviation' },
  ];

  it('accepte un fichier minimal correct', () => {
    expect(parseSynonyms({ groups: valid }).ok).toBe(true);
  });

  it('refuse un terme présent dans deux groupes, en nommant les deux groupes', () => {
    const result = parseSynonyms({ groups: [...valid, { terms: ['auxiliaire spécialisé', 'as'], kind: 'abreviation' }] });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toMatch(/Groupe n° 3 « auxiliaire spécialisé ».*« as ».*figure déjà.*groupe n° 1 « aide-soignant »/);
    }
  });

  it('refuse deux termes qui se confondent une fois analysés', () => {
    const result = parseSynonyms({ groups: [...valid, { terms: ['aides soignantes', 'aux'], kind: 'synonyme' }] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toMatch(/« aides soignantes » se confond.*« aide-soignant »/);
  });

  it('refuse un groupe vide, un terme en majuscules, une lettre isolée', () => {
    const result = parseSynonyms({
      groups: [
        { terms: [], kind: 'synonyme' },
        { terms: ['Poids Lourd', 'pl'], kind: 'abreviation' },
        { terms: ['permis c', 'camion'], kind: 'synonyme' },
        { terms: ['seul'], kind: 'synonyme' },
      ],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const text = result.errors.join('\n');
      expect(text).toMatch(/Groupe n° 1 : groupe vide/);
      expect(text).toMatch(/Groupe n° 2 « Poids Lourd » : le terme « Poids Lourd » contient des majuscules ; écrire « poids lourd »/);
      expect(text).toMatch(/Groupe n° 3 « permis c » : le mot « c »/);
      expect(text).toMatch(/Groupe n° 4 « seul » : un seul terme/);
    }
  });

  it('refuse une structure invalide avec un message en français', () => {
    const result = parseSynonyms({ groups: [{ terms: ['a b', 'c d'], kind: 'sigle' }] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatch(/^Groupe n° 1 « a b » : kind — .*(invalide|attendu)/i);
    expect(parseSynonyms(null).ok).toBe(false);
  });

  it('signale un fichier invalide par une erreur lisible', () => {
    const error = new SynonymsError(['Groupe n° 1 : groupe vide.']);
    expect(error.message).toContain('Fichier de synonymes invalide');
  });
});
