/**
 * Les messages de l'analyseur XML (saxes, en anglais) dits en français. Un message inconnu n'est
 * jamais cité tel quel : il devient « XML mal formé » (la ligne est donnée par l'appelant).
 * Comparaisons de chaînes seulement (aucune expression régulière sur le texte du fichier).
 */

const EXACT = new Map<string, string>([
  ['disallowed character.', 'caractère interdit en XML'],
  ['malformed comment.', 'commentaire mal formé'],
  ['empty entity name.', 'entité sans nom (un « & » seul s’écrit « &amp; »)'],
  ['disallowed character in tag name', 'caractère interdit dans un nom de balise'],
  ['disallowed character in tag name.', 'caractère interdit dans un nom de balise'],
  ['text data outside of root node.', 'texte en dehors de l’élément racine'],
  ['inappropriately located doctype declaration.', 'déclaration DOCTYPE mal placée'],
  ['incorrect syntax.', 'syntaxe incorrecte'],
  ['processing instruction without a target.', 'instruction de traitement sans nom'],
  ['disallowed character in processing instruction name.', 'caractère interdit dans une instruction de traitement'],
  ['an XML declaration must be at the start of the document.', 'la déclaration XML doit être au tout début du fichier'],
  ['the XML declaration must appear at the start of the document.', 'la déclaration XML doit être au tout début du fichier'],
  ['XML declaration is incomplete.', 'déclaration XML incomplète'],
  ['did not expect any more name/value pairs.', 'déclaration XML : attribut en trop'],
  ['value required.', 'déclaration XML : valeur manquante'],
  ['value must be quoted.', 'déclaration XML : valeur sans guillemets'],
  ['version number must match /^1\\.[0-9]+$/.', 'déclaration XML : numéro de version invalide (attendu : 1.0)'],
  ['standalone value must match "yes" or "no".', 'déclaration XML : « standalone » doit valoir « yes » ou « no »'],
  ['whitespace required.', 'espace manquante'],
  ['processing instructions are not allowed before root.', 'instruction de traitement avant l’élément racine'],
  ['XML declaration must contain a version.', 'la déclaration XML doit indiquer sa version'],
  ['The character ? is disallowed anywhere in XML declarations.', 'caractère « ? » interdit dans la déclaration XML'],
  ['documents may contain only one root.', 'un seul élément racine est permis'],
  ['forward-slash in opening tag not followed by >.', 'balise ouvrante : « / » non suivi de « > »'],
  ['disallowed character in attribute name.', 'caractère interdit dans un nom d’attribut'],
  ['attribute without value.', 'attribut sans valeur'],
  ['unquoted attribute value.', 'valeur d’attribut sans guillemets'],
  ['no whitespace between attributes.', 'attributs non séparés par une espace'],
  ['the string "]]>" is disallowed in char data.', 'la suite « ]]> » est interdite dans le texte'],
  ['disallowed character in closing tag.', 'caractère interdit dans une balise fermante'],
  ['invalid attempt to undefine prefix in XML 1.0', 'préfixe d’espace de noms vidé (interdit en XML 1.0)'],
  ['document must contain a root element.', 'aucun élément XML'],
  ['unexpected end.', 'fin de fichier inattendue'],
  ['tags may not have "xmlns" as prefix.', 'une balise ne peut pas avoir le préfixe « xmlns »'],
  ['weird empty close tag.', 'balise fermante vide'],
  ['unexpected close tag.', 'balise fermante qui ne correspond pas à la dernière balise ouverte'],
  ['undefined entity.', 'entité non définie (seules &lt; &gt; &amp; &quot; &apos; et les références numériques sont admises)'],
  ['malformed character entity.', 'référence de caractère mal formée'],
  ['may not assign the xml namespace to another prefix.', 'l’espace de noms xml ne peut pas recevoir un autre préfixe'],
  ['cannot write after close; assign an onready handler.', 'lecture après la fin du document'],
]);

/** Messages avec un nom : [début anglais, début français, fin anglaise à retirer]. */
const PREFIXED: ReadonlyArray<readonly [string, string, string]> = [
  ['unclosed tag: ', 'balise non fermée : <', '>'],
  ['unmatched closing tag: ', 'balise fermante sans balise ouvrante : </', '>'],
  ['malformed name: ', 'nom mal formé : « ', ' »'],
  ['unbound namespace prefix: ', 'préfixe d’espace de noms non déclaré : ', ''],
  ['duplicate attribute: ', 'attribut en double : ', ''],
  ['expected the name ', 'déclaration XML : attendu ', ''],
  ['expected one of ', 'déclaration XML : attendu l’un de ', ''],
  ['encoding value must match', 'déclaration XML : nom d’encodage invalide', ''],
];

/** « 12:5: unclosed tag: formation » → « balise non fermée : <formation> ». */
export function frenchXmlMessage(message: string): string {
  let bare = message;
  // Retire le préfixe « ligne:colonne: » de saxes (chiffres, deux-points, chiffres, deux-points, espace).
  let i = 0;
  while (i < bare.length && bare.charCodeAt(i) >= 48 && bare.charCodeAt(i) <= 57) i++;
  if (i > 0 && bare[i] === ':') {
    let j = i + 1;
    while (j < bare.length && bare.charCodeAt(j) >= 48 && bare.charCodeAt(j) <= 57) j++;
    if (j > i + 1 && bare.slice(j, j + 2) === ': ') bare = bare.slice(j + 2);
  }
  const exact = EXACT.get(bare);
  if (exact) return exact;
  for (const [english, french, close] of PREFIXED) {
    if (!bare.startsWith(english)) continue;
    if (english === 'encoding value must match') return french;
    const name = bare.slice(english.length).replace(/\.$/, '').slice(0, 80);
    return `${french}${name}${close}`;
  }
  return 'XML mal formé';
}
