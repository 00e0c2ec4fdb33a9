import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { importLheo, type CommuneLocator, type LheoImport, type LocatedCommune } from '../../../src/ingest/lheo';
import { LHEO_TEXT_MAX, parseLheoDate } from '../../../src/ingest/lheo-map';
import { ImportFatalError, ReportBuilder, type ImportReport } from '../../../src/ingest/report';
import { sharedData } from '../../support/shared-data';

const NS_23 = 'http://lheo.gouv.fr/2.3';
const NS_22 = 'http://www.lheo.org/2.2';

/** Doublure du référentiel géographique : quelques communes, par code INSEE ou code postal + ville. */
const COMMUNES: LocatedCommune[] = [
  { inseeCode: '44109', name: 'Nantes', postcode: '44000', lat: 47.2181, lon: -1.5528 },
  { inseeCode: '49007', name: 'Angers', postcode: '49000', lat: 47.4736, lon: -0.5542 },
  { inseeCode: '72181', name: 'Le Mans', postcode: '72000', lat: 48.0061, lon: 0.1996 },
];
const fakeLocator: CommuneLocator = {
  locate: ({ inseeCode, postcode, city }) =>
    COMMUNES.find((c) => c.inseeCode === inseeCode) ??
    COMMUNES.find((c) => c.postcode === postcode && c.name.toLowerCase() === city?.toLowerCase()) ??
    null,
};

interface Run extends LheoImport {
  report: ImportReport;
}

async function run(xml: string | Buffer, name = 'flux.xml'): Promise<Run> {
  const report = new ReportBuilder('lheo');
  const stream = Readable.from([typeof xml === 'string' ? Buffer.from(xml, 'utf-8') : xml]);
  const result = await importLheo({ stream, name }, { locateCommune: fakeLocator, report });
  return { ...result, report: report.finish() };
}

async function fatal(xml: string | Buffer): Promise<ImportFatalError> {
  const error = await run(xml).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportFatalError);
  return error as ImportFatalError;
}

const feed = (formations: string, ns = NS_23) => `<?xml version="1.0" encoding="UTF-8"?>\n<lheo xmlns="${ns}">\n<offres>\n${formations}</offres>\n</lheo>\n`;

const responsable = (siret = '98765432100019', name = 'LYCEE PROFESSIONNEL TEST') => `
<organisme-formation-responsable numero="O1">
  <numero-activite>52440000044</numero-activite>
  <SIRET-organisme-formation><SIRET>${siret}</SIRET></SIRET-organisme-formation>
  <nom-organisme>Lycée pro</nom-organisme>
  <raison-sociale>${name}</raison-sociale>
  <coordonnees-organisme><coordonnees><adresse>
    <ligne>1 place du Commerce</ligne><codepostal>44000</codepostal><ville>Nantes</ville>
  </adresse></coordonnees></coordonnees-organisme>
  <contact-organisme><coordonnees><telfixe><numtel>02 40 00 00 00</numtel></telfixe><courriel>contact@lycee.test</courriel></coordonnees></contact-organisme>
  <code-UAI-organisme-formation><code-UAI>0449999z</code-UAI></code-UAI-organisme-formation>
</organisme-formation-responsable>`;

const nantesPlace = (lat = '47.2184', lon = '-1.5536') => `
<lieu-de-formation><coordonnees><adresse>
  <denomination>Campus Nantes</denomination><ligne>12 rue de la Paix</ligne>
  <codepostal>44000</codepostal><ville>Nantes</ville><code-INSEE-commune>44109</code-INSEE-commune>
  <geolocalisation><latitude>${lat}</latitude><longitude>${lon}</longitude></geolocalisation>
</adresse></coordonnees></lieu-de-formation>`;

const session = (debut: string, fin: string, numero = '', etat = '1', inscription = '') => `
<session${numero ? ` numero="${numero}"` : ''}>
  <periode><debut>${debut}</debut><fin>${fin}</fin></periode>
  <adresse-inscription><adresse><ligne>12 rue de la Paix</ligne><codepostal>44000</codepostal><ville>Nantes</ville></adresse></adresse-inscription>
  ${inscription}
  <etat-recrutement>${etat}</etat-recrutement>
</session>`;

/** Une formation minimale valide, à variantes. */
function formation(o: { numero?: string; title?: string; entree?: string; sortie?: string; objectif?: string; actions?: string; extras?: string } = {}): string {
  return `
<formation${o.numero === undefined ? ' numero="F"' : o.numero ? ` numero="${o.numero}"` : ''}>
  <domaine-formation><code-FORMACODE>42752</code-FORMACODE></domaine-formation>
  ${o.title === '' ? '' : `<intitule-formation>${o.title ?? 'Formation test'}</intitule-formation>`}
  <objectif-formation>${o.objectif ?? 'Objectif'}</objectif-formation>
  <resultats-attendus>Résultats</resultats-attendus>
  <contenu-formation>Contenu</contenu-formation>
  <certifiante>0</certifiante>
  <contact-formation><coordonnees/></contact-formation>
  <parcours-de-formation>1</parcours-de-formation>
  <code-niveau-entree>${o.entree ?? '0'}</code-niveau-entree>
  ${o.sortie ? `<code-niveau-sortie>${o.sortie}</code-niveau-sortie>` : ''}
  ${o.actions ?? action()}
  ${responsable()}
  ${o.extras ?? ''}
</formation>`;
}

function action(o: { numero?: string; place?: string; sessions?: string; extra?: string } = {}): string {
  return `
<action${o.numero ? ` numero="${o.numero}"` : ''}>
  <rythme-formation>Temps plein</rythme-formation>
  <code-public-vise>80010</code-public-vise>
  <niveau-entree-obligatoire>0</niveau-entree-obligatoire>
  <modalites-alternance>-</modalites-alternance>
  <modalites-enseignement>0</modalites-enseignement>
  <conditions-specifiques>aucune</conditions-specifiques>
  <prise-en-charge-frais-possible>0</prise-en-charge-frais-possible>
  ${o.place ?? nantesPlace()}
  <modalites-entrees-sorties>0</modalites-entrees-sorties>
  ${o.sessions ?? session('20250901', '20260630')}
  ${o.extra ?? ''}
</action>`;
}

