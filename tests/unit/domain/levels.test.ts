import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LHEO_LEVEL_CODES, Level, lheoCodeForLevel, levelFromLheoCode, levelLabel } from '../../../src/domain/levels';
import { sharedData } from '../../support/shared-data';

describe('niveaux : correspondance LHEO → nomenclature 2019', () => {
  it('traduit les anciens niveaux en chiffres romains (inversés)', () => {
    expect(levelFromLheoCode('2')).toEqual({ ok: true, level: 1 }); // VI
    expect(levelFromLheoCode('3')).toEqual({ ok: true, level: 2 }); // V bis
    expect(levelFromLheoCode('4')).toEqual({ ok: true, level: 3 }); // V = CAP : le piège
    expect(levelFromLheoCode('5')).toEqual({ ok: true, level: 4 }); // IV = bac
    expect(levelFromLheoCode('6')).toEqual({ ok: true, level: 5 }); // III = BTS
    expect(levelFromLheoCode('7')).toEqual({ ok: true, level: 6 }); // II = licence
    expect(levelFromLheoCode('8')).toEqual({ ok: true, level: 7 }); // I
  });

  it('traduit les codes 2.3 (11 à 18) et fait l’aller-retour', () => {
    for (let n = 1; n <= 8; n++) {
      const level = Level.parse(n);
      expect(levelFromLheoCode(lheoCodeForLevel(level))).toEqual({ ok: true, level });
    }
  });

  it('ne donne pas de niveau pour « non communiqué » et « sans niveau spécifique »', () => {
    expect(levelFromLheoCode('0')).toEqual({ ok: true, level: null });
    expect(levelFromLheoCode('1')).toEqual({ ok: true, level: null });
    expect(levelFromLheoCode('')).toEqual({ ok: true, level: null });
    expect(levelFromLheoCode(undefined)).toEqual({ ok: true, level: null });
  });

  it('refuse un code inconnu avec une raison en français', () => {
    const r = levelFromLheoCode('42');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/inconnu.*42/);
    expect(levelFromLheoCode(' V ').ok).toBe(false);
  });

  it('affiche le niveau en mots', () => {
    expect(levelLabel(3)).toBe('Niveau 3 — CAP, BEP');
    expect(Level.safeParse(9).success).toBe(false);
    expect(Level.safeParse(0).success).toBe(false);
  });

  const lheo = sharedData('lheo');
  it.skipIf(!lheo)('couvre chaque code du dictionnaire dict-niveaux de LHEO 2.3 (lheo-gml.xml)', () => {
    const gml = readFileSync(path.join(lheo!, 'lheo-gml.xml'), 'utf8');
    const dict = gml.slice(gml.indexOf('<dict name="dict-niveaux">'));
    const block = dict.slice(0, dict.indexOf('</dict>'));
    const keys = [...block.matchAll(/<key val="(\d+)"/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThanOrEqual(17);
    for (const key of keys) {
      expect(LHEO_LEVEL_CODES[key], `code ${key}`).toBeDefined();
      expect(levelFromLheoCode(key).ok).toBe(true);
    }
    // Et le libellé officiel du code 4 est bien le CAP (ancien niveau V).
    expect(block).toMatch(/<key val="4"\s*\/>\s*<value[^>]*val="niveau V \(CAP/);
  });
});
