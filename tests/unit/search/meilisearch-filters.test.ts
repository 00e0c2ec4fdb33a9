import { describe, expect, it } from 'vitest';
import {
  buildFilter,
  buildSort,
  dayNumber,
  formatFilterNumber,
  geoFilter,
  quoteFilterValue,
  meilisearchQueryText,
} from '../../../src/search/meilisearch-filters';
import { encodeDocumentId, isSearchOnlyKey, toFacets, toMeiliDocument } from '../../../src/search/meilisearch';
import { FACETS, SORTS, SearchQuery, type SearchQueryInput } from '../../../src/search/query';
import type { ActionDocument } from '../../../src/search/port';

const query = (input: SearchQueryInput = {}) => SearchQuery.parse(input);
const withFilters = (filters: SearchQueryInput['filters']) => query({ filters });
const NANTES = { lat: 47.2184, lon: -1.5536 };

/**
 * Lit une chaîne entre guillemets comme le fait Meilisearch (crates/filter-parser/src/value.rs) :
 * `\` protège le caractère suivant, le premier `"` non protégé ferme la chaîne.
 */
function readQuoted(filter: string, start = 0): { value: string; end: number } {
  if (filter[start] !== '"') throw new Error(`guillemet attendu en ${start} : ${filter}`);
  let value = '';
  for (let i = start + 1; i < filter.length; i++) {
    const c = filter[i];
    if (c === '"') return { value, end: i + 1 };
    if (c === '\\') {
      i += 1;
      value += filter[i] ?? '';
    } else {
      value += c;
    }
  }
  throw new Error(`chaîne non fermée : ${filter}`);
}

describe('quoteFilterValue', () => {
  const HOSTILE = [
    '") OR _geoRadius(0, 0, 99999999',
    '\\"',
    '\\',
    'a"b',
    '" OR certifying = true OR "',
    'ligne 1\nligne 2\r\n',
    "apostrophe ' et `accent grave`",
    '] OR [',
    '',
    'éàç — 🦀',
  ];

  it.each(HOSTILE)('garde %j entre ses guillemets et le restitue à l’identique', (value) => {
    const quoted = quoteFilterValue(value);
    const read = readQuoted(quoted);
    expect(read.end).toBe(quoted.length);
    expect(read.value).toBe(value);
  });

  it('échappe \\ puis " (dans cet ordre)', () => {
    expect(quoteFilterValue('a"b')).toBe('"a\\"b"');
    expect(quoteFilterValue('a\\b')).toBe('"a\\\\b"');
    expect(quoteFilterValue('\\"')).toBe('"\\\\\\""');
  });

  it('une valeur hostile dans un filtre IN reste une seule valeur', () => {
    const [filter] = buildFilter(withFilters({ financing: ['") OR _geoRadius(0, 0, 1) OR ("', 'cpf'] }));
    expect(filter).toBe('financing IN ["\\") OR _geoRadius(0, 0, 1) OR (\\"", "cpf"]');
    const prefix = 'financing IN [';
    const first = readQuoted(filter ?? '', prefix.length);
    expect(first.value).toBe('") OR _geoRadius(0, 0, 1) OR ("');
    expect(filter?.slice(first.end)).toBe(', "cpf"]');
  });
});

describe('formatFilterNumber', () => {
  it('écrit en décimales fixes, jamais en notation exponentielle', () => {
    expect(formatFilterNumber(1e-7, 6)).toBe('0.000000');
    expect(formatFilterNumber(-1.5536, 6)).toBe('-1.553600');
    expect(formatFilterNumber(47.2184, 6)).toBe('47.218400');
    expect(formatFilterNumber(123456789012, 0)).toBe('123456789012');
    expect(formatFilterNumber(30000, 0)).not.toMatch(/e/i);
  });

  it('refuse les nombres non finis ou démesurés', () => {
    expect(() => formatFilterNumber(Number.NaN, 2)).toThrow('nombre invalide');
    expect(() => formatFilterNumber(Number.POSITIVE_INFINITY, 2)).toThrow('nombre invalide');
    expect(() => formatFilterNumber(1e21, 0)).toThrow('hors limites');
  });
});

