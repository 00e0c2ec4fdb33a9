import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GEO_BUILD_FILES } from '../../../src/geo/files';
import { repoRoot } from '../../support/shared-data';

const dir = mkdtempSync(path.join(tmpdir(), 'lheo-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import-lheo.ts', ...args], { cwd: repoRoot, encoding: 'utf-8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Référentiel géographique vide : les lieux de ces flux ont tous des coordonnées. */
const geoDir = path.join(dir, 'geo');
mkdirSync(geoDir);
writeFileSync(path.join(geoDir, GEO_BUILD_FILES.communes), '[]');
writeFileSync(path.join(geoDir, GEO_BUILD_FILES.epcis), '[]');
writeFileSync(path.join(geoDir, GEO_BUILD_FILES.aliases), '[]');
writeFileSync(path.join(geoDir, GEO_BUILD_FILES.territoires), JSON.stringify({ provisional: true, notice: 'test', territoires: [] }));

const formation = (n: string) => `<formation numero="${n}">
<intitule-formation>Formation ${n}</intitule-formation><certifiante>0</certifiante><code-niveau-entree>0</code-niveau-entree>
<action numero="${n}-a"><modalites-enseignement>0</modalites-enseignement><modalites-entrees-sorties>0</modalites-entrees-sorties>
<lieu-de-formation><coordonnees><adresse><ligne>1 rue</ligne><codepostal>44000</codepostal><ville>Nantes</ville>
<geolocalisation><latitude>47.21</latitude><longitude>-1.55</longitude></geolocalisation></adresse></coordonnees></lieu-de-formation>
<session><periode><debut>20250901</debut><fin>20260630</fin></periode></session></action>
<organisme-formation-responsable><SIRET-organisme-formation><SIRET>98765432100019</SIRET></SIRET-organisme-formation><raison-sociale>CFA</raison-sociale></organisme-formation-responsable>
</formation>\n`;
const feed = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<lheo xmlns="http://lheo.gouv.fr/2.3"><offres>\n${body}</offres></lheo>\n`;

describe('scripts/import-lheo.ts', () => {
  it('--help documente les codes de sortie', () => {
    const { code, stdout } = cli('--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Codes de sortie : 0 import complet ; 1 erreur fatale/);
  });

  it('réunit plusieurs fichiers, garde le début d’un fichier tronqué et sort en 2', () => {
    const a = path.join(dir, 'a.xml');
    const b = path.join(dir, 'b.xml');
    writeFileSync(a, feed(formation('A1')));
    const full = feed(formation('B1') + formation('B2') + formation('B3'));
    writeFileSync(b, full.slice(0, full.indexOf('<formation numero="B3"') + 100));
    const out = path.join(dir, 'out', 'offre.json');
    const reportFile = path.join(dir, 'out', 'rapport.json');

    const { code, stdout, stderr } = cli('--out', out, '--report', reportFile, '--geo-dir', geoDir, a, b, a);
    expect(stderr).toMatch(/b\.xml : 2 formations, 2 actions en [\d.]+ s \(fichier tronqué\)/);
    expect(code).toBe(2);
    expect(stdout).toMatch(/^LHEO : 3 formations, 3 actions, 1 organismes écrits dans .*offre\.json ; 2 rejet\(s\)/);
    const offer = JSON.parse(readFileSync(out, 'utf-8'));
    expect(Object.keys(offer)).toEqual(['organismes', 'formations', 'actions']);
    expect(offer.formations.map((f: { id: string }) => f.id)).toEqual(['A1', 'B1', 'B2']);
    const report = JSON.parse(readFileSync(reportFile, 'utf-8'));
    expect(report.accepted).toEqual({ formation: 3, action: 3, session: 3, organisme: 1 });
    expect(report.rejected.map((r: { reason: string }) => r.reason)).toEqual([
      expect.stringMatching(/^fichier tronqué ou XML mal formé à la ligne \d+ : balise non fermée/),
      expect.stringMatching(/^formation déjà importée depuis « .*a\.xml » : formation ignorée, ainsi que ses actions \(1\)$/),
    ]);
  });

  it('fichier non LHEO : message clair et code 1', () => {
    const csv = path.join(dir, 'offre.csv');
    writeFileSync(csv, 'numero;intitule\n1;CAP\n');
    const { code, stderr } = cli('--out', path.join(dir, 'x.json'), '--geo-dir', geoDir, csv);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^Erreur : .*offre\.csv : format non reconnu : ce n'est pas un fichier XML/);
  });
});
