/**
 * Construit data/build/ : référentiel géographique, démo (ou données officielles), imports.
 * Voir --help.
 */
import { parseArgs } from 'node:util';
import { ReferenceDateError, resolveReferenceDate } from '../src/clock';
import { buildData, ImportFatalError, isUpToDate, type BuildDataOptions } from '../src/ingest/build-data';

const HELP = `Usage : npm run data:build -- [options]

Construit les données du site dans data/build/. Sans option : référentiel géographique,
jeu de démonstration généré (LHEO 2.3, InserJeunes, Anotéa) importé par les importeurs
officiels, et fiches métiers de démonstration.

  --if-missing          ne fait rien si data/build est à jour (mêmes entrées, même date de référence)
  --reference-date AAAA-MM-JJ
                        date de référence : la démo est générée autour de ce jour, et seules les
                        sessions encore proposées ce jour-là sont cherchables. Par défaut
                        REFERENCE_DATE, sinon aujourd'hui (heure de Paris). --today : même option
  --lheo FICHIER        flux LHEO 2.2/2.3 officiel (répétable) : remplace l'offre de démonstration
  --rome DOSSIER        ROME 4.0 (RefRomeCsv) : remplace les fiches métiers de démonstration
  --inserjeunes FICHIER taux d'insertion InserJeunes (répétable) : fr-en-inserjeunes-cfa.csv (par CFA)
                        et/ou ij_region_data.csv (par région × formation × voie), Pays de la Loire
  --anotea FICHIER      avis Anotéa (réponse JSON de l'API v1 /avis)
  --sessions N          taille de la démo (3000 par défaut)
  --seed GRAINE         graine de la démo
  --out-dir DOSSIER     data/build par défaut

Codes de sortie : 0 données construites ; 1 erreur fatale (fichier illisible, mauvais format) ;
2 données construites mais un fichier n'a été lu qu'en partie (voir data/build/current/reports/).

Chaque construction est écrite à part (data/build/generations/<identifiant>/) puis mise en service
d'un coup (lien data/build/current) : interrompue, elle laisse la précédente en service.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      'if-missing': { type: 'boolean' },
      lheo: { type: 'string', multiple: true },
      rome: { type: 'string' },
      inserjeunes: { type: 'string', multiple: true },
      anotea: { type: 'string' },
      sessions: { type: 'string' },
      seed: { type: 'string' },
      'reference-date': { type: 'string' },
      today: { type: 'string' },
      'out-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const sessions = values.sessions === undefined ? undefined : Number(values.sessions);
  if (sessions !== undefined && (!Number.isInteger(sessions) || sessions < 1)) {
    console.error(`Erreur : --sessions attend un entier positif (reçu « ${values.sessions} »).`);
    return 1;
  }
  if (values['reference-date'] !== undefined && values.today !== undefined && values['reference-date'] !== values.today) {
    console.error('Erreur : --reference-date et --today donnent deux dates différentes ; n’en donnez qu’une.');
    return 1;
  }
  let referenceDate: string;
  try {
    referenceDate = resolveReferenceDate(values['reference-date'] ?? values.today);
  } catch (error) {
    if (error instanceof ReferenceDateError) {
      console.error(`Erreur : ${error.message}`);
      return 1;
    }
    throw error;
  }
  const options: BuildDataOptions = {
    outDir: values['out-dir'] ?? 'data/build',
    lheo: values.lheo,
    rome: values.rome,
    inserjeunes: values.inserjeunes,
    anotea: values.anotea,
    sessions,
    seed: values.seed,
    referenceDate,
    log: (line) => console.error(line),
  };
  if (values['if-missing'] && (await isUpToDate(options))) {
    console.log(`Données déjà construites et à jour dans ${options.outDir} (date de référence ${referenceDate}) : rien à faire.`);
    return 0;
  }
  try {
    const { manifest, reports, complete } = await buildData(options);
    const rejected = reports.reduce((n, r) => n + r.rejected.length, 0);
    const c = manifest.counts;
    console.log(
      `Données construites dans ${options.outDir}${manifest.demo ? ' (démonstration)' : ''}, date de référence ${manifest.referenceDate} : ${c.formations} formations, ` +
        `${c.actions} actions, ${c.sessions} sessions, ${c.metiers} métiers, ${c.communes} communes, ${c.reviews} avis, ` +
        `${c.insertionStats} taux d’insertion ; ${rejected} enregistrement(s) rejeté(s).`,
    );
    return complete ? 0 : 2;
  } catch (error) {
    if (error instanceof ImportFatalError) {
      console.error(`Erreur : ${error.message}`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main();
