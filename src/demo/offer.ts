/**
 * Plan de l'offre de démonstration : formations (un modèle du catalogue chez un organisme),
 * actions (un site, des modalités, un financement) et sessions (des dates dans les 12 mois, et
 * quelques sessions déjà commencées où l'on peut encore entrer).
 * Les formations sont produites une à une (générateur) pour être écrites en flux.
 */
import type { RecruitmentState, TeachingMode } from '../domain/offer';
import type { RegionProgrammeCode } from '../domain/financing';
import { addDays, addMonths, nextMonday, toDate } from './dates';
import type { DemoOrganisme, DemoSite } from './organismes';
import { Rng, WeightedTable } from './random';
import { allTemplates, canProvide, type Catalogue, type PlacedTemplate, type ProviderKind } from './sources';

export type Route = 'initiale' | 'apprentissage' | 'continue';

export interface DemoSession {
  numero: string;
  start: string;
  end: string;
  state: RecruitmentState;
  /** Période d'inscription (LHEO periode-inscription), pour les sessions qui commencent dans plus de ENROLMENT_NOTICE_DAYS jours. */
  enrolment: { start: string; end: string } | null;
}

/**
 * Démo : une session de formation continue qui commence dans plus de 150 jours n’ouvre ses
 * inscriptions que 90 jours avant son début (état « bientôt ») ; calculé sans tirage aléatoire,
 * pour que le reste de la démo ne change pas.
 */
export const ENROLMENT_NOTICE_DAYS = 150;
export const ENROLMENT_OPENS_BEFORE_DAYS = 90;

export interface DemoAction {
  numero: string;
  site: DemoSite;
  route: Route;
  mode: TeachingMode;
  publics: string[];
  funders: string[];
  programme: RegionProgrammeCode | null;
  cpf: boolean;
  price: number | null;
  hoursCentre: number;
  hoursCompany: number;
  permanent: boolean;
  partTime: boolean;
  /** Texte d'accessibilité (null : non renseigné). */
  handicap: string | null;
  levelRequired: boolean;
  recruitmentScope: '2' | '3' | '5';
  url: string | null;
  infoDate: string | null;
  lodging: string | null;
  catering: string | null;
  sessions: DemoSession[];
}

export interface DemoFormation {
  numero: string;
  placed: PlacedTemplate;
  organisme: DemoOrganisme;
  actions: DemoAction[];
}

export interface OfferOptions {
  sessions: number;
  today: string;
}

const PRICE_FACTOR: Record<ProviderKind, number> = {
  lycee: 0,
  cfa: 0,
  greta: 0.9,
  centre: 1,
  prive: 1.12,
  'sanitaire-social': 1,
  agricole: 0.92,
  insertion: 0.85,
  universite: 1.05,
};

const HANDICAP_TEXTS = [
  'Locaux accessibles aux personnes à mobilité réduite. Un référent handicap étudie avec vous les adaptations nécessaires.',
  'Formation accessible aux personnes en situation de handicap : contactez notre référente handicap avant l’entrée en formation.',
  'Site de plain-pied, salle équipée d’une boucle magnétique. Aménagements possibles des épreuves sur demande.',
  'Accès PMR, stationnement réservé. Adaptation du rythme et des supports étudiée au cas par cas.',
];

const LODGING = ['Internat garçons et filles', 'Internat possible', 'Hébergement possible en foyer de jeunes travailleurs à proximité'];
const CATERING = ['Restauration sur place', 'Restaurant scolaire sur place', 'Restaurant inter-entreprises à proximité'];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Part des actions de formation continue à dates fixes, d'au moins UNDERWAY_MIN_HOURS heures, qui
 * ont aussi une session déjà commencée (1 à 6 semaines avant la date de référence) où l'on peut
 * encore entrer (recrutement ouvert, fin à plus de deux semaines).
 */
export const UNDERWAY_SHARE = 0.12;
export const UNDERWAY_MIN_HOURS = 140;

/** Route de formation selon le type d'organisme. */
export function routeFor(kind: ProviderKind): Route {
  if (kind === 'lycee') return 'initiale';
  if (kind === 'cfa') return 'apprentissage';
  return 'continue';
}

export class OfferPlanner {
  private readonly templates: PlacedTemplate[];
  private readonly orgTable: WeightedTable<DemoOrganisme>;
  private readonly eligibleOrgs = new Map<string, DemoOrganisme[]>();
  private readonly eligibleTemplates = new Map<string, PlacedTemplate[]>();
  private readonly horizon: string;
  private formationSeq = 0;
  private actionSeq = 0;
  private sessionSeq = 0;

