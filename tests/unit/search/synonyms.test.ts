import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { STOP_WORDS_FR, analyze } from '../../../src/search/analyzer';
import { meilisearchQueryText } from '../../../src/search/meilisearch-filters';
import {
  MAX_SYNONYM_KEY_WORDS,
  SynonymsError,
  buildSynonymIndex,
  combine,
  expandQuery,
  expandQueryTokens,
  loadSynonyms,
  parseSynonyms,
  termVariants,
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

/**
 * Chaque clé est utilisable par les deux moteurs. Le comportement du serveur est modélisé ici
 * d'après son code (v1.50.0), jamais observé : la requête qu'il reçoit est `meilisearchQueryText`,
 * découpée en mots ; il ne cherche une clé de synonyme que pour 1 à 3 mots CONSÉCUTIFS de cette
 * requête (`make_ngram`, crates/milli/src/search/new/query_term/parse_query.rs ; n-grammes de 3
 * au plus : crates/milli/src/search/new/query_graph.rs), la clé étant comparée mot à mot.
 */
describe('toMeilisearchSynonyms : chaque clé est utilisable par les deux moteurs', () => {
  const synonyms = toMeilisearchSynonyms();
  const groups = loadSynonyms();
  const index = buildSynonymIndex(groups);
  /** Les mots que reçoit Meilisearch pour ce texte. */
  const sent = (text: string) => meilisearchQueryText(text).split(' ').filter((w) => w !== '');
  const terms = groups.flatMap((group) => group.terms.map((term) => ({ group, term, words: sent(term) })));
  const short = terms.filter((t) => t.words.length <= MAX_SYNONYM_KEY_WORDS);
  const long = terms.filter((t) => t.words.length > MAX_SYNONYM_KEY_WORDS);

  it('un terme de 1 à 3 mots : Meilisearch trouve sa clé dans la requête envoyée, le moteur embarqué le reconnaît en entier', () => {
    expect(short.length).toBeGreaterThan(350);
    for (const { group, term, words } of short) {
      const targets = synonyms[words.join(' ')];
      expect(targets, `clé Meilisearch de « ${term} »`).toBeDefined();
      for (const other of group.terms) {
        if (sent(other).join(' ') !== words.join(' ')) expect(targets, `« ${term} » → « ${other} »`).toContain(other);
      }
      const slots = expandQuery(term, index);
      expect(slots.map((slot) => slot.group?.terms[0] ?? null), `moteur embarqué : « ${term} »`).toEqual([group.terms[0]]);
    }
  });

  it('un terme de plus de 3 mots n’est une clé dans AUCUN moteur, mais on le trouve depuis les autres termes de son groupe', () => {
    expect(long.map((t) => t.term)).toContain('formation initiale minimale obligatoire');
    for (const { group, term, words } of long) {
      expect(synonyms[words.join(' ')], term).toBeUndefined();
      for (const variant of termVariants(term)) if (variant.length > MAX_SYNONYM_KEY_WORDS) expect(index.byKey.has(variant.join(' ')), term).toBe(false);
      const reachedFrom = short.filter((t) => t.group === group && (synonyms[t.words.join(' ')] ?? []).includes(term));
      expect(reachedFrom.length, `« ${term} » comme cible Meilisearch`).toBeGreaterThan(0);
      const g = groups.indexOf(group);
      expect(index.variants[g]?.map((v) => v.join(' ')), `« ${term} » comme variante embarquée`).toContain(termVariants(term)[0]?.join(' '));
    }
  });

  it('chaque groupe a au moins une clé', () => {
    for (const group of groups) expect(short.some((t) => t.group === group), group.terms[0]).toBe(true);
  });

  it('les clés sont écrites comme la requête envoyée, sans mot vide, et tiennent dans les limites du serveur', () => {
    for (const [key, targets] of Object.entries(synonyms)) {
      expect(sent(key).join(' '), key).toBe(key);
      expect(key.split(' ').length, key).toBeLessThanOrEqual(MAX_SYNONYM_KEY_WORDS);
      for (const word of key.split(' ')) expect(STOP_WORDS_FR.has(word), `${key} : ${word}`).toBe(false);
      // n-gramme soudé ≤ MAX_WORD_LENGTH (250 octets) ; au plus 50 phrases et 100 mots de synonymes
      // par mot (crates/milli/src/search/new/limits.rs).
      expect(Buffer.byteLength(key.replace(/ /g, ''), 'utf8'), key).toBeLessThanOrEqual(250);
      expect(targets.length, key).toBeGreaterThan(0);
      expect(targets.length, key).toBeLessThanOrEqual(50);
      expect(targets.reduce((n, t) => n + t.split(/[\s'’-]+/).length, 0), key).toBeLessThanOrEqual(100);
    }
  });

  it('les cibles gardent leurs mots vides : Meilisearch les cherche côte à côte dans le texte, où ils sont', () => {
    expect(synonyms['advf']).toEqual(expect.arrayContaining(['assistant de vie aux familles', 'aide à domicile']));
    expect(synonyms['aide domicile']).toEqual(expect.arrayContaining(['assistant de vie aux familles', 'advf']));
    expect(synonyms['auxiliaire vie']).toContain('accompagnant éducatif et social');
    expect(synonyms['pl']).toEqual(expect.arrayContaining(['poids lourd', 'conducteur routier']));
    expect(synonyms['as']).toEqual(expect.arrayContaining(['aide-soignant', 'aide soignant', 'deas']));
    expect(synonyms['as']).not.toContain('as');
    // Forme soudée d'un composé : une clé aussi (« aidesoignant » tapé d'un seul mot).
    expect(synonyms['aidesoignant']).toContain('as');
  });

  it('est symétrique entre clés : si la clé de A mène à B, la clé de B mène à A', () => {
    const keyOf = (term: string) => sent(term).join(' ');
    for (const { term, words } of short) {
      for (const target of synonyms[words.join(' ')] ?? []) {
        if (sent(target).length > MAX_SYNONYM_KEY_WORDS) continue;
        const back = synonyms[keyOf(target)] ?? [];
        expect(back.some((t) => keyOf(t) === words.join(' ')) || back.includes(term), `${target} → ${term}`).toBe(true);
      }
    }
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
