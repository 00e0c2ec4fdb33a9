/**
 * « Rencontrer un pro » : règles pures et formulaires du domaine (src/domain/contact.ts).
 * Chaque refus est vérifié avec le champ visé et le message français montré à l'usager.
 */
import { describe, expect, it } from 'vitest';
import {
  ContactRequestInput,
  DeclineInput,
  Email,
  Phone,
  ProRegistrationInput,
  ProSettingsInput,
  PublicId,
  RejectionInput,
  ReportInput,
  isMinor,
  optional,
  publicName,
} from '../../../src/domain/contact';
import { z } from '../../../src/domain/zod';

/** Le message du premier refus sur `field`, ou null si le champ est accepté. */
function messageFor(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }, field: string): string | null {
  if (result.success) return null;
  return result.error!.issues.find((i) => i.path[0] === field)?.message ?? null;
}

const registration = {
  firstName: 'Anne-Laure',
  lastName: 'D’Argent',
  email: '  Anne.Laure@Example.ORG ',
  phone: '',
  metierCodes: ['G1609'],
  communeCode: '49007',
  employer: '',
  modes: ['telephone'],
  monthlyCap: '4',
  presentation: 'Cheffe de cuisine depuis quinze ans, à Angers.',
  consent: 'oui',
};

const request = {
  firstName: 'Léo',
  email: 'leo@example.org',
  phone: '',
  situation: 'etudiant',
  ageBracket: '18-25',
  guardianEmail: '',
  mode: 'visio',
  message: 'Comment devient-on cuisinier après un bac général ?',
  consent: 'oui',
};

describe('isMinor : moins de 18 ans', () => {
  it.each([
    ['moins-de-15', true],
    ['15-17', true],
    ['18-25', false],
    ['26-44', false],
    ['45-et-plus', false],
  ] as const)('%s → %s', (age, minor) => {
    expect(isMinor(age)).toBe(minor);
  });
});

describe('publicName : « Prénom N. »', () => {
  it('garde le prénom et l’initiale du nom, en majuscule', () => {
    expect(publicName({ firstName: 'Agathe', lastName: 'rousseau' })).toBe('Agathe R.');
    expect(publicName({ firstName: 'Éric', lastName: '  élie ' })).toBe('Éric É.');
  });
  it('sans nom, le prénom seul', () => {
    expect(publicName({ firstName: 'Agathe', lastName: '   ' })).toBe('Agathe');
  });
});

describe('Email', () => {
  it('retire les espaces et met en minuscules', () => {
    expect(Email.parse('  Prenom.NOM@Example.org ')).toBe('prenom.nom@example.org');
  });
  it.each([
    ['', 'Indiquez une adresse e-mail.'],
    ['   ', 'Indiquez une adresse e-mail.'],
    [`${'a'.repeat(250)}@example.org`, 'Adresse e-mail trop longue.'],
    ['prenom.nom', 'Adresse e-mail invalide (exemple : prenom.nom@example.org).'],
  ])('« %s » est refusée : %s', (value, message) => {
    const r = Email.safeParse(value);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe(message);
  });
  it('accepte 254 caractères', () => {
    const value = `${'a'.repeat(242)}@example.org`;
    expect(value).toHaveLength(254);
    expect(Email.safeParse(value).success).toBe(true);
  });
});

describe('Phone : numéro français, rendu par paires', () => {
  it.each([
    ['0612345678', '06 12 34 56 78'],
    ['06 12 34 56 78', '06 12 34 56 78'],
    ['06.12.34.56.78', '06 12 34 56 78'],
    ['06-12-34-56-78', '06 12 34 56 78'],
    ['+33612345678', '06 12 34 56 78'],
    ['+33 6 12 34 56 78', '06 12 34 56 78'],
    ['0033612345678', '06 12 34 56 78'],
    ['  02 41 00 00 00  ', '02 41 00 00 00'],
    // « 0033 » ou « +33 » ne sont remplacés qu'en tête du numéro.
    ['0610033456', '06 10 03 34 56'],
  ])('%s → %s', (value, shown) => {
    expect(Phone.parse(value)).toBe(shown);
  });
  it.each(['0012345678', '612345678', '06123456789', '06 12 34 56 7a', 'x0612345678', '0612345678x', '33612345678', '06+33123456', '061+33234567'])('refuse %s', (value) => {
    const r = Phone.safeParse(value);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe('Numéro de téléphone invalide (10 chiffres, exemple : 06 12 34 56 78).');
  });
});

