/**
 * GET /api/formations/{id} sur les données construites : chaque action rendue selon le schéma
 * publié, toutes ses sessions, la règle de diffusion des taux d'insertion, les avis validés, et
 * la concordance avec les documents de recherche (même note, même nombre d'avis, même taux).
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { loadCatalog } from '../../../src/catalog/catalog';
import { resolveDataDir } from '../../../src/catalog/files';
import { discloseInsertion } from '../../../src/domain/insertion';
import { loadEmbeddedEngine } from '../../../src/search/embedded';
import { embeddedIndexPath } from '../../../src/search/index-file';
import { LATEST_COMMENTS } from '../../../src/http/formation-detail';
import { FormationDetail } from '../../../src/http/schemas';
import { createApiServices } from '../../../src/http/services';
import { apiPlainText, apiSafeHtml } from '../../../src/http/api-text';

const services = createApiServices();
const catalog = loadCatalog();
const offer = catalog.offer();

function detail(id: string) {
  const d = services.details.get(id);
  if (!d) throw new Error(`action ${id} introuvable`);
  return d;
}

describe('GET /api/formations/{id}', () => {
  it('chaque action : rendue exactement selon le schéma publié, avec toutes ses sessions', () => {
    for (const action of offer.actions) {
      const d = detail(action.id);
      expect(FormationDetail.parse(d)).toEqual(d);
      expect(d.sessions.map((s) => s.id)).toEqual(action.sessions.map((s) => s.id));
      expect(d.formation.id).toBe(action.formationId);
      expect(d.organisme.id).toBe(action.organismeId);
    }
  });

  it('identifiant inconnu : rien', () => {
    expect(services.details.get('inconnu')).toBeUndefined();
    expect(services.details.get('')).toBeUndefined();
    expect(services.details.get('__proto__')).toBeUndefined();
  });

  it('formation telle que fournie, organisme et son contact, financement en mots', () => {
    const action = offer.actions.find((a) => a.financing.funders.length > 0 && a.financing.programme !== null) ?? offer.actions[0];
    if (!action) throw new Error('offre vide');
    const formation = offer.formations.find((f) => f.id === action.formationId);
    const organisme = offer.organismes.find((o) => o.id === action.organismeId);
    const d = detail(action.id);
    // Texte brut et HTML nettoyé comme sur les pages, jamais le HTML LHEO brut (issue 15, §8).
    expect(d.formation.objectif).toBe(apiPlainText(formation?.objective ?? null));
    expect(d.formation.objectif_html).toBe(apiSafeHtml(formation?.objective ?? null));
    expect(d.formation.contenu).toBe(apiPlainText(formation?.content ?? null));
    expect(d.formation.contenu_html).toBe(apiSafeHtml(formation?.content ?? null));
    expect(d.organisme.nom).toBe(organisme?.name);
    expect(d.organisme.contact.telephone).toBe(organisme?.contact.phone);
    for (const f of d.financement.financeurs) expect(f.libelle).not.toMatch(/^\d+$|^Financeur /);
    expect(d.financement.dispositif?.libelle).toMatch(/^(PRÉPA|VISA|ACCÈS)/);
    for (const s of d.sessions) expect(s.recrutement_libelle).toMatch(/^Inscriptions /);
  });

  it('insertion : affichée, masquée (moins de 20 sortants) ou absente, avec le message ; chaque chiffre dit sur qui il porte', () => {
    const seen = new Set<string>();
    for (const action of offer.actions) {
      const d = detail(action.id);
      const expected = discloseInsertion(services.insertion.statOf(action)).kind;
      expect(d.insertion.statut).toBe({ shown: 'affiche', hidden: 'masque', none: 'absent' }[expected]);
      if (d.insertion.statut === 'absent') {
        expect(d.insertion.message).toMatch(/Pas de donnée/);
        expect(d.insertion_autres).toEqual([]);
        seen.add('absent');
        continue;
      }
      const figures = [d.insertion, ...d.insertion_autres];
      expect(new Set(figures.map((f) => f.perimetre)).size, 'un chiffre par périmètre').toBe(figures.length);
      for (const f of figures) {
        seen.add(f.statut);
        // Le périmètre et la période sont dits en mots ; un chiffre régional ne se présente jamais comme celui de la formation.
        expect(f.portee).toMatch(f.perimetre === 'etablissement' ? /^pour ce CFA \(toutes formations\), cumul \d{4}-\d{4}$/ : /^pour ce diplôme en Pays de la Loire, en (apprentissage|voie scolaire \(lycée\)), \d{4}-\d{4}$/);
        if (f.statut === 'masque') {
          expect(f.sortants).toBeLessThan(20);
          expect(f.message).toMatch(/moins de 20 personnes/);
          expect(f).not.toHaveProperty('taux_emploi_6_mois');
        } else if (f.sortants === null) {
          // Taux par CFA : pas de nombre de sortants publié, et la fiche le dit.
          expect(f.perimetre).toBe('etablissement');
          expect(f.note).toMatch(/nombre de personnes sorties n’est pas publié pour ce CFA/);
        } else {
          expect(f.sortants).toBeGreaterThanOrEqual(20);
          expect(f.note).toBeNull();
        }
        if (f.statut === 'affiche') expect(f.libelle.endsWith(f.portee)).toBe(true);
      }
    }
    expect([...seen].sort(), 'les données de démonstration ont les trois cas').toEqual(['absent', 'affiche', 'masque']);
  });

  const insertionDemo = catalog.manifest().sources.find((s) => s.name.startsWith('Taux d’insertion'))?.kind === 'demo';
  it.runIf(insertionDemo)('démo : des chiffres d’insertion pour au moins 40 % des actions, par CFA et par diplôme dans la région, tous marqués « démonstration »', () => {
    const details = offer.actions.map((a) => detail(a.id));
    const withFigure = details.filter((d) => d.insertion.statut !== 'absent');
    expect(withFigure.length / details.length).toBeGreaterThanOrEqual(0.4);
    const figures = withFigure.flatMap((d) => (d.insertion.statut === 'absent' ? [] : [d.insertion, ...d.insertion_autres]));
    expect(figures.some((f) => f.perimetre === 'etablissement' && f.statut === 'affiche')).toBe(true);
    expect(figures.some((f) => f.perimetre === 'region' && f.voie === 'apprentissage' && f.statut === 'affiche')).toBe(true);
    expect(figures.some((f) => f.perimetre === 'region' && f.voie === 'scolaire' && f.statut === 'affiche')).toBe(true);
    expect(figures.some((f) => f.perimetre === 'region' && f.statut === 'masque')).toBe(true);
    expect(withFigure.some((d) => d.insertion_autres.length > 0), 'une fiche avec deux chiffres').toBe(true);
    for (const f of figures) expect(f.demonstration, 'tous les chiffres de la démo sont marqués « démonstration »').toBe(true);
  });

  it('avis : seulement les commentaires validés, les plus récents d’abord', () => {
    const validated = new Set(catalog.reviews().filter((r) => r.status === 'validated').map((r) => r.comment?.text));
    let withComments = 0;
    for (const action of offer.actions) {
      const { commentaires, resume } = detail(action.id).avis;
      expect(commentaires.length).toBeLessThanOrEqual(LATEST_COMMENTS);
      expect(commentaires.map((c) => c.date)).toEqual(commentaires.map((c) => c.date).sort().reverse());
      for (const c of commentaires) expect(validated.has(c.texte)).toBe(true);
      if (commentaires.length > 0) {
        withComments += 1;
        expect(resume).not.toBeNull();
      }
    }
    expect(withComments).toBeGreaterThan(0);
  });

  const indexFile = embeddedIndexPath(resolveDataDir());
  it.skipIf(!existsSync(indexFile))('concorde avec les documents de recherche : note, nombre d’avis, taux publié', async () => {
    const engine = await loadEmbeddedEngine(resolveDataDir());
    for (const doc of engine.documents) {
      const d = detail(doc.id);
      expect(d.avis.resume?.nombre ?? 0, doc.id).toBe(doc.reviewCount);
      expect(d.avis.resume?.note_globale ?? null, doc.id).toBe(doc.reviewScore);
      // Un taux publié dans les résultats = un taux d'emploi affiché (une statistique peut n'avoir
      // qu'un taux de poursuite d'études : affichée sur la fiche, sans taux dans les résultats).
      const employment = d.insertion.statut === 'affiche' ? (d.insertion.taux_emploi_6_mois ?? d.insertion.taux_emploi_12_mois) : null;
      expect(employment, doc.id).toBe(doc.insertionRate);
      expect(d.a_distance).toBe(doc.distanceLearning);
    }
  });
});
