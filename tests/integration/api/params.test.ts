/**
 * Analyse des paramètres de GET /api/formations (et de q des autocomplétions), avec le VRAI
 * référentiel géographique construit (data/build/geo, ou DATA_DIR/geo) : chaque paramètre,
 * valeurs par défaut, combinaisons, répétitions, et entrées hostiles (jamais d'exception).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveDataDir } from '../../../src/catalog/files';
import { loadGeoReferentiel } from '../../../src/geo/referentiel';
import { LHEO_FUNDERS, REGION_PROGRAMME_CODES, financingFacetValues } from '../../../src/domain/financing';
import { SearchQuery } from '../../../src/search/query';
import {
  FINANCING_VALUES,
  MAX_REPEAT,
  formationsParamsSchema,
  parseAutocompleteParams,
  parseFormationsParams,
  parseSituation,
  type ParamName,
  type ParseResult,
} from '../../../src/http/params';

const geoDir = path.join(resolveDataDir(), 'geo');
const geo = loadGeoReferentiel(geoDir);
const aliases = JSON.parse(readFileSync(path.join(geoDir, 'aliases.json'), 'utf8')) as { code: string; currentCode: string }[];
const schema = formationsParamsSchema(geo);
const PARAM_NAMES = Object.keys(schema.shape) as ParamName[];

function parse(qs: string | URLSearchParams): ParseResult {
  return parseFormationsParams(schema, typeof qs === 'string' ? new URLSearchParams(qs) : qs);
}

function query(qs: string): SearchQuery {
  const result = parse(qs);
  if (!result.ok) throw new Error(`attendu valide : ${qs} → ${JSON.stringify(result.champs)}`);
  return result.query;
}

function errors(qs: string | URLSearchParams): Record<string, string> {
  const result = parse(qs);
  if (result.ok) throw new Error(`attendu invalide : ${String(qs).slice(0, 100)}`);
  return result.champs;
}

/** Un message d'erreur lisible, en français (jamais le message anglais par défaut de zod). */
function expectFrench(message: string): void {
  expect(message.length).toBeGreaterThan(5);
  expect(message).not.toMatch(/invalid|expected|received|required|too (big|small)/i);
}

const cholet = geo.communeByInsee('49099');
if (!cholet) throw new Error('Cholet (49099) absent du référentiel');

describe('GET /api/formations — valeurs par défaut', () => {
  it('sans paramètre : la requête par défaut du modèle de recherche', () => {
    expect(query('')).toEqual(SearchQuery.parse({}));
  });

  it('les valeurs vides valent paramètre absent (formulaire HTML)', () => {
    expect(query('q=&commune=&rayon=&niveau=&tri=&page=')).toEqual(SearchQuery.parse({}));
  });

  it('les paramètres inconnus sont ignorés', () => {
    expect(query('utm_source=x&niveaux=99&foo=bar')).toEqual(SearchQuery.parse({}));
  });
});

