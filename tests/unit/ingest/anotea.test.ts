/**
 * Import Anotéa : exemples synthétiques à la forme exacte de la réponse `GET /api/v1/avis`
 * de la spécification Swagger v1 (../shared/data/anotea/v1-swagger.yml).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { importAnotea, parisDate } from '../../../src/ingest/anotea';
import { ImportFatalError, ReportBuilder } from '../../../src/ingest/report';
import { repoRoot } from '../../support/shared-data';

const dir = mkdtempSync(path.join(os.tmpdir(), 'vmm-anotea-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function jsonFile(content: unknown): string {
  const file = path.join(dir, `f${++n}.json`);
  writeFileSync(file, typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content));
  return file;
}

const NOTES = { accueil: 5, contenu_formation: 4, equipe_formateurs: 5, moyen_materiel: 3, accompagnement: 4, global: 4 };

function avis(overrides: Record<string, unknown> = {}) {
  return {
    id: '5c7e5a1f2d4b3a0012345678',
    date: '2024-03-05T23:30:00.000Z',
    commentaire: { titre: 'Très bonne formation', texte: 'Formateurs disponibles, plateau technique complet.' },
    reponse: { texte: 'Merci pour votre retour.' },
    notes: NOTES,
    formation: {
      intitule: 'CAP Cuisine',
      domaine_formation: { formacodes: ['42752'] },
      certifications: [{ certif_info: '54872' }],
      action: {
        lieu_de_formation: { code_postal: '44000', ville: 'Nantes' },
        organisme_financeurs: ['2'],
        organisme_formateur: { raison_sociale: 'Organisme de test', siret: '12345678900012', numero: '14_OF_0000000123' },
        session: { numero: 'SE_0000123456', periode: { debut: '2023-09-04', fin: '2024-02-16' } },
      },
    },
    ...overrides,
  };
}

const response = (items: unknown[], pagination = { page: 0, items_par_page: 50, total_items: items.length, total_pages: 1 }) => ({
  avis: items,
  meta: { pagination },
});

async function run(content: unknown) {
  const report = new ReportBuilder('anotea');
  const file = jsonFile(content);
  const reviews = await importAnotea(file, report);
  return { reviews, report: report.finish(), file };
}

describe('importAnotea', () => {
  it('transforme la réponse de l’API v1 en avis (Review)', async () => {
    const { reviews, report } = await run(
      response([
        avis(),
        avis({
          id: 42,
          date: '2024-01-10',
          commentaire: undefined,
          notes: { ...NOTES, global: 4.5, accueil: 1.2 },
          formation: { numero: 'FO_123', action: { numero: 'AC_456', session: { numero: 'SE_789' } } },
        }),
      ]),
    );
    expect(report.rejected).toEqual([]);
    expect(report.accepted).toEqual({ avis: 2 });
    expect(reviews).toEqual([
      {
        id: '5c7e5a1f2d4b3a0012345678',
        actionId: null,
        formationId: null,
        sessionId: 'SE_0000123456',
        organismeSiret: '12345678900012',
        scores: NOTES,
        comment: { title: 'Très bonne formation', text: 'Formateurs disponibles, plateau technique complet.' },
        // 23 h 30 UTC le 5 mars : déjà le 6 mars à Paris.
        date: '2024-03-06',
        status: 'validated',
      },
      {
        id: '42',
        actionId: 'AC_456',
        formationId: 'FO_123',
        sessionId: 'SE_789',
        organismeSiret: null,
        scores: { ...NOTES, global: 5, accueil: 1 },
        comment: null,
        date: '2024-01-10',
        status: 'validated',
      },
    ]);
  });

  it('accepte aussi un simple tableau d’avis et garde le commentaire tel quel, balises comprises', async () => {
    const hostile = '<script>alert("x")</script> & <b>gras</b>';
    const { reviews } = await run([avis({ commentaire: { titre: '  ', texte: hostile } })]);
    expect(reviews[0]?.comment).toEqual({ title: null, text: hostile });
  });

  it('rejette les avis invalides (note hors de 1 à 5, id absent, date invalide, doublon) et garde les autres', async () => {
    const { reviews, report, file } = await run(
      response([
        avis({ id: 'ok-1' }),
        avis({ id: 'note-7', notes: { ...NOTES, accueil: 7 } }),
        avis({ id: undefined }),
        avis({ id: 'date-1', date: '31/02/2024' }),
        avis({ id: 'ok-1' }),
        avis({ id: 'sans-notes', notes: undefined }),
        'pas un objet',
        avis({ id: 'ok-2', notes: { ...NOTES, global: '4' } }),
      ]),
    );
    expect(reviews.map((r) => r.id)).toEqual(['ok-1']);
    expect(report.rejected).toEqual([
      { file, position: 'avis n°2', id: 'note-7', reason: expect.stringMatching(/^notes\.accueil : .*5/) },
      { file, position: 'avis n°3', id: null, reason: expect.stringMatching(/^id : /) },
      { file, position: 'avis n°4', id: 'date-1', reason: 'date invalide « 31/02/2024 » (date ISO attendue, ex. 2024-03-05 ou 2024-03-05T10:00:00Z)' },
      { file, position: 'avis n°5', id: 'ok-1', reason: 'avis en double (même identifiant que l’avis n°1)' },
      { file, position: 'avis n°6', id: 'sans-notes', reason: expect.stringMatching(/^notes : /) },
      { file, position: 'avis n°7', id: null, reason: expect.stringMatching(/^enregistrement : /) },
      { file, position: 'avis n°8', id: 'ok-2', reason: expect.stringMatching(/^notes\.global : /) },
    ]);
  });

  it('reprend un statut de modération éventuel ; un statut inconnu garde l’avis en attente', async () => {
    const { reviews, report } = await run([
      avis({ id: 'a', statut: 'publié' }),
      avis({ id: 'b', status: 'rejected' }),
      avis({ id: 'c', statut: 'Rejeté' }),
      avis({ id: 'd', status: 'none' }),
      avis({ id: 'e', statut: 'en attente' }),
      avis({ id: 'f', statut: 'archivé' }),
    ]);
    expect(reviews.map((r) => [r.id, r.status])).toEqual([
      ['a', 'validated'],
      ['b', 'rejected'],
      ['c', 'rejected'],
      ['d', 'pending'],
      ['e', 'pending'],
      ['f', 'pending'],
    ]);
    expect(report.warnings).toEqual([expect.objectContaining({ position: 'avis n°6', id: 'f', reason: 'statut inconnu « archivé » : avis gardé en attente (non publié)' })]);
  });

  it('avertit quand la réponse n’est qu’une page parmi d’autres', async () => {
    const { report } = await run(response([avis()], { page: 0, items_par_page: 1, total_items: 3, total_pages: 3 }));
    expect(report.warnings.map((w) => w.reason)).toEqual(['le fichier ne contient que la page 1 sur 3 : les avis des autres pages ne sont pas importés']);
  });

  it('un octet latin-1 dans un commentaire : signalé à sa ligne et son octet, l’avis et les autres importés', async () => {
    const text = JSON.stringify(response([avis({ id: 'a1', commentaire: { texte: 'Tr\u00e8s bien' } }), avis({ id: 'a2' })]));
    const bytes = Buffer.from(text.replace('Tr\u00e8s', 'TrXs'));
    const at = bytes.indexOf('TrXs') + 2;
    bytes[at] = 0xe8;
    const { reviews, report, file } = await run(bytes);
    expect(reviews.map((r) => r.id)).toEqual(['a1', 'a2']);
    expect(JSON.stringify(reviews[0])).toContain('Tr\uFFFDs bien');
    expect(report.warnings).toContainEqual(expect.objectContaining({ file, position: `ligne 1, octet n°${at + 1}`, reason: expect.stringMatching(/^octet E8 invalide en UTF-8/) }));
  });

  it('échoue en français sur un JSON mal formé, une forme inattendue ou un fichier absent', async () => {
    const malformed = run('{"avis": [ {"id": "1", ');
    await expect(malformed).rejects.toBeInstanceOf(ImportFatalError);
    await expect(malformed).rejects.toThrow(/^JSON mal formé : /);
    await expect(run({ avis: 'non' })).rejects.toThrow(/n’est ni un tableau d’avis ni une réponse \{ "avis": \[\.\.\.\] \} de l’API Anotéa/);
    await expect(importAnotea(path.join(dir, 'absent.json'), new ReportBuilder('anotea'))).rejects.toThrow(/Fichier illisible : .*\(ENOENT\)/);
  });
});

describe('parisDate', () => {
  it('rend la date du jour à Paris et refuse les dates impossibles', () => {
    expect(parisDate('2024-07-14')).toBe('2024-07-14');
    expect(parisDate('2024-07-14T22:30:00Z')).toBe('2024-07-15');
    expect(parisDate('2024-07-14T22:30:00')).toBe('2024-07-14');
    expect(parisDate('2023-02-29')).toBeNull();
    expect(parisDate('14/07/2024')).toBeNull();
  });
});

describe('scripts/import-anotea.ts', () => {
  const cli = (...args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts/import-anotea.ts'), ...args], { cwd: repoRoot }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  it('écrit les avis et le rapport, et sort avec le code 2 quand des avis sont rejetés', async () => {
    const out = path.join(dir, 'cli', 'avis.json');
    const { code, stdout } = await cli('--out', out, jsonFile(response([avis(), avis({ id: 'x', notes: { ...NOTES, global: 0 } })])));
    expect(code).toBe(2);
    expect(stdout.trim()).toBe(`Anotéa : 1 avis écrits dans ${out} ; 1 rejet(s), 0 avertissement(s) (rapport : ${path.join(dir, 'cli', 'reports', 'anotea.json')}).`);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toHaveLength(1);
    expect(JSON.parse(readFileSync(path.join(dir, 'cli', 'reports', 'anotea.json'), 'utf8')).rejected).toHaveLength(1);
  });

  it('sort avec le code 1 et un message français sur un JSON mal formé', async () => {
    const { code, stderr } = await cli('--out', path.join(dir, 'cli', 'bad.json'), jsonFile('[{'));
    expect(code).toBe(1);
    expect(stderr).toMatch(/^Erreur : JSON mal formé : /m);
  });
});