describe('dayNumber', () => {
  it('compte les jours depuis le 1970-01-01', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('2025-09-01')).toBe(20332);
    expect(dayNumber('2024-03-01') - dayNumber('2024-02-28')).toBe(2);
  });

  it('refuse une date mal formée ou inexistante, en français', () => {
    expect(() => dayNumber('2025-9-1')).toThrow('Date invalide : « 2025-9-1 » (AAAA-MM-JJ attendu).');
    expect(() => dayNumber('2025-02-30')).toThrow('ce jour n\'existe pas');
  });
});

describe('buildFilter', () => {
  it('ne filtre rien pour une requête vide, ni à partir du texte libre', () => {
    expect(buildFilter(query())).toEqual([]);
    expect(buildFilter(query({ text: 'cap" OR level = 8' }))).toEqual([]);
  });

  it('codes ROME', () => {
    expect(buildFilter(query({ romeCodes: ['J1501', 'M1607'] }))).toEqual(['romeCodes IN ["J1501", "M1607"]']);
  });

  it('niveaux (indexés en chaînes, comme les clés de facette)', () => {
    expect(buildFilter(withFilters({ levels: [3, 4] }))).toEqual(['level IN ["3", "4"]']);
  });

  it('refuse un niveau hors nomenclature qui aurait contourné la validation', () => {
    const valid = query();
    const bad = { ...valid, filters: { ...valid.filters, levels: [9] } } as unknown as SearchQuery;
    expect(() => buildFilter(bad)).toThrow('niveau invalide (9)');
  });

  it.each([
    ['teachingModes', ['presentiel', 'mixte'], 'teachingMode IN ["presentiel", "mixte"]'],
    ['financing', ['cpf'], 'financing IN ["cpf"]'],
    ['publics', ['80010', '80056'], 'publics IN ["80010", "80056"]'],
    ['departements', ['44', '85'], 'departement IN ["44", "85"]'],
    ['territoires', ['nantes-metropole'], 'territoire IN ["nantes-metropole"]'],
  ] as const)('%s', (field, values, expected) => {
    expect(buildFilter(withFilters({ [field]: values }))).toEqual([expected]);
  });

  it.each([
    ['permanentEntry', true, 'permanentEntry = true'],
    ['permanentEntry', false, 'permanentEntry = false'],
    ['handicapAccessible', true, 'handicapAccessible = true'],
    ['handicapAccessible', false, 'handicapAccessible = false'],
    ['certifying', true, 'certifying = true'],
    ['certifying', false, 'certifying = false'],
  ] as const)('%s = %s', (field, value, expected) => {
    expect(buildFilter(withFilters({ [field]: value }))).toEqual([expected]);
  });

  it('fenêtre de début : une même session dans l’intervalle (TO), ou borne seule', () => {
    expect(buildFilter(withFilters({ startFrom: '2025-09-01', startTo: '2025-09-30' }))).toEqual(['sessionStartDays 20332 TO 20361']);
    expect(buildFilter(withFilters({ startFrom: '2025-09-01' }))).toEqual(['sessionStartDays >= 20332']);
    expect(buildFilter(withFilters({ startTo: '2025-09-30' }))).toEqual(['sessionStartDays <= 20361']);
  });

  it('refuse une fenêtre de début inversée, en français', () => {
    expect(() => buildFilter(withFilters({ startFrom: '2025-10-01', startTo: '2025-09-01' }))).toThrow(
      'Fenêtre de début invalide : le 2025-10-01 est après le 2025-09-01.',
    );
  });

  it('durée maximale', () => {
    expect(buildFilter(withFilters({ maxDurationHours: 150 }))).toEqual(['durationHours <= 150.00']);
    expect(buildFilter(withFilters({ maxDurationHours: 0.5 }))).toEqual(['durationHours <= 0.50']);
  });

  it('rayon : dans le cercle ou entièrement à distance', () => {
    expect(buildFilter(query({ origin: NANTES, radiusKm: 30 }))).toEqual([
      '(_geoRadius(47.218400, -1.553600, 30000) OR distanceLearning = true)',
    ]);
    expect(geoFilter(0.0000001, -0.0000001, 1.2345)).toBe('(_geoRadius(0.000000, -0.000000, 1235) OR distanceLearning = true)');
  });

  it('une origine sans rayon ne filtre pas (elle sert au tri et aux distances)', () => {
    expect(buildFilter(query({ origin: NANTES }))).toEqual([]);
  });

  it('combine tous les filtres en ET, une expression par filtre', () => {
    const filter = buildFilter(
      query({
        text: 'soudeur',
        romeCodes: ['H2913'],
        origin: NANTES,
        radiusKm: 50,
        filters: {
          levels: [3],
          teachingModes: ['presentiel'],
          financing: ['region'],
          publics: ['80010'],
          departements: ['44'],
          territoires: ['nantes'],
          startFrom: '2025-09-01',
          startTo: '2025-12-31',
          permanentEntry: false,
          handicapAccessible: true,
          certifying: true,
          maxDurationHours: 600,
        },
      }),
    );
    expect(filter).toEqual([
      'romeCodes IN ["H2913"]',
      '(_geoRadius(47.218400, -1.553600, 50000) OR distanceLearning = true)',
      'level IN ["3"]',
      'teachingMode IN ["presentiel"]',
      'financing IN ["region"]',
      'publics IN ["80010"]',
      'departement IN ["44"]',
      'territoire IN ["nantes"]',
      'sessionStartDays 20332 TO 20453',
      'permanentEntry = false',
      'handicapAccessible = true',
      'certifying = true',
      'durationHours <= 600.00',
    ]);
  });
});

