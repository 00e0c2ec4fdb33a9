/**
 * Construction des documents de recherche (src/search/documents.ts) à partir d'une petite offre
 * écrite ici : règle de diffusion des taux d'insertion, avis validés seulement, sessions passées
 * écartées, actions à distance, texte sans HTML.
 */
import { describe, expect, it } from 'vitest';
import type { Commune, TerritoireEfop } from '../../../src/domain/geo';
import { InsertionStat } from '../../../src/domain/insertion';
import { Metier } from '../../../src/domain/metier';
import { Offer } from '../../../src/domain/offer';
import { Review } from '../../../src/domain/review';
import { createGeoReferentiel } from '../../../src/geo/referentiel';
import { DESCRIPTION_MAX_CHARS, buildActionDocuments, htmlToText, truncateText, type ActionDocumentsInput } from '../../../src/search/documents';
import type { ActionDocument } from '../../../src/search/port';

const TODAY = '2026-11-23';

function commune(inseeCode: string, name: string, territoireSlug: string | null, lat: number, lon: number): Commune {
  return {
    inseeCode,
    name,
    departement: inseeCode.slice(0, 2) as Commune['departement'],
    postcodes: ['44000'],
    mainPostcode: '44000',
    population: 1000,
    epciCode: null,
    epciName: null,
    territoireSlug,
    lat,
    lon,
    coordSource: 'geonames-name',
  };
}

const territoire: TerritoireEfop = {
  slug: 'loire-atlantique-centre',
  name: 'Loire-Atlantique Centre',
  departement: '44',
  epciCodes: [],
  communeCodes: ['44109'],
  provisional: true,
};

const geo = createGeoReferentiel({
  communes: [commune('44109', 'Nantes', 'loire-atlantique-centre', 47.218, -1.553), commune('49007', 'Angers', null, 47.478, -0.563)],
  epcis: [],
  territoires: [territoire],
  aliases: [],
  territoiresNotice: '',
});

const metier = (code: string, label: string, appellations: string[]) =>
  Metier.parse({
    code,
    label,
    appellations: appellations.map((a, i) => ({ code: `${code}-${i}`, label: a })),
    domain: { letter: code[0], code: code.slice(0, 3), label: 'Domaine' },
    source: 'demo',
  });

const place = (city: string, inseeCode: string | null, postcode: string | null) => ({ city, inseeCode, postcode, lat: 47.2, lon: -1.5, coordSource: 'commune' as const });
const session = (id: string, start: string | null, end: string | null, recruitmentState: 'ouvert' | 'ferme' | 'suspendu' = 'ouvert') => ({ id, start, end, recruitmentState });
const scores = (global: number) => ({ accueil: global, contenu_formation: global, equipe_formateurs: global, moyen_materiel: global, accompagnement: global, global });

const LONG_CONTENT = `<p>${'Pétrissage, façonnage et cuisson des pains. '.repeat(30)}</p>`;

