/**
 * L'annuaire public : pros publiés, pas en pause, sous leur plafond du mois ; filtrés par métier
 * et par distance (même logique que la recherche de formations : une commune d'origine et un
 * rayon, 30 km par défaut). Les cartes ne contiennent AUCUNE coordonnée.
 */
import { publicName, type ExchangeMode, type Pro } from '../domain/contact';
import { PUBLISHED_STATUS, isAvailable } from '../domain/contact-rules';
import { PublicId } from '../domain/contact';
import type { ContactContext } from './context';
import { monthStart } from './requests';
import { haversineKm, type Commune } from '../domain/geo';

export interface ProCard {
  id: string;
  name: string;
  metiers: { code: string; label: string }[];
  commune: string;
  departement: string;
  employer: string | null;
  modes: ExchangeMode[];
  presentation: string;
  /** Distance à la commune cherchée, arrondie au km ; null sans commune. */
  distanceKm: number | null;
  /** Profil de démonstration : la carte le dit. */
  demo: boolean;
}

export interface DirectoryQuery {
  metierCode: string | null;
  origin: Commune | null;
  radiusKm: number;
}

export interface DirectoryDeps {
  communeByInsee(code: string): Commune | undefined;
  metierLabel(code: string): string;
}

/** « Pro disponible » : règle unique de src/domain/contact-rules.ts. */
export { isAvailable };

export function toCard(pro: Pro, deps: DirectoryDeps, origin: Commune | null = null): ProCard | null {
  return placed(pro, deps, origin)?.card ?? null;
}

/** La carte du pro et sa distance exacte à `origin` (null sans commune d'origine) ; null si sa commune est inconnue. */
function placed(pro: Pro, deps: DirectoryDeps, origin: Commune | null): { card: ProCard; exactKm: number | null } | null {
  const commune = deps.communeByInsee(pro.communeCode);
  if (!commune) return null;
  const exactKm = origin ? haversineKm(origin, commune) : null;
  const card: ProCard = {
    id: pro.id,
    name: publicName(pro),
    metiers: pro.metierCodes.map((code) => ({ code, label: deps.metierLabel(code) })),
    commune: commune.name,
    departement: commune.departement,
    employer: pro.employer,
    modes: pro.modes,
    presentation: pro.presentation,
    distanceKm: exactKm === null ? null : Math.round(exactKm),
    demo: pro.demo,
  };
  return { card, exactKm };
}

export function findPros(candidates: readonly { pro: Pro; requestsThisMonth: number }[], query: DirectoryQuery, deps: DirectoryDeps): ProCard[] {
  return candidates
    .filter(({ pro, requestsThisMonth }) => isAvailable(pro, requestsThisMonth))
    .filter(({ pro }) => query.metierCode === null || pro.metierCodes.includes(query.metierCode))
    .flatMap(({ pro }) => placed(pro, deps, query.origin) ?? [])
    // Le rayon compare la distance exacte : un pro à 30,4 km n'est pas « dans les 30 km » (sa carte dit 30 km).
    .filter(({ exactKm }) => exactKm === null || exactKm <= query.radiusKm)
    .map(({ card }) => card)
    .sort((a, b) => (a.distanceKm ?? 0) - (b.distanceKm ?? 0) || a.name.localeCompare(b.name, 'fr') || a.id.localeCompare(b.id));
}

/** L'annuaire : les pros disponibles ce mois-ci, filtrés par métier et par distance. */
export function browsePros(ctx: ContactContext, query: DirectoryQuery): ProCard[] {
  return findPros(ctx.store.listProsWithMonthCount(PUBLISHED_STATUS, monthStart(ctx.now())), query, ctx);
}

/**
 * Le profil public `id` : le pro (s'il existe ; le formulaire de demande en a besoin même au
 * plafond, pour qu'un double envoi retrouve sa demande) et sa carte s'il est disponible.
 */
export function openProProfile(ctx: ContactContext, id: string): { pro: Pro | undefined; card: ProCard | null } {
  const pro = PublicId.safeParse(id).success ? ctx.store.getPro(id) : undefined;
  const available = pro ? isAvailable(pro, ctx.store.countRequestsSince(pro.id, monthStart(ctx.now()))) : false;
  return { pro, card: pro && available ? toCard(pro, ctx) : null };
}
