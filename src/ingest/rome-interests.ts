/**
 * Import des centres d'intérêt du ROME 4.0 (« J'ai envie de … ») : `unix_centre_interet_v*_utf8.csv`
 * (code, libellé, définition sur plusieurs paragraphes) et `unix_arborescence_centre_interet_v*_utf8.csv`
 * (liens centre ↔ fiche, drapeau « principal »). Le même code lit les fichiers officiels et ceux de
 * la démonstration (src/demo/interests.ts, même format). Fichiers absents : aucun centre d'intérêt,
 * avec un avertissement. Un lien vers une fiche inconnue, ou d'un centre inconnu, est rejeté.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Interest } from '../domain/interest';
import { readCsv } from './csv';
import { displayText } from './rome';
import { ImportFatalError, zodReason, type ReportBuilder } from './report';

const FILE_NAME = /^unix_(centre_interet|arborescence_centre_interet)_v(\d+)_utf8\.csv$/;
/** Au-delà, une définition est coupée (le ROME : 600 caractères au plus). */
const MAX_DEFINITION = 4_000;

async function findFiles(dir: string): Promise<{ centres: string | null; links: string | null }> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new ImportFatalError(`Dossier des centres d’intérêt illisible : ${dir} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`, dir);
  }
  const best: Record<string, { name: string; version: number }> = {};
  for (const name of names) {
    const match = FILE_NAME.exec(name);
    if (!match) continue;
    const kind = match[1] as string;
    const version = Number(match[2]);
    if (!best[kind] || version > (best[kind] as { version: number }).version) best[kind] = { name, version };
  }
  const at = (kind: string) => (best[kind] ? path.join(dir, (best[kind] as { name: string }).name) : null);
  return { centres: at('centre_interet'), links: at('arborescence_centre_interet') };
}

/**
 * Les centres d'intérêt du dossier `dir`, reliés aux fiches `knownCodes` ; `source` : « rome » pour les
 * fichiers officiels, « demo » pour ceux de la démonstration.
 */
export async function importInterests(dir: string, knownCodes: ReadonlySet<string>, report: ReportBuilder, source: 'rome' | 'demo'): Promise<Interest[]> {
  const files = await findFiles(dir);
  if (files.centres === null || files.links === null) {
    report.warn(dir, 'dossier', null, 'centres d’intérêt absents (unix_centre_interet_v*_utf8.csv, unix_arborescence_centre_interet_v*_utf8.csv) : pas d’entrée « Ce que j’ai envie de faire »');
    return [];
  }
  report.file(files.centres);
  const drafts = new Map<string, { line: number; label: string; definition: string | null; metiers: { code: string; principal: boolean }[] }>();
  const columns = { required: ['code_centre_interet', 'libelle_centre_interet'], optional: ['definition_centre_interet'] } as const;
  for await (const { line, values: v } of readCsv(files.centres, ',', columns, report)) {
    if (drafts.has(v.code_centre_interet)) {
      report.reject(files.centres, `ligne ${line}`, v.code_centre_interet, `centre d’intérêt en double (déjà défini ligne ${drafts.get(v.code_centre_interet)?.line})`);
      continue;
    }
    const definition = v.definition_centre_interet.slice(0, MAX_DEFINITION).split(/\n+/).map(displayText).filter((p) => p !== '').join('\n');
    drafts.set(v.code_centre_interet, { line, label: displayText(v.libelle_centre_interet), definition: definition || null, metiers: [] });
  }
  report.file(files.links);
  const linkColumns = { required: ['code_centre_interet', 'code_rome'], optional: ['principal'] } as const;
  for await (const { line, values: v } of readCsv(files.links, ',', linkColumns, report)) {
    const id = `${v.code_centre_interet} → ${v.code_rome}`;
    const draft = drafts.get(v.code_centre_interet);
    if (!draft) {
      report.reject(files.links, `ligne ${line}`, id, `centre d’intérêt inconnu : « ${v.code_centre_interet} »`);
      continue;
    }
    if (!knownCodes.has(v.code_rome)) {
      report.reject(files.links, `ligne ${line}`, id, `fiche ROME inconnue ou rejetée : « ${v.code_rome} »`);
      continue;
    }
    draft.metiers.push({ code: v.code_rome, principal: v.principal.trim().toLowerCase() === 'oui' });
  }
  const out: Interest[] = [];
  for (const [code, draft] of drafts) {
    const parsed = Interest.safeParse({ code, label: draft.label, definition: draft.definition, metiers: draft.metiers, source });
    if (!parsed.success) {
      report.reject(files.centres, `ligne ${draft.line}`, code, zodReason(parsed.error));
      continue;
    }
    out.push(parsed.data);
    report.accept('centre_interet');
  }
  return out.sort((a, b) => Number(a.code) - Number(b.code));
}
