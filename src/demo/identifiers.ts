/**
 * Identifiants inventés mais bien formés : SIREN/SIRET (clé de Luhn), UAI (clé lettre),
 * numéro de déclaration d'activité. Aucun ne désigne un établissement réel connu.
 */
import type { Rng } from './random';

/** Contrôle de Luhn (SIREN à 9 chiffres, SIRET à 14 chiffres). */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

/** Complète `body` par le chiffre qui rend le tout valide au contrôle de Luhn. */
export function withLuhnDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error(`withLuhnDigit : « ${body} » n'est pas numérique`);
}

/** SIREN inventé (9 chiffres, Luhn), ne commençant pas par 0. */
export function randomSiren(rng: Rng): string {
  let body = String(rng.int(1, 9));
  while (body.length < 8) body += String(rng.int(0, 9));
  return withLuhnDigit(body);
}

/**
 * SIRET d'un établissement : SIREN + NIC (5 chiffres). Le dernier chiffre du NIC est choisi
 * pour que les 14 chiffres passent le contrôle de Luhn (comme les vrais SIRET).
 */
export function siretFor(siren: string, establishment: number): string {
  const nicBody = String(establishment).padStart(4, '0').slice(-4);
  return withLuhnDigit(siren + nicBody);
}

export function siretValid(siret: string): boolean {
  return /^\d{14}$/.test(siret) && luhnValid(siret) && luhnValid(siret.slice(0, 9));
}

/** Lettres de clé des codes UAI (23 lettres : ni I, ni O, ni Q). */
const UAI_KEY_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

/** Code UAI : 7 chiffres (dont le département sur 3) et une lettre-clé = nombre modulo 23. */
export function uaiFor(departement: string, serial: number): string {
  const digits = departement.padStart(3, '0') + String(serial % 10000).padStart(4, '0');
  return digits + UAI_KEY_LETTERS.charAt(Number(digits) % 23);
}

export function uaiValid(uai: string): boolean {
  const m = /^(\d{7})([A-Z])$/.exec(uai);
  return !!m && UAI_KEY_LETTERS.charAt(Number(m[1]) % 23) === m[2];
}

/** Numéro de déclaration d'activité (11 chiffres) : région 52, département, numéro d'ordre. */
export function activityNumberFor(departement: string, serial: number): string {
  return `52${departement}${String(serial % 10_000_000).padStart(7, '0')}`;
}
