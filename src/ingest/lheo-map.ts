/**
 * Traduction d'un sous-arbre `<formation>` LHEO (2.2 ou 2.3) en entités du domaine
 * (Formation, Action, Session, Organisme), validées par les schémas zod de `src/domain/offer.ts`.
 *
 * Identifiants : l'attribut `numero` de l'élément quand il est renseigné ; sinon
 * - formation : `lheo-formation-` + 16 caractères hexadécimaux du SHA-1 de
 *   « identifiant de l'organisme responsable + intitulé » (stable d'un import à l'autre) ;
 * - action : `<id formation>-a<rang de l'action dans la formation>` ;
 * - session : `<id action>-s<rang de la session dans l'action>` ;
 * - organisme : le SIRET (ce qui dédoublonne les organismes), sinon `numero`, sinon
 *   `lheo-organisme-` + SHA-1 de la raison sociale.
 *
 * Les textes (objectif, contenu, prérequis…) sont gardés tels quels, HTML compris : le nettoyage
 * se fait à l'affichage. Une valeur vide ou réduite à « - » (usage de certains flux) vaut « absent ».
 */
import { createHash } from 'node:crypto';
import { DEPARTEMENTS_PDL, isInFrance, isInPaysDeLaLoireBBox } from '../domain/geo';
import { LHEO_FUNDERS, REGION_PROGRAMMES, type Financing, type RegionProgrammeCode } from '../domain/financing';
import { levelFromLheoCode } from '../domain/levels';
import {
  Action,
  Formation,
  Organisme,
  Session,
  type Address,
  type Certification,
  type Contact,
  type Place,
  type RecruitmentState,
  type TeachingMode,
} from '../domain/offer';
import { lookupTable } from '../lib/lookup';
import type { CommuneLocator } from './lheo-locator';
import { zodReason, type ReportBuilder } from './report';

/** Un élément XML et son contenu (textes et sous-éléments dans l'ordre du document). */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  line: number;
  content: Array<XmlNode | string>;
}

export interface MapContext {
  file: string;
  report: ReportBuilder;
  locateCommune: CommuneLocator;
  /** Identifiants déjà acceptés dans ce fichier (un doublon est rejeté). */
  formationIds: ReadonlySet<string>;
  actionIds: ReadonlySet<string>;
  /** Identifiants de session déjà acceptés dans ce fichier, toutes actions confondues. */
  sessionIds?: Set<string>;
  /**
   * Date de référence (AAAA-MM-JJ, « aujourd'hui » à Paris) : une session terminée depuis plus de
   * LONG_ENDED_DAYS jours avant elle est rejetée. Sans elle, aucune session n'est rejetée pour son âge.
   */
  referenceDate?: string;
}

/** Une session terminée depuis plus d'un an avant la date de référence est rejetée (README, « Importer des données réelles »). */
export const LONG_ENDED_DAYS = 365;

/** Les comptes du rapport pour les règles de l'import LHEO (README) : clé → règle appliquée. */
export const LHEO_RULE_COUNTS = {
  coordsOutsideRegion: 'lieux aux coordonnées hors des Pays de la Loire alors que leur commune y est : centre de la commune utilisé',
  placeOutsideRegion: 'lieux hors des Pays de la Loire (code INSEE ou coordonnées) : gardés avec un avertissement',
  duplicateSession: 'sessions à l’identifiant en double : rejetées',
  longEndedSession: `sessions terminées depuis plus de ${LONG_ENDED_DAYS} jours : rejetées`,
} as const;

const PDL_DEPARTMENTS: ReadonlySet<string> = new Set(DEPARTEMENTS_PDL);

function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000);
}

export interface MappedFormation {
  formation: Formation;
  actions: Action[];
  organismes: Organisme[];
}

type Result<T> = { ok: true; value: T } | { ok: false; reason: string };
const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = <T>(reason: string): Result<T> => ({ ok: false, reason });

// ---------------------------------------------------------------------------------------------
// Lecture de l'arbre

function elements(node: XmlNode | undefined): XmlNode[] {
  return node ? node.content.filter((c): c is XmlNode => typeof c !== 'string') : [];
}

function childrenNamed(node: XmlNode | undefined, name: string): XmlNode[] {
  return elements(node).filter((c) => c.name === name);
}