describe('optional : une chaîne vide vaut absence', () => {
  const schema = optional(z.string().min(3, 'trop court'));
  it('vide ou blanc → absent ; sinon le schéma s’applique', () => {
    expect(schema.parse('')).toBeUndefined();
    expect(schema.parse('   ')).toBeUndefined();
    expect(schema.parse(undefined)).toBeUndefined();
    expect(schema.parse('abcd')).toBe('abcd');
    expect(schema.safeParse('ab').success).toBe(false);
  });
  it('une valeur qui n’est pas une chaîne passe au schéma telle quelle', () => {
    expect(optional(z.number()).parse(3)).toBe(3);
    expect(optional(z.number()).safeParse('3').success).toBe(false);
  });
});

describe('PublicId', () => {
  it('12 caractères base64url, rien d’autre', () => {
    expect(PublicId.safeParse('0G4t6MmKCW3R').success).toBe(true);
    expect(PublicId.safeParse('1ehmZlquHX6-').success).toBe(true);
    expect(PublicId.safeParse('8MQteaGDJ_zy').success).toBe(true);
    for (const bad of ['0G4t6MmKCW3', '0G4t6MmKCW3RR', '0G4t6MmK W3R', '0G4t6MmKCW3!', 'x0G4t6MmKCW3R', '']) expect(PublicId.safeParse(bad).success, bad).toBe(false);
    expect(PublicId.safeParse('short').error!.issues[0]!.message).toBe('identifiant invalide');
  });
});

describe('ProRegistrationInput : « Devenir pro »', () => {
  it('accepte un formulaire complet et normalise ses valeurs', () => {
    const r = ProRegistrationInput.parse(registration);
    expect(r).toEqual({
      firstName: 'Anne-Laure',
      lastName: 'D’Argent',
      email: 'anne.laure@example.org',
      metierCodes: ['G1609'],
      communeCode: '49007',
      modes: ['telephone'],
      monthlyCap: 4,
      presentation: 'Cheffe de cuisine depuis quinze ans, à Angers.',
      consent: 'oui',
    });
  });
  it('garde le téléphone et l’employeur donnés', () => {
    const r = ProRegistrationInput.parse({ ...registration, phone: '06 12 34 56 78', employer: '  Restaurant du Port  ' });
    expect(r.phone).toBe('06 12 34 56 78');
    expect(r.employer).toBe('Restaurant du Port');
  });

  it.each([
    ['firstName', '', 'Indiquez votre prénom.'],
    ['firstName', '   ', 'Indiquez votre prénom.'],
    ['firstName', 'A'.repeat(51), 'Votre prénom doit faire 50 caractères au plus.'],
    ['firstName', 'Anne2', 'Votre prénom ne peut contenir que des lettres, des espaces, des tirets et des apostrophes.'],
    ['firstName', '-Anne', 'Votre prénom ne peut contenir que des lettres, des espaces, des tirets et des apostrophes.'],
    ['firstName', 'Anne!', 'Votre prénom ne peut contenir que des lettres, des espaces, des tirets et des apostrophes.'],
    ['lastName', '', 'Indiquez votre nom.'],
    ['lastName', 'B'.repeat(51), 'Votre nom doit faire 50 caractères au plus.'],
    ['lastName', '1Dupont', 'Votre nom ne peut contenir que des lettres, des espaces, des tirets et des apostrophes.'],
    ['metierCodes', [], 'Indiquez au moins un métier.'],
    ['metierCodes', ['G1609', 'D1102', 'J1501', 'H2913'], 'Indiquez 3 métiers au plus.'],
    ['employer', 'E'.repeat(101), '100 caractères au plus.'],
    ['modes', [], 'Choisissez au moins un mode d’échange.'],
    ['modes', ['pigeon'], 'Choisissez un mode d’échange de la liste.'],
    ['monthlyCap', 'beaucoup', 'Indiquez un nombre.'],
    ['monthlyCap', '2.5', 'Indiquez un nombre entier.'],
    ['monthlyCap', '0', 'Au moins 1 demande par mois.'],
    ['monthlyCap', '21', '20 demandes par mois au plus.'],
    ['presentation', 'Trop court.', 'Présentez-vous en 30 caractères au moins.'],
    ['presentation', `   ${'x'.repeat(28)}   `, 'Présentez-vous en 30 caractères au moins.'],
    ['presentation', 'p'.repeat(601), 'Votre présentation doit faire 600 caractères au plus.'],
    ['consent', '', 'Vous devez accepter l’utilisation de vos données pour vous inscrire.'],
    ['consent', 'non', 'Vous devez accepter l’utilisation de vos données pour vous inscrire.'],
  ])('%s = %j : %s', (field, value, message) => {
    expect(messageFor(ProRegistrationInput.safeParse({ ...registration, [field]: value }), field)).toBe(message);
  });

  it('accepte les bornes : 50 lettres, 3 métiers, 100 caractères d’employeur, 1 et 20 demandes, 30 et 600 caractères', () => {
    for (const [field, value] of [
      ['firstName', 'A'.repeat(50)],
      ['lastName', 'Le Guen-Martin'],
      ['metierCodes', ['G1609', 'D1102', 'J1501']],
      ['employer', 'E'.repeat(100)],
      ['modes', ['telephone', 'visio']],
      ['monthlyCap', '1'],
      ['monthlyCap', 20],
      ['presentation', 'x'.repeat(30)],
      ['presentation', 'p'.repeat(600)],
    ] as const) {
      expect(messageFor(ProRegistrationInput.safeParse({ ...registration, [field]: value }), field), `${field}`).toBeNull();
      expect(ProRegistrationInput.safeParse({ ...registration, [field]: value }).success).toBe(true);
    }
  });

  it('les réglages du pro : téléphone, employeur, modes, plafond — et seulement eux', () => {
    const r = ProSettingsInput.parse({ ...registration, phone: '0612345678', employer: 'Chez Léon', modes: ['visio'], monthlyCap: '6' });
    expect(r).toEqual({ phone: '06 12 34 56 78', employer: 'Chez Léon', modes: ['visio'], monthlyCap: 6 });
    expect(messageFor(ProSettingsInput.safeParse({ modes: [], monthlyCap: '4' }), 'modes')).toBe('Choisissez au moins un mode d’échange.');
  });
});