function input(overrides: Partial<ActionDocumentsInput> = {}): ActionDocumentsInput {
  const offer = Offer.parse({
    organismes: [
      { id: 'O1', siret: null, name: 'IFSI de Nantes', uai: '0441234A' },
      { id: 'O2', siret: null, name: 'CFA des métiers de bouche' },
    ],
    formations: [
      {
        id: 'F-AS',
        title: "Diplôme d'État d'aide-soignant",
        objective: '<p>Devenir <strong>aide-soignant</strong> &amp; soigner</p>',
        content: '<ul><li>Soins</li><li>Hygiène</li></ul><script>alert(1)</script>',
        certifying: true,
        diplomaCode: '40031001',
        entryLevel: null,
        exitLevel: 4,
        romeCodes: ['J1501'],
        organismeResponsableId: 'O1',
      },
      {
        id: 'F-BOUL',
        title: 'CAP Boulanger',
        objective: null,
        content: LONG_CONTENT,
        certifying: true,
        diplomaCode: '50022117',
        entryLevel: null,
        exitLevel: 3,
        romeCodes: ['D1102'],
        organismeResponsableId: 'O2',
      },
      {
        id: 'F-DEV',
        title: 'Développeur web',
        certifying: false,
        diplomaCode: '32032610',
        entryLevel: null,
        exitLevel: null,
        romeCodes: ['M1805'],
        organismeResponsableId: 'O2',
      },
    ],
    actions: [
      {
        id: 'A-AS',
        formationId: 'F-AS',
        organismeId: 'O1',
        place: place('Nantes', '44109', '44000'),
        teachingMode: 'presentiel',
        publics: ['83056'],
        durationHours: 1540,
        priceEuros: null,
        financing: { funders: ['2', '10'], programme: 'visa-sanitaire-social', cpfEligible: true },
        permanentEntry: false,
        handicapAccessible: true,
        sessions: [session('S-PASSEE', '2026-01-05', '2026-11-20'), session('S-2027', '2027-01-04', '2027-12-17'), session('S-AUJ', TODAY, '2027-06-30'), session('S-DEC', '2026-12-07', null)],
      },
      {
        id: 'A-BOUL',
        formationId: 'F-BOUL',
        organismeId: 'O2',
        place: place('Angers', '49007', '49000'),
        teachingMode: 'mixte',
        durationHours: 800,
        priceEuros: null,
        financing: { funders: ['4', '16'], programme: null, cpfEligible: false },
        permanentEntry: true,
        handicapAccessible: null,
        sessions: [session('S-SANS-DATE', null, null), session('S-EN-COURS', '2026-09-01', '2027-03-31'), session('S-FINIE', '2026-01-05', '2026-06-30')],
      },
      {
        id: 'A-DEV',
        formationId: 'F-DEV',
        organismeId: 'O2',
        place: place('Saint-Herblain', null, '44800'),
        teachingMode: 'distance',
        durationHours: null,
        priceEuros: null,
        financing: { funders: [], programme: null, cpfEligible: true },
        permanentEntry: false,
        handicapAccessible: false,
        sessions: [session('S-DEV-FERMEE', '2026-10-01', '2027-02-01', 'ferme'), session('S-DEV-SUSPENDUE', '2026-10-05', '2027-02-05', 'suspendu'), session('S-DEV-FINIE', '2026-06-01', '2026-11-20')],
      },
    ],
  });
  const stat = (fields: Partial<InsertionStat>) =>
    InsertionStat.parse({ source: 'inserjeunes', vintage: '2024-2025', scope: 'region', leavers: 100, employmentRate6m: 50, employmentRate12m: 60, furtherStudyRate: null, ...fields });
  return {
    offer,
    metiers: [
      metier('J1501', 'Aide-soignant / Aide-soignante', ['Aide-soignant', 'Aide-soignante', 'AIDE-SOIGNANT', 'Aide-soignant en gériatrie']),
      metier('D1102', 'Boulanger / Boulangère', ['Mitron', 'Boulanger']),
    ],
    insertion: [
      // Aide-soignant : taux de l'établissement (UAI d'O1) sur 12 sortants, non diffusable ; le taux régional ne le remplace pas.
      stat({ scope: 'etablissement-formation', uai: '0441234A', diplomaCode: '40031001', leavers: 12, employmentRate6m: 95 }),
      stat({ diplomaCode: '40031001', leavers: 300, employmentRate6m: 70 }),
      // Boulanger : taux régional seul, sans taux à 6 mois → taux à 12 mois.
      stat({ diplomaCode: '50022117', leavers: 45, employmentRate6m: null, employmentRate12m: 77.5 }),
      stat({ scope: 'national', vintage: '2022-2023', diplomaCode: '50022117', leavers: 5000, employmentRate6m: 40 }),
      // Même diplôme que le développeur mais dans un autre établissement : non rattaché.
      stat({ scope: 'etablissement-formation', uai: '0490000Z', diplomaCode: '32032610', leavers: 80, employmentRate6m: 90 }),
    ],
    reviews: [
      Review.parse({ id: 'R1', actionId: 'A-AS', scores: scores(4), date: '2026-05-01', status: 'validated' }),
      Review.parse({ id: 'R2', actionId: null, sessionId: 'S-PASSEE', scores: scores(5), date: '2026-06-01', status: 'validated' }),
      Review.parse({ id: 'R3', actionId: 'A-AS', scores: scores(1), date: '2026-06-02', status: 'pending' }),
      Review.parse({ id: 'R4', actionId: 'A-AS', scores: scores(1), date: '2026-06-03', status: 'rejected' }),
      Review.parse({ id: 'R5', actionId: 'A-BOUL', scores: scores(2), date: '2026-06-04', status: 'pending' }),
    ],
    geo,
    today: TODAY,
    ...overrides,
  };
}

function documents(overrides: Partial<ActionDocumentsInput> = {}): Record<string, ActionDocument> {
  return Object.fromEntries(buildActionDocuments(input(overrides)).map((d) => [d.id, d]));
}

