/**
 * Rendu LHEO 2.3 (espace de noms http://lheo.gouv.fr/2.3) d'une formation de démonstration.
 * L'ordre et les cardinalités des éléments suivent lheo.xsd (séquences strictes).
 *
 * Extensions portées par des `<extras>` (lues par l'importeur src/ingest/lheo.ts) :
 * - formation : `<extra info="cfd">` (code formation diplôme de l'Éducation nationale), seulement chez
 *   les lycées, CFA et établissements agricoles (les autres organismes ne donnent que le code RNCP,
 *   comme dans les flux réels : l'importeur retrouve alors le CFD par le code RNCP) ;
 *   `<extra info="mefstat11">` pour un diplôme préparé en lycée (voie scolaire) ;
 * - action : `<extra info="dispositif">` (clé de REGION_PROGRAMMES), `<extra info="eligible-cpf">1</extra>` ;
 * - organisme formateur : `<extra info="uai">` (en plus de l'élément standard `<code-UAI-formateur>`).
 */
import { lheoCodeForLevel } from '../domain/levels';
import { lheoDate } from './dates';
import { demoMefstat11 } from './inserjeunes';
import type { DemoAction, DemoFormation, DemoSession } from './offer';
import type { DemoOrganisme, DemoSite } from './organismes';
import { PDL_REGION_CODE } from './places';
import { el, escapeXml } from './xml';

export const LHEO_NAMESPACE = 'http://lheo.gouv.fr/2.3';
const FORMACODE_VERSION = 'V13';
const PUBLIC_VISE_VERSION = 'V10';

const MODE_CODES = { presentiel: '0', mixte: '1', distance: '2' } as const;
const STATE_CODES = { ouvert: '1', ferme: '2', suspendu: '3' } as const;

export function lheoHeader(comment: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!-- ${comment.replaceAll('--', '—')} -->\n<lheo xmlns="${LHEO_NAMESPACE}">\n<offres>\n`;
}

export function lheoFooter(): string {
  return '</offres>\n</lheo>\n';
}

function extras(entries: Array<[string, string]>): string {
  if (entries.length === 0) return '';
  return `<extras>${entries.map(([info, value]) => el('extra', value, { info })).join('')}</extras>`;
}

function adresse(site: DemoSite, withLabel: boolean): string {
  let s = '<adresse>';
  if (withLabel && site.label) s += el('denomination', site.label);
  s += el('ligne', site.street);
  s += el('codepostal', site.postcode);
  s += el('ville', site.commune.name);
  s += el('departement', site.commune.departement);
  s += el('code-INSEE-commune', site.commune.code);
  s += el('region', PDL_REGION_CODE);
  s += el('pays', 'FR');
  if (site.coords) s += `<geolocalisation>${el('latitude', site.coords.lat.toFixed(6))}${el('longitude', site.coords.lon.toFixed(6))}</geolocalisation>`;
  return `${s}</adresse>`;
}

function contactCoordonnees(org: DemoOrganisme): string {
  return `<coordonnees><telfixe>${el('numtel', org.phone)}</telfixe>${el('courriel', org.email)}</coordonnees>`;
}

/** Texte LHEO : paragraphe HTML simple (échappé) pour les organismes qui publient en HTML, sinon texte brut. */
function prose(text: string, html: boolean): string {
  return html ? `<p>${text}</p>` : text;
}

function list(items: readonly string[], html: boolean, intro?: string): string {
  if (html) return `${intro ? `<p>${intro}</p>` : ''}<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;
  return `${intro ? `${intro}\n` : ''}${items.map((i) => `- ${i}`).join('\n')}`;
}

function expectedResults(f: DemoFormation): string {
  const t = f.placed.template;
  if (t.results) return t.results;
  if (t.certifying && t.rncp) {
    const level = t.exitLevel ? ` (niveau ${t.exitLevel})` : '';
    return `Obtention de la certification « ${t.title} »${level}, enregistrée au RNCP sous le numéro ${t.rncp}. Validation possible par blocs de compétences.`;
  }
  if (t.certifying && t.rs) return `Obtention de la certification « ${t.title} », enregistrée au répertoire spécifique sous le numéro ${t.rs}.`;
  return 'Attestation de fin de formation précisant les compétences acquises.';
}

