/**
 * Avant les tests unitaires et d'intégration : les tests qui lisent des données construites
 * lisent `DATA_DIR`. Lancés seuls (`npm run test:unit`, sans DATA_DIR), ils lisent la démo
 * construite pour la date de référence des tests dans le cache temporaire (tools/test-data.ts),
 * jamais data/build. `REFERENCE_DATE` est alors celle de ces données (horloge des processus).
 */
import { ensureTestData, testReferenceDate } from '../tools/test-data';

export default function setup(): void {
  if (process.env.DATA_DIR) return;
  const referenceDate = testReferenceDate();
  process.env.DATA_DIR = ensureTestData(referenceDate);
  process.env.REFERENCE_DATE = referenceDate;
}