describe('GET /api/formations — chaque paramètre', () => {
  it('q : texte nettoyé des caractères de contrôle, espaces réduits', () => {
    expect(query('q=aide+soignant').text).toBe('aide soignant');
    expect(query(`q=${encodeURIComponent('\u0000aide\u0007\n\tsoignant\u007f\u0085 ')}`).text).toBe('aide soignant');
    expect(query(`q=${encodeURIComponent('cuisinier 🍳 «chef»')}`).text).toBe('cuisinier 🍳 «chef»');
    expect(query(`q=${'a'.repeat(200)}`).text).toHaveLength(200);
  });

  it('metier : codes ROME, répétable, minuscules acceptées', () => {
    expect(query('metier=J1501').romeCodes).toEqual(['J1501']);
    expect(query('metier=j1501&metier=K1302').romeCodes).toEqual(['J1501', 'K1302']);
  });

  it('commune : point de la commune, rayon de 30 km par défaut', () => {
    const q = query('commune=49099');
    expect(q.origin).toEqual({ lat: cholet.lat, lon: cholet.lon });
    expect(q.radiusKm).toBe(30);
  });

  it('commune : un ancien code (commune déléguée) est résolu en la commune actuelle', () => {
    const current = new Set(geo.allCommunes().map((c) => c.inseeCode));
    const former = aliases.find((a) => !current.has(a.code));
    expect(former, 'le référentiel doit avoir au moins un ancien code').toBeDefined();
    if (!former) return;
    const commune = geo.communeByInsee(former.currentCode);
    expect(query(`commune=${former.code}`).origin).toEqual({ lat: commune?.lat, lon: commune?.lon });
  });

  it('lat + lon, et rayon', () => {
    const q = query('lat=47.2&lon=-1.55&rayon=12.5');
    expect(q.origin).toEqual({ lat: 47.2, lon: -1.55 });
    expect(q.radiusKm).toBe(12.5);
  });

  it('rayon sans lieu : ignoré', () => {
    const q = query('rayon=50');
    expect(q.origin).toBeNull();
    expect(q.radiusKm).toBeNull();
  });

  it('filtres répétables : niveau, modalite, financement, public, departement, territoire', () => {
    const q = query(
      'niveau=3&niveau=4&modalite=presentiel&modalite=mixte&financement=region&financement=cpf&public=80010&departement=49&departement=85&territoire=maine-et-loire-sud',
    );
    expect(q.filters).toMatchObject({
      levels: [3, 4],
      teachingModes: ['presentiel', 'mixte'],
      financing: ['region', 'cpf'],
      publics: ['80010'],
      departements: ['49', '85'],
      territoires: ['maine-et-loire-sud'],
    });
  });

  it('dates, booléens (true|false|oui|non|1|0, casse indifférente), durée', () => {
    const q = query('debut_min=2026-09-01&debut_max=2026-12-31&entree_permanente=oui&handicap=0&certifiante=TRUE&duree_max=400');
    expect(q.filters).toMatchObject({
      startFrom: '2026-09-01',
      startTo: '2026-12-31',
      permanentEntry: true,
      handicapAccessible: false,
      certifying: true,
      maxDurationHours: 400,
    });
    for (const [word, value] of [['true', true], ['false', false], ['oui', true], ['non', false], ['1', true], ['0', false], ['Non', false]] as const) {
      expect(query(`certifiante=${word}`).filters.certifying).toBe(value);
    }
    expect(query('debut_min=2026-09-01&debut_max=2026-09-01').filters.startTo).toBe('2026-09-01');
  });

  it('tri, page, par_page', () => {
    expect(query('tri=date&page=3&par_page=50')).toMatchObject({ sort: 'date', page: 3, perPage: 50 });
    expect(query('tri=distance&commune=49099').sort).toBe('distance');
    expect(query('page=1000').page).toBe(1000);
  });

  it('financement : chaque valeur que le domaine peut produire est acceptée, et rien d’autre', () => {
    const produced = new Set<string>();
    for (const programme of [null, ...REGION_PROGRAMME_CODES]) {
      for (const v of financingFacetValues({ funders: Object.keys(LHEO_FUNDERS), programme, cpfEligible: true })) produced.add(v);
    }
    expect([...produced].sort()).toEqual([...FINANCING_VALUES].sort());
  });
});

