/**
 * Les avis de démonstration vont avec la formation et son financement : Anotéa recueille les
 * avis de la formation continue (pas de lycée ni d'apprentissage) ; un commentaire n'est attribué
 * qu'à une action qui remplit ses conditions (« on attend son tour pour utiliser les machines »
 * jamais sur une formation d'aide-soignant, « pour le prix payé » jamais sur une formation payée
 * par la Région, « distanciel » seulement à distance…).
 */
import { describe, expect, it } from 'vitest';
import { AvisGenerator, reviewContext, type AnoteaAvis } from '../../../src/demo/avis';
import type { DemoAction, DemoFormation } from '../../../src/demo/offer';
import { OfferPlanner } from '../../../src/demo/offer';
import { buildOrganismePool } from '../../../src/demo/organismes';
import { CommunePicker, loadPdlCommunes } from '../../../src/demo/places';
import { Rng } from '../../../src/demo/random';
import { CommentsFile, loadDemoSources, type ReviewCondition } from '../../../src/demo/sources';

const TODAY = '2026-11-23';
const sources = loadDemoSources();

/** Le même enchaînement que generateDemo (graine par défaut, 3 000 sessions), en mémoire. */
function generated(): { formation: DemoFormation; action: DemoAction; avis: AnoteaAvis[] }[] {
  const root = new Rng('versmonmetier');
  const organismes = buildOrganismePool(root.fork('organismes'), new CommunePicker(loadPdlCommunes()), sources.organismes);
  const planner = new OfferPlanner(root.fork('offre'), sources.catalogue, organismes, { sessions: 3000, today: TODAY });
  const avis = new AvisGenerator(root.fork('avis'), sources.comments, TODAY);
  return [...planner.formations()].flatMap((formation) => formation.actions.map((action) => ({ formation, action, avis: avis.forAction(formation, action) })));
}

const all = generated();
const conditionsOf = new Map(sources.comments.commentaires.map((c) => [c.texte, c.si]));
const replyConditionsOf = new Map(sources.comments.reponses.map((r) => [r.texte, r.si]));

describe('avis de démonstration cohérents avec la formation', () => {
  it('seulement en formation continue, sur la moitié environ de ces actions', () => {
    const continuing = all.filter((x) => x.action.route === 'continue');
    expect(all.filter((x) => x.action.route !== 'continue' && x.avis.length > 0)).toEqual([]);
    const share = continuing.filter((x) => x.avis.length > 0).length / continuing.length;
    expect(share).toBeGreaterThan(0.4);
    expect(share).toBeLessThan(0.6);
  });

  it('chaque commentaire et chaque réponse remplit ses conditions sur l’action qui le reçoit', () => {
    let checked = 0;
    for (const { formation, action, avis } of all) {
      const context = reviewContext(formation, action);
      for (const a of avis) {
        if (a.commentaire) {
          const si = conditionsOf.get(a.commentaire.texte);
          expect(si, a.commentaire.texte).toBeDefined();
          for (const c of si ?? []) expect(context.has(c), `« ${a.commentaire.texte} » sur ${formation.placed.template.id} (${action.numero}) : ${c}`).toBe(true);
          checked++;
        }
        for (const c of a.reponse ? (replyConditionsOf.get(a.reponse.texte) ?? []) : []) expect(context.has(c), `réponse « ${a.reponse?.texte} » : ${c}`).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('les exemples qui posaient problème n’arrivent plus', () => {
    const comments = all.flatMap(({ formation, action, avis }) => avis.flatMap((a) => (a.commentaire ? [{ formation, action, texte: a.commentaire.texte }] : [])));
    const machines = comments.filter((c) => c.texte.includes('on attend souvent son tour pour utiliser les machines'));
    const pricePaid = comments.filter((c) => c.texte.includes('Pour le prix payé'));
    const remote = comments.filter((c) => /distanciel|à distance|exercices en ligne|plateforme/i.test(c.texte));
    // Ils existent bien dans la démo (le test regarde au bon endroit)…
    expect(machines.length).toBeGreaterThan(0);
    expect(pricePaid.length).toBeGreaterThan(0);
    expect(remote.length).toBeGreaterThan(0);
    // … mais jamais là où ils n'ont pas de sens.
    expect(machines.filter((c) => ['sante', 'social'].includes(c.formation.placed.sector)).map((c) => c.formation.placed.template.id)).toEqual([]);
    expect(comments.filter((c) => c.formation.placed.template.id === 'deas' && /machines/.test(c.texte))).toEqual([]);
    for (const c of pricePaid) {
      expect(c.action.funders, c.action.numero).toContain('10');
      expect(c.action.price ?? 0).toBeGreaterThan(0);
    }
    expect(pricePaid.filter((c) => c.action.programme !== null || c.action.funders.includes('2'))).toEqual([]);
    for (const c of remote) expect(c.action.mode, c.texte).not.toBe('presentiel');
  });

  it('les conditions d’une action se lisent sur l’action : stage, modalité, financement, durée, secteur', () => {
    const deas = all.find((x) => x.formation.placed.template.id === 'deas' && x.action.route === 'continue');
    expect(deas).toBeDefined();
    const context = reviewContext(deas!.formation, deas!.action);
    expect(context.has('machines')).toBe(false);
    expect(context.has('certifiante')).toBe(true);
    expect(context.has('stage')).toBe(deas!.action.hoursCompany > 0);
    const region = all.find((x) => x.action.funders.includes('2') && !x.action.funders.includes('10') && (x.action.price ?? 0) > 0)!;
    const regionContext = reviewContext(region.formation, region.action);
    expect(regionContext.has('payee-par-la-personne')).toBe(false);
    expect(regionContext.has('financee')).toBe(true);
    expect(regionContext.has('remuneration')).toBe(true);
    const remote = all.find((x) => x.action.mode === 'distance')!;
    expect(reviewContext(remote.formation, remote.action).has('presentiel')).toBe(false);
  });

  it('le fichier des commentaires refuse une condition inconnue, et un ton sans commentaire valable partout', () => {
    const base = { commentaires: sources.comments.commentaires.map((c) => ({ ...c })), reponses: [] };
    expect(CommentsFile.safeParse(base).success).toBe(true);
    const unknown = { ...base, commentaires: [{ ...base.commentaires[0]!, si: ['piscine'] as unknown as ReviewCondition[] }, ...base.commentaires.slice(1)] };
    expect(CommentsFile.safeParse(unknown).success).toBe(false);
    const noFallback = { ...base, commentaires: base.commentaires.map((c) => (c.ton === 'negatif' ? { ...c, si: ['stage'] as ReviewCondition[] } : c)) };
    const result = CommentsFile.safeParse(noFallback);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('chaque ton a au moins un commentaire sans condition');
  });
});