describe('meilisearchQueryText : le texte envoyé dans q', () => {
  it('envoie les mots de l’analyseur, pliés et non racinisés', () => {
    expect(meilisearchQueryText('Cuisinière à Nantes')).toBe('cuisiniere nantes');
    expect(meilisearchQueryText('FLEURISTES')).toBe('fleuristes');
    expect(meilisearchQueryText('Électricien du bâtiment à Nantes')).toBe('electricien batiment nantes');
    expect(meilisearchQueryText("technicien d’installation de l'œuvre")).toBe('technicien installation oeuvre');
  });

  it('retire un mot vide final : il deviendrait un début de mot requis (« cuisinier de » = « cuisinier »)', () => {
    expect(meilisearchQueryText('fleuriste de')).toBe('fleuriste');
    expect(meilisearchQueryText('technicien de la')).toBe('technicien');
    expect(meilisearchQueryText('cuisinier de')).toBe(meilisearchQueryText('cuisinier'));
  });

  it('retire les mots vides du milieu : la clé de synonyme « aide domicile » reste consécutive', () => {
    expect(meilisearchQueryText('aide à domicile')).toBe('aide domicile ');
    expect(meilisearchQueryText('auxiliaire de vie')).toBe('auxiliaire vie ');
  });

  it('n’envoie aucun opérateur : ni phrase entre guillemets, ni exclusion par « - »', () => {
    expect(meilisearchQueryText('"technicien" -fleuriste')).toBe('technicien fleuriste');
    expect(meilisearchQueryText('« technicien son » - nantes')).toBe('technicien son nantes');
    expect(meilisearchQueryText('aide-soignant')).toBe('aide soignant ');
    for (const text of ['"a b" -c', '-- "x', 'a "b" -"c d"', '"\\"-"']) expect(meilisearchQueryText(text)).not.toMatch(/["\\-]/);
  });

  it('pas de début de mot sur un sigle ou un terme du dictionnaire (espace finale), comme le moteur embarqué', () => {
    expect(meilisearchQueryText('AS')).toBe('as ');
    expect(meilisearchQueryText('cap')).toBe('cap ');
    expect(meilisearchQueryText('nantes pl')).toBe('nantes pl ');
    expect(meilisearchQueryText('poids lourd')).toBe('poids lourd ');
    expect(meilisearchQueryText('boulan')).toBe('boulan');
    expect(meilisearchQueryText('pl nantes')).toBe('pl nantes');
  });

  it('au plus 10 mots, comme Meilisearch (qui ignore la suite) et le moteur embarqué', () => {
    const twelve = 'un1 deux2 trois3 quatre4 cinq5 six6 sept7 huit8 neuf9 dix10 onze11 douze12';
    expect(meilisearchQueryText(twelve)).toBe('un1 deux2 trois3 quatre4 cinq5 six6 sept7 huit8 neuf9 dix10');
    // Les mots vides ne comptent pas ; un composé compte pour chacune de ses parties.
    expect(meilisearchQueryText('a1 de b2 la c3 d4 e5 f6 g7 h8 i9 jj-kk ll')).toBe('a1 b2 c3 d4 e5 f6 g7 h8 i9 jj');
  });

  it('cherche tout quand il n’y a aucun mot cherchable', () => {
    expect(meilisearchQueryText(' de la … ')).toBe('');
    expect(meilisearchQueryText('"" - « »')).toBe('');
    expect(meilisearchQueryText('')).toBe('');
  });
});

describe('buildSort', () => {
  const geo = '_geoPoint(47.218400, -1.553600):asc';
  type Case = { text: string; origin: boolean; sort: (typeof SORTS)[number]; expected: string[] };
  const cases: Case[] = [
    // Avec du texte : le tri demandé, puis la pertinence (la distance ne départage pas).
    { text: 'cuisinier', origin: false, sort: 'pertinence', expected: [] },
    { text: 'cuisinier', origin: true, sort: 'pertinence', expected: [] },
    { text: 'cuisinier', origin: false, sort: 'distance', expected: [] },
    { text: 'cuisinier', origin: true, sort: 'distance', expected: ['distanceLearningRank:asc', geo] },
    { text: 'cuisinier', origin: true, sort: 'date', expected: ['nextStartDay:asc'] },
    { text: 'cuisinier', origin: true, sort: 'insertion', expected: ['insertionRate:desc'] },
    { text: 'cuisinier', origin: true, sort: 'note', expected: ['reviewScore:desc', 'reviewCount:desc'] },
    // Sans texte : prochaines sessions d'abord, et la distance départage chaque tri.
    { text: '', origin: false, sort: 'pertinence', expected: ['nextStartDay:asc'] },
    { text: '', origin: true, sort: 'pertinence', expected: ['nextStartDay:asc', geo] },
    { text: '', origin: false, sort: 'distance', expected: ['nextStartDay:asc'] },
    { text: '', origin: true, sort: 'distance', expected: ['distanceLearningRank:asc', geo] },
    { text: '', origin: false, sort: 'date', expected: ['nextStartDay:asc'] },
    { text: '', origin: true, sort: 'date', expected: ['nextStartDay:asc', geo] },
    { text: '', origin: false, sort: 'insertion', expected: ['insertionRate:desc'] },
    { text: '', origin: true, sort: 'insertion', expected: ['insertionRate:desc', geo] },
    { text: '', origin: false, sort: 'note', expected: ['reviewScore:desc', 'reviewCount:desc'] },
    { text: '', origin: true, sort: 'note', expected: ['reviewScore:desc', 'reviewCount:desc', geo] },
    // Que des mots vides ou de la ponctuation : comme sans texte.
    { text: ' de la … ', origin: true, sort: 'pertinence', expected: ['nextStartDay:asc', geo] },
  ];

  it.each(cases)('$sort, texte « $text », origine : $origin', ({ text, origin, sort, expected }) => {
    expect(buildSort(query({ text, sort, origin: origin ? NANTES : null }))).toEqual(expected);
  });

  it('couvre chaque tri', () => {
    expect(new Set(cases.map((c) => c.sort))).toEqual(new Set(SORTS));
  });
});

describe('facettes des réponses', () => {
  it('reprend facetDistribution et donne toutes les facettes, même absentes', () => {
    const facets = toFacets({
      level: { '3': 12, '4': 5 },
      permanentEntry: { true: 2, false: 15 },
      startMonth: { '2025-09': 7 },
      inconnue: { x: 1 },
    });
    expect(Object.keys(facets).sort()).toEqual([...FACETS].sort());
    expect(facets.level).toEqual({ '3': 12, '4': 5 });
    expect(facets.permanentEntry).toEqual({ true: 2, false: 15 });
    expect(facets.startMonth).toEqual({ '2025-09': 7 });
    expect(facets.financing).toEqual({});
    expect(toFacets(undefined).durationBucket).toEqual({});
  });

});

describe('clé primaire Meilisearch', () => {
  const IDS = ['AF_123/AC_456', 'action:12.3', 'Nantes — été 2025', 'a', 'AF_123_AC_456', '💡', 'x'.repeat(383)];

  it.each(IDS)('encode %j dans l’alphabet permis, de façon réversible', (id) => {
    const encoded = encodeDocumentId(id);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]{1,511}$/);
    expect(Buffer.from(encoded, 'base64url').toString('utf8')).toBe(id);
  });

  it('donne des clés distinctes à des identifiants distincts', () => {
    expect(new Set(IDS.map(encodeDocumentId)).size).toBe(IDS.length);
  });

  it('refuse un identifiant vide ou trop long, en français', () => {
    expect(() => encodeDocumentId('')).toThrow('Identifiant d’action vide');
    expect(() => encodeDocumentId('x'.repeat(384))).toThrow('Identifiant d’action trop long pour Meilisearch (512 octets encodés, 511 au plus)');
  });
});

