/**
 * Avis de stagiaires de démonstration, au format de la réponse Anotéa v1 `GET /api/v1/avis`
 * (v1-swagger.yml : `{ avis: Avis[], meta: { pagination } }`), écrits en flux.
 *
 * Écarts assumés par rapport au swagger, pour relier les avis à l'offre LHEO générée :
 * - `formation.numero` et `formation.action.numero` (numéros LHEO de la formation et de l'action),
 *   comme dans les réponses réelles d'Anotéa ; `formation.action.session.numero` = numéro LHEO
 *   d'une session de l'action (la `periode` est celle, passée, que le stagiaire a suivie) ;
 * - `statut` : extension de démonstration, état de modération : « validated » (publié),
 *   « rejected » (refusé) ou « none » (en attente de modération).
 * Les avis sont écrits action par action (pas triés par date comme l'API) : une seule page.
 */
import { addDays } from './dates';
import type { DemoAction, DemoFormation } from './offer';
import type { Rng } from './random';
import type { CommentsFile, ReviewCondition, Sector, Tone } from './sources';
import type { BufferedWriter } from './xml';

/**
 * Anotéa recueille les avis des stagiaires de la formation continue : pas d'avis sur les
 * formations en lycée ni en apprentissage ; la moitié environ des actions de formation continue en ont.
 */
export const REVIEWED_ACTION_SHARE = 0.5;
export const COMMENT_SHARE = 0.6;

/** Secteurs où l'on travaille sur des machines (atelier, chantier, engins, chaîne). */
const MACHINE_SECTORS: ReadonlySet<Sector> = new Set(['industrie', 'btp', 'automobile', 'alimentation', 'agriculture', 'logistique', 'transport']);
/** Secteurs où chaque stagiaire a un poste équipé (machines, ordinateurs, cuisine, salon…). */
const EQUIPMENT_SECTORS: ReadonlySet<Sector> = new Set([...MACHINE_SECTORS, 'numerique', 'tertiaire', 'hotellerie-restauration', 'coiffure']);

/** Ce qui vaut pour une action : un commentaire ne lui est attribué que si toutes ses conditions (`si`) y sont. */
export function reviewContext(f: DemoFormation, a: DemoAction): Set<ReviewCondition> {
  const t = f.placed.template;
  const sector = f.placed.sector;
  const hours = a.hoursCentre + a.hoursCompany;
  const paid = (a.price ?? 0) > 0;
  const conditions: Array<[ReviewCondition, boolean]> = [
    ['stage', a.hoursCompany > 0],
    ['distance', a.mode !== 'presentiel'],
    ['presentiel', a.mode !== 'distance'],
    ['temps-partiel', a.partTime],
    ['certifiante', t.certifying],
    ['metier', sector !== 'transverse'],
    ['prepa', a.programme !== null && a.programme.startsWith('prepa')],
    ['savoirs-de-base', sector === 'transverse'],
    ['machines', MACHINE_SECTORS.has(sector)],
    ['equipements', EQUIPMENT_SECTORS.has(sector)],
    ['payee-par-la-personne', paid && a.funders.includes('10')],
    ['financee', paid && !a.funders.includes('10')],
    ['remuneration', a.funders.includes('2') || a.funders.includes('4')],
    ['courte', hours <= 400],
    ['plusieurs-semaines', hours >= 105],
    ['plusieurs-mois', hours >= 300],
    ['handicap', a.handicap !== null],
  ];
  return new Set(conditions.flatMap(([c, holds]) => (holds ? [c] : [])));
}

const fits = (context: ReadonlySet<ReviewCondition>) => (item: { si: readonly ReviewCondition[] }) => item.si.every((c) => context.has(c));

const DIMENSIONS = [
  ['accueil', 0.1],
  ['contenu_formation', 0],
  ['equipe_formateurs', 0.15],
  ['moyen_materiel', -0.25],
  ['accompagnement', -0.05],
] as const;

export type AvisStatut = 'validated' | 'rejected' | 'none';

export interface AnoteaAvis {
  id: string;
  date: string;
  commentaire?: { titre?: string; texte: string };
  reponse?: { texte: string };
  notes: Record<(typeof DIMENSIONS)[number][0] | 'global', number>;
  formation: {
    numero: string;
    intitule: string;
    domaine_formation: { formacodes: string[] };
    certifications?: Array<{ certif_info: string }>;
    action: {
      numero: string;
      lieu_de_formation: { code_postal: string; ville: string };
      organisme_financeurs: string[];
      organisme_formateur: { raison_sociale: string; siret: string; numero: string };
      session: { numero: string; periode: { debut: string; fin: string } };
    };
  };
  statut: AvisStatut;
}

const clampNote = (n: number) => Math.min(5, Math.max(1, Math.round(n)));
const dateTime = (iso: string, rng?: Rng) =>
  rng ? `${iso}T${String(rng.int(6, 21)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}.000Z` : `${iso}T00:00:00.000Z`;

export class AvisGenerator {
  private readonly byTone: Record<Tone, CommentsFile['commentaires']>;
  private readonly repliesByTone: Record<Tone, CommentsFile['reponses']>;

