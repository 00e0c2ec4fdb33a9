/**
 * Retirer un caractère répété aux bouts d'un texte, en un seul passage (les expressions
 * `/^-+|-+$/` ou `/\/+$/` reviennent en arrière à chaque position : temps quadratique sur un
 * long texte). Sans dépendance.
 */

/** `char` retiré au début et à la fin : trimChar('--a-b--', '-') → 'a-b'. */
export function trimChar(text: string, char: string): string {
  const end = trimEndChar(text, char).length;
  let start = 0;
  while (start < end && text[start] === char) start++;
  return text.slice(start, end);
}

/** `char` retiré à la fin seulement : trimEndChar('https://a.example//', '/') → 'https://a.example'. */
export function trimEndChar(text: string, char: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === char) end--;
  return text.slice(0, end);
}
