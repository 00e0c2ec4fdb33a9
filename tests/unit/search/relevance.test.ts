import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  RelevanceQueryFile,
  bestAvailableGrade,
  compilePredicates,
  dcg,
  expectedInTop,
  gain,
  gradeDocument,
  idealGrades,
  mean,
  ndcg,
  percentile,
  type Gradable,
} from '../../../tools/search/relevance';

const close = (actual: number | null, expected: number) => {
  expect(actual).not.toBeNull();
  expect(actual as number).toBeCloseTo(expected, 10);
};

describe('gains et DCG', () => {
  it('gain gradué 2^g − 1', () => {
    expect([0, 1, 2, 3].map(gain)).toEqual([0, 1, 3, 7]);
  });

  it('DCG : rang 1 sans remise, rang 2 divisé par log2(3), rang 3 par 2', () => {
    // [3, 2, 0, 1] : 7/1 + 3/log2(3) + 0/2 + 1/log2(5)
    close(dcg([3, 2, 0, 1], 10), 7 + 3 / Math.log2(3) + 1 / Math.log2(5));
    // coupé à k = 2
    close(dcg([3, 2, 0, 1], 2), 7 + 3 / Math.log2(3));
    close(dcg([], 10), 0);
    // au rang 3 (indice 2), le log vaut exactement 2
    close(dcg([0, 0, 3], 3), 7 / 2);
  });
});

describe('nDCG@k', () => {
  it('vaut 1 pour le classement idéal', () => {
    close(ndcg([3, 2, 1], [1, 3, 2, 0, 0], 10), 1);
  });

  it('petit exemple calculé à la main', () => {
    // renvoyé [0, 3] ; idéal [3] → (7 / log2(3)) / 7 = 1 / log2(3) ≈ 0.6309
    close(ndcg([0, 3], [3, 0, 0], 10), 1 / Math.log2(3));
    // renvoyé [1, 3] ; idéal [3, 1] : (1 + 7/log2(3)) / (7 + 1/log2(3))
    close(ndcg([1, 3], [3, 1], 10), (1 + 7 / Math.log2(3)) / (7 + 1 / Math.log2(3)));
  });

  it("l'idéal se calcule sur tous les documents admissibles, pas sur ceux renvoyés", () => {
    // Un seul document renvoyé, de note 3, alors qu'il en existe deux : idéal [3, 3]
    close(ndcg([3], [3, 3], 10), 7 / (7 + 7 / Math.log2(3)));
  });

  it("l'idéal est coupé à k", () => {
    expect(idealGrades([1, 3, 0, 2, 3], 3)).toEqual([3, 3, 2]);
    close(ndcg([3, 3, 2, 0], [2, 3, 3, 3], 3), (7 + 7 / Math.log2(3) + 3 / 2) / (7 + 7 / Math.log2(3) + 7 / 2));
  });

  it('null quand aucun document admissible n’a de note positive', () => {
    expect(ndcg([0, 0], [0, 0, 0], 10)).toBeNull();
    expect(ndcg([], [], 10)).toBeNull();
  });
});

describe('attendu dans le top 3', () => {
  it('vrai si un document de la meilleure note disponible est dans les 3 premiers', () => {
    expect(expectedInTop([1, 0, 3, 3], [3, 1], 3)).toBe(true);
    expect(expectedInTop([1, 0, 2, 3], [3, 2, 1], 3)).toBe(false);
  });

  it('la meilleure note disponible peut être 2 (aucun document de note 3 dans le rayon)', () => {
    expect(bestAvailableGrade([2, 1, 0])).toBe(2);
    expect(expectedInTop([2, 0, 0], [2, 1], 3)).toBe(true);
  });

  it('null sans document attendu', () => {
    expect(expectedInTop([0], [0, 0], 3)).toBeNull();
  });
});

