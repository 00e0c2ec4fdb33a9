/**
 * « Cholet (49300) » : le texte que les champs à suggestions écrivent pour une commune (voir
 * `communeValue`), séparé en nom et code postal. Lu caractère par caractère depuis la fin, sans
 * expression régulière à retour arrière (le texte vient de l'usager). Sans dépendance.
 */
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isSpace = (c: string | undefined) => c !== undefined && c.trim() === '';

/** « Cholet (49300) » → { name: 'Cholet', postcode: '49300' } ; sans code postal → { name: texte, postcode: null }. */
export function splitPostcode(text: string): { name: string; postcode: string | null } {
  let end = text.length;
  while (end > 0 && isSpace(text[end - 1])) end--;
  const open = end - 7;
  if (open < 0 || text[open] !== '(' || text[end - 1] !== ')') return { name: text, postcode: null };
  const postcode = text.slice(open + 1, end - 1);
  if (![...postcode].every(isDigit)) return { name: text, postcode: null };
  let nameEnd = open;
  while (nameEnd > 0 && isSpace(text[nameEnd - 1])) nameEnd--;
  return { name: text.slice(0, nameEnd), postcode };
}