  constructor(
    private readonly rng: Rng,
    catalogue: Catalogue,
    organismes: readonly DemoOrganisme[],
    private readonly options: OfferOptions,
  ) {
    this.templates = allTemplates(catalogue);
    this.horizon = addMonths(options.today, 12);
    this.orgTable = new WeightedTable(organismes, (o) => o.size);
    for (const t of this.templates) {
      const orgs = organismes.filter((o) => canProvide(o, t));
      if (orgs.length === 0) throw new Error(`aucun organisme pour « ${t.template.title} »`);
      this.eligibleOrgs.set(t.template.id, orgs);
    }
  }

  /**
   * D'abord un modèle par métier puis tous les autres (pour que chaque métier soit présent même
   * avec peu de sessions), ensuite des tirages : organisme selon sa taille, puis modèle selon sa fréquence.
   */
  *formations(): Generator<DemoFormation> {
    let remaining = this.options.sessions;
    const firsts = new Set<string>();
    const coverage: PlacedTemplate[] = [];
    for (const t of this.templates) {
      const key = t.romes[0] ?? t.template.id;
      if (!firsts.has(key)) {
        firsts.add(key);
        coverage.push(t);
      }
    }
    coverage.push(...this.templates.filter((t) => !coverage.includes(t)));
    const usedPairs = new Set<string>();

    while (remaining > 0) {
      let placed: PlacedTemplate;
      let org: DemoOrganisme;
      const next = coverage.shift();
      if (next) {
        placed = next;
        org = this.rng.weighted(this.eligibleOrgs.get(next.template.id) ?? [], (o) => o.size);
      } else {
        let attempt = 0;
        do {
          org = this.orgTable.draw(this.rng);
          placed = this.rng.weighted(this.templatesFor(org), (t) => t.template.weight);
        } while (usedPairs.has(`${org.id}|${placed.template.id}`) && ++attempt < 6);
      }
      usedPairs.add(`${org.id}|${placed.template.id}`);
      const formation = this.buildFormation(placed, org, remaining);
      for (const a of formation.actions) remaining -= a.sessions.length;
      yield formation;
    }
  }

  private templatesFor(org: DemoOrganisme): PlacedTemplate[] {
    const key = `${org.kind}|${org.sectors.join(',')}`;
    let list = this.eligibleTemplates.get(key);
    if (!list) {
      list = this.templates.filter((t) => canProvide(org, t));
      this.eligibleTemplates.set(key, list);
    }
    return list;
  }

  private buildFormation(placed: PlacedTemplate, org: DemoOrganisme, budget: number): DemoFormation {
    const rng = this.rng;
    const route = routeFor(org.kind);
    let actionCount = 1;
    if (route === 'continue') while (actionCount < 5 && rng.chance(actionCount === 1 ? 0.4 : 0.3)) actionCount++;
    const sites = this.pickSites(org.sites, actionCount);

    const actions: DemoAction[] = [];
    let left = budget;
    for (const site of sites) {
      if (left <= 0) break;
      const action = this.buildAction(placed, org, site, route, left);
      left -= action.sessions.length;
      actions.push(action);
    }
    return { numero: `VMM-F${pad(++this.formationSeq, 6)}`, placed, organisme: org, actions };
  }

  /**
   * Sites des actions : distincts tant que possible, les sites des villes plus peuplées étant
   * plus souvent choisis (poids : racine carrée de la population).
   */
  private pickSites(sites: readonly DemoSite[], count: number): DemoSite[] {
    const pool = [...sites];
    const chosen: DemoSite[] = [];
    while (chosen.length < count) {
      if (pool.length === 0) pool.push(...sites);
      const site = this.rng.weighted(pool, (s) => Math.sqrt(Math.max(1, s.commune.population)));
      chosen.push(site);
      pool.splice(pool.indexOf(site), 1);
    }
    return chosen;
  }

