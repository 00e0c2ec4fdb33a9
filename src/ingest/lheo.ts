/**
 * Import en flux d'un fichier LHEO (offre de formation des Carif-Oref), versions 2.2 et 2.3.
 *
 * Le fichier est lu morceau par morceau (détection de l'encodage dans `decode.ts`) et analysé
 * par saxes, qui ne charge jamais de DTD ni d'entité externe. Seul le sous-arbre d'une
 * `<formation>` est construit en mémoire : il est traduit (`lheo-map.ts`), validé, puis oublié.
 *
 * - Un enregistrement invalide est rejeté dans le rapport (fichier, position, identifiant, raison).
 * - Un fichier vide, non XML, d'un autre format, ou mal formé avant la première formation
 *   complète : ImportFatalError.
 * - XML interrompu après au moins une formation (fichier tronqué) : les formations complètes
 *   sont gardées, un rejet « fichier tronqué… » est ajouté et le résultat a `complete: false`.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import type { Action, Formation, Offer, Organisme } from '../domain/offer';
import { emptyDict } from '../lib/lookup';
import { decodeStream, reportInvalidBytes } from './decode';
import type { CommuneLocator } from './lheo-locator';
import { mapFormation, type MappedFormation, type XmlNode } from './lheo-map';
import { ImportFatalError, type ReportBuilder } from './report';
import { frenchXmlMessage } from './xml-messages';

export type { CommuneLocator, LocatedCommune } from './lheo-locator';

export const LHEO_NAMESPACES: readonly string[] = ['http://lheo.gouv.fr/2.3', 'http://www.lheo.org/2.2'];

export type LheoInput = { path: string } | { stream: Readable; name: string };

export interface LheoDeps {
  locateCommune: CommuneLocator;
  report: ReportBuilder;
  /** Appelé toutes les 1 000 formations lues, et à la fin, avec le nombre de formations lues. */
  onProgress?: (formations: number) => void;
  /** Date de référence (AAAA-MM-JJ) : les sessions terminées depuis plus d'un an sont rejetées (lheo-map.ts). */
  referenceDate?: string;
}

export const UNREAD_FORMATIONS_COUNT = 'formations illisibles après une erreur XML : non importées';

export interface LheoImport extends Offer {
  /** false si le fichier n'a été que partiellement lisible (XML tronqué ou mal formé en cours de route). */
  complete: boolean;
}

const PROGRESS_EVERY = 1000;

function mergeOrganisme(a: Organisme, b: Organisme): Organisme {
  return {
    ...a,
    siret: a.siret ?? b.siret,
    uai: a.uai ?? b.uai,
    address: a.address ?? b.address,
    contact: {
      name: a.contact.name ?? b.contact.name,
      phone: a.contact.phone ?? b.contact.phone,
      email: a.contact.email ?? b.contact.email,
      website: a.contact.website ?? b.contact.website,
    },
  };
}

/** Collections de l'offre ; les organismes sont dédoublonnés par identifiant (SIRET s'il est connu). */
class OfferCollector {
  readonly organismes = new Map<string, Organisme>();
  readonly formations: Formation[] = [];
  readonly actions: Action[] = [];
  readonly formationIds = new Set<string>();
  readonly actionIds = new Set<string>();
  readonly sessionIds = new Set<string>();

  addOrganisme(o: Organisme): void {
    const known = this.organismes.get(o.id);
    this.organismes.set(o.id, known ? mergeOrganisme(known, o) : o);
  }

  add({ formation, actions, organismes }: MappedFormation): void {
    this.formations.push(formation);
    this.formationIds.add(formation.id);
    for (const a of actions) {
      this.actions.push(a);
      this.actionIds.add(a.id);
    }
    organismes.forEach((o) => this.addOrganisme(o));
  }

  offer(): Offer {
    return { organismes: [...this.organismes.values()], formations: this.formations, actions: this.actions };
  }
}

function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string';
}

