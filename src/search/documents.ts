/**
 * Construction des documents de recherche : un ActionDocument par carte (formation dans un lieu), avec tout
 * ce qu'il faut pour chercher, filtrer, trier et afficher un résultat (métiers visés, taux
 * d'insertion publiable, note des avis, débuts de session à venir, territoire…).
 *
 * `buildActionDocuments` est pure (les données sont passées en entrée) ; `loadActionDocuments`
 * lit data/build puis l'appelle. Les deux moteurs indexent les mêmes documents.
 */
import { acceptsEnrolment, bestEnrolment, type Enrolment, enrolmentOf, enrolmentOpensOn, nextInformationDate, openSessions, opensLater } from '../domain/sessions';
import { freeTags } from '../domain/costs';
import { groupActions, variantKeyOf, variantTraitsOf } from '../domain/grouping';
import path from 'node:path';
import sanitizeHtml from 'sanitize-html';
import { Catalog } from '../catalog/catalog';
import { currentGeneration } from '../catalog/files';
import { financingFacetValues } from '../domain/financing';
import { bestInsertionStat, discloseInsertion, insertionLinker, insertionTargets, type InsertionStat } from '../domain/insertion';
import type { Metier } from '../domain/metier';
import type { Action, Formation, Offer, Organisme } from '../domain/offer';
import { summarizeReviews, type Review } from '../domain/review';
import { loadGeoReferentiel, type GeoReferentiel } from '../geo/referentiel';
import { fold } from './analyzer';
import type { ActionDocument, DocumentVariant } from './port';

export interface ActionDocumentsInput {
  offer: Offer;
  metiers: readonly Metier[];
  insertion: readonly InsertionStat[];
  reviews: readonly Review[];
  geo: GeoReferentiel;
  /** Date de référence (AAAA-MM-JJ) : les sessions commencées avant ne sont plus proposées, sauf si l'on peut encore y entrer. */
  today: string;
}

/** Longueur maximale de la description indexée (texte brut). */
export const DESCRIPTION_MAX_CHARS = 600;

/** Balises de bloc et de saut de ligne : une espace les sépare du texte voisin. */
const BLOCK_TAG = /<(\/?(?:p|div|br|li|ul|ol|dl|dt|dd|h[1-6]|table|tr|td|th|section|article|blockquote|pre|hr))\b/gi;

/**
 * Texte brut d'un fragment HTML LHEO : balises retirées (contenu des <script>/<style> compris),
 * entités décodées, blancs réduits. Une espace est insérée devant les balises de bloc pour que
 * « <li>un</li><li>deux</li> » ne donne pas « undeux » (mais « <b>aide</b>-soignant » reste
 * « aide-soignant »).
 */
