/**
 * Ce que les pages de « Ma sélection » montrent, calculé ici (les pages restent minces) :
 * la sélection de l'adresse, la comparaison avec la commune et « Ma situation » de la personne,
 * le lien court ouvert.
 */
import type { Commune } from '../domain/geo';
import type { Situation } from '../domain/costs';
import { groupByKind, isShortCode, itemToken, normalizeShortCode, selectionToJson, type SelectionItem, type SelectionKind } from '../domain/selection';
import { parseSituation } from '../http/params';
import { situationAnswers } from '../http/formations';
import { compareTokens, safeReturnPath, selectionFromParams, selectionParams, toggleFromParams } from '../http/selection-params';
import { detailPath, SELECTION_HREF, selectionHref, shortLinkPath } from '../lib/links';
import type { SelectionService } from './service';
import { createShortLink, deleteShortLink, mailShortLink, openShortLink } from './short-links';
import { resolveCommuneText } from '../territories/place';
import type { GeoReferentiel } from '../geo/referentiel';
import { compareTrainings, type Comparison } from './compare';
import { itemName, selectionView, type ItemContext, type ItemView, type SelectionDeps } from './items';

export const KIND_TITLES: Record<SelectionKind, { one: string; many: string }> = {
  formation: { one: 'Formation', many: 'Formations' },
  metier: { one: 'Métier', many: 'Métiers' },
  pro: { one: 'Pro à rencontrer', many: 'Pros à rencontrer' },
};

/** Les éléments rangés par sorte, chaque groupe avec son titre (« Formation », « Formations »…). */
function groupsOf(views: readonly ItemView[]): SelectionPageView['groups'] {
  return groupByKind(views).map((g) => ({ kind: g.kind, title: g.items.length === 1 ? KIND_TITLES[g.kind].one : KIND_TITLES[g.kind].many, items: g.items }));
}

export interface SelectionPageView {
  /** Sans JavaScript, « ajouter » / « retirer » : on revient à l'adresse propre de la liste. */
  redirect: string | null;
  items: SelectionItem[];
  groups: { kind: SelectionKind; title: string; items: ItemView[] }[];
  /** Jetons dans l'ordre (le script compare l'adresse et l'appareil). */
  tokens: string[];
  json: string;
  back: string | null;
  messages: string[];
}

