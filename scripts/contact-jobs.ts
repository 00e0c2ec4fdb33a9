/**
 * Tâches planifiées de « Rencontrer un pro » : relance à 3 jours, expiration à 10 jours et pause
 * automatique après 3 expirations de suite, purges de conservation (demandes closes depuis
 * 12 mois, inscriptions non confirmées depuis 7 jours, e-mails envoyés depuis 30 jours).
 *
 *   npx tsx scripts/contact-jobs.ts            (à lancer par cron, par exemple toutes les heures)
 *   npx tsx scripts/contact-jobs.ts --send     envoie aussi les e-mails produits
 *
 * Le serveur lance les mêmes tâches toutes les 15 minutes. Imprime le compte rendu en JSON.
 */
import { parseArgs } from 'node:util';
import { runCli } from '../src/ingest/cli';
import { runScheduledJobs } from '../src/contact/jobs';
import { appServices, buildContactService } from '../src/app/services';

const HELP = 'Usage : npx tsx scripts/contact-jobs.ts [--send]';

runCli(async () => {
  const { values } = parseArgs({ options: { send: { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const app = appServices();
  const service = buildContactService({ clock: app.clock, catalog: app.catalog, api: app.api, env: process.env }, false);
  const report = runScheduledJobs(service.ctx);
  if (values.send) await service.flushMail();
  console.log(JSON.stringify(report));
  service.store.close();
  return 0;
}, HELP);
