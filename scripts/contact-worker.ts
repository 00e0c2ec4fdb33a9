/**
 * Envoie les e-mails dus de la boîte d'envoi de « Rencontrer un pro ».
 *
 *   npx tsx scripts/contact-worker.ts --once     un passage, puis s'arrête (cron)
 *   npx tsx scripts/contact-worker.ts            tourne en continu (un passage toutes les 5 s)
 *
 * Le serveur fait déjà ce travail lui-même ; cette commande sert quand il est arrêté, ou pour
 * vider la file à la main. Deux travailleurs n'envoient jamais le même message (réservation).
 * Imprime en JSON : { sent, failed, dead, outbox: { pending, sent, failed } }.
 */
import { parseArgs } from 'node:util';
import { runCli } from '../src/ingest/cli';
import { readContactConfig } from '../src/contact/config';
import { deliverDue, outboxCounts } from '../src/contact/outbox';
import { createTransport } from '../src/contact/service';
import { openContactDb } from '../src/contact/sqlite';

const HELP = 'Usage : npx tsx scripts/contact-worker.ts [--once]';

runCli(async () => {
  const { values } = parseArgs({ options: { once: { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const config = readContactConfig();
  const db = openContactDb(config.dbPath);
  const transport = createTransport(config);
  const pass = async () => {
    const report = await deliverDue(db, transport, () => new Date());
    console.log(JSON.stringify({ ...report, outbox: outboxCounts(db) }));
  };
  await pass();
  if (values.once) {
    db.close();
    return 0;
  }
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    await pass();
  }
}, HELP);
