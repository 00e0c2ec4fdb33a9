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
import { deliverDue, outboxCounts } from '../src/contact/mail/outbox';
import { createTransport } from '../src/contact/service';
import { openSqliteContactStore } from '../src/contact/sqlite/store';

const HELP = 'Usage : npx tsx scripts/contact-worker.ts [--once]';

runCli(async () => {
  const { values } = parseArgs({ options: { once: { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const config = readContactConfig();
  const store = openSqliteContactStore(config.dbPath);
  const transport = createTransport(config);
  const pass = async () => {
    const report = await deliverDue(store, transport, () => new Date());
    console.log(JSON.stringify({ ...report, outbox: outboxCounts(store) }));
  };
  await pass();
  if (values.once) {
    store.close();
    return 0;
  }
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    await pass();
  }
}, HELP);