// ---------------------------------------------------------------------------------------------

const VALID_23 = feed(`
<formation numero="F1">
  <domaine-formation>
    <code-FORMACODE>42752</code-FORMACODE><code-FORMACODE>4275</code-FORMACODE>
    <code-NSF>221</code-NSF>
    <code-ROME>G1602</code-ROME><code-ROME>g1603</code-ROME><code-ROME>Z9999</code-ROME>
  </domaine-formation>
  <intitule-formation>CAP Cuisine</intitule-formation>
  <objectif-formation>&lt;p&gt;Devenir cuisinier&lt;/p&gt;</objectif-formation>
  <resultats-attendus>Obtenir le CAP</resultats-attendus>
  <contenu-formation>Techniques culinaires</contenu-formation>
  <certifiante>1</certifiante>
  <contact-formation><coordonnees><nom>Dupont</nom><prenom>Anne</prenom><telfixe><numtel>02 40 11 11 11</numtel></telfixe><courriel>anne@lycee.test</courriel></coordonnees></contact-formation>
  <parcours-de-formation>1</parcours-de-formation>
  <code-niveau-entree>0</code-niveau-entree>
  <certification><code-RNCP>5466</code-RNCP><code-CERTIFINFO>100123</code-CERTIFINFO></certification>
  <code-niveau-sortie>4</code-niveau-sortie>
  <action numero="A1">
    <rythme-formation>Temps plein</rythme-formation>
    <code-public-vise>80010</code-public-vise><code-public-vise>81061</code-public-vise>
    <niveau-entree-obligatoire>0</niveau-entree-obligatoire>
    <modalites-alternance>-</modalites-alternance>
    <modalites-enseignement>0</modalites-enseignement>
    <conditions-specifiques>Avoir 16 ans</conditions-specifiques>
    <prise-en-charge-frais-possible>1</prise-en-charge-frais-possible>
    ${nantesPlace()}
    <modalites-entrees-sorties>0</modalites-entrees-sorties>
    <url-action><urlweb>https://cfa.test/cap-cuisine</urlweb></url-action>
    ${session('20250901', '20260630', 'S1', '1', '<modalites-inscription>Sur dossier</modalites-inscription><periode-inscription><periode><debut>20250501</debut><fin>20250831</fin></periode></periode-inscription>')}
    ${session('20260900', '99999999', 'S2', '2')}
    <date-information><date>20260115</date></date-information>
    <date-information><date>20251201</date></date-information>
    <date-information><date>20260100</date></date-information>
    <acces-handicapes>Locaux accessibles aux personnes à mobilité réduite</acces-handicapes>
    <modalites-recrutement>Entretien et tests de positionnement</modalites-recrutement>
    <frais-restants>Tenue : 60 €</frais-restants>
    <prix-total-TTC>4 500,50</prix-total-TTC>
    <nombre-heures-total>800</nombre-heures-total>
    <detail-conditions-prise-en-charge>Payée par la Région pour les demandeurs d’emploi</detail-conditions-prise-en-charge>
    <organisme-formateur>
      <SIRET-formateur><SIRET>12345678900011</SIRET></SIRET-formateur>
      <raison-sociale-formateur>CFA Test</raison-sociale-formateur>
      <contact-formateur><coordonnees><nom>Martin</nom><courriel>martin@cfa.test</courriel></coordonnees></contact-formateur>
      <code-UAI-formateur><code-UAI>0441234A</code-UAI></code-UAI-formateur>
    </organisme-formateur>
    <organisme-financeur><code-financeur>2</code-financeur></organisme-financeur>
    <organisme-financeur><code-financeur>4</code-financeur></organisme-financeur>
    <extras><extra info="dispositif">visa-metiers</extra><extra info="eligible-cpf">1</extra></extras>
  </action>
  <action>
    <rythme-formation>Temps partiel</rythme-formation>
    <code-public-vise>80010</code-public-vise>
    <niveau-entree-obligatoire>0</niveau-entree-obligatoire>
    <modalites-alternance>-</modalites-alternance>
    <modalites-enseignement>1</modalites-enseignement>
    <conditions-specifiques>-</conditions-specifiques>
    <prise-en-charge-frais-possible>0</prise-en-charge-frais-possible>
    <lieu-de-formation><coordonnees><ligne>Site d'Angers</ligne><adresse>
      <ligne>3 boulevard Foch</ligne><codepostal>49000</codepostal><ville>Angers</ville>
    </adresse></coordonnees></lieu-de-formation>
    <modalites-entrees-sorties>1</modalites-entrees-sorties>
    ${session('00000000', '99999999')}
    <duree-indicative>35 h</duree-indicative>
    <extras><extra info="dispositif">prepa-inconnu</extra></extras>
  </action>
  ${responsable()}
  <extras><extra info="cfd">50022135</extra></extras>
</formation>
<formation numero="F2">
  <domaine-formation><code-FORMACODE>31054</code-FORMACODE><code-ROME>M1805</code-ROME></domaine-formation>
  <intitule-formation>Licence pro développement web</intitule-formation>
  <objectif-formation>Objectif</objectif-formation>
  <resultats-attendus>Résultats</resultats-attendus>
  <contenu-formation>Contenu</contenu-formation>
  <certifiante>1</certifiante>
  <contact-formation><coordonnees/></contact-formation>
  <parcours-de-formation>1</parcours-de-formation>
  <code-niveau-entree>14</code-niveau-entree>
  <certification><code-RS>RS5678</code-RS><code-CPF>CPF999</code-CPF></certification>
  <code-niveau-sortie>16</code-niveau-sortie>
  <action numero="A3">
    <rythme-formation>Temps plein</rythme-formation>
    <code-public-vise>80010</code-public-vise>
    <niveau-entree-obligatoire>1</niveau-entree-obligatoire>
    <modalites-alternance>-</modalites-alternance>
    <modalites-enseignement>2</modalites-enseignement>
    <conditions-specifiques>Bac</conditions-specifiques>
    <prise-en-charge-frais-possible>0</prise-en-charge-frais-possible>
    <lieu-de-formation><coordonnees><adresse>
      <ligne>Avenue Bartholdi</ligne><codepostal>72000</codepostal><ville>Le Mans</ville><code-INSEE-commune>72181</code-INSEE-commune>
    </adresse></coordonnees></lieu-de-formation>
    <modalites-entrees-sorties>0</modalites-entrees-sorties>
    ${session('20250915', '20260615', 'S3')}
    ${session('20251341', '20260615', 'S4')}
    ${session('20260101', '20251231', 'S5')}
    <acces-handicapes></acces-handicapes>
    <organisme-formateur>
      <SIRET-formateur><SIRET>98765432100019</SIRET></SIRET-formateur>
      <raison-sociale-formateur>LYCEE PROFESSIONNEL TEST</raison-sociale-formateur>
      <extras><extra info="uai">0449999Z</extra></extras>
    </organisme-formateur>
  </action>
  ${responsable('11122233300044', 'UNIVERSITE TEST')}
</formation>
`);

