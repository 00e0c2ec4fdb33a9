/**
 * Aucune adresse e-mail ni aucun site d'un vrai domaine dans les données de démonstration et
 * de test : seulement des noms réservés aux exemples (RFC 2606 : example.org/.com/.net, .test,
 * .example, .invalid, .localhost). On lit les sources (data/demo), la sortie du générateur,
 * le code du générateur et les tests.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../../src/demo/generate';
import { loadDemoSources } from '../../../src/demo/sources';
import { isReservedExampleEmail, isReservedExampleHost, isReservedExampleUrl, unreservedHosts, type HostFinding } from '../../../src/demo/reserved-domains';
import { repoRoot } from '../../support/shared-data';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

function findingsIn(files: readonly string[], allowed: (f: HostFinding) => boolean = () => false): string[] {
  return files.flatMap((file) =>
    unreservedHosts(readFileSync(file, 'utf8'))
      .filter((f) => !allowed(f))
      .map((f) => `${path.relative(repoRoot, file)} : ${f.value}`),
  );
}

const work = mkdtempSync(path.join(tmpdir(), 'vmm-domaines-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('noms réservés aux exemples', () => {
  it('reconnaît les noms réservés, et eux seuls', () => {
    for (const host of ['example.org', 'lp-estuaire.example.org', 'EXAMPLE.COM', 'a.b.example.net', 'e2e.test', 'versmonmetier.example', 'x.invalid', 'localhost']) {
      expect(isReservedExampleHost(host), host).toBe(true);
    }
    for (const host of ['exemple.fr', 'example.org.pirate.fr', 'notexample.org', 'example.fr', 'test.fr', 'b.fr', '']) {
      expect(isReservedExampleHost(host), host).toBe(false);
    }
    expect(isReservedExampleEmail('contact@lp-estuaire.example.org')).toBe(true);
    expect(isReservedExampleEmail('contact@exemple.fr')).toBe(false);
    expect(isReservedExampleUrl('https://irfm.example.org/formations/x')).toBe(true);
    expect(isReservedExampleUrl('https://irfm.exemple.fr/formations/x')).toBe(false);
    expect(isReservedExampleUrl('pas une adresse')).toBe(false);
  });

  it('trouve les adresses d’un vrai domaine dans un texte (JSON, XML), pas les espaces de noms XML', () => {
    const text = `{"email":"contact.irfm@exemple.fr","web":"https://irfm.exemple.fr/formations/soudage","ok":"a@b.example.org"}
      <lheo xmlns="http://lheo.gouv.fr/2.3"><courriel>x@ville.fr.</courriel><urlweb>https://site.example.org</urlweb></lheo>`;
    expect(unreservedHosts(text).map((f) => `${f.kind} ${f.host}`)).toEqual(['email exemple.fr', 'url irfm.exemple.fr', 'email ville.fr']);
    expect(unreservedHosts('Écrivez à @marie ou à x@y, ou voyez http://')).toEqual([]);
  });

  it('les sources de démonstration (data/demo) n’ont que des noms réservés', () => {
    const files = filesUnder(path.join(repoRoot, 'data', 'demo'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    expect(findingsIn(files)).toEqual([]);
  });

  it('le générateur refuse un organisme dont le courriel ou le site est sur un vrai domaine', () => {
    for (const [field, value] of [['email', 'contact@exemple.fr'], ['web', 'https://irfm.exemple.fr']] as const) {
      const dir = path.join(work, `sources-${field}`);
      cpSync(path.join(repoRoot, 'data', 'demo'), dir, { recursive: true });
      const file = path.join(dir, 'organismes.json');
      const data = JSON.parse(readFileSync(file, 'utf8')) as { organismes: Record<string, unknown>[] };
      data.organismes[0]![field] = value;
      writeFileSync(file, JSON.stringify(data));
      expect(() => loadDemoSources(dir), field).toThrow(/organismes\.0\.(email|web) : .*nom réservé aux exemples/);
    }
  });

  it('la sortie du générateur de démonstration (LHEO, InserJeunes, Anotéa) n’a que des noms réservés', async () => {
    const result = await generateDemo({ sessions: 300, seed: 'versmonmetier', today: '2026-11-23', outDir: work });
    const files = Object.values(result.files).flat();
    const lheo = readFileSync(result.files.lheo, 'utf8');
    // Le test regarde au bon endroit : le flux contient bien des courriels et des sites.
    expect(lheo).toContain('<courriel>');
    expect(lheo).toContain('<urlweb>');
    expect(findingsIn(files)).toEqual([]);
  });

  it('le code du générateur, les commandes et les tests n’écrivent que des noms réservés', () => {
    // Autorisés : identifiants de normes (espaces de noms LHEO, vocabulaire schema.org), adresses
    // IP et noms sans point (serveurs de test : « meili », « x »).
    const SPEC_IDENTIFIERS = new Set(['lheo.gouv.fr', 'www.lheo.org', 'schema.org']);
    const allowed = (f: HostFinding) => f.kind === 'url' && (SPEC_IDENTIFIERS.has(f.host) || !f.host.includes('.') || /^[\d.]+$/.test(f.host));
    // Ces tests vérifient qu'un vrai domaine est refusé : ils en contiennent exprès.
    const refusalTests = new Set(['tests/unit/demo/reserved-domains.test.ts', 'tests/integration/contact/demo-seed.test.ts'].map((f) => path.join(repoRoot, f)));
    const files = ['src/demo', 'scripts', 'tests'].flatMap((dir) => filesUnder(path.join(repoRoot, dir))).filter((f) => !refusalTests.has(f));
    expect(files.length).toBeGreaterThan(50);
    expect(findingsIn(files, allowed)).toEqual([]);
  });
});