describe('buildActionDocuments', () => {
  it('fait un document par action, dans l’ordre de l’offre', () => {
    expect(buildActionDocuments(input()).map((d) => d.id)).toEqual(['A-AS', 'A-BOUL', 'A-DEV']);
  });

  it('reprend formation, organisme, lieu et modalités', () => {
    const d = documents()['A-AS'] as ActionDocument;
    expect(d).toMatchObject({
      formationId: 'F-AS',
      title: "Diplôme d'État d'aide-soignant",
      organismeId: 'O1',
      organismeName: 'IFSI de Nantes',
      romeCodes: ['J1501'],
      level: 4,
      teachingMode: 'presentiel',
      distanceLearning: false,
      publics: ['83056'],
      departement: '44',
      territoire: 'loire-atlantique-centre',
      inseeCode: '44109',
      city: 'Nantes',
      certifying: true,
      durationHours: 1540,
      handicapAccessible: true,
      permanentEntry: false,
    });
    expect(d.financing).toEqual(['cpf', 'personnel', 'region', 'visa-sanitaire-social']);
  });

  it('métiers visés : libellé et appellations des codes ROME, sans doublon', () => {
    const docs = documents();
    expect(docs['A-AS']?.metierLabels).toEqual(['Aide-soignant / Aide-soignante', 'Aide-soignant', 'Aide-soignante', 'Aide-soignant en gériatrie']);
    expect(docs['A-BOUL']?.metierLabels).toEqual(['Boulanger / Boulangère', 'Mitron', 'Boulanger']);
    expect(docs['A-DEV']?.metierLabels).toEqual([]);
  });

  it('description : objectif et contenu sans HTML, entités décodées, script retiré', () => {
    expect(documents()['A-AS']?.description).toBe('Devenir aide-soignant & soigner Soins Hygiène');
  });

  it('description tronquée sur une fin de mot', () => {
    const description = documents()['A-BOUL']?.description ?? '';
    expect(description.length).toBeLessThanOrEqual(DESCRIPTION_MAX_CHARS);
    expect(description.length).toBeGreaterThan(DESCRIPTION_MAX_CHARS - 50);
    expect(description).toMatch(/^Pétrissage, façonnage et cuisson des pains\. Pétrissage/);
    expect(description).toMatch(/[a-z.,]…$/);
  });

  it('sessions passées écartées ; débuts à venir triés, prochain début', () => {
    const d = documents()['A-AS'] as ActionDocument;
    expect(d.sessionStarts).toEqual(['2026-11-23', '2026-12-07', '2027-01-04']);
    expect(d.nextStart).toBe('2026-11-23');
    expect(d.sessions.map((s) => s.start)).toEqual(['2026-11-23', '2026-12-07', '2027-01-04']);
    expect(d.sessions.map((s) => s.underway)).toEqual([false, false, false]);
  });

  it('entrées permanentes : sessions sans date ou en cours restent proposées, sans date de début à venir', () => {
    const d = documents()['A-BOUL'] as ActionDocument;
    expect(d.sessions).toEqual([
      { start: '2026-09-01', end: '2027-03-31', underway: true, full: false },
      { start: null, end: null, underway: false, full: false },
    ]);
    expect(d.sessionStarts).toEqual([]);
    // On peut y entrer dès maintenant : « aujourd'hui » pour le tri par date, avant les formations fermées.
    expect(d.nextStart).toBe(TODAY);
    expect(d.enrolment).toBe('open');
  });

  it('sans entrées permanentes, une session commencée n’est plus proposée si l’on ne peut plus y entrer (recrutement fermé ou suspendu, ou finie)', () => {
    const d = documents()['A-DEV'] as ActionDocument;
    expect(d.sessions).toEqual([]);
    expect(d.nextStart).toBeNull();
    // Elle est en cours mais fermée : dite « fermée », pas « aucune session ».
    expect(d.enrolment).toBe('closed');
  });

  it('une session à venir complète (recrutement fermé) : proposée, dite complète, sans « prochain début » pour le tri par date', () => {
    const base = input();
    const boul = base.offer.actions.find((a) => a.id === 'A-BOUL')!;
    const full = { ...boul, permanentEntry: false, sessions: [{ ...boul.sessions[0]!, id: 'S-COMPLETE', start: '2027-02-01', end: '2027-06-30', recruitmentState: 'ferme' as const }] };
    const offer = { ...base.offer, actions: base.offer.actions.map((a) => (a.id === 'A-BOUL' ? full : a)) };
    const d = buildActionDocuments({ ...base, offer }).find((x) => x.id === 'A-BOUL')!;
    expect(d.sessions).toEqual([{ start: '2027-02-01', end: '2027-06-30', underway: false, full: true }]);
    expect(d.sessionStarts).toEqual(['2027-02-01']);
    expect(d.nextStart).toBeNull();
    expect(d.enrolment).toBe('closed');
  });

  it('sans entrées permanentes, une session commencée au recrutement ouvert reste proposée, dite « commencée »', () => {
    const base = input();
    const dev = base.offer.actions.find((a) => a.id === 'A-DEV')!;
    const offer = { ...base.offer, actions: base.offer.actions.map((a) => (a.id === 'A-DEV' ? { ...dev, sessions: [...dev.sessions, { ...dev.sessions[0]!, id: 'S-DEV-OUVERTE', recruitmentState: 'ouvert' as const }] } : a)) };
    const d = buildActionDocuments({ ...base, offer }).find((x) => x.id === 'A-DEV')!;
    expect(d.sessions).toEqual([{ start: '2026-10-01', end: '2027-02-01', underway: true, full: false }]);
    expect(d.enrolment).toBe('open');
    // Pas de début à venir : elle a déjà commencé ; on peut y entrer dès maintenant (« aujourd'hui » pour le tri).
    expect(d.sessionStarts).toEqual([]);
    expect(d.nextStart).toBe(TODAY);
  });

  it('à distance seulement pour la modalité « distance » (pas « mixte »)', () => {
    const docs = documents();
    expect(docs['A-DEV']?.distanceLearning).toBe(true);
    expect(docs['A-BOUL']?.distanceLearning).toBe(false);
  });

  it('département par le code INSEE, sinon le code postal ; territoire seulement si la commune en a un', () => {
    const docs = documents();
    expect(docs['A-BOUL']).toMatchObject({ departement: '49', territoire: null });
    expect(docs['A-DEV']).toMatchObject({ departement: '44', territoire: null, inseeCode: null });
  });

  it('taux d’insertion : règle des 20 sortants appliquée à la statistique la plus précise', () => {
    const docs = documents();
    // 12 sortants dans l'établissement : non diffusé (et pas remplacé par le taux régional).
    expect(docs['A-AS']?.insertionRate).toBeNull();
    // Taux régional (plus précis que le national), 12 mois faute de 6 mois.
    expect(docs['A-BOUL']?.insertionRate).toBe(77.5);
    // Statistique d'un autre établissement : ignorée.
    expect(docs['A-DEV']?.insertionRate).toBeNull();
  });

  it('taux d’insertion : celui de l’établissement de l’organisme passe avant le régional dès 20 sortants', () => {
    const base = input();
    const etablissement = InsertionStat.parse({
      source: 'inserjeunes',
      vintage: '2024-2025',
      scope: 'etablissement-formation',
      uai: '0441234A',
      diplomaCode: '40031001',
      leavers: 20,
      employmentRate6m: 81,
      employmentRate12m: 85,
      furtherStudyRate: null,
    });
    const insertion = [...base.insertion.filter((s) => s.leavers !== 12), etablissement];
    expect(buildActionDocuments({ ...base, insertion }).find((d) => d.id === 'A-AS')?.insertionRate).toBe(81);
  });

  it('avis : seuls les validés, par action ou par session de l’action', () => {
    const docs = documents();
    expect(docs['A-AS']).toMatchObject({ reviewScore: 4.5, reviewCount: 2 });
    expect(docs['A-BOUL']).toMatchObject({ reviewScore: null, reviewCount: 0 });
  });

  it('date de référence invalide ou formation absente : erreur en français', () => {
    expect(() => buildActionDocuments(input({ today: '23/11/2026' }))).toThrow(/Date de référence invalide/);
    const base = input();
    const offer = { ...base.offer, formations: base.offer.formations.filter((f) => f.id !== 'F-DEV') };
    expect(() => buildActionDocuments({ ...base, offer })).toThrow(/Action « A-DEV » : formation « F-DEV » introuvable/);
  });
});

describe('htmlToText et truncateText', () => {
  it('sépare les blocs et décode les entités', () => {
    expect(htmlToText('<p>Un&nbsp;:</p><p>deux &lt; trois</p>line<br>break')).toBe('Un : deux < trois line break');
    expect(htmlToText('<ul><li>un</li><li>deux</li></ul> <b>aide</b>-soignant')).toBe('un deux aide-soignant');
  });

  it('ne coupe pas un texte court', () => {
    expect(truncateText('court', 10)).toBe('court');
    expect(truncateText('un deux trois quatre', 12)).toBe('un deux…');
  });
});
