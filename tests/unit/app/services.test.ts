/** La racine de composition : une horloge fixe s'injecte, chaque service est construit une fois. */
import { describe, expect, it } from 'vitest';
import { createAppServices } from '../../../src/app/services';
import { fixedClock } from '../../../src/clock';

describe('createAppServices', () => {
  it('prend l’horloge donnée (tests) et garde un seul catalogue, un seul référentiel, un seul moteur', async () => {
    const app = createAppServices({ clock: fixedClock('2026-09-14T10:00:00Z') });
    expect(app.clock.now().toISOString()).toBe('2026-09-14T10:00:00.000Z');
    expect(app.catalog).toBe(app.catalog);
    expect(app.geo).toBe(app.api.geo);
    expect(await app.engine()).toBe(await app.engine());
    expect(await app.formations()).toBe(await app.formations());
  });

  it('sans horloge donnée : celle de l’environnement (REFERENCE_DATE)', () => {
    const app = createAppServices({ env: { REFERENCE_DATE: '2027-03-15' } });
    expect(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(app.clock.now())).toBe('2027-03-15');
  });
});
