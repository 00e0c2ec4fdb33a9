import { describe, expect, it } from 'vitest';
import { STOP_WORDS_FR, analyze, fold, stem, tokenize, tokenizeWords, typoBudget } from '../../../src/search/analyzer';

/** Racine d'un mot isolé, telle que la calcule la chaîne complète. */
const root = (word: string) => analyze(word).join(' ');

describe('fold : pliage', () => {
  it('met en minuscules et retire les accents, cédilles et ligatures', () => {
    expect(fold('Électricien')).toBe('electricien');
    expect(fold('MAÇON')).toBe('macon');
    expect(fold('Œuvre Cœur')).toBe('oeuvre coeur');
    expect(fold('ex æquo')).toBe('ex aequo');
    expect(fold('Hôtellerie-Restauration à Saint-Nazaire')).toBe('hotellerie-restauration a saint-nazaire');
  });

  it('unifie apostrophes et guillemets typographiques, retire ® et ™', () => {
    expect(fold('l’hôtellerie')).toBe("l'hotellerie");
    expect(fold('d‘accueil')).toBe("d'accueil");
    expect(fold('« CACES® »')).toBe('" caces "');
    expect(fold('Word™')).toBe('word');
    expect(fold('aide\u2011soignant')).toBe('aide-soignant');
  });
});

describe('tokenize : découpe', () => {
  it('retire les élisions, avec apostrophe droite ou typographique', () => {
    expect(tokenize("l'hôtellerie")).toEqual(['hotellerie']);
    expect(tokenize('d’accueil')).toEqual(['accueil']);
    expect(tokenize("qu'il jusqu'au lorsqu'on puisqu’elle")).toEqual(['il', 'au', 'on', 'elle']);
    expect(tokenize("j'aime n'est s'il c'est m'a t'as")).toEqual(['aime', 'est', 'il', 'est', 'as']);
  });

  it("ne coupe pas une apostrophe au milieu d'un mot comme une élision", () => {
    expect(tokenize("aujourd'hui")).toEqual(['aujourd', 'hui', 'aujourdhui']);
  });

  it('émet les parties et la forme soudée des mots composés', () => {
    expect(tokenize('aide-soignant')).toEqual(['aide', 'soignant', 'aidesoignant']);
    expect(tokenize('Aide‑Soignante')).toEqual(['aide', 'soignante', 'aidesoignante']);
    expect(tokenizeWords('conducteur-livreur')).toEqual([{ parts: ['conducteur', 'livreur'], joined: 'conducteurlivreur' }]);
  });

  it('« aide-soignant » et « aide soignant » partagent leurs jetons', () => {
    const hyphen = new Set(analyze('aide-soignant'));
    const spaced = analyze('aide soignant');
    expect(spaced.length).toBe(2);
    for (const token of spaced) expect(hyphen.has(token)).toBe(true);
  });

  it('garde les chiffres et les sigles, écarte les lettres isolées', () => {
    expect(tokenize('CACES® R489 catégorie 3')).toEqual(['caces', 'r489', 'categorie', '3']);
    expect(tokenize('Bac+2 / BTS')).toEqual(['bac', '2', 'bts']);
    expect(tokenize('permis B et C')).toEqual(['permis', 'et']);
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' — ; ! ')).toEqual([]);
  });
});