describe('ContactRequestInput : demande d’échange', () => {
  it('accepte une demande complète', () => {
    const r = ContactRequestInput.parse(request);
    expect(r).toEqual({
      firstName: 'Léo',
      email: 'leo@example.org',
      situation: 'etudiant',
      ageBracket: '18-25',
      mode: 'visio',
      message: 'Comment devient-on cuisinier après un bac général ?',
      consent: 'oui',
    });
  });

  it.each([
    ['firstName', '', 'Indiquez votre prénom.'],
    ['situation', 'retraite', 'Choisissez votre situation.'],
    ['ageBracket', '99', 'Choisissez votre tranche d’âge.'],
    ['mode', 'courrier', 'Choisissez un mode d’échange de la liste.'],
    ['message', 'Bonjour !', 'Dites en 20 caractères au moins ce que vous voulez savoir.'],
    ['message', `  ${'m'.repeat(19)}  `, 'Dites en 20 caractères au moins ce que vous voulez savoir.'],
    ['message', 'm'.repeat(1001), 'Votre message doit faire 1 000 caractères au plus.'],
    ['consent', 'yes', 'Vous devez accepter la transmission de votre demande pour l’envoyer.'],
  ])('%s = %j : %s', (field, value, message) => {
    expect(messageFor(ContactRequestInput.safeParse({ ...request, [field]: value }), field)).toBe(message);
  });

  it('accepte 20 et 1 000 caractères de message', () => {
    expect(ContactRequestInput.safeParse({ ...request, message: 'm'.repeat(20) }).success).toBe(true);
    expect(ContactRequestInput.safeParse({ ...request, message: 'm'.repeat(1000) }).success).toBe(true);
  });

  it.each(['moins-de-15', '15-17'])('mineur·e (%s) : l’e-mail d’un parent ou d’un·e conseiller·e est obligatoire', (ageBracket) => {
    const r = ContactRequestInput.safeParse({ ...request, ageBracket });
    expect(r.success).toBe(false);
    expect(r.error!.issues).toHaveLength(1);
    expect(r.error!.issues[0]).toMatchObject({ code: 'custom', path: ['guardianEmail'], message: 'Vous avez moins de 18 ans : indiquez l’e-mail d’un parent ou d’un·e conseiller·e.' });
    const ok = ContactRequestInput.parse({ ...request, ageBracket, guardianEmail: 'Parent@Example.org' });
    expect(ok.guardianEmail).toBe('parent@example.org');
  });

  it('majeur·e : pas d’e-mail de parent exigé, mais accepté', () => {
    expect(ContactRequestInput.safeParse({ ...request, ageBracket: '18-25' }).success).toBe(true);
    expect(ContactRequestInput.parse({ ...request, guardianEmail: 'conseil@example.org' }).guardianEmail).toBe('conseil@example.org');
  });

  it('l’e-mail du parent doit différer de celui de la personne (après mise en minuscules)', () => {
    const r = ContactRequestInput.safeParse({ ...request, ageBracket: '15-17', guardianEmail: ' LEO@example.org ' });
    expect(r.success).toBe(false);
    expect(r.error!.issues).toHaveLength(1);
    expect(r.error!.issues[0]).toMatchObject({ code: 'custom', path: ['guardianEmail'], message: 'Indiquez une autre adresse que la vôtre.' });
  });
});