export async function importLheo(input: LheoInput, deps: LheoDeps): Promise<LheoImport> {
  const file = 'path' in input ? input.path : input.name;
  const { report } = deps;
  report.file(file);
  const stream = 'path' in input ? createReadStream(input.path) : input.stream;
  const collected = new OfferCollector();
  const parser = new SaxesParser({ xmlns: true, position: true });

  // Assignées dans les gestionnaires de saxes (d'où les assertions de type, qui évitent un rétrécissement à null).
  let xmlError = null as { line: number; message: string } | null;
  let fatal = null as ImportFatalError | null;
  let rootSeen = false;
  /** Éléments ouverts hors d'une formation (racine, offres…). */
  const outer: string[] = [];
  /** Sous-arbre de la formation en cours de lecture. */
  const stack: XmlNode[] = [];
  let formations = 0;

  const stopped = () => xmlError !== null || fatal !== null;
  /** Position (caractères depuis le début) et formation en cours au moment de l'erreur XML. */
  let errorPosition = 0;
  let inProgressAtError = false;

  parser.on('error', (err) => {
    if (xmlError || fatal) return;
    xmlError = { line: parser.line, message: frenchXmlMessage(err.message) };
    errorPosition = parser.position;
    inProgressAtError = stack.length > 0;
  });

  parser.on('opentag', (tag) => {
    if (stopped()) return;
    const parent = stack.at(-1);
    if (!parent && outer.length === 0) {
      rootSeen = true;
      if (tag.local !== 'lheo' || !LHEO_NAMESPACES.includes(tag.uri)) {
        const ns = tag.uri ? `de l'espace de noms « ${tag.uri} »` : 'sans espace de noms';
        fatal = new ImportFatalError(`format non reconnu : élément racine <${tag.name}> ${ns} (attendu : <lheo> de LHEO 2.2 ou 2.3)`, file);
        return;
      }
    }
    if (!parent && !(tag.local === 'formation' && outer.length === 2 && outer[1] === 'offres')) {
      outer.push(tag.local);
      return;
    }
    // Sans prototype : un attribut nommé « __proto__ » ou « constructor » est un attribut comme un autre.
    const attrs = emptyDict<string>();
    for (const a of Object.values(tag.attributes)) if (a.prefix !== 'xmlns' && a.name !== 'xmlns') attrs[a.local] = a.value;
    const node: XmlNode = { name: tag.local, attrs, line: parser.line, content: [] };
    parent?.content.push(node);
    stack.push(node);
  });

  const onText = (text: string) => {
    const current = stack.at(-1);
    if (!current || stopped()) return;
    const last = current.content.at(-1);
    if (typeof last === 'string') current.content[current.content.length - 1] = last + text;
    else current.content.push(text);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);

  parser.on('closetag', () => {
    if (stopped()) return;
    const node = stack.pop();
    if (!node) {
      outer.pop();
      return;
    }
    if (stack.length > 0) return;
    formations++;
    const mapped = mapFormation(node, formations, {
      file,
      report,
      locateCommune: deps.locateCommune,
      formationIds: collected.formationIds,
      actionIds: collected.actionIds,
      sessionIds: collected.sessionIds,
      ...(deps.referenceDate ? { referenceDate: deps.referenceDate } : {}),
    });
    if (mapped) collected.add(mapped);
    if (formations % PROGRESS_EVERY === 0) deps.onProgress?.(formations);
  });

  const onInvalidBytes = reportInvalidBytes(report, file);
  /** Après une erreur XML : les débuts de <formation> du reste du fichier, comptés sans être lus. */
  let unread = 0;
  let carry = '';
  const countUnread = (text: string) => {
    const scanned = carry + text;
    for (let i = scanned.indexOf('<formation'); i !== -1; i = scanned.indexOf('<formation', i + 1)) {
      const next = scanned.charAt(i + '<formation'.length);
      if (next === '>' || next === ' ' || next === '\t' || next === '\n' || next === '\r' || next === '/') unread++;
      else if (next === '') break;
    }
    carry = scanned.slice(-'<formation'.length);
  };
  try {
    for await (const text of decodeStream(stream, { file, xml: true, onInvalidBytes })) {
      if (stopped()) {
        if (xmlError && !fatal) countUnread(text);
        continue;
      }
      const before = parser.position;
      parser.write(text);
      // Le reste du morceau après l'erreur : ses formations sont comptées, pas lues.
      if (xmlError && !fatal) countUnread(text.slice(Math.max(0, errorPosition - before)));
    }
  } catch (e) {
    if (isSystemError(e)) throw new ImportFatalError(`fichier illisible : ${e.message}`, file);
    throw e;
  }
  if (!stopped()) parser.close();
  if (fatal) throw fatal;

  let complete = true;
  if (xmlError) {
    const { line, message } = xmlError;
    if (!rootSeen) throw new ImportFatalError(`format non reconnu : ce n'est pas un fichier XML (ligne ${line} : ${message})`, file);
    if (formations === 0) throw new ImportFatalError(`XML mal formé ou fichier tronqué à la ligne ${line}, avant toute formation complète : ${message}`, file);
    const lost = unread + (inProgressAtError ? 1 : 0);
    report.count(UNREAD_FORMATIONS_COUNT, lost);
    report.reject(
      file,
      `ligne ${line}`,
      null,
      `fichier tronqué ou XML mal formé à la ligne ${line} : ${message} (formations lues avant l'erreur, gardées : ${formations} ; ` +
        `formations qui n'ont pas pu être lues : ${lost === 0 ? 'aucune' : lost}${inProgressAtError ? ', dont celle en cours à l’erreur' : ''})`,
    );
    complete = false;
  } else if (formations === 0) {
    report.warn(file, 'fichier', null, 'aucune formation dans le fichier');
  }
  deps.onProgress?.(formations);

  const offer = collected.offer();
  report.accept('formation', offer.formations.length);
  report.accept('action', offer.actions.length);
  report.accept('session', offer.actions.reduce((n, a) => n + a.sessions.length, 0));
  report.accept('organisme', offer.organismes.length);
  return { ...offer, complete };
}