describe('importLheo — flux LHEO 2.3 valide', () => {
  let result: Run;
  const load = async () => (result ??= await run(VALID_23, 'offre-2.3.xml'));

  it('traduit la formation avec ses niveaux (ancien code 4 = niveau 3), codes et certifications', async () => {
    const { formations } = await load();
    expect(formations).toHaveLength(2);
    expect(formations[0]).toEqual({
      id: 'F1',
      title: 'CAP Cuisine',
      objective: '<p>Devenir cuisinier</p>',
      content: 'Techniques culinaires',
      expectedResults: 'Obtenir le CAP',
      certifying: true,
      certifications: [
        { type: 'RNCP', code: '5466', label: null },
        { type: 'CERTIFINFO', code: '100123', label: null },
      ],
      diplomaCode: '50022135',
      mefstatCode: null,
      entryLevel: null,
      exitLevel: 3,
      romeCodes: ['G1602', 'G1603'],
      formacodes: ['42752'],
      nsfCodes: ['221'],
      organismeResponsableId: '98765432100019',
    });
    expect(formations[1]).toMatchObject({
      id: 'F2',
      entryLevel: 4,
      exitLevel: 6,
      certifications: [{ type: 'RS', code: 'RS5678', label: null }],
      organismeResponsableId: '11122233300044',
    });
  });

  it('traduit une action complète : lieu géolocalisé, sessions, financement, accessibilité, contact', async () => {
    const { actions } = await load();
    expect(actions.map((a) => a.id)).toEqual(['A1', 'F1-a2', 'A3']);
    expect(actions[0]).toEqual({
      id: 'A1',
      formationId: 'F1',
      organismeId: '12345678900011',
      place: {
        label: 'Campus Nantes',
        street: '12 rue de la Paix',
        postcode: '44000',
        city: 'Nantes',
        inseeCode: '44109',
        lat: 47.2184,
        lon: -1.5536,
        coordSource: 'lheo',
      },
      teachingMode: 'presentiel',
      publics: ['80010', '81061'],
      durationHours: 800,
      priceEuros: 4500.5,
      financing: { funders: ['2', '4'], programme: 'visa-metiers', cpfEligible: true },
      permanentEntry: false,
      handicapAccessible: true,
      prerequisites: 'Avoir 16 ans',
      contact: { name: 'Martin', phone: null, email: 'martin@cfa.test', website: 'https://cfa.test/cap-cuisine' },
      rhythm: 'Temps plein',
      recruitmentModalities: 'Entretien et tests de positionnement',
      // Triées ; « 20260100 » (jour inconnu) compte pour le 1er janvier.
      informationDates: ['2025-12-01', '2026-01-01', '2026-01-15'],
      remainingCosts: 'Tenue : 60 €',
      chargePossible: true,
      chargeDetails: 'Payée par la Région pour les demandeurs d’emploi',
      sessions: [
        {
          id: 'S1',
          start: '2025-09-01',
          end: '2026-06-30',
          recruitmentState: 'ouvert',
          registrationAddress: { label: null, street: '12 rue de la Paix', postcode: '44000', city: 'Nantes', inseeCode: null },
          enrolmentModalities: 'Sur dossier',
          enrolmentPeriod: { start: '2025-05-01', end: '2025-08-31' },
        },
        {
          id: 'S2',
          start: '2026-09-01',
          end: null,
          recruitmentState: 'ferme',
          registrationAddress: { label: null, street: '12 rue de la Paix', postcode: '44000', city: 'Nantes', inseeCode: null },
          enrolmentModalities: null,
          enrolmentPeriod: null,
        },
      ],
    });
  });

  it('place au centre de la commune un lieu sans coordonnées, et applique les valeurs par défaut', async () => {
    const { actions } = await load();
    const a2 = actions[1]!;
    expect(a2.place).toEqual({
      label: "Site d'Angers",
      street: '3 boulevard Foch',
      postcode: '49000',
      city: 'Angers',
      inseeCode: '49007',
      lat: 47.4736,
      lon: -0.5542,
      coordSource: 'commune',
    });
    expect(a2).toMatchObject({
      organismeId: '98765432100019',
      teachingMode: 'mixte',
      permanentEntry: true,
      durationHours: 35,
      priceEuros: null,
      handicapAccessible: null,
      prerequisites: null,
      financing: { funders: [], programme: null, cpfEligible: false },
      contact: { name: 'Anne Dupont', phone: '02 40 11 11 11', email: 'anne@lycee.test', website: null },
    });
    expect(a2.sessions).toEqual([expect.objectContaining({ id: 'F1-a2-s1', start: null, end: null })]);
  });

  it('rejette les sessions aux dates invalides en gardant l’action ; CPF par code-CPF ; accès handicapés vide = non', async () => {
    const { actions, report } = await load();
    const a3 = actions[2]!;
    expect(a3.sessions.map((s) => s.id)).toEqual(['S3']);
    expect(a3).toMatchObject({ teachingMode: 'distance', handicapAccessible: false, financing: { cpfEligible: true }, place: { coordSource: 'commune', lat: 48.0061 } });
    const sessionRejects = report.rejected.filter((r) => r.id === 'S4' || r.id === 'S5');
    expect(sessionRejects).toEqual([
      { file: 'offre-2.3.xml', position: expect.stringMatching(/^formation n°2, action n°1, session n°2, ligne \d+$/), id: 'S4', reason: 'début : date inexistante : « 20251341 »' },
      { file: 'offre-2.3.xml', position: expect.stringMatching(/^formation n°2, action n°1, session n°3, ligne \d+$/), id: 'S5', reason: 'la fin de session (2025-12-31) précède son début (2026-01-01)' },
    ]);
    expect(report.rejected).toHaveLength(2);
  });

  it('dédoublonne les organismes par SIRET et complète l’un par l’autre', async () => {
    const { organismes } = await load();
    expect(organismes.map((o) => o.id).sort()).toEqual(['11122233300044', '12345678900011', '98765432100019']);
    expect(organismes.find((o) => o.id === '98765432100019')).toEqual({
      id: '98765432100019',
      siret: '98765432100019',
      name: 'LYCEE PROFESSIONNEL TEST',
      uai: '0449999Z',
      address: { label: null, street: '1 place du Commerce', postcode: '44000', city: 'Nantes', inseeCode: null },
      contact: { name: null, phone: '02 40 00 00 00', email: 'contact@lycee.test', website: null },
    });
    expect(organismes.find((o) => o.id === '12345678900011')).toMatchObject({ name: 'CFA Test', uai: '0441234A', address: null });
  });

  it('signale en avertissement les codes invalides et le dispositif inconnu, et compte les acceptés', async () => {
    const { report, complete } = await load();
    expect(complete).toBe(true);
    expect(report.warnings.map((w) => w.reason)).toEqual([
      'code ROME invalide ignoré : « Z9999 »',
      'code Formacode invalide ignoré : « 4275 »',
      'dispositif régional inconnu : « prepa-inconnu » (aucun dispositif retenu)',
    ]);
    expect(report.accepted).toEqual({ formation: 2, action: 3, session: 4, organisme: 3 });
  });
});