describe('notation par prédicats', () => {
  const doc = (title: string, romeCodes: string[], level: Gradable['level'] = null, teachingMode: Gradable['teachingMode'] = 'presentiel'): Gradable => ({
    title,
    romeCodes,
    level,
    teachingMode,
  });
  const predicates = compilePredicates([
    { grade: 3, rome: ['J1501'], titleMatches: "diplome d'etat d'aide-soignant" },
    { grade: 2, rome: ['J1501'] },
    { grade: 1, rome: ['J1304', 'J1301'] },
  ]);

  it('la plus haute note des prédicats vérifiés ; intitulé plié (accents, casse)', () => {
    expect(gradeDocument(doc("Diplôme d'État d'aide-soignant (DEAS)", ['J1501'], 4), predicates)).toBe(3);
    expect(gradeDocument(doc("Préparation à l'entrée en formation d'aide-soignant", ['J1501', 'J1304']), predicates)).toBe(2);
    expect(gradeDocument(doc("Diplôme d'État d'auxiliaire de puériculture (DEAP)", ['J1304'], 4), predicates)).toBe(1);
    expect(gradeDocument(doc('CAP Boulanger', ['D1102'], 3), predicates)).toBe(0);
  });

  it('toutes les conditions d’un prédicat doivent être vraies (niveau, modalité)', () => {
    const p = compilePredicates([{ grade: 3, rome: ['M1203'], level: [5], teachingMode: ['distance'] }]);
    expect(gradeDocument(doc('BTS Comptabilité et gestion', ['M1203'], 5, 'distance'), p)).toBe(3);
    expect(gradeDocument(doc('BTS Comptabilité et gestion', ['M1203'], 5, 'presentiel'), p)).toBe(0);
    expect(gradeDocument(doc('Titre professionnel Comptable assistant', ['M1203'], 4, 'distance'), p)).toBe(0);
    expect(gradeDocument(doc('Sans niveau', ['M1203'], null, 'distance'), p)).toBe(0);
  });
});

describe('outils', () => {
  it('moyenne en ignorant les null', () => {
    expect(mean([1, null, 0.5])).toBe(0.75);
    expect(mean([null])).toBeNull();
  });

  it('percentile par rang le plus proche', () => {
    const values = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 95)).toBe(10);
    expect(percentile(values, 10)).toBe(1);
    expect(percentile([42], 99)).toBe(42);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('tests/relevance/queries.json', () => {
  const file = path.resolve(import.meta.dirname, '../../relevance/queries.json');
  const parsed = RelevanceQueryFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));

  it('est valide', () => {
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  it('contient au moins 60 requêtes, sans doublon, avec un prédicat de note maximale', () => {
    if (!parsed.success) return;
    const queries = parsed.data.queries;
    expect(queries.length).toBeGreaterThanOrEqual(60);
    const keys = queries.map((q) => `${q.q}|${q.commune ?? ''}|${q.rayon ?? ''}|${JSON.stringify(q.filtres ?? {})}`);
    expect(keys.length - new Set(keys).size).toBe(0);
    for (const q of queries) expect(q.grades.some((g) => g.grade === 3 || g.grade === 2), q.q).toBe(true);
  });
});

describe('tests/relevance/intentions.json (« Dites-le avec vos mots »)', () => {
  const file = path.resolve(import.meta.dirname, '../../relevance/intentions.json');
  const parsed = RelevanceQueryFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));

  it('est valide', () => {
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  it('au moins 80 phrases, sans doublon, notées par métier, et aucune n’est un intitulé de formation', () => {
    if (!parsed.success) return;
    const queries = parsed.data.queries;
    expect(queries.length).toBeGreaterThanOrEqual(80);
    expect(queries.length - new Set(queries.map((q) => q.q)).size).toBe(0);
    const courseWords = /\b(cap|bts|bac|bp|titre|diplome|dipl[oô]me|formation|caces|deas|fimo|certificat)\b/i;
    for (const q of queries) {
      expect(q.kind, q.q).toBe('intention');
      expect(q.grades.find((g) => g.grade === 3)?.rome?.length, q.q).toBeGreaterThan(0);
      expect(courseWords.test(q.q), q.q).toBe(false);
    }
  });
});