describe('GET /api/formations — erreurs, en français, champ par champ', () => {
  const cases: [string, ParamName, RegExp][] = [
    ['rayon=-5&commune=49099', 'rayon', /^Le rayon doit être un nombre entre 1 et 200 km\.$/],
    ['rayon=abc&commune=49099', 'rayon', /rayon/],
    ['rayon=201&commune=49099', 'rayon', /rayon/],
    ['page=0', 'page', /page/],
    ['page=99999', 'page', /1 à 1000/],
    ['page=2.5', 'page', /entier/],
    ['par_page=51', 'par_page', /1 à 50/],
    ['niveau=9', 'niveau', /niveau/],
    ['niveau=0', 'niveau', /niveau/],
    ['modalite=hybride', 'modalite', /presentiel, distance ou mixte/],
    ['financement=gratuit', 'financement', /Financement/],
    ['public=demandeur', 'public', /Formacode/],
    ['departement=75', 'departement', /44, 49, 53, 72, 85/],
    ['territoire=paris', 'territoire', /territoire inconnu/],
    ['commune=99999', 'commune', /commune inconnue/],
    ['commune=abc', 'commune', /INSEE/],
    ['metier=X9999', 'metier', /ROME/],
    ['debut_min=2026-02-30', 'debut_min', /AAAA-MM-JJ/],
    ['debut_max=demain', 'debut_max', /AAAA-MM-JJ/],
    ['debut_min=2026-12-01&debut_max=2026-01-01', 'debut_max', /debut_min/],
    ['entree_permanente=peut-etre', 'entree_permanente', /oui, non/],
    ['handicap=2', 'handicap', /oui, non/],
    ['certifiante=vrai', 'certifiante', /oui, non/],
    ['duree_max=0', 'duree_max', /heures/],
    ['duree_max=-3', 'duree_max', /heures/],
    ['tri=prix', 'tri', /pertinence/],
    ['tri=distance', 'tri', /lieu/],
    ['lat=47.2', 'lon', /lon est obligatoire/],
    ['lon=-1.5', 'lat', /lat est obligatoire/],
    ['lat=95&lon=0', 'lat', /-90 et 90/],
    ['lat=47&lon=181', 'lon', /-180 et 180/],
    ['commune=49099&lat=47&lon=-1', 'commune', /pas les deux/],
    [`q=${'x'.repeat(201)}`, 'q', /200 caractères/],
    ['rayon=10&rayon=20&commune=49099', 'rayon', /qu’une fois/],
    ['page=1&page=2', 'page', /qu’une fois/],
  ];

  it.each(cases)('%s → champs.%s', (qs, field, message) => {
    const champs = errors(qs);
    expect(Object.keys(champs)).toEqual([field]);
    expect(champs[field]).toMatch(message);
    expectFrench(champs[field] as string);
  });

  it('nomme CHAQUE paramètre invalide', () => {
    const champs = errors(`rayon=-5&commune=99999&niveau=9&page=99999&q=${'x'.repeat(300)}&tri=prix&debut_min=hier&certifiante=peut-etre`);
    expect(Object.keys(champs).sort()).toEqual(['certifiante', 'commune', 'debut_min', 'niveau', 'page', 'q', 'rayon', 'tri']);
    for (const message of Object.values(champs)) expectFrench(message);
  });

  it('10 000 fois niveau=3 → refusé ; 50 fois → accepté', () => {
    expect(errors('niveau=3&'.repeat(10_000))).toEqual({ niveau: `Paramètre répété plus de ${MAX_REPEAT} fois.` });
    expect(query('niveau=3&'.repeat(MAX_REPEAT)).filters.levels).toHaveLength(MAX_REPEAT);
  });

  it('un paramètre inconnu répété plus de 50 fois est refusé aussi, « __proto__ » compris', () => {
    expect(errors('x=1&'.repeat(51))).toEqual({ x: `Paramètre répété plus de ${MAX_REPEAT} fois.` });
    const champs = errors('__proto__=1&'.repeat(51));
    expect(Object.keys(champs)).toEqual(['__proto__']);
  });

  it('plus de 20 métiers → refusé (limite du modèle de recherche)', () => {
    const codes = Array.from({ length: 21 }, (_, i) => `metier=J${String(1000 + i)}`).join('&');
    expect(errors(codes).metier).toMatch(/20 valeurs au plus/);
  });
});

/** Chaînes hostiles, essayées comme valeur de CHAQUE paramètre. */
const NASTY = [
  '',
  ' ',
  'x'.repeat(10_000),
  '\u0000\u0001\u0002\u001b[31m\u007f\u0085',
  '🎓👩‍⚕️🏳️‍🌈',
  '") OR _geoRadius(47, -1, 99999999) OR ("',
  "' OR 1=1 --",
  '"""',
  "'''",
  '\\',
  '%',
  '%00',
  '%%%',
  '<script>alert(1)</script>',
  '${process.exit(1)}',
  '__proto__',
  'constructor',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-0',
  '0x1F',
  '9'.repeat(400),
  '-1',
  '3.7',
  '2026-13-45',
  '0000-00-00',
  'true',
  'null',
  'undefined',
  '[]',
  '{}',
  '\uFEFF3',
  '\uD800',
  'é'.normalize('NFD').repeat(150),
  'niveau=3',
  '&&&',
  '49099',
  'J1501',
];