describe('stem : racinisation légère', () => {
  const families: string[][] = [
    ['soignant', 'soignante', 'soignants', 'soignantes'],
    ['boulanger', 'boulangère', 'boulangers', 'boulangères'],
    ['technicien', 'technicienne', 'techniciens', 'techniciennes'],
    ['conducteur', 'conductrice', 'conducteurs', 'conductrices'],
    ['serveur', 'serveuse', 'serveurs', 'serveuses'],
    ['électricien', 'électricienne', 'électriciens'],
    ['cuisinier', 'cuisinière', 'cuisiniers', 'cuisinières'],
    ['agent', 'agents', 'agente'],
    ['métal', 'métaux'],
    ['animateur', 'animatrice', 'animateurs'],
    ['coiffeur', 'coiffeuse', 'coiffeuses'],
    ['infirmier', 'infirmière', 'infirmiers', 'infirmières'],
    ['vendeur', 'vendeuse'],
    ['chauffeur', 'chauffeuse'],
    ['formateur', 'formatrice'],
    ['éducateur', 'éducatrice'],
    ['employé', 'employée', 'employés'],
    ['professionnel', 'professionnelle', 'professionnels'],
    ['maçon', 'maçonne'],
    ['travail', 'travaux'],
    ['bureau', 'bureaux'],
  ];

  for (const family of families) {
    it(`rapproche ${family.join(' / ')}`, () => {
      const roots = new Set(family.map(root));
      expect(roots.size, `racines : ${[...roots].join(', ')}`).toBe(1);
    });
  }

  it('ne rapproche pas des mots différents', () => {
    const pairs: [string, string][] = [
      ['mer', 'mère'],
      ['cap', 'capa'],
      ['maçon', 'maison'],
      ['soignant', 'soigneur'],
      ['chauffeur', 'chauffage'],
      ['animateur', 'animal'],
      ['formation', 'formateur'],
      ['cuisine', 'cuisinier'],
      ['deas', 'dea'],
    ];
    for (const [a, b] of pairs) expect(root(a), `${a} ≠ ${b}`).not.toBe(root(b));
  });

  it('laisse intacts les mots courts, les sigles et les jetons avec chiffre', () => {
    expect(stem('cap')).toBe('cap');
    expect(stem('bts')).toBe('bts');
    expect(stem('mer')).toBe('mer');
    expect(stem('mere')).toBe('mere');
    expect(stem('caces')).toBe('caces');
    expect(stem('deas')).toBe('deas');
    expect(stem('r489')).toBe('r489');
    expect(stem('aide')).toBe('aide');
    expect(stem('capa')).toBe('capa');
    expect(stem('process')).toBe('process');
  });
});

describe('analyze : chaîne complète', () => {
  it('retire les mots vides et racinise', () => {
    expect(analyze("Formation d'aide-soignante à Nantes")).toEqual(['formation', 'aide', 'soignant', 'aidesoignant', 'nant']);
    expect(analyze('Les métiers de la boulangerie et des métaux')).toEqual(['metier', 'boulangeri', 'metal']);
  });

  it('garde les mots qui portent du sens dans une recherche de formation', () => {
    for (const word of ['as', 'ce', 'son', 'plus', 'sans', 'vers']) expect(STOP_WORDS_FR.has(word), word).toBe(false);
    expect(analyze('AS')).toEqual(['as']);
    expect(analyze('permis CE')).toEqual(['permi', 'ce']);
  });

  it('donne les mêmes jetons quelle que soit la graphie', () => {
    expect(analyze('L’HÔTELLERIE')).toEqual(analyze("l'hotellerie"));
    expect(analyze('Électriciennes du bâtiment')).toEqual(analyze('electricien batiment'));
  });
});

describe('typoBudget : fautes tolérées (valeurs par défaut de Meilisearch)', () => {
  it('0 sous 5 caractères, 1 de 5 à 8, 2 à partir de 9', () => {
    expect(typoBudget('bts')).toBe(0);
    expect(typoBudget('abcd')).toBe(0);
    expect(typoBudget('abcde')).toBe(1);
    expect(typoBudget('abcdefgh')).toBe(1);
    expect(typoBudget('abcdefghi')).toBe(2);
    expect(typoBudget('électricien')).toBe(2);
  });

  it('compte les caractères pliés (accents et ligatures)', () => {
    expect(typoBudget('cœur')).toBe(1); // « coeur »
    expect(typoBudget('école')).toBe(1);
  });
});

describe('mots de la demande (« je veux », « devenir », « travailler dans »…) : pas des termes de requête', () => {
  it('retirés de la requête, dans les deux moteurs', async () => {
    const { analyzeQueryWords } = await import('../../../src/search/analyzer');
    const { meilisearchQueryText } = await import('../../../src/search/meilisearch-filters');
    const { buildTextQuery } = await import('../../../src/search/embedded-query');
    expect(analyzeQueryWords('je veux devenir cuisinier').flatMap((w) => w.parts)).toEqual(['cuisinier']);
    expect(analyzeQueryWords("j'aimerais travailler dans la restauration").flatMap((w) => w.parts)).toEqual(['restauration']);
    expect(meilisearchQueryText('je veux devenir cuisinier').trim()).toBe('cuisinier');
    expect(meilisearchQueryText('faire du pain').trim()).toBe('pain');
    expect(buildTextQuery('je veux travailler')).toBeNull();
    expect(buildTextQuery('je voudrais devenir boulanger')?.length).toBe(1);
  });
  it('gardés dans les documents (un intitulé « Devenir formateur » reste cherchable par « formateur »)', async () => {
    const { analyze } = await import('../../../src/search/analyzer');
    expect(analyze('Devenir formateur')).toEqual(['devenir', 'formateur']);
  });
});
