/**
 * Le port de stockage des liens courts de « Ma sélection », possédé par les cas d'usage de
 * src/selection/. Un lien court ne garde QUE les éléments (jetons) et les notes de la personne :
 * ni adresse, ni position, ni situation. Adaptateur : src/selection/sqlite.ts (même base que
 * « Rencontrer un pro », table `short_links`).
 */
import type { SelectionItem } from '../domain/selection';

export interface StoredShortLink {
  code: string;
  items: SelectionItem[];
  createdAt: string;
  expiresAt: string;
  deletedAt: string | null;
}

export interface ShortLinkStore {
  /** Enregistre un nouveau lien ; faux si le code existe déjà (on en tire un autre). */
  insert(link: Omit<StoredShortLink, 'deletedAt'>): boolean;
  get(code: string): StoredShortLink | undefined;
  /** Efface les éléments du lien et le marque supprimé (le code n'est jamais redonné) ; faux s'il n'existe pas ou l'était déjà. */
  markDeleted(code: string, now: Date): boolean;
  /** Oublie complètement un lien (la sélection de démonstration, refaite à son expiration). */
  forget(code: string): void;
  /** Efface les éléments des liens expirés ; oublie complètement ceux expirés avant `forgetBefore`. */
  purgeExpired(now: Date, forgetBefore: Date): { emptied: number; forgotten: number };
}