function at(node: XmlNode | undefined, ...path: string[]): XmlNode | undefined {
  let current = node;
  for (const name of path) current = elements(current).find((c) => c.name === name);
  return current;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** Contenu d'un élément : le texte tel quel ; un éventuel balisage non échappé est réécrit, pas filtré. */
function inner(node: XmlNode): string {
  const [only] = node.content;
  if (node.content.length === 1 && typeof only === 'string') return only;
  return node.content
    .map((c) => {
      if (typeof c === 'string') return c;
      const attrs = Object.entries(c.attrs).map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join('');
      return `<${c.name}${attrs}>${inner(c)}</${c.name}>`;
    })
    .join('');
}

/**
 * Copie d'une chaîne lue par saxes. Les textes rendus par saxes sont des tranches du morceau de
 * fichier décodé : V8 garde alors tout le morceau (64 Ko) en mémoire tant que la valeur vit.
 * La concaténation puis la découpe forcent une copie indépendante.
 */
function detach(text: string): string {
  return ` ${text}`.slice(1);
}

function value(node: XmlNode | undefined): string | null {
  if (!node) return null;
  const text = inner(node).trim();
  return text === '' || text === '-' ? null : detach(text);
}

const valueAt = (node: XmlNode | undefined, ...path: string[]): string | null => value(at(node, ...path));

function valuesOf(node: XmlNode | undefined, name: string): string[] {
  return childrenNamed(node, name)
    .map(value)
    .filter((v): v is string => v !== null);
}

function attr(node: XmlNode, name: string): string | null {
  const v = node.attrs[name]?.trim();
  return v ? detach(v) : null;
}

/** Les `<extra info="…">` des `<extras>` directs de l'élément (imbrications comprises), par `info` en minuscules. */
function extrasOf(node: XmlNode): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (container: XmlNode): void => {
    for (const c of elements(container)) {
      if (c.name === 'extras') visit(c);
      const info = c.name === 'extra' ? c.attrs.info?.trim().toLowerCase() : undefined;
      if (!info || found.has(info)) continue;
      const v = value(c);
      if (v !== null) found.set(info, v);
    }
  };
  childrenNamed(node, 'extras').forEach(visit);
  return found;
}

function derivedId(prefix: string, ...parts: string[]): string {
  return `${prefix}-${createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, 16)}`;
}

// ---------------------------------------------------------------------------------------------
// Rapport : position et identifiant de l'enregistrement courant

class Scope {
  constructor(
    private readonly ctx: MapContext,
    readonly position: string,
    public id: string | null,
  ) {}
  warn(reason: string): void {
    this.ctx.report.warn(this.ctx.file, this.position, this.id, reason);
  }
  reject(reason: string): void {
    this.ctx.report.reject(this.ctx.file, this.position, this.id, reason);
  }
  count(key: string): void {
    this.ctx.report.count(key);
  }
  get referenceDate(): string | undefined {
    return this.ctx.referenceDate;
  }
}

// ---------------------------------------------------------------------------------------------
// Valeurs codées

// Tables sans prototype : une valeur « constructor » du flux n'y trouve rien (voir src/lib/lookup.ts).
const TEACHING_MODE_CODES = lookupTable<TeachingMode>({ '0': 'presentiel', '1': 'mixte', '2': 'distance' });
const ENTRY_EXIT_CODES = lookupTable<boolean>({ '0': false, '1': true });
const RECRUITMENT_STATE_CODES = lookupTable<RecruitmentState>({ '1': 'ouvert', '2': 'ferme', '3': 'suspendu' });

function coded<T>(raw: string | null, table: Readonly<Record<string, T>>, label: string): Result<T> {
  if (raw === null) return fail(`${label} absent`);
  const v = table[raw];
  return v === undefined ? fail(`${label} inconnu : « ${raw} »`) : ok(v);
}

function isTrue(raw: string): boolean {
  return /^(1|oui|true)$/i.test(raw);
}

/**
 * Date LHEO AAAAMMJJ → AAAA-MM-JJ. 00000000 et 99999999 (inconnue) → null. Selon LHEO, AAAAMM00
 * désigne un mois et AAAA0000 une année : premier jour pour un début, dernier jour pour une fin.
 */
