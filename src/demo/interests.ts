/**
 * Centres d'intérêt de démonstration : `data/demo/centres-interet.json` (écrit par versmonmétier pour
 * les fiches de démonstration) → les deux fichiers CSV au format du ROME 4.0
 * (`unix_centre_interet_v0_utf8.csv`, `unix_arborescence_centre_interet_v0_utf8.csv` : mêmes
 * colonnes, champs entre guillemets, définitions sur plusieurs lignes), que la construction importe
 * ensuite avec le même code que les fichiers officiels (src/ingest/rome-interests.ts).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { z } from '../domain/zod';
import type { Metier } from '../domain/metier';

const DemoInterests = z.object({
  centres: z.array(
    z.object({
      code: z.string().regex(/^\d{1,4}$/),
      label: z.string().min(1),
      definition: z.string(),
      principal: z.array(z.string()),
      autres: z.array(z.string()),
    }),
  ),
});

export const DEMO_INTEREST_FILES = { centres: 'unix_centre_interet_v0_utf8.csv', links: 'unix_arborescence_centre_interet_v0_utf8.csv' } as const;

/** Écrit les deux fichiers dans `outDir` ; rend le dossier. */
export async function writeDemoInterestFiles(sourceFile: string, metiers: readonly Metier[], outDir: string): Promise<string> {
  const source = DemoInterests.parse(JSON.parse(await readFile(sourceFile, 'utf8')));
  const byCode = new Map(metiers.map((m) => [m.code, m]));
  const csv = (rows: string[][]) => stringify(rows, { quoted: true, record_delimiter: '\n' });
  const centres = [['code_centre_interet', 'libelle_centre_interet', 'definition_centre_interet'], ...source.centres.map((c) => [c.code, c.label, c.definition])];
  const links = [['code_centre_interet', 'libelle_centre_interet', 'code_ogr_rome', 'code_rome', 'libelle_rome', 'principal']];
  for (const c of source.centres) {
    for (const [codes, principal] of [[c.principal, 'oui'], [c.autres, 'non']] as const) {
      for (const code of codes) links.push([c.code, c.label, `demo-${code}`, code, byCode.get(code)?.label ?? '', principal]);
    }
  }
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, DEMO_INTEREST_FILES.centres), csv(centres), 'utf8');
  await writeFile(path.join(outDir, DEMO_INTEREST_FILES.links), csv(links), 'utf8');
  return outDir;
}