  constructor(
    private readonly root: Rng,
    comments: CommentsFile,
    private readonly today: string,
  ) {
    this.byTone = { positif: [], mitige: [], negatif: [] };
    this.repliesByTone = { positif: [], mitige: [], negatif: [] };
    for (const c of comments.commentaires) this.byTone[c.ton].push(c);
    for (const r of comments.reponses) this.repliesByTone[r.ton].push(r);
  }

  /** Les avis d'une action (formation continue seulement, la moitié environ), déterministes pour une graine et un numéro d'action. */
  forAction(f: DemoFormation, a: DemoAction): AnoteaAvis[] {
    const rng = this.root.fork(`avis:${a.numero}`);
    if (a.route !== 'continue' || !rng.chance(REVIEWED_ACTION_SHARE) || a.sessions.length === 0) return [];
    const context = reviewContext(f, a);
    const count = 1 + Math.floor(24 * rng.next() ** 2.2);
    const quality = Math.min(5, Math.max(1.8, rng.normal(4, 0.55)));
    const first = a.sessions[0];
    const span = first ? Math.min(1100, Math.max(0, Math.round((Date.parse(first.end) - Date.parse(first.start)) / 86_400_000))) : 30;
    const list: AnoteaAvis[] = [];
    for (let i = 0; i < count; i++) list.push(this.one(rng, f, a, quality, span, context));
    return list;
  }

  private one(rng: Rng, f: DemoFormation, a: DemoAction, quality: number, span: number, context: ReadonlySet<ReviewCondition>): AnoteaAvis {
    const t = f.placed.template;
    const base = rng.normal(quality, 0.45);
    const notes = {} as AnoteaAvis['notes'];
    let sum = 0;
    for (const [dim, bias] of DIMENSIONS) {
      const n = clampNote(base + bias + rng.normal(0, 0.55));
      notes[dim] = n;
      sum += n;
    }
    notes.global = clampNote(sum / DIMENSIONS.length);

    const date = addDays(this.today, -rng.int(1, 730));
    const end = addDays(date, -rng.int(3, 60));
    const session = rng.pick(a.sessions);

    let commentaire: AnoteaAvis['commentaire'];
    let reponse: AnoteaAvis['reponse'];
    let statut: AvisStatut = 'validated'; // un avis sans commentaire n'a pas besoin de modération
    if (rng.chance(COMMENT_SHARE)) {
      const tone: Tone = notes.global >= 4 ? 'positif' : notes.global === 3 ? 'mitige' : 'negatif';
      // Un commentaire qui va avec cette formation (chaque ton en a au moins un sans condition).
      const c = rng.pick(this.byTone[tone].filter(fits(context)));
      commentaire = c.titre ? { titre: c.titre, texte: c.texte } : { texte: c.texte };
      const r = rng.next();
      statut = r < 0.07 ? 'rejected' : r < 0.15 ? 'none' : 'validated';
      const replies = this.repliesByTone[tone].filter(fits(context));
      if (statut === 'validated' && replies.length > 0 && rng.chance(tone === 'positif' ? 0.05 : 0.3)) reponse = { texte: rng.pick(replies).texte };
    }

    // Clés dans l'ordre du swagger, `statut` (extension) à la fin.
    return {
      id: rng.hex(24),
      date: dateTime(date, rng),
      ...(commentaire ? { commentaire } : {}),
      ...(reponse ? { reponse } : {}),
      notes,
      formation: {
        numero: f.numero,
        intitule: t.title,
        domaine_formation: { formacodes: [...t.formacodes] },
        ...(t.certifinfo ? { certifications: [{ certif_info: t.certifinfo }] } : {}),
        action: {
          numero: a.numero,
          lieu_de_formation: { code_postal: a.site.postcode, ville: a.site.commune.name },
          organisme_financeurs: [...a.funders],
          organisme_formateur: { raison_sociale: f.organisme.name, siret: f.organisme.siret, numero: f.organisme.id },
          session: { numero: session.numero, periode: { debut: dateTime(addDays(end, -span)), fin: dateTime(end) } },
        },
      },
      statut,
    };
  }
}

/** Écrit `{"avis":[…],"meta":{"pagination":…}}` au fil de l'eau. */
export class AvisStreamWriter {
  private count = 0;

  constructor(private readonly out: BufferedWriter) {}

  get total(): number {
    return this.count;
  }

  async begin(): Promise<void> {
    await this.out.write('{"avis":[');
  }

  async add(list: readonly AnoteaAvis[]): Promise<void> {
    if (list.length === 0) return;
    let s = '';
    for (const avis of list) {
      s += `${this.count === 0 ? '\n' : ',\n'}${JSON.stringify(avis)}`;
      this.count++;
    }
    await this.out.write(s);
  }

  async end(): Promise<void> {
    const pagination = { page: 0, items_par_page: this.count, total_items: this.count, total_pages: this.count > 0 ? 1 : 0 };
    await this.out.write(`\n],"meta":${JSON.stringify({ pagination })}}\n`);
  }
}
