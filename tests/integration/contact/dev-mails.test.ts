/**
 * /dev/mails : les .eml écrits par le vrai transport de développement (nodemailer) sont relus
 * comme une personne les lit — texte décodé (pas de quoted-printable), liens entiers et
 * cliquables, HTML nettoyé (un <script> ou un attribut d'événement ne passe jamais).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { devMailDir, listDevMails, mailDateWords, readDevMail, sanitizeMailHtml } from '../../../src/contact/mail/dev-mails';
import { compose } from '../../../src/contact/mail/templates';
import { mailFolderTransport } from '../../../src/contact/mail/mail-folder';

const dir = mkdtempSync(path.join(tmpdir(), 'vmm-dev-mails-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LONG_LINK = `http://127.0.0.1:4402/rencontrer-un-pro/confirmer/?t=${'eyJwIjoidmVyaWZ5IiwicyI6IkFiQ2QxMjM0NTY3OCJ9'.repeat(4)}.c2lnbmF0dXJl`;
const HOSTILE = '<p>Bonjour</p><script>window.__xss = 1</script><img src="x" onerror="window.__xss = 2"><a href="javascript:window.__xss=3">piège</a><a href="https://vmm.example.org/ok" onclick="window.__xss=4" style="color:red">bon lien</a>';

async function writeMail(id: number, kind: string, to: string, subject: string, text: string, html: string): Promise<string> {
  await mailFolderTransport(dir, 'versmonmétier <ne-pas-repondre@versmonmetier.example>').send({ id, messageId: `<m${id}@versmonmetier>`, kind, to, subject, text, html });
  return `${String(id).padStart(6, '0')}-${kind}.eml`;
}

describe('/dev/mails', () => {
  it('un message en quoted-printable avec un long lien se lit en clair, lien entier et cliquable', async () => {
    const content = compose('Confirmez votre adresse e-mail', ['Bonjour Élodie,', 'Ouvrez ce lien (il marche 7 jours) :', { link: 'Confirmer mon adresse e-mail', url: LONG_LINK }], 'http://127.0.0.1:4402/rencontrer-un-pro/signaler/?t=abc');
    const file = await writeMail(1, 'pro-verify', 'elodie@example.org', content.subject, content.text, content.html);
    const raw = readFileSync(path.join(dir, file), 'utf8');
    // Le fichier brut est bien du MIME encodé : le test lit autre chose que le texte d'origine.
    expect(raw).toContain('quoted-printable');
    expect(raw).toContain('=3D');
    expect(raw).not.toContain(LONG_LINK);

    const mail = await readDevMail(dir, file);
    expect(mail).not.toBeNull();
    expect(mail!.subject).toBe('Confirmez votre adresse e-mail');
    expect(mail!.to).toBe('elodie@example.org');
    expect(mail!.from).toContain('ne-pas-repondre@versmonmetier.example');
    expect(mail!.date).not.toBeNull();
    expect(mail!.text).toContain(`Confirmer mon adresse e-mail : ${LONG_LINK}`);
    expect(mail!.text).toContain('Bonjour Élodie,');
    for (const part of [mail!.text, mail!.textHtml, mail!.html ?? '']) {
      expect(part).not.toContain('=3D');
      expect(part).not.toMatch(/=\r?\n/);
      expect(part).not.toContain('Content-Transfer-Encoding');
    }
    const escaped = LONG_LINK.replaceAll('&', '&amp;');
    expect(mail!.html).toContain(`<a href="${escaped}" rel="noopener noreferrer">Confirmer mon adresse e-mail</a>`);
    expect(mail!.textHtml).toContain(`href="${escaped}"`);
  });

  it('le HTML d’un message est nettoyé : ni script, ni attribut d’événement, ni lien javascript:, ni style', async () => {
    const file = await writeMail(2, 'hostile', 'cible@example.org', 'Message piégé', 'Bonjour <script>window.__xss = 5</script>', HOSTILE);
    const mail = await readDevMail(dir, file);
    for (const part of [mail!.html ?? '', mail!.textHtml]) {
      expect(part).not.toMatch(/<script|onerror|onclick|javascript:|style=|<img/i);
    }
    expect(mail!.html).toContain('<a href="https://vmm.example.org/ok" rel="noopener noreferrer">bon lien</a>');
    expect(mail!.html).toContain('piège');
    // Le texte brut reste lisible, échappé (il s'affiche, il ne s'exécute pas).
    expect(mail!.textHtml).toContain('&lt;script&gt;');
    expect(sanitizeMailHtml('<p onmouseover="x()">a</p><iframe src="https://x.example.org"></iframe>')).toBe('<p>a</p>');
  });

  it('liste les messages du plus récent au plus ancien, avec objet, expéditeur, destinataire et date', async () => {
    const list = await listDevMails(dir);
    expect(list.map((m) => m.file)).toEqual(['000002-hostile.eml', '000001-pro-verify.eml']);
    expect(list[1]).toMatchObject({ subject: 'Confirmez votre adresse e-mail', to: 'elodie@example.org' });
    expect(mailDateWords('2026-12-01T13:05:00.000Z')).toBe('1 décembre 2026 à 14:05');
    expect(mailDateWords(null)).toBe('Date inconnue');
  });

  it('refuse un nom de fichier qui sort du dossier, et un fichier trop gros', async () => {
    expect(await readDevMail(dir, '../secret.eml')).toBeNull();
    expect(await readDevMail(dir, 'absent.eml')).toBeNull();
    writeFileSync(path.join(dir, 'enorme.eml'), Buffer.alloc(3 * 1024 * 1024, 65));
    expect(await readDevMail(dir, 'enorme.eml')).toBeNull();
  });

  it('n’existe qu’hors production et sans SMTP', () => {
    expect(devMailDir({ CONTACT_MAIL_DIR: dir })).toBe(dir);
    expect(devMailDir({ CONTACT_MAIL_DIR: dir, SMTP_HOST: 'smtp.example.org' })).toBeNull();
    expect(devMailDir({ CONTACT_MAIL_DIR: dir, NODE_ENV: 'production', CONTACT_SECRET: 'x'.repeat(40), SMTP_HOST: 'smtp.example.org', CONTACT_PUBLIC_URL: 'https://vmm.example.org' })).toBeNull();
    // Production mal configurée : fermé aussi.
    expect(devMailDir({ CONTACT_MAIL_DIR: dir, NODE_ENV: 'production' })).toBeNull();
  });
});