describe('GET /api/formations — entrées hostiles : jamais d’exception', () => {
  it('chaque chaîne hostile, dans chaque paramètre (connu ou non) : requête valide ou erreurs en français', () => {
    let valid = 0;
    let invalid = 0;
    for (const name of [...PARAM_NAMES, 'inconnu']) {
      for (const value of NASTY) {
        const params = new URLSearchParams([[name, value]]);
        let result: ParseResult | undefined;
        expect(() => (result = parse(params)), `${name}=${value.slice(0, 40)}`).not.toThrow();
        if (!result) continue;
        if (result.ok) {
          valid += 1;
          expect(SearchQuery.safeParse(result.query).success, `${name}=${value.slice(0, 40)}`).toBe(true);
        } else {
          invalid += 1;
          for (const [field, message] of Object.entries(result.champs)) {
            expect(PARAM_NAMES).toContain(field);
            expectFrench(message);
          }
        }
      }
    }
    expect(valid).toBeGreaterThan(0);
    expect(invalid).toBeGreaterThan(0);
  });

  it('chaînes hostiles combinées, sur tous les paramètres à la fois', () => {
    for (let i = 0; i < NASTY.length; i += 1) {
      const params = new URLSearchParams(PARAM_NAMES.map((name, j) => [name, NASTY[(i + j) % NASTY.length] as string]));
      expect(() => parse(params)).not.toThrow();
    }
  });

  it('q : 10 000 caractères refusés ; texte d’injection accepté comme simple texte', () => {
    expect(errors(`q=${'x'.repeat(10_000)}`).q).toMatch(/200 caractères/);
    expect(query(`q=${encodeURIComponent('") OR _geoRadius(')}`).text).toBe('") OR _geoRadius(');
    expect(query(`q=${encodeURIComponent('"aide soignant')}`).text).toBe('"aide soignant');
  });
});

describe('q des autocomplétions', () => {
  const ac = (qs: string) => parseAutocompleteParams(new URLSearchParams(qs));

  it('2 à 100 caractères, nettoyés', () => {
    expect(ac('q=ch')).toEqual({ ok: true, q: 'ch' });
    expect(ac(`q=${encodeURIComponent('\u0000châ\nteau ')}`)).toEqual({ ok: true, q: 'châ teau' });
  });

  it.each([
    ['', /obligatoire/],
    ['q=', /au moins 2/],
    ['q=a', /au moins 2/],
    [`q=${encodeURIComponent('\u0000a\u0001')}`, /au moins 2/],
    [`q=${'x'.repeat(101)}`, /100 caractères/],
    ['q=ab&q=cd', /qu’une fois/],
  ])('%s → 400', (qs, message) => {
    const result = ac(qs);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.champs.q).toMatch(message);
      expectFrench(result.champs.q as string);
    }
  });

  it('ne lève jamais d’exception', () => {
    for (const value of NASTY) expect(() => ac(new URLSearchParams([['q', value]]).toString())).not.toThrow();
  });
});

describe('GET /api/formations — « Ma situation » et « Gratuit pour moi »', () => {
  it('lit les cinq réponses ; « gratuit » filtre par les étiquettes que la situation remplit', () => {
    const r = parse('inscrit_ft=oui&age=26-29&salarie=non&rqth=NON&rsa=0&gratuit=oui');
    if (!r.ok) throw new Error(JSON.stringify(r.champs));
    expect(r.situation).toEqual({ franceTravail: true, age: '26-29', employed: false, disability: false, rsa: false });
    expect(r.query.filters.freeFor).toEqual(['apprenti', 'demandeur', 'tous']);
    expect(query('gratuit=oui').filters.freeFor).toEqual(['tous']);
    expect(query('inscrit_ft=oui').filters.freeFor).toEqual([]);
  });
  it('une valeur inconnue : 400, un message en français par champ', () => {
    const r = parse('age=40&inscrit_ft=peut-etre&rsa=oui&rsa=non');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.champs.age).toBe('L’âge attendu est l’une de ces tranches : moins-18, 18-25, 26-29, 30-plus.');
    expect(r.champs.inscrit_ft).toBe('Valeur attendue : true, false, oui, non, 1 ou 0.');
    expect(r.champs.rsa).toBe('Ce paramètre ne peut être donné qu’une fois.');
  });
  it('sur la fiche : une valeur inconnue est ignorée avec un message, jamais une erreur', () => {
    const { situation, messages } = parseSituation(new URLSearchParams('age=vieux&inscrit_ft=oui&salarie=oui&salarie=non'));
    expect(situation).toEqual({ franceTravail: true });
    expect(messages).toHaveLength(2);
    expect(messages.join(' ')).toContain('Nous n’en avons pas tenu compte.');
  });
});