/** Objectif général (dict-AIS) déduit du modèle. */
function generalGoal(f: DemoFormation): string {
  const t = f.placed.template;
  if (t.certifying) return '6';
  if (t.programmes.includes('prepa-avenir')) return '9';
  if (t.programmes.includes('prepa-cles') || t.programmes.includes('prepa-rebond')) return '5';
  if (t.title.startsWith('Préparation')) return '8';
  return '7';
}

function rhythm(a: DemoAction): string {
  if (a.route === 'apprentissage') return 'Alternance (contrat d’apprentissage)';
  if (a.route === 'initiale') return 'Temps plein, voie scolaire';
  if (a.mode === 'distance') return a.partTime ? 'À distance, à votre rythme (environ 15 heures par semaine)' : 'À distance, temps plein';
  if (a.permanent) return a.partTime ? 'Temps partiel, entrées et sorties permanentes' : 'Temps plein, entrées et sorties permanentes';
  return a.partTime ? 'Temps partiel' : 'Temps plein (35 heures par semaine)';
}

function alternance(a: DemoAction): string {
  if (a.route === 'apprentissage') return 'Rythme indicatif : 2 semaines en centre de formation, 2 à 3 semaines en entreprise.';
  if (a.route === 'initiale') return `Périodes de formation en milieu professionnel (${a.hoursCompany} heures sur le cursus).`;
  if (a.hoursCompany > 0) return `${a.hoursCentre} heures en centre et ${a.hoursCompany} heures de stage en entreprise.`;
  return 'Sans période en entreprise';
}

/** 1540 → « 1 540 » (séparateur de milliers à la française, sans Intl pour la vitesse). */
export function groupThousands(n: number): string {
  const digits = String(n);
  let out = '';
  for (let i = 0; i < digits.length; i++) out += (i > 0 && (digits.length - i) % 3 === 0 ? ' ' : '') + digits[i];
  return out;
}

function durationLabel(a: DemoAction, years: number | null): string {
  if (a.route !== 'continue' && years) return years > 1 ? `${years} ans` : '1 an';
  return `${groupThousands(a.hoursCentre + a.hoursCompany)} heures`;
}

/** Comment l'organisme choisit les candidats (LHEO modalites-recrutement), selon la voie et le financement. */
function recruitment(a: DemoAction): string {
  if (a.route === 'apprentissage') return 'Trouver une entreprise qui vous embauche en contrat d’apprentissage (le CFA vous aide à chercher), puis entretien de motivation au CFA.';
  if (a.route === 'initiale') return 'Candidature par la procédure d’orientation de votre collège ou lycée (Affelnet ou Parcoursup selon le diplôme).';
  if (a.programme) return 'Votre conseiller (France Travail, Mission locale ou Cap emploi) vous inscrit. Réunion d’information collective, puis entretien individuel et tests de positionnement.';
  if (a.cpf) return 'Dossier de candidature et entretien téléphonique pour vérifier votre projet. Inscription sur Mon Compte Formation si vous utilisez votre CPF.';
  return 'Dossier de candidature (CV et lettre de motivation), puis entretien avec l’organisme.';
}

/** Comment s'inscrire à une session (LHEO modalites-inscription, 255 caractères au plus). */
function enrolmentModalities(a: DemoAction): string {
  if (a.route === 'apprentissage') return 'Inscription au CFA dès que vous avez une entreprise, ou pour être aidé·e à en trouver une.';
  if (a.route === 'initiale') return 'Inscription par l’établissement après l’affectation.';
  if (a.programme) return 'Inscription par votre conseiller, après la réunion d’information.';
  return a.url ? 'Candidature en ligne sur le site de l’organisme, ou par téléphone.' : 'Candidature par téléphone ou par courriel auprès de l’organisme.';
}

/** Frais restant à la charge de la personne (LHEO frais-restants, 200 caractères au plus), quand la démo en annonce. */
function remainingCosts(a: DemoAction): string | null {
  if (a.route === 'apprentissage') return 'Aucun frais pour l’apprenti.';
  if (a.funders.includes('10') && !a.cpf) return 'Frais de dossier : 50 €, en plus du prix de la formation.';
  return null;
}

