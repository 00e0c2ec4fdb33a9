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
import type { CommentsFile, Tone } from './sources';
import type { BufferedWriter } from './xml';

export const REVIEWED_ACTION_SHARE = 0.4;
export const COMMENT_SHARE = 0.6;

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

  /** Les avis d'une action (aucun pour environ 60 % des actions), déterministes pour une graine et un numéro d'action. */
  forAction(f: DemoFormation, a: DemoAction): AnoteaAvis[] {
    const rng = this.root.fork(`avis:${a.numero}`);
    if (!rng.chance(REVIEWED_ACTION_SHARE) || a.sessions.length === 0) return [];
    const count = 1 + Math.floor(24 * rng.next() ** 2.2);
    const quality = Math.min(5, Math.max(1.8, rng.normal(4, 0.55)));
    const first = a.sessions[0];
    const span = first ? Math.min(1100, Math.max(0, Math.round((Date.parse(first.end) - Date.parse(first.start)) / 86_400_000))) : 30;
    const list: AnoteaAvis[] = [];
    for (let i = 0; i < count; i++) list.push(this.one(rng, f, a, quality, span));
    return list;
  }

  private one(rng: Rng, f: DemoFormation, a: DemoAction, quality: number, span: number): AnoteaAvis {
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
      const c = rng.pick(this.byTone[tone].length > 0 ? this.byTone[tone] : this.byTone.mitige);
      commentaire = c.titre ? { titre: c.titre, texte: c.texte } : { texte: c.texte };
      const r = rng.next();
      statut = r < 0.07 ? 'rejected' : r < 0.15 ? 'none' : 'validated';
      const replies = this.repliesByTone[tone];
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
