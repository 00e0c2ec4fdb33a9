/**
 * Des villes hors des Pays de la Loire que l'on tape souvent dans « Où ? » (villes des départements
 * voisins, grandes villes de France), pour répondre « Rennes n'est pas en Pays de la Loire » au lieu
 * de chercher en silence autour d'une commune au nom voisin (Rennes-en-Grenouilles, 53). Le
 * référentiel du site ne contient que les communes de la région : cette liste, écrite à la main
 * (noms et départements du Code officiel géographique), ne sert qu'à ce message.
 */
import { normalizeName } from '../domain/geo';

const TOWNS: readonly [name: string, departement: string][] = [
  ['Rennes', 'Ille-et-Vilaine'], ['Vitré', 'Ille-et-Vilaine'], ['Fougères', 'Ille-et-Vilaine'], ['Redon', 'Ille-et-Vilaine'], ['Saint-Malo', 'Ille-et-Vilaine'],
  ['Vannes', 'Morbihan'], ['Lorient', 'Morbihan'], ['Ploërmel', 'Morbihan'], ['Brest', 'Finistère'], ['Quimper', 'Finistère'], ['Saint-Brieuc', 'Côtes-d’Armor'],
  ['Caen', 'Calvados'], ['Alençon', 'Orne'], ['Flers', 'Orne'], ['Argentan', 'Orne'], ['Avranches', 'Manche'], ['Saint-Lô', 'Manche'], ['Cherbourg-en-Cotentin', 'Manche'],
  ['Rouen', 'Seine-Maritime'], ['Le Havre', 'Seine-Maritime'],
  ['Tours', 'Indre-et-Loire'], ['Chinon', 'Indre-et-Loire'], ['Loches', 'Indre-et-Loire'], ['Blois', 'Loir-et-Cher'], ['Vendôme', 'Loir-et-Cher'],
  ['Chartres', 'Eure-et-Loir'], ['Châteaudun', 'Eure-et-Loir'], ['Orléans', 'Loiret'],
  ['Poitiers', 'Vienne'], ['Châtellerault', 'Vienne'], ['Loudun', 'Vienne'], ['Niort', 'Deux-Sèvres'], ['Bressuire', 'Deux-Sèvres'], ['Parthenay', 'Deux-Sèvres'],
  ['Thouars', 'Deux-Sèvres'], ['La Rochelle', 'Charente-Maritime'], ['Rochefort', 'Charente-Maritime'], ['Angoulême', 'Charente'], ['Bordeaux', 'Gironde'],
  ['Paris', 'Paris'], ['Lyon', 'Rhône'], ['Marseille', 'Bouches-du-Rhône'], ['Toulouse', 'Haute-Garonne'], ['Lille', 'Nord'], ['Strasbourg', 'Bas-Rhin'],
  ['Nice', 'Alpes-Maritimes'], ['Montpellier', 'Hérault'],
];

const BY_KEY = new Map(TOWNS.map(([name, departement]) => [normalizeName(name), { name, departement }]));

/** La ville hors région que désigne ce texte (nom exact, accents et casse libres), s'il y en a une. */
export function townOutsideRegion(text: string): { name: string; departement: string } | undefined {
  return BY_KEY.get(normalizeName(text));
}
