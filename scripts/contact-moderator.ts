/**
 * Crée un compte de modération (ou change son mot de passe) dans la base de « Rencontrer un pro ».
 *
 *   npx tsx scripts/contact-moderator.ts --email moderation@example.org
 *
 * Le mot de passe (12 caractères au moins) est lu dans CONTACT_MODERATOR_PASSWORD, sinon sur
 * l'entrée standard (première ligne) : jamais en argument (visible dans la liste des processus).
 * La base : CONTACT_DB_PATH (défaut data/contact.sqlite).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runCli } from '../src/ingest/cli';
import { upsertModerator } from '../src/contact/admin-auth';
import { readContactConfig } from '../src/contact/config';
import { openSqliteContactStore } from '../src/contact/sqlite/store';

const HELP = 'Usage : npx tsx scripts/contact-moderator.ts --email ADRESSE   (mot de passe : CONTACT_MODERATOR_PASSWORD ou entrée standard)';

runCli(async () => {
  const { values } = parseArgs({ options: { email: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help || !values.email) {
    console.log(HELP);
    return values.help ? 0 : 1;
  }
  const password = process.env.CONTACT_MODERATOR_PASSWORD ?? readFileSync(0, 'utf8').split('\n')[0]?.trim() ?? '';
  const config = readContactConfig();
  const store = openSqliteContactStore(config.dbPath);
  try {
    const { email, created } = upsertModerator(store, values.email, password, new Date());
    console.log(created ? `Compte de modération créé : ${email}` : `Mot de passe changé : ${email}`);
    return 0;
  } finally {
    store.close();
  }
}, HELP);
