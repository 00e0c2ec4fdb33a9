import { describe, expect, it } from 'vitest';
import { Rng, WeightedTable } from '../../../src/demo/random';
import { addDays, addMonths, isIsoDate, lheoDate, nextMonday } from '../../../src/demo/dates';
import { activityNumberFor, luhnValid, randomSiren, siretFor, siretValid, uaiFor, uaiValid, withLuhnDigit } from '../../../src/demo/identifiers';
import { escapeXml } from '../../../src/demo/xml';
import { demoMefstat11, dotDecimal, vintageFor } from '../../../src/demo/inserjeunes';
import { groupThousands } from '../../../src/demo/lheo-writer';

describe('Rng (sfc32 + cyrb128)', () => {
  it('donne la même suite pour la même graine, une autre pour une autre graine', () => {
    const a = new Rng('versmonmetier');
    const b = new Rng('versmonmetier');
    const c = new Rng('autre');
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('fork est déterministe et indépendant du parent', () => {
    const root = new Rng('s');
    const f1 = root.fork('avis:A1').next();
    root.next();
    expect(root.fork('avis:A1').next()).toBe(f1);
    expect(root.fork('avis:A2').next()).not.toBe(f1);
  });

  it('int respecte les bornes et les atteint', () => {
    const rng = new Rng('int');
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const n = rng.int(3, 6);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(6);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('WeightedTable tire en proportion des poids', () => {
    const table = new WeightedTable(['a', 'b', 'c'], (x) => ({ a: 1, b: 3, c: 0 })[x] ?? 0);
    const rng = new Rng('w');
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 8000; i++) counts[table.draw(rng)]! += 1;
    expect(counts.c).toBe(0);
    expect(counts.b! / counts.a!).toBeGreaterThan(2.6);
    expect(counts.b! / counts.a!).toBeLessThan(3.4);
  });
});

describe('dates', () => {
  it('calcule en jours calendaires UTC', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2026-11-23', 12)).toBe('2027-11-23');
    expect(nextMonday('2026-11-23')).toBe('2026-11-23'); // lundi
    expect(nextMonday('2026-11-24')).toBe('2026-11-30');
    expect(lheoDate('2027-09-06')).toBe('20270906');
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-02-28')).toBe(true);
  });
});

describe('identifiants inventés', () => {
  it('contrôle de Luhn', () => {
    expect(luhnValid('732829320')).toBe(true); // SIREN d'exemple courant
    expect(luhnValid('732829321')).toBe(false);
    expect(luhnValid(withLuhnDigit('1234567'))).toBe(true);
  });

  it('SIRET : SIREN valide + NIC complété par la clé', () => {
    const rng = new Rng('siret');
    for (let i = 0; i < 50; i++) {
      const siren = randomSiren(rng);
      expect(luhnValid(siren)).toBe(true);
      const siret = siretFor(siren, i + 1);
      expect(siret).toMatch(/^\d{14}$/);
      expect(siret.startsWith(siren)).toBe(true);
      expect(siretValid(siret)).toBe(true);
    }
    expect(siretValid('12345678901234')).toBe(false);
  });

  it('UAI : 7 chiffres et lettre-clé (modulo 23)', () => {
    const uai = uaiFor('44', 1234);
    expect(uai).toMatch(/^0441234[A-Z]$/);
    expect(uaiValid(uai)).toBe(true);
    const wrong = uai.slice(0, 7) + (uai.endsWith('A') ? 'B' : 'A');
    expect(uaiValid(wrong)).toBe(false);
    expect(activityNumberFor('85', 42)).toBe('52850000042');
  });
});

describe('formats', () => {
  it('escapeXml échappe les caractères spéciaux et retire les caractères interdits', () => {
    expect(escapeXml('Tom & Jerry <b>"x"</b>')).toBe('Tom &amp; Jerry &lt;b&gt;&quot;x&quot;&lt;/b&gt;');
    expect(escapeXml('a\u0001b\u000Bc\nd')).toBe('abc\nd');
    expect(escapeXml("l'apostrophe")).toBe("l'apostrophe");
  });

  it('nombres et codes des fichiers InserJeunes de démonstration', () => {
    expect(dotDecimal(62.46)).toBe('62.5');
    expect(dotDecimal(40)).toBe('40.0');
    expect(demoMefstat11('50022141', 2)).toMatch(/^\d{11}$/);
    expect(demoMefstat11('50022141', 2)).not.toBe(demoMefstat11('50022141', 3));
    expect(groupThousands(1540)).toBe('1 540');
    expect(groupThousands(35)).toBe('35');
    expect(vintageFor('2026-11-23')).toBe('2024-2025');
  });
});