  private buildAction(placed: PlacedTemplate, org: DemoOrganisme, site: DemoSite, route: Route, budget: number): DemoAction {
    const rng = this.rng;
    const t = placed.template;
    const { today } = this.options;
    const isPrepa = t.programmes.some((p) => p.startsWith('prepa'));

    let mode: TeachingMode = 'presentiel';
    if (route === 'continue') {
      if (!t.modes.includes('presentiel')) mode = rng.pick(t.modes);
      else if (t.modes.includes('distance') && rng.chance(0.2)) mode = 'distance';
      else if (t.modes.includes('mixte') && rng.chance(0.25)) mode = 'mixte';
    }

    // Financement et public
    let funders: string[] = [];
    let programme: RegionProgrammeCode | null = null;
    let publics: string[];
    if (route === 'initiale') {
      funders = ['12'];
      publics = ['81061', '81024'];
    } else if (route === 'apprentissage') {
      funders = rng.chance(0.2) ? ['16', '2'] : ['16'];
      publics = rng.chance(0.3) ? ['82027', '82029'] : ['82027'];
    } else if (t.programmes.length > 0 && rng.chance(org.kind === 'insertion' || isPrepa ? 0.9 : 0.45)) {
      programme = rng.pick(t.programmes);
      funders = rng.chance(0.3) ? ['2', '3'] : ['2'];
      publics = isPrepa ? rng.pick([['80006', '81024'], ['80006'], ['81024', '80009']]) : rng.pick([['80006'], ['80006', '80009'], ['80006', '81020']]);
    } else if (t.cpf) {
      funders = ['10'];
      if (rng.chance(0.5)) funders.push('16');
      if (rng.chance(0.35)) funders.push('4');
      publics = rng.pick([['83056'], ['82044', '80006'], ['82044', '80006', '81050']]);
    } else {
      funders = rng.pick([['4'], ['5', '16'], ['4', '10'], ['16'], ['4', '16']]);
      publics = rng.pick([['80006', '82044'], ['82044'], ['83056'], ['80006']]);
    }

    // Durée
    let hoursCentre = t.hours;
    let hoursCompany = t.internshipHours;
    const years = t.years ?? 1;
    if (route === 'initiale') {
      hoursCentre = years * 900;
      hoursCompany = t.internshipHours > 0 ? t.internshipHours : years * 210;
    } else if (route === 'apprentissage') {
      hoursCompany = Math.max(0, Math.round((years * 1500 - hoursCentre) / 10) * 10);
    }
    const totalHours = hoursCentre + hoursCompany;
    const permanent = route === 'continue' && totalHours <= 800 && rng.chance(t.startMonths.length > 0 ? 0 : 0.3);
    const partTime = route === 'continue' && !permanent && (mode === 'distance' ? rng.chance(0.6) : totalHours <= 400 && rng.chance(0.12));

    let price: number | null = null;
    if (route === 'continue' && rng.chance(0.92)) {
      price = Math.max(0, Math.round((t.price * PRICE_FACTOR[org.kind] * (0.85 + rng.next() * 0.35)) / 10) * 10);
    }

    const sessions = this.buildSessions(placed, route, permanent, partTime, hoursCentre + hoursCompany, budget);
    const first = sessions[0];
    let infoDate: string | null = null;
    if (route === 'continue' && first && rng.chance(0.2)) {
      const d = addDays(first.start, -rng.int(7, 40));
      if (d > today) infoDate = d;
    }

    const local = route !== 'continue' || org.kind === 'agricole';
    return {
      numero: `VMM-A${pad(++this.actionSeq, 7)}`,
      site,
      route,
      mode,
      publics,
      funders,
      programme,
      cpf: t.cpf && route === 'continue',
      price,
      hoursCentre,
      hoursCompany,
      permanent,
      partTime,
      handicap: rng.chance(0.2) ? rng.pick(HANDICAP_TEXTS) : null,
      levelRequired: t.entryLevel !== null && rng.chance(0.6),
      recruitmentScope: programme ? '3' : route === 'initiale' ? '2' : rng.pick(['2', '3', '5'] as const),
      url: rng.chance(0.3) ? `${org.web.replace(/\/$/, '')}/formations/${t.id}` : null,
      infoDate,
      lodging: local && rng.chance(0.4) ? rng.pick(LODGING) : null,
      catering: rng.chance(local ? 0.6 : 0.15) ? rng.pick(CATERING) : null,
      sessions,
    };
  }