describe('toMeiliDocument', () => {
  const doc: ActionDocument = {
    id: 'AF/1:AC 2',
    formationId: 'AF/1',
    title: 'CAP Cuisine',
    organismeId: 'OF1',
    organismeName: 'GRETA Nantes',
    metierLabels: ['Cuisinier'],
    description: 'Préparer des plats.',
    romeCodes: ['G1602'],
    level: 3,
    teachingMode: 'presentiel',
    distanceLearning: false,
    financing: ['region', 'cpf'],
    publics: ['80010'],
    departement: '44',
    territoire: 'nantes',
    inseeCode: '44109',
    city: 'Nantes',
    lat: 47.2184,
    lon: -1.5536,
    sessionStarts: ['2025-09-01', '2025-09-15', '2026-01-05'],
    sessions: [],
    nextStart: '2025-09-01',
    permanentEntry: false,
    handicapAccessible: null,
    certifying: true,
    durationHours: 400,
    insertionRate: 0.72,
    reviewScore: 4.2,
    reviewCount: 12,
  };

  it('garde l’ActionDocument intact et ajoute les champs d’index', () => {
    const meili = toMeiliDocument(doc);
    expect(meili.document).toBe(doc);
    expect(meili.id).toBe(encodeDocumentId(doc.id));
    expect(meili._geo).toEqual({ lat: 47.2184, lng: -1.5536 });
    expect(meili.sessionStartDays).toEqual([20332, 20346, 20458]);
    expect(meili.nextStartDay).toBe(20332);
  });

  it('trie « distance » sur un nombre (0 sur place, 1 à distance), pas sur le booléen', () => {
    expect(toMeiliDocument(doc).distanceLearningRank).toBe(0);
    expect(toMeiliDocument({ ...doc, teachingMode: 'distance', distanceLearning: true }).distanceLearningRank).toBe(1);
  });

  it('indexe les facettes avec les mêmes valeurs (chaînes) que le moteur embarqué', () => {
    const meili = toMeiliDocument(doc);
    expect(meili.level).toEqual(['3']);
    expect(meili.startMonth).toEqual(['2025-09', '2026-01']);
    expect(meili.durationBucket).toEqual(['150-400']);
    expect(meili.permanentEntry).toEqual(['false']);
    expect(meili.certifying).toEqual(['true']);
    expect(meili.handicapAccessible).toEqual([]);
    expect(meili.financing).toEqual(['region', 'cpf']);
  });

  it('niveau, durée et prochain début absents : aucune valeur', () => {
    const meili = toMeiliDocument({ ...doc, level: null, durationHours: null, nextStart: null, sessionStarts: [] });
    expect(meili.level).toEqual([]);
    expect(meili.durationBucket).toEqual([]);
    expect(meili.nextStartDay).toBeNull();
    expect(meili.startMonth).toEqual([]);
  });
});

describe('isSearchOnlyKey', () => {
  const key = { actions: ['search'], indexes: ['actions'], expiresAt: null as unknown as Date };

  it('reconnaît la clé « recherche seule » de l’index, et elle seule', () => {
    expect(isSearchOnlyKey(key, 'actions')).toBe(true);
    expect(isSearchOnlyKey(key, 'autre')).toBe(false);
    expect(isSearchOnlyKey({ ...key, actions: ['search', 'documents.add'] }, 'actions')).toBe(false);
    expect(isSearchOnlyKey({ ...key, actions: ['*'] }, 'actions')).toBe(false);
    expect(isSearchOnlyKey({ ...key, indexes: ['*'] }, 'actions')).toBe(false);
    expect(isSearchOnlyKey({ ...key, expiresAt: new Date('2030-01-01') }, 'actions')).toBe(false);
  });
});