describe('importLheo — liens avec InserJeunes', () => {
  it('lit le CFD et le MEFSTAT11 des <extra> ; un code mal formé est ignoré avec un avertissement', async () => {
    const { formations, report } = await run(
      feed(
        formation({ numero: 'F1', extras: '<extras><extra info="CFD">46t25501</extra><extra info="mefstat11">24720050022</extra></extras>' }) +
          formation({ numero: 'F2', extras: '<extras><extra info="cfd">5002214</extra><extra info="mefstat11">2472005002x</extra></extras>' }),
      ),
    );
    expect(formations.map((f) => [f.id, f.diplomaCode, f.mefstatCode])).toEqual([
      ['F1', '46T25501', '24720050022'],
      ['F2', null, null],
    ]);
    expect(report.warnings.map((w) => w.reason)).toEqual(['code CFD invalide ignoré : « 5002214 »', 'code MEFSTAT11 invalide ignoré : « 2472005002x »']);
  });
});

describe('importLheo — exemple réel ONISEP (LHEO 2.2)', () => {
  const dir = sharedData('lheo');
  it.skipIf(!dir)('importe 1 formation et 1 action avec titre, niveau, codes ROME et Formacode', async () => {
    const report = new ReportBuilder('lheo');
    const file = path.join(dir!, 'exemple-bts-onisep.xml');
    const result = await importLheo({ path: file }, { locateCommune: fakeLocator, report });
    const { rejected, warnings } = report.finish();
    expect(rejected).toEqual([]);
    // Quimperlé (Finistère) : hors de la région, gardé avec un avertissement (issue 15, §7).
    expect(warnings.map((w) => w.reason)).toEqual(['lieu hors des Pays de la Loire : code INSEE 29233 (département 29) ; lieu gardé']);
    expect(result.formations).toHaveLength(1);
    expect(result.actions).toHaveLength(1);
    const [f] = result.formations;
    expect(f).toMatchObject({
      id: '9436_18706',
      title: 'BTS négociation et relation client',
      exitLevel: 5, // ancien niveau III (BTS)
      entryLevel: null,
      romeCodes: ['D1402', 'D1403', 'D1408'],
      formacodes: ['34582', '34076'],
      nsfCodes: ['312'],
      certifications: [
        { type: 'RNCP', code: '474', label: null },
        { type: 'CERTIFINFO', code: '19004', label: null },
      ],
    });
    expect(f!.objective).toMatch(/^<p>A la fois vendeur, manager et commercial/);
    expect(result.actions[0]).toMatchObject({
      place: { city: 'QUIMPERLÉ', inseeCode: '29233', lat: 47.882108, lon: -3.5526545, coordSource: 'lheo' },
      sessions: [{ start: '2015-09-01', end: '2017-08-31' }],
    });
    // raison sociale « - » : le nom usuel est retenu.
    expect(result.organismes).toEqual([expect.objectContaining({ id: '19290076900014', name: 'Lycée Kerneuzec' })]);
  });
});