  private buildSessions(placed: PlacedTemplate, route: Route, permanent: boolean, partTime: boolean, totalHours: number, budget: number): DemoSession[] {
    const rng = this.rng;
    const t = placed.template;
    const { today } = this.options;
    const dates: Array<{ start: string; end: string }> = [];

    if (permanent) {
      dates.push({ start: today, end: addDays(this.horizon, -1) });
    } else if (route !== 'continue') {
      const start = this.nextStartIn(rng.pick(t.startMonths.length > 0 ? t.startMonths : [9]));
      const endYear = toDate(start).getUTCFullYear() + (t.years ?? 1);
      dates.push({ start, end: `${endYear}-06-30` });
    } else {
      let count: number;
      if (totalHours <= 70) count = rng.int(3, 8);
      else if (totalHours <= 400) count = rng.int(2, 5);
      else if (totalHours <= 1000) count = rng.int(1, 4);
      else count = rng.int(1, 3);
      const starts = new Set<string>();
      if (t.startMonths.length > 0) {
        const candidates = t.startMonths.map((m) => this.nextStartIn(m));
        for (const s of rng.sample(candidates, count)) starts.add(s);
      } else {
        for (let i = 0; i < count * 3 && starts.size < count; i++) {
          let start = nextMonday(addDays(today, rng.int(0, 358)));
          if (start >= this.horizon) start = addDays(start, -7);
          if (start < today) continue;
          if (start.slice(5, 7) === '08' && rng.chance(0.85)) continue; // peu de rentrées en août
          starts.add(start);
        }
        if (starts.size === 0) starts.add(nextMonday(today) < this.horizon ? nextMonday(today) : today);
      }
      // Calendrier universitaire (rentrée imposée, durée en années) ou durée en heures
      const academic = t.years !== null && t.startMonths.length > 0;
      for (const start of [...starts].sort()) {
        dates.push({ start, end: academic ? `${toDate(start).getUTCFullYear() + (t.years ?? 1)}-06-30` : this.endFor(start, totalHours, partTime) });
      }
      // Flux à part (la suite du tirage ne change pas) : une session déjà commencée, entrée encore possible.
      const underway = rng.fork(`en-cours:${this.actionSeq + 1}`);
      if (!academic && totalHours >= UNDERWAY_MIN_HOURS && underway.chance(UNDERWAY_SHARE)) {
        const start = nextMonday(addDays(today, -7 * underway.int(1, 6) - 6));
        const end = this.endFor(start, totalHours, partTime);
        if (start < today && end > addDays(today, 14)) dates.unshift({ start, end });
      }
    }

    const announced = route === 'continue' && !permanent;
    return dates.slice(0, Math.max(1, budget)).map(({ start, end }) => ({
      numero: `VMM-S${pad(++this.sessionSeq, 7)}`,
      start,
      end,
      state: this.stateOf(start),
      enrolment: announced && start > addDays(today, ENROLMENT_NOTICE_DAYS) ? { start: addDays(start, -ENROLMENT_OPENS_BEFORE_DAYS), end: addDays(start, -1) } : null,
    }));
  }

  /** Premier lundi du prochain mois `month` (1–12) à partir d'aujourd'hui, dans les 12 mois. */
  private nextStartIn(month: number): string {
    const { today } = this.options;
    const year = Number(today.slice(0, 4));
    for (const y of [year, year + 1]) {
      const start = nextMonday(`${y}-${pad(month, 2)}-01`);
      if (start >= today && start < this.horizon) return start;
    }
    return nextMonday(today);
  }

  /** Fin de session : 7 h par jour, 5 jours par semaine (moitié à temps partiel), congés au-delà de 3 mois. */
  private endFor(start: string, totalHours: number, partTime: boolean): string {
    const days = Math.ceil(totalHours / (partTime ? 3.5 : 7));
    if (days <= 5) return addDays(start, days - 1);
    const weeks = Math.ceil(days / 5);
    const calendarWeeks = weeks > 12 ? Math.ceil(weeks * 1.12) : weeks;
    return addDays(start, calendarWeeks * 7 - 3);
  }

  /** État du recrutement ; une session déjà commencée de la démo est ouverte (on peut encore y entrer). */
  private stateOf(start: string): RecruitmentState {
    const drawn = this.recruitmentState(start);
    return start < this.options.today ? 'ouvert' : drawn;
  }

  private recruitmentState(start: string): RecruitmentState {
    const rng = this.rng;
    const soon = start <= addDays(this.options.today, 21);
    const r = rng.next();
    if (soon) return r < 0.3 ? 'ferme' : r < 0.35 ? 'suspendu' : 'ouvert';
    return r < 0.06 ? 'ferme' : r < 0.11 ? 'suspendu' : 'ouvert';
  }
}