describe('Refus, signalement, rejet', () => {
  it('DeclineInput : une raison de la liste, un commentaire de 500 caractères au plus', () => {
    expect(DeclineInput.parse({ reason: 'pas-disponible', comment: '  ' })).toEqual({ reason: 'pas-disponible' });
    expect(DeclineInput.parse({ reason: 'autre', comment: ' Trop loin. ' })).toEqual({ reason: 'autre', comment: 'Trop loin.' });
    expect(DeclineInput.safeParse({ reason: 'autre', comment: 'c'.repeat(500) }).success).toBe(true);
    expect(messageFor(DeclineInput.safeParse({ reason: 'autre', comment: 'c'.repeat(501) }), 'comment')).toBe('500 caractères au plus.');
    expect(messageFor(DeclineInput.safeParse({ reason: 'flemme' }), 'reason')).toBe('Choisissez une raison.');
  });
  it('ReportInput : de 10 à 1 000 caractères', () => {
    expect(ReportInput.parse({ reason: 'spam', message: '  Publicité reçue.  ' })).toEqual({ reason: 'spam', message: 'Publicité reçue.' });
    expect(messageFor(ReportInput.safeParse({ reason: 'spam', message: ' 123456789 ' }), 'message')).toBe('Décrivez le problème en 10 caractères au moins.');
    expect(ReportInput.safeParse({ reason: 'spam', message: '1234567890' }).success).toBe(true);
    expect(ReportInput.safeParse({ reason: 'spam', message: 'r'.repeat(1000) }).success).toBe(true);
    expect(messageFor(ReportInput.safeParse({ reason: 'spam', message: 'r'.repeat(1001) }), 'message')).toBe('1 000 caractères au plus.');
    expect(messageFor(ReportInput.safeParse({ reason: 'insulte', message: 'r'.repeat(20) }), 'reason')).toBe('Choisissez le type de problème.');
  });
  it('RejectionInput : une raison de la liste, un commentaire de 500 caractères au plus', () => {
    expect(RejectionInput.parse({ reason: 'doublon', comment: '' })).toEqual({ reason: 'doublon' });
    expect(RejectionInput.parse({ reason: 'doublon', comment: ' déjà inscrit ' })).toEqual({ reason: 'doublon', comment: 'déjà inscrit' });
    expect(RejectionInput.safeParse({ reason: 'autre', comment: 'c'.repeat(500) }).success).toBe(true);
    expect(messageFor(RejectionInput.safeParse({ reason: 'autre', comment: 'c'.repeat(501) }), 'comment')).toBe('500 caractères au plus.');
    expect(messageFor(RejectionInput.safeParse({ reason: 'pas-beau' }), 'reason')).toBe('Choisissez une raison.');
  });
});