describe('importLheo — entrées hostiles', () => {
  it('fichier tronqué : garde les formations complètes, rejette la suite et le signale', async () => {
    const full = feed(formation({ numero: 'T1' }) + formation({ numero: 'T2' }) + formation({ numero: 'T3' }));
    const cut = full.slice(0, full.lastIndexOf('<formation numero="T3"') + 300);
    const { formations, report, complete } = await run(cut);
    expect(formations.map((f) => f.id)).toEqual(['T1', 'T2']);
    expect(complete).toBe(false);
    const lines = cut.split('\n').length;
    expect(report.rejected).toEqual([
      {
        file: 'flux.xml',
        position: `ligne ${lines}`,
        id: null,
        reason: expect.stringMatching(new RegExp(`^fichier tronqué ou XML mal formé à la ligne ${lines} : balise non fermée : <[\\w-]+>`)),
      },
    ]);
  });

  it('XML mal formé en cours de fichier : même traitement qu’une troncature', async () => {
    const xml = feed(formation({ numero: 'M1' }) + '<formation numero="M2"><intitule-formation>x</intitule></formation>');
    const { formations, report, complete } = await run(xml);
    expect(formations.map((f) => f.id)).toEqual(['M1']);
    expect(complete).toBe(false);
    expect(report.rejected[0]?.reason).toMatch(/XML mal formé à la ligne \d+ : balise fermante qui ne correspond pas/);
  });

  it('fichier tronqué avant la première formation complète, vide, ou non XML : erreur fatale', async () => {
    const full = feed(formation());
    expect((await fatal(full.slice(0, 400))).message).toMatch(/^XML mal formé ou fichier tronqué à la ligne \d+, avant toute formation complète/);
    expect((await fatal('')).message).toBe('fichier vide');
    expect((await fatal('numero;intitule\n1;CAP\n')).message).toMatch(/^format non reconnu : ce n'est pas un fichier XML \(ligne \d+ : texte en dehors de l’élément racine\)$/);
    expect((await fatal('   \n')).message).toMatch(/^format non reconnu/);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff, 0xd8]);
    expect((await fatal(png)).message).toMatch(/octets invalides|format non reconnu/);
  });

  it('mauvais espace de noms ou autre racine : « format non reconnu »', async () => {
    expect((await fatal(feed(formation(), 'http://lheo.gouv.fr/9.9'))).message).toBe(
      'format non reconnu : élément racine <lheo> de l\'espace de noms « http://lheo.gouv.fr/9.9 » (attendu : <lheo> de LHEO 2.2 ou 2.3)',
    );
    expect((await fatal('<lheo><offres/></lheo>')).message).toMatch(/^format non reconnu : élément racine <lheo> sans espace de noms/);
    expect((await fatal('<html><body>Bonjour</body></html>')).message).toMatch(/^format non reconnu : élément racine <html>/);
    // Préfixe explicite : accepté.
    const prefixed = `<l:lheo xmlns:l="${NS_23}"><l:offres>${formation().replace(/<(\/?)([a-zA-Z])/g, '<$1l:$2')}</l:offres></l:lheo>`;
    expect((await run(prefixed)).formations).toHaveLength(1);
  });

  it('n’interprète ni DTD ni entités externes (XXE)', async () => {
    const secret = path.join(tmpdir(), 'lheo-xxe-secret.txt');
    const xxe = `<?xml version="1.0"?><!DOCTYPE lheo [<!ENTITY xxe SYSTEM "file://${secret}">]><lheo xmlns="${NS_23}"><offres>${formation({ title: '&xxe;' })}</offres></lheo>`;
    expect((await fatal(xxe)).message).toMatch(/entité non définie/);
    const laughs = `<!DOCTYPE lheo [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><lheo xmlns="${NS_23}"><offres>${formation({ title: '&b;' })}</offres></lheo>`;
    expect((await fatal(laughs)).message).toMatch(/entité non définie/);
  });

  it('identifiants absents : identifiants dérivés stables ; intitulé absent ou identifiant en double : rejet', async () => {
    const xml = feed(
      formation({ numero: '', title: 'Sans numéro', actions: action({ sessions: session('20250101', '20250630') }) }) +
        formation({ numero: 'X', title: '' }) +
        formation({ numero: 'D' }) +
        formation({ numero: 'D' }),
    );
    const first = await run(xml);
    const second = await run(xml);
    const [f] = first.formations;
    expect(f!.id).toMatch(/^lheo-formation-[0-9a-f]{16}$/);
    expect(second.formations[0]!.id).toBe(f!.id);
    expect(first.actions[0]).toMatchObject({ id: `${f!.id}-a1`, formationId: f!.id, sessions: [{ id: `${f!.id}-a1-s1` }] });
    expect(first.formations.map((x) => x.id)).toEqual([f!.id, 'D']);
    expect(first.report.rejected).toEqual([
      { file: 'flux.xml', position: expect.stringMatching(/^formation n°2, ligne \d+$/), id: 'X', reason: 'intitulé de la formation absent' },
      { file: 'flux.xml', position: expect.stringMatching(/^formation n°4, ligne \d+$/), id: 'D', reason: 'identifiant déjà utilisé par une formation précédente' },
    ]);
  });

  it('dates : 20251341 et fin avant début rejettent la session, pas l’action', async () => {
    const sessions = session('20251341', '20260101', 'BAD') + session('20260630', '20250901', 'REV') + session('20250901', '20260630', 'OK');
    const { actions, report } = await run(feed(formation({ actions: action({ numero: 'A', sessions }) })));
    expect(actions).toHaveLength(1);
    expect(actions[0]!.sessions.map((s) => s.id)).toEqual(['OK']);
    expect(report.rejected.map((r) => [r.id, r.reason])).toEqual([
      ['BAD', 'début : date inexistante : « 20251341 »'],
      ['REV', 'la fin de session (2025-09-01) précède son début (2026-06-30)'],
    ]);
  });

  it('coordonnées hors de France ou inversées : avertissement et centre de la commune', async () => {
    const xml = feed(
      formation({ numero: 'G1', actions: action({ numero: 'ZERO', place: nantesPlace('0', '0') }) }) +
        formation({ numero: 'G2', actions: action({ numero: 'SWAP', place: nantesPlace('-1.5536', '47.2184') }) }) +
        formation({ numero: 'G3', actions: action({ numero: 'TEXT', place: nantesPlace('nord', 'ouest') }) }),
    );
    const { actions, report } = await run(xml);
    expect(actions.map((a) => [a.id, a.place.coordSource, a.place.lat, a.place.lon])).toEqual([
      ['ZERO', 'commune', 47.2181, -1.5528],
      ['SWAP', 'commune', 47.2181, -1.5528],
      ['TEXT', 'commune', 47.2181, -1.5528],
    ]);
    expect(report.warnings.map((w) => [w.id, w.reason])).toEqual([
      ['ZERO', 'coordonnées hors de France métropolitaine (0, 0) : centre de la commune utilisé'],
      ['SWAP', 'coordonnées hors de France métropolitaine (-1.5536, 47.2184) : centre de la commune utilisé'],
      ['TEXT', 'coordonnées du lieu illisibles : centre de la commune utilisé'],
    ]);
  });

  it('lieu introuvable (ni coordonnées en France, ni commune connue) : action rejetée avec l’adresse', async () => {
    const place = `<lieu-de-formation><coordonnees><adresse><ligne>1 rue Inconnue</ligne><codepostal>99999</codepostal><ville>Nulle-Part</ville>
      <geolocalisation><latitude>40.7</latitude><longitude>-74</longitude></geolocalisation></adresse></coordonnees></lieu-de-formation>`;
    const { formations, actions, report } = await run(feed(formation({ numero: 'L', actions: action({ numero: 'LOST', place }) })));
    expect(formations).toHaveLength(1);
    expect(actions).toEqual([]);
    expect(report.rejected).toEqual([
      {
        file: 'flux.xml',
        position: expect.stringMatching(/^formation n°1, action n°1, ligne \d+$/),
        id: 'LOST',
        reason: 'lieu de formation introuvable : « 1 rue Inconnue, 99999 Nulle-Part » — ni coordonnées en France, ni commune reconnue',
      },
    ]);
    expect(report.warnings.map((w) => w.reason)).toContain('aucune action valide : formation importée sans action');
  });

  it('action sans lieu de formation (à distance) : placée à l’adresse de l’organisme responsable', async () => {
    const { actions, report } = await run(feed(formation({ actions: action({ numero: 'FOAD', place: '' }) })));
    expect(report.rejected).toEqual([]);
    expect(actions[0]?.place).toEqual({
      label: null,
      street: '1 place du Commerce',
      postcode: '44000',
      city: 'Nantes',
      inseeCode: '44109',
      lat: 47.2181,
      lon: -1.5528,
      coordSource: 'commune',
    });
  });

  it('HTML et <script> : gardés tels quels, comme texte (ni exécutés ni filtrés ici)', async () => {
    const escaped = '&lt;script&gt;alert("x")&lt;/script&gt;&lt;b onclick="evil()"&gt;Gras&lt;/b&gt; &amp;amp; 5 &lt; 6';
    const cdata = '<![CDATA[<script>alert(1)</script><img src=x onerror=alert(2)>]]>';
    const raw = '<p class="intro">Début <em>important</em></p>';
    const xml = feed(formation({ numero: 'H1', objectif: escaped }) + formation({ numero: 'H2', objectif: cdata }) + formation({ numero: 'H3', objectif: raw }));
    const { formations } = await run(xml);
    expect(formations.map((f) => f.objective)).toEqual([
      '<script>alert("x")</script><b onclick="evil()">Gras</b> &amp; 5 < 6',
      '<script>alert(1)</script><img src=x onerror=alert(2)>',
      '<p class="intro">Début <em>important</em></p>',
    ]);
    expect(typeof formations[0]!.objective).toBe('string');
  });

  it('fichier ISO-8859-1 déclaré : les octets latin-1 (é) sont bien décodés', async () => {
    const xml = feed(formation({ numero: 'ISO', title: 'Électricité générale - façadier' })).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    const bytes = iconv.encode(xml, 'latin1');
    expect(bytes.includes(Buffer.from('é', 'utf-8'))).toBe(false);
    expect(bytes.includes(0xe9)).toBe(true);
    const { formations } = await run(bytes);
    expect(formations[0]!.title).toBe('Électricité générale - façadier');
  });

  it('octets latin-1 dans un fichier qui se dit UTF-8 : chacun signalé à sa ligne et son octet, le reste importé', async () => {
    const xml = feed(formation({ numero: 'F1', title: 'Électricité' }) + formation({ numero: 'F2', title: 'Cuisine' }));
    const bytes = iconv.encode(xml, 'latin1');
    const { report, formations } = await run(bytes);
    const line = xml.slice(0, xml.indexOf('Électricité')).split('\n').length;
    const byte = bytes.indexOf(0xc9) + 1;
    expect(formations.map((f) => f.id)).toEqual(['F1', 'F2']);
    expect(formations[0]!.title).toBe('\uFFFDlectricit\uFFFD');
    expect(report.warnings[0]).toMatchObject({ position: `ligne ${line}, octet n°${byte}` });
    expect(report.warnings[0]!.reason).toMatch(/^octet C9 invalide en UTF-8, remplacé par « � » ; le reste du fichier est importé/);
    // Chaque lettre accentuée en Latin-1 est un octet seul, invalide en UTF-8.
    const highBytes = [...bytes].filter((b) => b >= 0x80).length;
    expect(highBytes).toBeGreaterThan(2);
    expect(report.counts['séquences d’octets invalides en UTF-8 : remplacées par « � », le reste du fichier importé']).toBe(highBytes);
  });

  it('BOM UTF-8 et UTF-16 : détectées et retirées', async () => {
    const xml = feed(formation({ numero: 'BOM', title: 'Café' }));
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml, 'utf-8')]);
    expect((await run(utf8)).formations[0]!.title).toBe('Café');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml.replace('encoding="UTF-8"', 'encoding="UTF-16"'), 'utf16le')]);
    expect((await run(utf16)).formations[0]!.title).toBe('Café');
  });

  it('code de niveau inconnu (2.3) : formation rejetée avec la raison', async () => {
    const xml = feed(formation({ numero: 'N1', sortie: '42' }) + formation({ numero: 'N2', entree: '13', sortie: '15' }));
    const { formations, actions, report } = await run(xml);
    expect(formations.map((f) => [f.id, f.entryLevel, f.exitLevel])).toEqual([['N2', 3, 5]]);
    expect(actions.map((a) => a.formationId)).toEqual(['N2']);
    expect(report.rejected).toEqual([
      { file: 'flux.xml', position: expect.stringMatching(/^formation n°1, ligne \d+$/), id: 'N1', reason: 'niveau de sortie : code de niveau LHEO inconnu : « 42 »' },
    ]);
  });

  it('codes de modalité inconnus ou absents : action rejetée', async () => {
    const bad = action({ numero: 'B' }).replace('<modalites-enseignement>0</modalites-enseignement>', '<modalites-enseignement>7</modalites-enseignement>').replace('<modalites-entrees-sorties>0</modalites-entrees-sorties>', '');
    const { actions, report } = await run(feed(formation({ actions: bad })));
    expect(actions).toEqual([]);
    expect(report.rejected.map((r) => r.reason)).toEqual(['code de modalité d’enseignement inconnu : « 7 » ; code de modalité d’entrées/sorties absent']);
  });

  it('flux 2.2 accepté ; fichier lu depuis un chemin, fichier absent : erreur fatale', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lheo-'));
    try {
      const file = path.join(dir, 'offre.xml');
      writeFileSync(file, feed(formation({ numero: 'P' }), NS_22));
      const report = new ReportBuilder('lheo');
      const result = await importLheo({ path: file }, { locateCommune: fakeLocator, report });
      expect(result.formations.map((f) => f.id)).toEqual(['P']);
      await expect(importLheo({ path: path.join(dir, 'absent.xml') }, { locateCommune: fakeLocator, report })).rejects.toThrow(/^fichier illisible : ENOENT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('parseLheoDate', () => {
  it.each([
    ['20250901', 'start', '2025-09-01'],
    ['20240229', 'start', '2024-02-29'],
    ['00000000', 'start', null],
    ['99999999', 'end', null],
    ['20250200', 'start', '2025-02-01'],
    ['20250200', 'end', '2025-02-28'],
    ['20250000', 'start', '2025-01-01'],
    ['20250000', 'end', '2025-12-31'],
  ] as const)('%s (%s) → %s', (raw, bound, expected) => {
    expect(parseLheoDate(raw, bound)).toEqual({ ok: true, value: expected });
  });

  it.each(['20251341', '20250229', '20251301', '20250032', '2025-09-01', '202509', 'demain'])('%s est rejetée', (raw) => {
    const r = parseLheoDate(raw, 'start');
    expect(r.ok).toBe(false);
  });
});

describe('importLheo — lecture en flux', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lheo-big-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Ramasse-miettes, pour mesurer la mémoire réellement retenue. */
  function collectGarbage(): void {
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
  }

  it('importe 20 000 formations en mémoire bornée', async () => {
    const count = 20_000;
    const file = path.join(dir, 'gros.xml');
    // Texte volumineux non repris dans l'offre : la mémoire doit rester loin de la taille du fichier.
    const filler = `<renseignements-specifiques>${'Texte non repris. '.repeat(150)}</renseignements-specifiques>`;
    const template = formation({ numero: '§', actions: action({ numero: '§-a', sessions: session('20250901', '20260630', '§-s') }) }).replace(
      '</organisme-formation-responsable>',
      `${filler}</organisme-formation-responsable>`,
    );
    const out = createWriteStream(file);
    out.write(`<?xml version="1.0" encoding="UTF-8"?>\n<lheo xmlns="${NS_23}"><offres>\n`);
    for (let i = 0; i < count; i++) if (!out.write(template.replaceAll('§', `G${i}`))) await once(out, 'drain');
    out.end('</offres></lheo>\n');
    await once(out, 'finish');
    const { size } = statSync(file);

    collectGarbage();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    let progressCalls = 0;
    const report = new ReportBuilder('lheo');
    const started = performance.now();
    const onProgress = () => {
      progressCalls++;
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    };
    const result = await importLheo({ path: file }, { locateCommune: fakeLocator, report, onProgress });
    const seconds = (performance.now() - started) / 1000;
    collectGarbage();
    const retained = process.memoryUsage().heapUsed - baseline;
    const mb = (n: number) => `${(n / 1e6).toFixed(1)} Mo`;
    console.log(
      `[LHEO] ${count} formations, ${mb(size)} en ${seconds.toFixed(2)} s : ${Math.round(count / seconds)} formations/s, ` +
        `${(size / 1e6 / seconds).toFixed(1)} Mo/s ; tas : pic +${mb(peak - baseline)}, retenu +${mb(retained)} (offre importée)`,
    );
    expect(result.formations).toHaveLength(count);
    expect(result.actions).toHaveLength(count);
    expect(result.organismes).toHaveLength(1);
    expect(report.finish().rejected).toEqual([]);
    expect(progressCalls).toBe(count / 1000 + 1);
    // Ni arbre du document entier, ni morceaux du fichier retenus par les valeurs gardées.
    expect(peak - baseline).toBeLessThan(2 * size);
    expect(retained).toBeLessThan(size / 2);
  });
});

describe('importLheo — ce que l’import a fait (issue 15, §7)', () => {
  async function runWith(xml: string, referenceDate?: string): Promise<Run> {
    const report = new ReportBuilder('lheo');
    const stream = Readable.from([Buffer.from(xml, 'utf-8')]);
    const result = await importLheo({ stream, name: 'flux.xml' }, { locateCommune: fakeLocator, report, ...(referenceDate ? { referenceDate } : {}) });
    return { ...result, report: report.finish() };
  }
  const parisPlace = (insee: string, lat: string, lon: string, postcode = '75001', city = 'Paris') => `
<lieu-de-formation><coordonnees><adresse>
  <ligne>1 rue X</ligne><codepostal>${postcode}</codepostal><ville>${city}</ville><code-INSEE-commune>${insee}</code-INSEE-commune>
  <geolocalisation><latitude>${lat}</latitude><longitude>${lon}</longitude></geolocalisation>
</adresse></coordonnees></lieu-de-formation>`;

  it('coordonnées hors région pour une commune de la région : centre de la commune, compté ; lieu hors région : gardé, compté', async () => {
    const xml = feed(
      formation({ numero: 'R1', actions: action({ numero: 'A1', place: parisPlace('44109', '48.8566', '2.3522', '44000', 'Nantes') }) }) +
        formation({ numero: 'R2', actions: action({ numero: 'A2', place: parisPlace('75056', '48.8566', '2.3522') }) }) +
        formation({ numero: 'R3', actions: action({ numero: 'A3', place: parisPlace('31555', '43.6045', '1.4440', '31000', 'Toulouse') }) }),
    );
    const { actions, report } = await runWith(xml);
    expect(actions.map((a) => a.id)).toEqual(['A1', 'A2', 'A3']);
    expect(actions[0]!.place).toMatchObject({ lat: 47.2181, lon: -1.5528, coordSource: 'commune' });
    expect(report.counts['lieux aux coordonnées hors des Pays de la Loire alors que leur commune y est : centre de la commune utilisé']).toBe(1);
    expect(report.counts['lieux hors des Pays de la Loire (code INSEE ou coordonnées) : gardés avec un avertissement']).toBe(2);
    expect(report.warnings.map((w) => w.reason)).toEqual([
      expect.stringMatching(/^coordonnées hors des Pays de la Loire \(48\.8566, 2\.3522\) pour une adresse à Nantes \(44109\) : centre de la commune utilisé$/),
      'lieu hors des Pays de la Loire : code INSEE 75056 (département 75) ; lieu gardé',
      'lieu hors des Pays de la Loire : code INSEE 31555 (département 31) ; lieu gardé',
    ]);
  });

  it('identifiants de session en double (dans l’action ou le fichier) et sessions terminées depuis plus d’un an : rejetées, comptées', async () => {
    const xml = feed(
      formation({
        numero: 'D1',
        actions:
          action({ numero: 'A1', sessions: session('20260901', '20270630', 'S1') + session('20261001', '20270630', 'S1') + session('20010901', '20020630', 'VIEILLE') }) +
          action({ numero: 'A2', sessions: session('20260901', '20270630', 'S1') + session('20250101', '20250930', 'RECENTE') }),
      }),
    );
    const { actions, report } = await runWith(xml, '2026-09-14');
    expect(actions.map((a) => a.sessions.map((x) => x.id))).toEqual([['S1'], ['RECENTE']]);
    expect(report.counts['sessions à l’identifiant en double : rejetées']).toBe(2);
    expect(report.counts['sessions terminées depuis plus de 365 jours : rejetées']).toBe(1);
    const reasons = report.rejected.map((r) => r.reason);
    expect(reasons).toContain('identifiant de session en double dans l’action : session rejetée');
    expect(reasons).toContain('identifiant de session en double dans le fichier (une autre action l’a déjà) : session rejetée');
    expect(reasons).toContain('session terminée le 2002-06-30, plus de 365 jours avant la date de référence (2026-09-14) : session rejetée');
    // Sans date de référence, l'âge d'une session n'est pas jugé.
    expect((await runWith(xml)).actions[0]!.sessions.map((x) => x.id)).toEqual(['S1', 'VIEILLE']);
  });

  it('XML mal formé : le rapport dit combien de formations n’ont pas pu être lues', async () => {
    const broken = '<formation numero="M2"><intitule-formation>x</intitule></formation>';
    const xml = feed(formation({ numero: 'M1' }) + broken + formation({ numero: 'M3' }) + formation({ numero: 'M4' }));
    const { formations, report } = await runWith(xml);
    expect(formations.map((f) => f.id)).toEqual(['M1']);
    expect(report.counts['formations illisibles après une erreur XML : non importées']).toBe(3);
    expect(report.rejected[0]!.reason).toContain('formations qui n\'ont pas pu être lues : 3, dont celle en cours à l’erreur');
  });

  it('messages de l’analyseur XML en français, jamais en anglais', async () => {
    const cases = [
      feed(formation({ numero: 'X1' }) + '<formation numero="X2" a="1" a="2"></formation>'),
      feed(formation({ numero: 'X1' }) + '<formation numero="X2"><intitule-formation>&nbsp;</intitule-formation></formation>'),
      feed(formation({ numero: 'X1' }) + '<formation numero=X2></formation>'),
      feed(formation({ numero: 'X1' }) + '<formation numero="X2"><a:b/></formation>'),
    ];
    for (const xml of cases) {
      const reason = (await runWith(xml)).report.rejected[0]!.reason;
      expect(reason).toMatch(/^fichier tronqué ou XML mal formé à la ligne \d+ : /);
      expect(reason, reason).not.toMatch(/\b(attribute|entity|unquoted|unbound|prefix|tag|expected|disallowed)\b/i);
    }
  });
});

describe('importLheo — champs « comment s’inscrire » et « ce que ça coûte »', () => {
  it('coupe un texte trop long à la longueur du schéma, avec un avertissement, et ignore une période d’inscription à l’envers', async () => {
    const long = 'x'.repeat(LHEO_TEXT_MAX.remainingCosts + 50);
    const xml = feed(
      formation({
        actions: action({
          sessions: session('20250901', '20260630', 'S9', '1', '<periode-inscription><periode><debut>20250801</debut><fin>20250501</fin></periode></periode-inscription>'),
          extra: `<frais-restants>${long}</frais-restants>`,
        }),
      }),
    );
    const result = await run(xml);
    const a = result.actions[0];
    expect(a?.remainingCosts).toHaveLength(LHEO_TEXT_MAX.remainingCosts);
    expect(a?.sessions[0]?.enrolmentPeriod).toBeNull();
    const reasons = result.report.warnings.map((w) => w.reason).join('\n');
    expect(reasons).toContain('frais restants trop long');
    expect(reasons).toContain('période d’inscription ignorée');
  });
});
