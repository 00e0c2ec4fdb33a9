/**
 * Un ActionDocument de test : des valeurs neutres (une action en présentiel à Nantes, niveau 3,
 * certifiante, 400 h, sans session ni avis), à compléter par ce que le test regarde.
 */
import type { ActionDocument } from '../../src/search/port';

export const NANTES = { lat: 47.218, lon: -1.553 } as const;

export function actionDocument(fields: Partial<ActionDocument> & { id: string }): ActionDocument {
  return {
    formationId: `F-${fields.id}`,
    title: `Formation ${fields.id}`,
    organismeId: 'O1',
    organismeName: 'Centre de formation',
    metierLabels: [],
    description: '',
    romeCodes: [],
    level: 3,
    teachingMode: 'presentiel',
    distanceLearning: false,
    financing: [],
    publics: [],
    departement: '44',
    territoire: null,
    inseeCode: '44109',
    city: 'Nantes',
    lat: NANTES.lat,
    lon: NANTES.lon,
    sessionStarts: [],
    sessions: [],
    nextStart: null,
    permanentEntry: false,
    handicapAccessible: null,
    certifying: true,
    durationHours: 400,
    insertionRate: null,
    reviewScore: null,
    reviewCount: 0,
    ...fields,
  };
}