export function htmlToText(html: string): string {
  const text = sanitizeHtml(html.replace(BLOCK_TAG, ' <$1'), { allowedTags: [], allowedAttributes: {} });
  // sanitize-html ré-échappe le texte qu'il renvoie : on revient au texte brut.
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Coupe un texte à `max` caractères au plus, sur une fin de mot, avec « … » s'il est coupé. */
export function truncateText(text: string, max: number = DESCRIPTION_MAX_CHARS): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

/** Libellés et appellations des métiers visés, sans doublon (à l'accent et la casse près). */
function metierLabelsOf(romeCodes: readonly string[], metiers: ReadonlyMap<string, Metier>): string[] {
  const seen = new Set<string>();
  const labels: string[] = [];
  const add = (label: string) => {
    const key = fold(label).trim();
    if (key === '' || seen.has(key)) return;
    seen.add(key);
    labels.push(label);
  };
  for (const code of romeCodes) {
    const metier = metiers.get(code);
    if (metier === undefined) continue;
    add(metier.label);
    for (const appellation of metier.appellations) add(appellation.label);
  }
  return labels;
}

/** Taux d'emploi à 6 mois (à défaut 12 mois) de la meilleure statistique, s'il est publiable (≥ 20 sortants). */
function insertionRateOf(stats: readonly InsertionStat[]): number | null {
  const disclosure = discloseInsertion(bestInsertionStat(stats));
  if (disclosure.kind !== 'shown') return null;
  return disclosure.stat.employmentRate6m ?? disclosure.stat.employmentRate12m;
}

function groupBy<T>(items: readonly T[], keysOf: (item: T) => (string | null)[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    for (const key of new Set(keysOf(item))) {
      if (key === null) continue;
      const group = groups.get(key);
      if (group === undefined) groups.set(key, [item]);
      else group.push(item);
    }
  }
  return groups;
}

/**
 * Les variantes d'une carte : des actions aux mêmes traits (pour qui, qui paie, rythme, prix,
 * durée) n'en font qu'une. `variantOf` : identifiant d'action → indice de sa variante.
 */
export function cardVariants(actions: readonly Action[], today: string): { variants: DocumentVariant[]; variantOf: Map<string, number> } {
  const variantIndex = new Map<string, number>();
  const variants: DocumentVariant[] = [];
  const variantOf = new Map<string, number>();
  const states = new Map<number, Enrolment[]>();
  for (const action of actions) {
    const traits = variantTraitsOf(action);
    const key = variantKeyOf(traits);
    let index = variantIndex.get(key);
    if (index === undefined) {
      index = variants.length;
      variantIndex.set(key, index);
      variants.push({
        actionIds: [],
        publics: traits.publics,
        financing: { funders: traits.funders, programme: action.financing.programme, cpfEligible: traits.cpfEligible },
        priceEuros: traits.priceEuros,
        remainingCosts: action.remainingCosts,
        rhythm: traits.rhythm,
        durationHours: traits.durationHours,
        freeFor: freeTags(action),
        enrolment: 'none',
      });
    }
    (variants[index] as DocumentVariant).actionIds.push(action.id);
    variantOf.set(action.id, index);
    states.set(index, [...(states.get(index) ?? []), enrolmentOf(action, today)]);
  }
  variants.forEach((v, i) => (v.enrolment = bestEnrolment(states.get(i) ?? [])));
  return { variants, variantOf };
}

/** Le meilleur état : une carte « ouverte » dès qu'une de ses actions l'est. */
function anyTrue(values: readonly (boolean | null)[]): boolean | null {
  if (values.some((v) => v === true)) return true;
  return values.some((v) => v === false) ? false : null;
}

/**
 * Un document par CARTE : les actions de la même formation, du même organisme, au même lieu et
 * avec la même modalité (src/domain/grouping.ts), leurs sessions réunies et leurs variantes
 * dites à part. Dans l'ordre de l'offre (celui de la première action de chaque carte).
 */
export function buildActionDocuments(input: ActionDocumentsInput): ActionDocument[] {
  const { offer, geo, today } = input;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`Date de référence invalide : « ${today} » (AAAA-MM-JJ attendu).`);
  const organismes = new Map(offer.organismes.map((o) => [o.id, o]));
  const formations = new Map(offer.formations.map((f) => [f.id, f]));
  const metiers = new Map(input.metiers.map((m) => [m.code, m]));
  const linkedStats = insertionLinker(input.insertion);
  const insertionTargetOf = insertionTargets(offer);
  const reviewsByKey = groupBy(input.reviews, (r) => [r.actionId, r.sessionId]);

  for (const action of offer.actions) {
    if (!formations.has(action.formationId)) throw new Error(`Action « ${action.id} » : formation « ${action.formationId} » introuvable dans l’offre.`);
    if (!organismes.has(action.organismeId)) throw new Error(`Action « ${action.id} » : organisme « ${action.organismeId} » introuvable dans l’offre.`);
  }
  // Les cartes viennent dans l'ordre de l'offre (celui de leur première action rencontrée).
  return groupActions(offer.actions, (a) => formations.get(a.formationId)).map((actions): ActionDocument => {
    const lead = actions[0] as Action;
    const formation = formations.get(lead.formationId) as Formation;
    const organisme = organismes.get(lead.organismeId) as Organisme;

    const { variants, variantOf } = cardVariants(actions, today);

    // Sessions encore proposées (règle « ouverte aux inscriptions » du domaine), toutes actions réunies.
    const proposed = actions.map((action) => ({ action, open: openSessions(action, today) }));
    const sessions = proposed.flatMap(({ action, open }) =>
      open.map((s) => ({
        start: s.start,
        end: s.end,
        underway: s.start !== null && s.start < today,
        full: s.recruitmentState !== 'ouvert',
        ...(opensLater(s, action.permanentEntry, today) && s.enrolmentPeriod?.start ? { opens: s.enrolmentPeriod.start } : {}),
        ...(variants.length > 1 ? { variant: variantOf.get(action.id) ?? 0 } : {}),
      })),
    );
    sessions.sort((a, b) => (a.start ?? '9999').localeCompare(b.start ?? '9999') || (a.variant ?? 0) - (b.variant ?? 0));
    const sessionStarts = [...new Set(sessions.flatMap((s) => (s.start !== null && s.start >= today ? [s.start] : [])))].sort();
    // Le tri par date suit les sessions où l'on peut s'inscrire : une formation complète passe après.
    const enrolment = bestEnrolment(actions.map((a) => enrolmentOf(a, today)));
    const enrollableStarts = proposed
      .flatMap(({ action, open }) => open.flatMap((s) => (s.start !== null && s.start >= today && acceptsEnrolment(s, action.permanentEntry, today) ? [s.start] : [])))
      .sort();
    const opens = actions.map((a) => enrolmentOpensOn(a, today)).filter((d): d is string => d !== null).sort();
    const reviews = new Set(actions.flatMap((a) => [...(reviewsByKey.get(a.id) ?? []), ...a.sessions.flatMap((s) => reviewsByKey.get(s.id) ?? [])]));
    const summary = summarizeReviews([...reviews]);
    const { place } = lead;
    const departement = place.inseeCode?.slice(0, 2) ?? place.postcode?.slice(0, 2) ?? null;
    const durations = actions.map((a) => a.durationHours).filter((h): h is number => h !== null);
    const insertionRates = actions.map((a) => insertionRateOf(linkedStats(insertionTargetOf(a))));

    return {
      id: lead.id,
      actionIds: actions.map((a) => a.id),
      formationIds: [...new Set(actions.map((a) => a.formationId))],
      formationId: formation.id,
      title: formation.title,
      organismeId: organisme.id,
      organismeName: organisme.name,
      metierLabels: metierLabelsOf(formation.romeCodes, metiers),
      description: truncateText(htmlToText([formation.objective, formation.content].filter((t) => t !== null).join(' '))),
      romeCodes: formation.romeCodes,
      level: formation.exitLevel,
      teachingMode: lead.teachingMode,
      distanceLearning: lead.teachingMode === 'distance',
      financing: [...new Set(actions.flatMap((a) => financingFacetValues(a.financing)))].sort(),
      publics: [...new Set(actions.flatMap((a) => a.publics))],
      freeFor: [...new Set(variants.flatMap((v) => v.freeFor))].sort(),
      departement,
      territoire: place.inseeCode === null ? null : (geo.territoireOf(place.inseeCode)?.slug ?? null),
      inseeCode: place.inseeCode,
      city: place.city,
      site: place.label ?? place.street,
      lat: place.lat,
      lon: place.lon,
      sessionStarts,
      sessions,
      // Pour le tri par date : une formation où l'on peut entrer dès maintenant (session commencée,
      // entrées permanentes) compte « aujourd'hui » ; une formation fermée n'a pas de date et passe après.
      nextStart: enrollableStarts[0] ?? (enrolment === 'open' ? today : null),
      enrolment,
      enrolmentOpens: enrolment === 'soon' ? (opens[0] ?? null) : null,
      nextInformation: nextInformationDate(actions.flatMap((a) => a.informationDates), today),
      variants,
      permanentEntry: actions.some((a) => a.permanentEntry),
      handicapAccessible: anyTrue(actions.map((a) => a.handicapAccessible)),
      certifying: formation.certifying,
      durationHours: durations.length === 0 ? null : Math.min(...durations),
      // Le taux de la première action (celle dont la fiche montre les chiffres).
      insertionRate: insertionRates[0] ?? null,
      reviewScore: summary?.global ?? null,
      reviewCount: summary?.count ?? 0,
    };
  });
}

/**
 * Les documents des données construites dans `dataDir` (offre, métiers, taux d'insertion,
 * avis, référentiel géographique), à la date de référence `today` (AAAA-MM-JJ).
 * Une donnée absente ou invalide lève une erreur en français qui nomme le fichier.
 */
export async function loadActionDocuments(dataDir: string, today: string): Promise<ActionDocument[]> {
  // Catalogue neuf (pas celui mis en cache par loadCatalog) : les fichiers viennent souvent d'être
  // reconstruits ; la génération en service à cet instant si `dataDir` est un dossier racine.
  const catalog = new Catalog(currentGeneration(dataDir));
  return buildActionDocuments({
    offer: catalog.offer(),
    metiers: catalog.listMetiers(),
    insertion: catalog.insertionStats(),
    reviews: catalog.reviews(),
    geo: loadGeoReferentiel(path.join(catalog.dataDir, 'geo')),
    today,
  });
}