function withList(path: string, items: readonly SelectionItem[]): string {
  const list = selectionParams(items, true).toString();
  if (!list) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${list}`;
}

export function selectionPage(params: URLSearchParams, deps: SelectionDeps, ctx: ItemContext): SelectionPageView {
  const read = selectionFromParams(params);
  const back = safeReturnPath(params.get('retour'));
  const toggled = toggleFromParams(params, read.items);
  if (toggled) {
    const extra: Record<string, string> = {};
    if (back) extra.retour = back;
    if (toggled.change === 'full') extra.plein = '1';
    const query = selectionParams(toggled.items, true);
    for (const [k, v] of Object.entries(extra)) query.set(k, v);
    const text = query.toString();
    return { redirect: text ? `${SELECTION_HREF}?${text}` : SELECTION_HREF, items: toggled.items, groups: [], tokens: [], json: '[]', back, messages: [] };
  }
  const messages: string[] = [];
  if (read.dropped > 0) messages.push(`${read.dropped === 1 ? 'Un élément de l’adresse n’a pas pu être lu' : `${read.dropped} éléments de l’adresse n’ont pas pu être lus`} : nous l’avons laissé de côté.`);
  if (params.get('plein') === '1') messages.push('Votre sélection est pleine : retirez un élément avant d’en ajouter un autre.');
  const views = selectionView(deps, read.items, ctx);
  return {
    redirect: null,
    items: read.items,
    groups: groupsOf(views),
    tokens: read.items.map(itemToken),
    json: selectionToJson(read.items),
    back: back ? withList(back, read.items) : null,
    messages,
  };
}

export interface ComparePageView {
  comparison: Comparison;
  /** Le retour à la sélection, avec la liste de l'adresse. */
  selectionHref: string;
  origin: { text: string; commune: Commune | null; message: string | null };
  situation: Situation;
  /** Vrai si « Ma situation » a au moins une réponse. */
  situationGiven: boolean;
  messages: string[];
}

/** La comparaison : les formations cochées (`comparer`), sinon celles de la liste (`e`). */
export function comparePage(params: URLSearchParams, deps: SelectionDeps & { geo: GeoReferentiel }, today: string): ComparePageView {
  const { items } = selectionFromParams(params);
  const chosen = compareTokens(params);
  const { situation, messages } = parseSituation(params);
  const typed = (params.get('ou') ?? '').slice(0, 200).trim();
  let commune: Commune | null = null;
  let message: string | null = null;
  if (typed !== '') {
    const resolved = resolveCommuneText(deps.geo, typed);
    if (resolved.ok) commune = resolved.commune;
    else message = `Distances non calculées : ${resolved.message}`;
  }
  const origin = commune ? { lat: commune.lat, lon: commune.lon, name: commune.name } : null;
  return {
    comparison: compareTrainings(deps, chosen.length > 0 ? chosen : items, { today, situation, origin }),
    selectionHref: selectionHref(items.map(itemToken)),
    origin: { text: typed, commune, message },
    situation,
    situationGiven: Object.keys(situationAnswers(situation)).length > 0,
    messages,
  };
}

// ---------------------------------------------------------------------------------------------
// Le lien court

export type ShareStep =
  | { kind: 'redirect'; to: string }
  | { kind: 'page'; status: number; message: string };

/** POST /s/ : la liste du formulaire devient un lien court ; GET /s/?code= : le code tapé ouvre la sélection. */
export async function shareEntry(method: string, input: URLSearchParams | FormData, svc: SelectionService, ip: string): Promise<ShareStep> {
  if (method === 'POST') {
    if (!svc.share || !svc.limits) return { kind: 'page', status: 503, message: 'Les liens de sélection sont momentanément indisponibles. Réessayez dans quelques instants, ou imprimez la page de votre sélection.' };
    const limit = await svc.limits.hit('share-create', ip);
    if (!limit.ok) return { kind: 'page', status: 429, message: limit.message };
    const created = createShortLink(svc.share, selectionFromParams(input).items);
    return created.ok ? { kind: 'redirect', to: shortLinkPath(created.code) } : { kind: 'page', status: 400, message: created.message };
  }
  const typed = input.get('code');
  if (typeof typed !== 'string' || typed.trim() === '') return { kind: 'page', status: 200, message: '' };
  const code = normalizeShortCode(typed);
  return code ? { kind: 'redirect', to: shortLinkPath(code) } : { kind: 'page', status: 400, message: 'Ce code n’est pas bien formé : il a 6 caractères, des lettres et des chiffres (ex. « k7m2qa »).' };
}

/** L'adresse d'un élément dans son code QR : la plus courte qui y mène (une fiche de formation sans son titre redirige vers la bonne). */
function qrPath(v: ItemView): string {
  if (v.kind === 'formation') return detailPath(v.id, '');
  return 'href' in v ? v.href : SELECTION_HREF;
}

export type ShortLinkPageView =
  | { state: 'active'; code: string; url: string; expiresOn: string; groups: SelectionPageView['groups']; json: string; qr: { main: string; items: Map<string, string> }; sent: boolean; deleted: false; error: string | null }
  | { state: 'expired' | 'deleted' | 'unknown' | 'unavailable' | 'removed' | 'limited'; message: string };

/** GET /s/CODE (et POST : `action=envoyer` avec `email`, ou `action=supprimer`). */
export async function shortLinkPage(
  request: { method: string; code: string; form: FormData | null; ip: string },
  svc: SelectionService,
  ctx: ItemContext & { publicUrl: string; qr: (url: string) => Promise<string> },
): Promise<ShortLinkPageView> {
  if (!svc.share || !svc.limits) return { state: 'unavailable', message: 'Les liens de sélection sont momentanément indisponibles. Réessayez dans quelques instants.' };
  const code = isShortCode(request.code) ? request.code : null;
  let opened = openShortLink(svc.share, code);
  if (opened.state === 'unknown') {
    const limit = await svc.limits.hit('share-miss', request.ip);
    if (!limit.ok) return { state: 'limited', message: limit.message };
  }
  let sent = false;
  let error: string | null = null;
  if (opened.state === 'active' && request.method === 'POST' && request.form) {
    const action = request.form.get('action');
    if (action === 'supprimer') {
      deleteShortLink(svc.share, opened.code);
      return { state: 'removed', message: 'Le lien est supprimé : la sélection qu’il gardait est effacée. Le code QR imprimé ne mène plus à rien.' };
    }
    if (action === 'envoyer') {
      const email = String(request.form.get('email') ?? '');
      const limit = await svc.limits.hit('share-mail', request.ip, email.slice(0, 254));
      if (!limit.ok) error = limit.message;
      else {
        const titles = selectionView(svc.items, opened.items, ctx).map(itemName);
        const outcome = mailShortLink(svc.share, opened.code, email, titles);
        if (outcome.ok) sent = true;
        else error = outcome.message;
      }
      opened = openShortLink(svc.share, opened.code);
    }
  }
  if (opened.state !== 'active') return { state: opened.state, message: opened.message };
  const views = selectionView(svc.items, opened.items, ctx);
  const items = new Map<string, string>();
  for (const v of views) if (v.available) items.set(v.token, await ctx.qr(`${ctx.publicUrl}${qrPath(v)}`));
  return {
    state: 'active',
    code: opened.code,
    url: opened.url,
    expiresOn: opened.expiresAt.slice(0, 10),
    groups: groupsOf(views),
    json: selectionToJson(opened.items),
    qr: { main: await ctx.qr(opened.url), items },
    sent,
    deleted: false,
    error,
  };
}