function session(s: DemoSession, a: DemoAction): string {
  return (
    `<session numero="${escapeXml(s.numero)}">` +
    `<periode>${el('debut', lheoDate(s.start))}${el('fin', lheoDate(s.end))}</periode>` +
    `<adresse-inscription>${adresse(a.site, true)}</adresse-inscription>` +
    el('modalites-inscription', enrolmentModalities(a)) +
    (s.enrolment ? `<periode-inscription><periode>${el('debut', lheoDate(s.enrolment.start))}${el('fin', lheoDate(s.enrolment.end))}</periode></periode-inscription>` : '') +
    el('etat-recrutement', STATE_CODES[s.state]) +
    '</session>'
  );
}

function action(f: DemoFormation, a: DemoAction): string {
  const t = f.placed.template;
  const org = f.organisme;
  let s = `<action numero="${escapeXml(a.numero)}">`;
  s += el('rythme-formation', rhythm(a));
  for (const p of a.publics) s += el('code-public-vise', p, { ref: PUBLIC_VISE_VERSION });
  s += el('niveau-entree-obligatoire', a.levelRequired ? '1' : '0');
  s += el('modalites-alternance', alternance(a));
  s += el('modalites-enseignement', MODE_CODES[a.mode]);
  s += el('conditions-specifiques', t.prerequisites ?? 'Aucune');
  s += el('prise-en-charge-frais-possible', a.funders.length > 0 ? '1' : '0');
  s += `<lieu-de-formation><coordonnees>${adresse(a.site, true)}</coordonnees></lieu-de-formation>`;
  s += el('modalites-entrees-sorties', a.permanent ? '1' : '0');
  if (a.url) s += `<url-action>${el('urlweb', a.url)}</url-action>`;
  for (const sess of a.sessions) s += session(sess, a);
  if (a.infoDate) s += `<date-information>${el('date', lheoDate(a.infoDate))}</date-information>`;
  if (a.catering) s += el('restauration', a.catering);
  if (a.lodging) s += el('hebergement', a.lodging);
  if (a.handicap) s += el('acces-handicapes', a.handicap);
  s += el('langue-formation', 'fr');
  s += el('modalites-recrutement', recruitment(a));
  if (a.mode !== 'presentiel') s += el('modalites-pedagogiques', a.mode === 'distance' ? 'Formation entièrement à distance : plateforme en ligne, classes virtuelles et tutorat individuel.' : 'Formation mixte : cours en ligne et regroupements en centre.');
  const remaining = remainingCosts(a);
  if (remaining) s += el('frais-restants', remaining);
  s += el('code-perimetre-recrutement', a.recruitmentScope);
  if (a.price !== null) s += el('prix-total-TTC', a.price.toFixed(2));
  s += el('duree-indicative', durationLabel(a, t.years));
  s += el('nombre-heures-centre', a.hoursCentre);
  if (a.hoursCompany > 0) s += el('nombre-heures-entreprise', a.hoursCompany);
  s += el('nombre-heures-total', a.hoursCentre + a.hoursCompany);
  if (a.programme) s += el('detail-conditions-prise-en-charge', 'Formation financée par la Région Pays de la Loire pour les demandeurs d’emploi, rémunération possible selon votre situation.');
  // Organisme formateur
  s += '<organisme-formateur>';
  s += `<SIRET-formateur>${el('SIRET', org.siret)}</SIRET-formateur>`;
  s += el('raison-sociale-formateur', org.name);
  s += `<contact-formateur>${contactCoordonnees(org)}</contact-formateur>`;
  if (org.uai) s += `<code-UAI-formateur>${el('code-UAI', org.uai)}</code-UAI-formateur>`;
  s += extras(org.uai ? [['uai', org.uai]] : []);
  s += '</organisme-formateur>';
  for (const code of a.funders) s += `<organisme-financeur>${el('code-financeur', code)}</organisme-financeur>`;
  const actionExtras: Array<[string, string]> = [];
  if (a.programme) actionExtras.push(['dispositif', a.programme]);
  if (a.cpf) actionExtras.push(['eligible-cpf', '1']);
  s += extras(actionExtras);
  return `${s}</action>`;
}