/**
 * Réunit les offres de plusieurs fichiers : organismes fusionnés par identifiant ; une formation
 * déjà importée d'un fichier précédent est rejetée avec ses actions (les comptes du rapport sont
 * corrigés en conséquence).
 */
export function mergeOffers(parts: ReadonlyArray<{ file: string; offer: Offer }>, report: ReportBuilder): Offer {
  const collected = new OfferCollector();
  const formationFiles = new Map<string, string>();
  let organismesBefore = 0;
  for (const { file, offer } of parts) {
    organismesBefore += offer.organismes.length;
    offer.organismes.forEach((o) => collected.addOrganisme(o));
    const actionsByFormation = Map.groupBy(offer.actions, (a) => a.formationId);
    for (const formation of offer.formations) {
      const actions = actionsByFormation.get(formation.id) ?? [];
      const firstFile = formationFiles.get(formation.id);
      const duplicateAction = actions.find((a) => collected.actionIds.has(a.id));
      if (firstFile === undefined && !duplicateAction) {
        formationFiles.set(formation.id, file);
        collected.add({ formation, actions, organismes: [] });
        continue;
      }
      const reason = firstFile
        ? `formation déjà importée depuis « ${firstFile} »`
        : `action « ${duplicateAction?.id} » déjà importée d'un fichier précédent`;
      report.reject(file, `formation ${formation.id}`, formation.id, `${reason} : formation ignorée, ainsi que ses actions (${actions.length})`);
      report.accept('formation', -1);
      report.accept('action', -actions.length);
      report.accept('session', -actions.reduce((n, a) => n + a.sessions.length, 0));
    }
  }
  report.accept('organisme', collected.organismes.size - organismesBefore);
  return collected.offer();
}
