/**
 * Tables de correspondance sûres pour des clés venues du dehors (texte d'un usager, d'un flux
 * LHEO, d'un formulaire) : un objet ordinaire hérite de `Object.prototype`, et `table['constructor']`,
 * `table['toString']` ou `'valueOf' in table` y trouvent quelque chose ; `table['__proto__'] = x`
 * change son prototype. Une table sans prototype n'a que ses propres clés.
 *
 * Règle du projet : toute table dont la clé vient d'un texte extérieur est une `Map`, ou un
 * objet créé ici. Sans dépendance : ce module part aussi dans le JavaScript du navigateur.
 */

/** Une table figée sans prototype, à partir d'un littéral : `lookupTable({ '0': 'presentiel' })`. */
export function lookupTable<T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

/** Un dictionnaire vide et modifiable, sans prototype (compteurs, valeurs d'un formulaire…). */
export function emptyDict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/**
 * La valeur propre de `key` dans `table`, ou `undefined` : jamais une propriété héritée, même si
 * la table est un objet ordinaire (ex. relu d'un JSON ou reçu en propriété d'un composant).
 */
export function ownValue<T>(table: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return table !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}