export function parseLheoDate(raw: string | null, bound: 'start' | 'end'): Result<string | null> {
  if (raw === null || raw === '00000000' || raw === '99999999') return ok(null);
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(raw);
  if (!m) return fail(`date illisible : « ${raw} » (format AAAAMMJJ attendu)`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const lastDay = (mo: number) => new Date(Date.UTC(year, mo, 0)).getUTCDate();
  const iso = (mo: number, d: number) => `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (month === 0 && day === 0) return ok(bound === 'start' ? iso(1, 1) : iso(12, 31));
  if (month < 1 || month > 12 || day > lastDay(month)) return fail(`date inexistante : « ${raw} »`);
  if (day === 0) return ok(bound === 'start' ? iso(month, 1) : iso(month, lastDay(month)));
  return ok(iso(month, day));
}

/** Nombre décimal français ou anglais (« 1 500,50 », « 1500.5 », « 1500 € ») ; null si illisible ou négatif. */
function parseAmount(raw: string | null): number | null {
  if (raw === null) return null;
  const cleaned = raw.replace(/[\s\u00a0\u202f€]|EUR/gi, '').replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}

function parseCoordinate(raw: string | null): number | null {
  const n = raw === null ? NaN : Number(raw.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

// ---------------------------------------------------------------------------------------------
// Adresses, contacts, organismes

interface RawAddress {
  label: string | null;
  street: string | null;
  postcode: string | null;
  city: string | null;
  inseeCode: string | null;
}

function readAddress(adresse: XmlNode | undefined, s: Scope): RawAddress | null {
  if (!adresse) return null;
  let postcode = valueAt(adresse, 'codepostal')?.replace(/\s/g, '') ?? null;
  if (postcode !== null && !/^\d{5}$/.test(postcode)) {
    s.warn(`code postal invalide ignoré : « ${postcode} »`);
    postcode = null;
  }
  let inseeCode = valueAt(adresse, 'code-INSEE-commune')?.toUpperCase() ?? null;
  if (inseeCode !== null && !/^(\d{5}|2[AB]\d{3})$/.test(inseeCode)) {
    s.warn(`code INSEE invalide ignoré : « ${inseeCode} »`);
    inseeCode = null;
  }
  const street = valuesOf(adresse, 'ligne').join(', ') || null;
  return { label: valueAt(adresse, 'denomination'), street, postcode, city: valueAt(adresse, 'ville'), inseeCode };
}

function toAddress(raw: RawAddress | null): Address | null {
  return raw?.city ? { label: raw.label, street: raw.street, postcode: raw.postcode, city: raw.city, inseeCode: raw.inseeCode } : null;
}

function describeAddress(raw: RawAddress | null): string {
  if (!raw) return 'adresse absente';
  const place = [raw.postcode, raw.city].filter(Boolean).join(' ');
  const text = [raw.label, raw.street, place].filter(Boolean).join(', ') || 'adresse vide';
  return raw.inseeCode ? `${text} (code INSEE ${raw.inseeCode})` : text;
}

function readContact(coordonnees: XmlNode | undefined): Contact | null {
  if (!coordonnees) return null;
  const name = [valueAt(coordonnees, 'civilite'), valueAt(coordonnees, 'prenom'), valueAt(coordonnees, 'nom')].filter(Boolean).join(' ');
  const contact: Contact = {
    name: name || null,
    phone: valueAt(coordonnees, 'telfixe', 'numtel') ?? valueAt(coordonnees, 'portable', 'numtel'),
    email: valueAt(coordonnees, 'courriel'),
    website: valueAt(coordonnees, 'web', 'urlweb'),
  };
  return Object.values(contact).some((v) => v !== null) ? contact : null;
}

function cleanSiret(raw: string | null, s: Scope): string | null {
  const siret = raw?.replace(/\s/g, '') ?? null;
  if (siret === null || /^0+$/.test(siret)) return null;
  if (/^\d{14}$/.test(siret)) return siret;
  s.warn(`SIRET invalide ignoré : « ${raw} »`);
  return null;
}

function cleanUai(raw: string | null, s: Scope): string | null {
  const uai = raw?.toUpperCase() ?? null;
  if (uai === null || /^\d{7}[A-Z]$/.test(uai)) return uai;
  s.warn(`code UAI invalide ignoré : « ${raw} »`);
  return null;
}

/** Organisme responsable (`organisme-formation-responsable`) ou formateur (`organisme-formateur`). */
function mapOrganisme(node: XmlNode, kind: 'responsable' | 'formateur', s: Scope): Result<Organisme> {
  const responsable = kind === 'responsable';
  const siret = cleanSiret(valueAt(node, responsable ? 'SIRET-organisme-formation' : 'SIRET-formateur', 'SIRET'), s);
  const name = responsable ? (valueAt(node, 'raison-sociale') ?? valueAt(node, 'nom-organisme')) : valueAt(node, 'raison-sociale-formateur');
  if (!name) return fail(`raison sociale de l'organisme ${kind} absente`);
  const uaiCode = valueAt(node, responsable ? 'code-UAI-organisme-formation' : 'code-UAI-formateur', 'code-UAI');
  const coordonnees = responsable ? at(node, 'coordonnees-organisme', 'coordonnees') : undefined;
  const contactCoordonnees = at(node, responsable ? 'contact-organisme' : 'contact-formateur', 'coordonnees') ?? coordonnees;
  const parsed = Organisme.safeParse({
    id: siret ?? attr(node, 'numero') ?? derivedId('lheo-organisme', name),
    siret,
    name,
    uai: cleanUai(uaiCode ?? extrasOf(node).get('uai') ?? null, s),
    address: toAddress(readAddress(at(coordonnees ?? contactCoordonnees, 'adresse'), s)),
    contact: readContact(contactCoordonnees) ?? undefined,
  });
  return parsed.success ? ok(parsed.data) : fail(`organisme ${kind} invalide : ${zodReason(parsed.error)}`);
}

// ---------------------------------------------------------------------------------------------
// Lieu, sessions, financement

/** `what` nomme l'adresse dans la raison d'un rejet. */
function mapPlace(coordonnees: XmlNode | undefined, what: string, s: Scope, locator: CommuneLocator): Result<Place> {
  const adresse = at(coordonnees, 'adresse');
  const raw = readAddress(adresse, s);
  const geoloc = at(adresse, 'geolocalisation');
  let coords: { lat: number; lon: number } | null = null;
  if (geoloc) {
    const lat = parseCoordinate(valueAt(geoloc, 'latitude'));
    const lon = parseCoordinate(valueAt(geoloc, 'longitude'));
    if (lat === null || lon === null) s.warn('coordonnées du lieu illisibles : centre de la commune utilisé');
    else if (!isInFrance(lat, lon)) s.warn(`coordonnées hors de France métropolitaine (${lat}, ${lon}) : centre de la commune utilisé`);
    else coords = { lat, lon };
  }
  let outside = false;
  if (coords && !isInPaysDeLaLoireBBox(coords.lat, coords.lon)) {
    // Hors de la région : fausses si la commune de l'adresse, elle, est dans la région.
    const located = locator.locate({ inseeCode: raw?.inseeCode, postcode: raw?.postcode, city: raw?.city });
    if (located && isInPaysDeLaLoireBBox(located.lat, located.lon) && PDL_DEPARTMENTS.has(located.inseeCode.slice(0, 2))) {
      s.warn(`coordonnées hors des Pays de la Loire (${coords.lat}, ${coords.lon}) pour une adresse à ${located.name} (${located.inseeCode}) : centre de la commune utilisé`);
      s.count(LHEO_RULE_COUNTS.coordsOutsideRegion);
      coords = null;
    } else outside = true;
  }
  const inseeOutside = raw?.inseeCode ? !PDL_DEPARTMENTS.has(raw.inseeCode.slice(0, 2)) : false;
  if (inseeOutside || outside) {
    s.warn(
      inseeOutside
        ? `lieu hors des Pays de la Loire : code INSEE ${raw!.inseeCode} (département ${raw!.inseeCode!.slice(0, 2)}) ; lieu gardé`
        : `lieu hors des Pays de la Loire : coordonnées ${coords!.lat}, ${coords!.lon} ; lieu gardé`,
    );
    s.count(LHEO_RULE_COUNTS.placeOutsideRegion);
  }
  const commune = coords && raw?.inseeCode ? null : locator.locate({ inseeCode: raw?.inseeCode, postcode: raw?.postcode, city: raw?.city });
  const position = coords ?? commune;
  const city = raw?.city ?? commune?.name;
  if (!position || !city) {
    return fail(`${what} introuvable : « ${describeAddress(raw)} » — ni coordonnées en France, ni commune reconnue`);
  }
  return ok({
    label: raw?.label ?? valueAt(coordonnees, 'ligne'),
    street: raw?.street ?? null,
    postcode: raw?.postcode ?? commune?.postcode ?? null,
    city,
    inseeCode: raw?.inseeCode ?? commune?.inseeCode ?? null,
    lat: position.lat,
    lon: position.lon,
    coordSource: coords ? 'lheo' : 'commune',
  });
}

/**
 * Un texte LHEO borné à la longueur maximale du schéma (au-delà : coupé, avec un avertissement).
 * Les textes gardés tels quels (HTML compris) sont nettoyés à l'affichage.
 */
function boundedText(node: XmlNode | undefined, path: readonly string[], max: number, label: string, s: Scope): string | null {
  const text = valueAt(node, ...path);
  if (text === null || text.length <= max) return text;
  s.warn(`${label} trop long (${text.length} caractères, ${max} au plus) : coupé`);
  return text.slice(0, max);
}

/** Longueurs maximales des textes gardés (celles du schéma LHEO 2.3 quand il en donne une). */
export const LHEO_TEXT_MAX = {
  rhythm: 3000,
  recruitmentModalities: 3000,
  enrolmentModalities: 255,
  remainingCosts: 200,
  chargeDetails: 3000,
} as const;

/** Une `<periode>` (début, fin) ; une date illisible est ignorée avec un avertissement. */
function readPeriod(node: XmlNode | undefined, label: string, s: Scope): { start: string | null; end: string | null } | null {
  if (!node) return null;
  const start = parseLheoDate(valueAt(node, 'periode', 'debut'), 'start');
  const end = parseLheoDate(valueAt(node, 'periode', 'fin'), 'end');
  if (!start.ok || !end.ok) {
    s.warn(`${label} illisible ignorée (${[start.ok ? null : `début : ${start.reason}`, end.ok ? null : `fin : ${end.reason}`].filter(Boolean).join(' ; ')})`);
    return null;
  }
  if (start.value === null && end.value === null) return null;
  if (start.value !== null && end.value !== null && end.value < start.value) {
    s.warn(`${label} ignorée : sa fin (${end.value}) précède son début (${start.value})`);
    return null;
  }
  return { start: start.value, end: end.value };
}

/** Dates des réunions d'information (`date-information/date`, 3 au plus selon LHEO), triées, sans doublon. */
function readInformationDates(action: XmlNode, s: Scope): string[] {
  const dates = new Set<string>();
  const nodes = childrenNamed(action, 'date-information');
  if (nodes.length > 3) s.warn(`${nodes.length} dates d’information : les 3 premières sont retenues`);
  for (const node of nodes.slice(0, 3)) {
    const date = parseLheoDate(valueAt(node, 'date'), 'start');
    if (!date.ok) s.warn(`date d’information illisible ignorée : ${date.reason}`);
    else if (date.value !== null) dates.add(date.value);
  }
  return [...dates].sort();
}

/** `prise-en-charge-frais-possible` : 1 / 0 ; absent ou autre valeur : non renseigné. */
function readChargePossible(action: XmlNode, s: Scope): boolean | null {
  const raw = valueAt(action, 'prise-en-charge-frais-possible');
  if (raw === null) return null;
  if (raw === '1' || raw === '0') return raw === '1';
  s.warn(`prise en charge des frais illisible ignorée : « ${raw.slice(0, 40)} »`);
  return null;
}

function mapSession(node: XmlNode, s: Scope): Result<Session> {
  const start = parseLheoDate(valueAt(node, 'periode', 'debut'), 'start');
  const end = parseLheoDate(valueAt(node, 'periode', 'fin'), 'end');
  const stateCode = valueAt(node, 'etat-recrutement');
  const state = stateCode === null ? ok(undefined) : coded(stateCode, RECRUITMENT_STATE_CODES, 'état du recrutement');
  const reasons = [
    start.ok ? null : `début : ${start.reason}`,
    end.ok ? null : `fin : ${end.reason}`,
    state.ok ? null : state.reason,
  ].filter((r): r is string => r !== null);
  if (!start.ok || !end.ok || !state.ok) return fail(reasons.join(' ; '));
  const parsed = Session.safeParse({
    id: s.id,
    start: start.value,
    end: end.value,
    recruitmentState: state.value,
    registrationAddress: toAddress(readAddress(at(node, 'adresse-inscription', 'adresse'), s)),
    enrolmentModalities: boundedText(node, ['modalites-inscription'], LHEO_TEXT_MAX.enrolmentModalities, 'modalités d’inscription', s),
    enrolmentPeriod: readPeriod(at(node, 'periode-inscription'), 'période d’inscription', s),
  });
  if (parsed.success) return ok(parsed.data);
  return fail(parsed.error.issues.some((i) => i.path[0] === 'end') ? `la fin de session (${end.value}) précède son début (${start.value})` : zodReason(parsed.error));
}

function mapFinancing(action: XmlNode, formation: XmlNode, s: Scope): Financing {
  const funders = new Set<string>();
  const codes = [...valuesOf(action, 'code-financeur'), ...childrenNamed(action, 'organisme-financeur').flatMap((o) => valuesOf(o, 'code-financeur'))];
  for (const code of codes) {
    if (Object.hasOwn(LHEO_FUNDERS, code)) funders.add(code);
    else s.warn(`code financeur inconnu ignoré : « ${code} »`);
  }
  const actionExtras = extrasOf(action);
  const programmeValue = actionExtras.get('dispositif')?.toLowerCase() ?? null;
  let programme: RegionProgrammeCode | null = null;
  if (programmeValue !== null) {
    if (Object.hasOwn(REGION_PROGRAMMES, programmeValue)) programme = programmeValue as RegionProgrammeCode;
    else s.warn(`dispositif régional inconnu : « ${programmeValue} » (aucun dispositif retenu)`);
  }
  const cpfFlag = actionExtras.get('eligible-cpf') ?? extrasOf(formation).get('eligible-cpf');
  const hasCpfCode = childrenNamed(formation, 'certification').some((c) => valueAt(c, 'code-CPF') !== null);
  return { funders: [...funders], programme, cpfEligible: cpfFlag !== undefined ? isTrue(cpfFlag) : hasCpfCode };
}

/** `acces-handicapes` : absent → non renseigné ; vide ou négatif → false (pas d'aménagement, selon LHEO) ; sinon true. */
function mapAccessibility(action: XmlNode): boolean | null {
  const node = at(action, 'acces-handicapes');
  if (!node) return null;
  const text = value(node);
  return text !== null && !/^(non\b|0$|aucun|néant|pas\b)/i.test(text);
}

function amountAt(node: XmlNode, element: string, label: string, s: Scope): number | null {
  const raw = valueAt(node, element);
  const amount = parseAmount(raw);
  if (raw !== null && amount === null) s.warn(`${label} illisible ignoré : « ${raw} »`);
  return amount;
}

/** Durée en heures : `nombre-heures-total`, sinon `duree-indicative` si elle est exprimée en heures (« 35 h »). */
function mapDuration(action: XmlNode, s: Scope): number | null {
  if (at(action, 'nombre-heures-total')) return amountAt(action, 'nombre-heures-total', "nombre d'heures", s);
  const indicative = /^(\d+(?:[.,]\d+)?)\s*h(?:eures?)?$/i.exec(valueAt(action, 'duree-indicative') ?? '');
  return indicative ? parseAmount(indicative[1] ?? null) : null;
}

// ---------------------------------------------------------------------------------------------
// Action et formation

interface Parent {
  index: number;
  formationNode: XmlNode;
  formationId: string;
  responsable: Organisme;
  responsableNode: XmlNode;
  /** Actions déjà acceptées de cette formation. */
  actionIds: Set<string>;
}

function mapAction(node: XmlNode, rank: number, parent: Parent, ctx: MapContext): { action: Action; organisme: Organisme } | null {
  const id = attr(node, 'numero') ?? `${parent.formationId}-a${rank}`;
  const where = `formation n°${parent.index}, action n°${rank}`;
  const s = new Scope(ctx, `${where}, ligne ${node.line}`, id);

  const formateurs = childrenNamed(node, 'organisme-formateur');
  if (formateurs.length > 1) s.warn(`${formateurs.length} organismes formateurs : seul le premier est retenu`);
  const lieux = childrenNamed(node, 'lieu-de-formation');
  if (lieux.length > 1) s.warn(`${lieux.length} lieux de formation : seul le premier est retenu`);

  const organisme = formateurs[0] ? mapOrganisme(formateurs[0], 'formateur', s) : ok(parent.responsable);
  const teachingMode = coded(valueAt(node, 'modalites-enseignement'), TEACHING_MODE_CODES, 'code de modalité d’enseignement');
  const permanentEntry = coded(valueAt(node, 'modalites-entrees-sorties'), ENTRY_EXIT_CODES, 'code de modalité d’entrées/sorties');
  // Sans lieu de formation (formation à distance), le lieu est l'adresse de l'organisme responsable.
  const place = lieux[0]
    ? mapPlace(at(lieux[0], 'coordonnees'), 'lieu de formation', s, ctx.locateCommune)
    : mapPlace(at(parent.responsableNode, 'coordonnees-organisme', 'coordonnees'), "aucun lieu de formation ; adresse de l'organisme responsable", s, ctx.locateCommune);

  const reasons: string[] = [];
  if (ctx.actionIds.has(id) || parent.actionIds.has(id)) reasons.push('identifiant déjà utilisé par une action précédente');
  for (const r of [organisme, teachingMode, permanentEntry, place]) if (!r.ok) reasons.push(r.reason);
  if (!organisme.ok || !teachingMode.ok || !permanentEntry.ok || !place.ok || reasons.length > 0) {
    s.reject(reasons.join(' ; '));
    return null;
  }

  const sessions: Session[] = [];
  const sessionIds = new Set<string>();
  childrenNamed(node, 'session').forEach((sessionNode, k) => {
    const sessionId = attr(sessionNode, 'numero') ?? `${id}-s${k + 1}`;
    const ss = new Scope(ctx, `${where}, session n°${k + 1}, ligne ${sessionNode.line}`, sessionId);
    const duplicate = sessionIds.has(sessionId) ? 'dans l’action' : ctx.sessionIds?.has(sessionId) ? 'dans le fichier (une autre action l’a déjà)' : null;
    if (duplicate) {
      ss.count(LHEO_RULE_COUNTS.duplicateSession);
      return ss.reject(`identifiant de session en double ${duplicate} : session rejetée`);
    }
    const session = mapSession(sessionNode, ss);
    if (!session.ok) return ss.reject(session.reason);
    const end = session.value.end;
    if (ss.referenceDate && end && daysBetween(end, ss.referenceDate) > LONG_ENDED_DAYS) {
      ss.count(LHEO_RULE_COUNTS.longEndedSession);
      return ss.reject(`session terminée le ${end}, plus de ${LONG_ENDED_DAYS} jours avant la date de référence (${ss.referenceDate}) : session rejetée`);
    }
    sessionIds.add(sessionId);
    ctx.sessionIds?.add(sessionId);
    sessions.push(session.value);
  });

  const parsed = Action.safeParse({
    id,
    formationId: parent.formationId,
    organismeId: organisme.value.id,
    place: place.value,
    teachingMode: teachingMode.value,
    publics: [...new Set(valuesOf(node, 'code-public-vise'))],
    durationHours: mapDuration(node, s),
    priceEuros: amountAt(node, 'prix-total-TTC', 'prix total TTC', s),
    financing: mapFinancing(node, parent.formationNode, s),
    permanentEntry: permanentEntry.value,
    handicapAccessible: mapAccessibility(node),
    prerequisites: valueAt(node, 'conditions-specifiques'),
    contact: mapActionContact(node, formateurs[0], parent.formationNode),
    sessions,
    rhythm: boundedText(node, ['rythme-formation'], LHEO_TEXT_MAX.rhythm, 'rythme de la formation', s),
    recruitmentModalities: boundedText(node, ['modalites-recrutement'], LHEO_TEXT_MAX.recruitmentModalities, 'modalités de recrutement', s),
    informationDates: readInformationDates(node, s),
    remainingCosts: boundedText(node, ['frais-restants'], LHEO_TEXT_MAX.remainingCosts, 'frais restants', s),
    chargePossible: readChargePossible(node, s),
    chargeDetails: boundedText(node, ['detail-conditions-prise-en-charge'], LHEO_TEXT_MAX.chargeDetails, 'conditions de prise en charge', s),
  });
  if (!parsed.success) {
    s.reject(zodReason(parsed.error));
    return null;
  }
  return { action: parsed.data, organisme: organisme.value };
}

/** Contact de l'action : celui de l'organisme formateur, sinon celui de la formation ; site : `url-action`. */
function mapActionContact(action: XmlNode, formateur: XmlNode | undefined, formation: XmlNode): Contact | null {
  const base = readContact(at(formateur, 'contact-formateur', 'coordonnees')) ?? readContact(at(formation, 'contact-formation', 'coordonnees'));
  const website = valueAt(action, 'url-action', 'urlweb');
  if (!website) return base;
  return { ...(base ?? { name: null, phone: null, email: null }), website };
}

const CERTIFICATION_ELEMENTS: ReadonlyArray<readonly [Certification['type'], string]> = [
  ['RNCP', 'code-RNCP'],
  ['RS', 'code-RS'],
  ['CERTIFINFO', 'code-CERTIFINFO'],
];

function codes(values: string[], pattern: RegExp, label: string, s: Scope): string[] {
  const valid = new Set<string>();
  for (const v of values) {
    const code = v.toUpperCase();
    if (pattern.test(code)) valid.add(code);
    else s.warn(`${label} invalide ignoré : « ${v} »`);
  }
  return [...valid];
}

const valuesOrNone = (v: string | undefined): string[] => (v === undefined ? [] : [v]);

/**
 * Traduit une `<formation>` complète ; `index` est son rang dans le fichier (à partir de 1).
 * Les rejets et avertissements vont dans le rapport ; renvoie null si la formation est rejetée.
 */
export function mapFormation(node: XmlNode, index: number, ctx: MapContext): MappedFormation | null {
  const s = new Scope(ctx, `formation n°${index}, ligne ${node.line}`, attr(node, 'numero'));
  const title = valueAt(node, 'intitule-formation');
  const responsableNode = at(node, 'organisme-formation-responsable');
  const responsable = responsableNode ? mapOrganisme(responsableNode, 'responsable', s) : fail<Organisme>('organisme responsable absent');
  s.id ??= title && responsable.ok ? derivedId('lheo-formation', responsable.value.id, title) : null;
  const entryLevel = levelFromLheoCode(valueAt(node, 'code-niveau-entree'));
  const exitLevel = levelFromLheoCode(valueAt(node, 'code-niveau-sortie'));

  const reasons: string[] = [];
  if (!title) reasons.push('intitulé de la formation absent');
  if (!responsable.ok) reasons.push(responsable.reason);
  if (s.id && ctx.formationIds.has(s.id)) reasons.push('identifiant déjà utilisé par une formation précédente');
  if (!entryLevel.ok) reasons.push(`niveau d'entrée : ${entryLevel.reason}`);
  if (!exitLevel.ok) reasons.push(`niveau de sortie : ${exitLevel.reason}`);
  if (!s.id || !responsable.ok || !responsableNode || !entryLevel.ok || !exitLevel.ok || reasons.length > 0) {
    s.reject(reasons.join(' ; '));
    return null;
  }

  const certificationNodes = childrenNamed(node, 'certification');
  const certifications = certificationNodes.flatMap((c) =>
    CERTIFICATION_ELEMENTS.flatMap(([type, element]) => {
      const code = valueAt(c, element);
      return code ? [{ type, code, label: null }] : [];
    }),
  );
  const domaine = at(node, 'domaine-formation');
  const parsed = Formation.safeParse({
    id: s.id,
    title,
    objective: valueAt(node, 'objectif-formation'),
    content: valueAt(node, 'contenu-formation'),
    expectedResults: valueAt(node, 'resultats-attendus'),
    certifying: valueAt(node, 'certifiante') === '1',
    certifications,
    // Liens avec InserJeunes : <extra info="cfd"> (code formation diplôme) et <extra info="mefstat11">.
    diplomaCode: codes(valuesOrNone(extrasOf(node).get('cfd')), /^[0-9A-Z]{8}$/, 'code CFD', s)[0] ?? null,
    mefstatCode: codes(valuesOrNone(extrasOf(node).get('mefstat11')), /^\d{11}$/, 'code MEFSTAT11', s)[0] ?? null,
    entryLevel: entryLevel.level,
    exitLevel: exitLevel.level,
    romeCodes: codes(valuesOf(domaine, 'code-ROME'), /^[A-N]\d{4}$/, 'code ROME', s),
    formacodes: codes(valuesOf(domaine, 'code-FORMACODE'), /^\d{5}$/, 'code Formacode', s),
    nsfCodes: [...new Set(valuesOf(domaine, 'code-NSF'))],
    organismeResponsableId: responsable.value.id,
  });
  if (!parsed.success) {
    s.reject(zodReason(parsed.error));
    return null;
  }

  const parent: Parent = { index, formationNode: node, formationId: parsed.data.id, responsable: responsable.value, responsableNode, actionIds: new Set() };
  const actions: Action[] = [];
  const organismes = [responsable.value];
  childrenNamed(node, 'action').forEach((actionNode, k) => {
    const mapped = mapAction(actionNode, k + 1, parent, ctx);
    if (!mapped) return;
    parent.actionIds.add(mapped.action.id);
    actions.push(mapped.action);
    if (mapped.organisme !== responsable.value) organismes.push(mapped.organisme);
  });
  if (actions.length === 0) s.warn('aucune action valide : formation importée sans action');
  return { formation: parsed.data, actions, organismes };
}
