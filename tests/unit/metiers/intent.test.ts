/**
 * « Dites-le avec vos mots » : la lecture des fiches métiers (src/metiers/intent.ts), sur des fiches
 * écrites ici (la règle), sur les fiches de démonstration (data/demo/metiers.json) et sur le ROME 4.0
 * réel de ../shared/data (ignoré avec un message s'il est absent).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from '../../../src/domain/zod';
import { Metier } from '../../../src/domain/metier';
import { createIntentIndex, intentStem, MAX_UNDERSTOOD, requestTerms, type IntentIndex } from '../../../src/metiers/intent';
import { importRome } from '../../../src/ingest/rome';
import { ReportBuilder } from '../../../src/ingest/report';
import { repoRoot, sharedData } from '../../support/shared-data';

const fiche = (code: string, label: string, definition: string, savoirFaire: string[] = []): Metier =>
  Metier.parse({ code, label, definition, skills: { savoirFaire: savoirFaire.map((l) => ({ label: l })) }, domain: { letter: code[0], code: code.slice(0, 3), label: '' }, source: 'demo' });

describe('intentStem : un verbe, son nom et son métier ont la même racine', () => {
  it.each([
    ['couper', 'coupe'],
    ['soigner', 'soignant'],
    ['coiffer', 'coiffeur'],
    ['coiffure', 'coiffeur'],
    ['cuisinier', 'cuisiner'],
    ['jardinier', 'jardiner'],
  ])('%s ~ %s', (a, b) => expect(intentStem(a)).toBe(intentStem(b)));
  it('garde au moins 4 lettres', () => {
    expect(intentStem('enfants')).toBe('enfant');
    expect(intentStem('mur')).toBe('mur');
  });
});

describe('les mots de la demande ne comptent pas', () => {
  it('« je veux devenir cuisinier »', () => {
    expect(requestTerms('je veux devenir cuisinier')).toEqual({ words: ['cuisinier'], fillers: ['veux', 'devenir'] });
  });
  it('« J’aimerais travailler dans la restauration »', () => {
    expect(requestTerms('J’aimerais travailler dans la restauration').words).toEqual(['restauration']);
  });
  it('seulement des mots de la demande : aucun mot, aucun métier', () => {
    const index = createIntentIndex([fiche('G1609', 'Cuisinier', 'Il veut faire la cuisine et travailler.')]);
    expect(index.understand('je veux travailler')).toEqual({ words: [], fillers: ['veux', 'travailler'], metiers: [] });
  });
});

describe('sur des fiches écrites ici', () => {
  const index = createIntentIndex([
    fiche('D1202', 'Coiffeur / Coiffeuse', 'Le coiffeur coupe et coiffe les cheveux de ses clients.', ['Couper les cheveux']),
    fiche('G1609', 'Cuisinier / Cuisinière', 'Le cuisinier prépare les plats et coupe les légumes.'),
    fiche('G1602', 'Commis de cuisine', 'Le commis aide le cuisinier : il épluche et coupe les légumes.'),
    fiche('J1506', 'Infirmier / Infirmière', 'L’infirmier soigne les patients.'),
  ]);
  it('« couper les cheveux » → le coiffeur seulement', () => {
    expect(index.understand('couper les cheveux').metiers.map((m) => m.code)).toEqual(['D1202']);
  });
  it('« éplucher les légumes » → le commis d’abord (tous les mots), le cuisinier n’a pas « éplucher »', () => {
    expect(index.understand('éplucher les légumes').metiers.map((m) => m.code)[0]).toBe('G1602');
  });
  it('un nom de métier : seulement les métiers qui le portent dans leur nom (« Nous avons compris : métiers Cuisinier / Cuisinière, Commis de cuisine »), pas ceux dont la fiche le cite', () => {
    expect(index.understand('cuisinier').metiers.map((m) => m.code)).toEqual(['G1609', 'G1602']);
    expect(index.understand('coiffeur').metiers.map((m) => m.code)).toEqual(['D1202']);
  });
  it('un métier retiré n’est plus compris', () => {
    expect(index.understand('couper les cheveux', ['D1202']).metiers.map((m) => m.code)).not.toContain('D1202');
  });
  it('« soigner les malades » : « malades » est un mot du quotidien pour « patient »', () => {
    expect(index.understand('soigner les malades').metiers.map((m) => m.code)).toEqual(['J1506']);
  });
  it('rien de sûr : aucun métier (chacun n’a que la moitié des mots)', () => {
    expect(index.understand('cheveux patients').metiers).toEqual([]);
  });
  it('un mot qu’aucune fiche n’emploie ne compte pas s’il reste deux mots connus', () => {
    expect(index.understand('éplucher les légumes sur une fusée').metiers.map((m) => m.code)[0]).toBe('G1602');
  });
  it('… sinon il manque : une faute sur le mot qui compte ne fait pas comprendre n’importe quoi', () => {
    expect(index.understand('légumes fuzée').metiers).toEqual([]);
    expect(index.understand('couper les chevvvveux').metiers).toEqual([]);
  });
  it.each(['constructor', '__proto__', 'toString hasOwnProperty', '🍕🍕🍕', '', '   ', "'''", 'a'.repeat(5_000), 'je veux '.repeat(500)])('texte hostile « %s » : aucune exception', (text) => {
    const u = index.understand(text);
    expect(u.metiers.length).toBeLessThanOrEqual(MAX_UNDERSTOOD);
    expect(u.words.length).toBeLessThanOrEqual(10);
  });
});

describe('sur les fiches de démonstration', () => {
  let index: IntentIndex;
  beforeAll(() => {
    const metiers = z.array(Metier).parse(JSON.parse(readFileSync(path.join(repoRoot, 'data/demo/metiers.json'), 'utf8')));
    index = createIntentIndex(metiers);
  });
  it.each([
    ['couper les cheveux', 'D1202'],
    ['soigner les malades', 'J1501'],
    ['construire des murs', 'F1703'],
    ['livrer des colis', 'N4105'],
    ['conduire un chariot élévateur', 'N1101'],
    ['je veux devenir cuisinier', 'G1609'],
    ['faire du pain', 'D1102'],
    ['réparer des voitures', 'I1604'],
  ])('« %s » → %s en premier', (text, code) => {
    expect(index.understand(text).metiers[0]?.code).toBe(code);
  });
});

describe('sur le ROME 4.0 réel (../shared/data/rome4)', () => {
  const dir = sharedData('rome4');
  let index: IntentIndex;
  beforeAll(async () => {
    if (dir === null) return;
    index = createIntentIndex(await importRome(dir, new ReportBuilder('rome')));
  }, 60_000);
  it.skipIf(dir === null).each([
    ['couper les cheveux', 'D1202'],
    ['je veux devenir boulanger', 'D1102'],
    ['réparer des voitures', 'I16'],
  ])('« %s » → %s parmi les métiers compris', (text, code) => {
    expect(index.understand(text).metiers.some((m) => m.code.startsWith(code))).toBe(true);
  });
  it.skipIf(dir === null)('1 584 fiches : une phrase se lit en moins de 5 ms', () => {
    const started = performance.now();
    for (let i = 0; i < 50; i++) index.understand('je voudrais m’occuper des personnes âgées à domicile');
    expect((performance.now() - started) / 50).toBeLessThan(5);
  });
});