function responsible(org: DemoOrganisme): string {
  let s = `<organisme-formation-responsable numero="${escapeXml(org.id)}">`;
  s += el('numero-activite', org.activityNumber);
  s += `<SIRET-organisme-formation>${el('SIRET', org.siret)}</SIRET-organisme-formation>`;
  s += el('nom-organisme', org.name);
  s += el('raison-sociale', org.name);
  s += `<coordonnees-organisme><coordonnees>${adresse(org.hq, false)}<telfixe>${el('numtel', org.phone)}</telfixe>${el('courriel', org.email)}<web>${el('urlweb', org.web)}</web></coordonnees></coordonnees-organisme>`;
  s += `<contact-organisme>${el('type-contact', '4')}${contactCoordonnees(org)}</contact-organisme>`;
  if (org.uai) s += `<code-UAI-organisme-formation>${el('code-UAI', org.uai)}</code-UAI-organisme-formation>`;
  return `${s}</organisme-formation-responsable>`;
}


/** Organismes qui connaissent le code diplôme (CFD) de l'Éducation nationale de leurs formations. */
const CFD_PROVIDERS: ReadonlySet<string> = new Set(['lycee', 'cfa', 'agricole']);

/** Les `<extra>` qui relient une formation à InserJeunes : CFD et, en lycée, MEFSTAT11. */
export function formationLinks(f: DemoFormation): [string, string][] {
  const t = f.placed.template;
  if (!t.cfd || !CFD_PROVIDERS.has(f.organisme.kind)) return [];
  const links: [string, string][] = [['cfd', t.cfd]];
  if (f.organisme.kind === 'lycee' && t.years) links.push(['mefstat11', demoMefstat11(t.cfd, t.years)]);
  return links;
}

/** Une `<formation>` complète (avec ses actions, sessions et son organisme responsable). */
export function renderFormation(f: DemoFormation): string {
  const t = f.placed.template;
  const html = f.organisme.html;
  let s = `<formation numero="${escapeXml(f.numero)}">\n`;
  s += '<domaine-formation>';
  t.formacodes.forEach((code, i) => (s += el('code-FORMACODE', code, i === 0 ? { ref: FORMACODE_VERSION, tag: 'principal' } : { ref: FORMACODE_VERSION })));
  for (const code of t.nsf) s += el('code-NSF', code);
  for (const code of f.placed.romes.slice(0, 5)) s += el('code-ROME', code);
  s += '</domaine-formation>\n';
  s += el('intitule-formation', t.title) + '\n';
  s += el('objectif-formation', prose(t.objective, html)) + '\n';
  s += el('resultats-attendus', prose(expectedResults(f), html)) + '\n';
  s += el('contenu-formation', list(t.content, html, html ? 'Au programme :' : undefined)) + '\n';
  s += el('certifiante', t.certifying ? '1' : '0');
  s += `<contact-formation>${contactCoordonnees(f.organisme)}</contact-formation>`;
  s += el('parcours-de-formation', f.actions.some((a) => a.permanent) ? '2' : '1');
  s += el('code-niveau-entree', t.entryLevel ? lheoCodeForLevel(t.entryLevel) : '1');
  s += el('objectif-general-formation', generalGoal(f));
  if (t.certifying && (t.rncp || t.rs)) {
    s += '<certification>';
    if (t.rncp) s += el('code-RNCP', t.rncp);
    if (t.certifinfo) s += el('code-CERTIFINFO', t.certifinfo);
    if (t.rs) s += el('code-RS', t.rs);
    s += '</certification>';
  }
  if (t.exitLevel) s += el('code-niveau-sortie', lheoCodeForLevel(t.exitLevel));
  s += '\n';
  for (const a of f.actions) s += action(f, a) + '\n';
  s += responsible(f.organisme) + '\n';
  const links = formationLinks(f);
  if (links.length > 0) s += extras(links) + '\n';
  return `${s}</formation>\n`;
}
