/**
 * Import des avis de stagiaires Anotéa (France Travail). Le fichier JSON est soit la réponse de
 * `GET /api/v1/avis` de l'API publique v1 (`{ avis: Avis[], meta: { pagination } }`, Swagger 2.0),
 * soit directement un tableau d'`Avis`.
 *
 * Correspondance vers `Review` :
 * - id → id ; formation.numero → formationId ; formation.action.numero → actionId ;
 *   formation.action.session.numero → sessionId ; formation.action.organisme_formateur.siret → organismeSiret ;
 * - notes (1 à 5, décimales arrondies à l'entier ; hors de 1 à 5 → rejet) → scores ;
 * - commentaire { titre, texte } → comment (null si absent ou vide ; texte gardé tel quel, jamais interprété) ;
 * - date (date ou date-heure ISO) → date du jour à Paris (AAAA-MM-JJ) ;
 * - statut/status éventuel → status ; sans statut, « validated » : l'API publique ne sert que des avis publiés.
 * La réponse de l'organisme (`reponse`) n'a pas d'équivalent dans `Review` et n'est pas reprise.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Review } from '../domain/review';
import { z } from '../domain/zod';
import { lookupTable } from '../lib/lookup';
import { foldKey } from './csv';
import { decodeStream, reportInvalidBytes } from './decode';
import { ImportFatalError, zodReason, type ReportBuilder } from './report';

/** Au-delà, un fichier JSON n'est pas chargé en mémoire (l'API Anotéa renvoie au plus 2 000 avis par page). */
export const MAX_JSON_BYTES = 400 * 1024 * 1024;

const Note = z.number().min(1).max(5);
const Text = z.string().nullish();

/** Un `Avis` de la spécification Swagger de l'API v1 (champs repris seulement). */
const AnoteaAvis = z.object({
  id: z.union([z.string().trim().min(1), z.number()]),
  date: z.string(),
  commentaire: z.object({ titre: Text, texte: Text }).nullish(),
  notes: z.object({
    accueil: Note,
    contenu_formation: Note,
    equipe_formateurs: Note,
    moyen_materiel: Note,
    accompagnement: Note,
    global: Note,
  }),
  formation: z
    .object({
      numero: Text,
      action: z
        .object({
          numero: Text,
          organisme_formateur: z.object({ siret: Text }).nullish(),
          session: z.object({ numero: Text }).nullish(),
        })
        .nullish(),
    })
    .nullish(),
  statut: Text,
  status: Text,
});

/** Statuts Anotéa (clé pliée) → statut ; table sans prototype : le statut vient du fichier. */
const STATUSES = lookupTable<Review['status']>({
  validated: 'validated',
  valide: 'validated',
  published: 'validated',
  publie: 'validated',
  rejected: 'rejected',
  rejete: 'rejected',
  refuse: 'rejected',
  none: 'pending',
  pending: 'pending',
  en_attente: 'pending',
  reported: 'pending',
  signale: 'pending',
});

const PARIS_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** « 2024-03-05 » ou date-heure ISO → date du jour à Paris ; null si la date est invalide. */
export function parisDate(value: string): string | null {
  if (z.iso.date().safeParse(value).success) return value;
  if (z.iso.datetime({ offset: true }).safeParse(value).success) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : PARIS_DATE.format(date);
  }
  const local = value.slice(0, 10);
  return z.iso.datetime({ local: true }).safeParse(value).success && z.iso.date().safeParse(local).success ? local : null;
}

const orNull = (text: string | null | undefined) => text?.trim() || null;

/**
 * Lit un fichier JSON entier (taille bornée) ; fichier illisible, trop gros ou mal formé → `ImportFatalError`.
 * Un octet invalide en UTF-8 est remplacé par « � » et signalé dans le rapport ; le reste est lu.
 */
export async function readJsonFile(file: string, report: ReportBuilder): Promise<unknown> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    throw new ImportFatalError(`Fichier illisible : ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`, file);
  }
  if (size > MAX_JSON_BYTES) {
    throw new ImportFatalError(`Fichier trop volumineux : ${file} (${size} octets, au plus ${MAX_JSON_BYTES}) ; découpez-le (par exemple une page d’API par fichier).`, file);
  }
  let text = '';
  for await (const chunk of decodeStream(createReadStream(file), { file, onInvalidBytes: reportInvalidBytes(report, file) })) text += chunk;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ImportFatalError(`JSON mal formé : ${file} (${error instanceof Error ? error.message : String(error)}).`, file);
  }
}

/** Les avis du document : tableau, ou réponse `{ avis: [...] }` de l'API (avertit si d'autres pages existent). */
function avisOf(data: unknown, file: string, report: ReportBuilder): unknown[] {
  if (Array.isArray(data)) return data;
  const response = z
    .object({ avis: z.array(z.unknown()), meta: z.object({ pagination: z.object({ page: z.number(), total_pages: z.number() }) }).optional() })
    .safeParse(data);
  if (!response.success) {
    throw new ImportFatalError(`Format inattendu : ${file} n’est ni un tableau d’avis ni une réponse { "avis": [...] } de l’API Anotéa.`, file);
  }
  const pagination = response.data.meta?.pagination;
  if (pagination && pagination.total_pages > 1) {
    report.warn(file, 'meta.pagination', null, `le fichier ne contient que la page ${pagination.page + 1} sur ${pagination.total_pages} : les avis des autres pages ne sont pas importés`);
  }
  return response.data.avis;
}

/** Importe un export JSON d'avis Anotéa ; chaque avis invalide est rejeté dans le rapport (« avis n°N »). */
export async function importAnotea(file: string, report: ReportBuilder): Promise<Review[]> {
  report.file(file);
  const items = avisOf(await readJsonFile(file, report), file, report);
  const reviews: Review[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const position = `avis n°${i + 1}`;
    const rawId = (item as { id?: unknown } | null)?.id;
    const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : null;
    const avis = AnoteaAvis.safeParse(item);
    if (!avis.success) {
      report.reject(file, position, id, zodReason(avis.error));
      return;
    }
    const a = avis.data;
    const reviewId = String(a.id).trim();
    const date = parisDate(a.date);
    if (!date) {
      report.reject(file, position, reviewId, `date invalide « ${a.date} » (date ISO attendue, ex. 2024-03-05 ou 2024-03-05T10:00:00Z)`);
      return;
    }
    const previous = seen.get(reviewId);
    if (previous !== undefined) {
      report.reject(file, position, reviewId, `avis en double (même identifiant que l’avis n°${previous})`);
      return;
    }
    const rawStatus = a.statut ?? a.status;
    let status: Review['status'] = 'validated';
    if (rawStatus != null) {
      const mapped = STATUSES[foldKey(rawStatus)];
      if (!mapped) report.warn(file, position, reviewId, `statut inconnu « ${rawStatus} » : avis gardé en attente (non publié)`);
      status = mapped ?? 'pending';
    }
    const title = orNull(a.commentaire?.titre);
    const text = orNull(a.commentaire?.texte);
    const action = a.formation?.action;
    const review = Review.safeParse({
      id: reviewId,
      actionId: orNull(action?.numero),
      formationId: orNull(a.formation?.numero),
      sessionId: orNull(action?.session?.numero),
      organismeSiret: orNull(action?.organisme_formateur?.siret),
      scores: Object.fromEntries(Object.entries(a.notes).map(([k, note]) => [k, Math.round(note)])),
      comment: title || text ? { title, text } : null,
      date,
      status,
    });
    if (!review.success) {
      report.reject(file, position, reviewId, zodReason(review.error));
      return;
    }
    seen.set(reviewId, i + 1);
    reviews.push(review.data);
  });
  report.accept('avis', reviews.length);
  return reviews;
}
