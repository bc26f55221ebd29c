/**
 * The Snowball Spanish stemmer (snowballstem.org/algorithms/spanish), written for text that
 * NLP.js-style normalisation has already lower-cased and stripped of accents ("acción" -> "accion"),
 * since customers type both. @nlpjs/lang-es ships the same algorithm; it is not a dependency here.
 */
const VOWELS = new Set('aeiou');
const isVowel = (word: string, i: number): boolean => VOWELS.has(word[i] ?? '');
const byLength = (list: string): string[] => list.split(' ').sort((a, b) => b.length - a.length);

const PRONOUNS = byLength('selas selos sela selo las les los nos me se la le lo');
const GERUND_OR_INFINITIVE = byLength('iendo ando ar er ir');
const STANDARD: readonly (readonly [string[], string])[] = [
  [
    byLength(
      'anza anzas ico ica icos icas ismo ismos able ables ible ibles ista istas oso osa osos osas amiento amientos imiento imientos',
    ),
    'delete',
  ],
  [byLength('adora ador acion adoras adores aciones ante antes ancia ancias'), 'ic'],
  [byLength('logia logias'), 'log'],
  [byLength('ucion uciones'), 'u'],
  [byLength('encia encias'), 'ente'],
  [['amente'], 'amente'],
  [['mente'], 'mente'],
  [byLength('idad idades'), 'idad'],
  [byLength('iva ivo ivas ivos'), 'iva'],
];
const STANDARD_ALL = STANDARD.flatMap(([suffixes]) => suffixes).sort((a, b) => b.length - a.length);
const Y_VERB = byLength('ya ye yan yen yeron yendo yo yas yes yais yamos');
const VERB_GU = byLength('en es eis emos');
const VERB = byLength(
  'arian arias aran aras ariais aria areis ariamos aremos ara are erian erias eran eras eriais eria ereis ' +
    'eriamos eremos era ere irian irias iran iras iriais iria ireis iriamos iremos ira ire aba ada ida ia ' +
    'iera ad ed id ase iese aste iste an aban ian ieran asen iesen aron ieron ado ido ando iendo io ar er ' +
    'ir as abas adas idas ias aras ieras ases ieses is ais abais iais arais ierais aseis ieseis asteis ' +
    'isteis ados idos amos abamos iamos imos aramos ieramos iesemos asemos',
);
const VERB_ALL = [...VERB_GU, ...VERB].sort((a, b) => b.length - a.length);

/** Start of the region after the first non-vowel that follows a vowel, from `from`. */
function regionAfter(word: string, from: number): number {
  for (let i = from + 1; i < word.length; i += 1) if (!isVowel(word, i) && isVowel(word, i - 1)) return i + 1;
  return word.length;
}

function rvStart(word: string): number {
  if (word.length < 2) return word.length;
  const next = (from: number, vowel: boolean): number => {
    for (let i = from; i < word.length; i += 1) if (isVowel(word, i) === vowel) return i + 1;
    return word.length;
  };
  if (!isVowel(word, 1)) return next(2, true);
  if (isVowel(word, 0)) return next(2, false);
  return Math.min(3, word.length);
}

const longest = (word: string, suffixes: readonly string[]): string | undefined =>
  suffixes.find((suffix) => word.endsWith(suffix));

/** Applies step 1 (standard suffixes); returns the word unchanged when nothing applies. */
function standardSuffix(word: string, r1: number, r2: number): string {
  const suffix = longest(word, STANDARD_ALL);
  if (suffix === undefined) return word;
  const at = word.length - suffix.length;
  const rule = STANDARD.find(([suffixes]) => suffixes.includes(suffix))![1];
  const inR2 = (from: number): boolean => from >= r2;
  const stripIn2 = (w: string, ...endings: string[]): string => {
    const ending = endings.find((e) => w.endsWith(e) && inR2(w.length - e.length));
    return ending ? w.slice(0, -ending.length) : w;
  };
  if (rule === 'amente') {
    if (at < r1) return word;
    let rest = word.slice(0, at);
    if (rest.endsWith('iv') && inR2(rest.length - 2)) return stripIn2(rest.slice(0, -2), 'at');
    rest = stripIn2(rest, 'os', 'ic', 'ad');
    return rest;
  }
  if (!inR2(at)) return word;
  const rest = word.slice(0, at);
  switch (rule) {
    case 'log':
    case 'u':
    case 'ente':
      return rest + rule;
    case 'ic':
      return stripIn2(rest, 'ic');
    case 'mente':
      return stripIn2(rest, 'ante', 'able', 'ible');
    case 'idad':
      return stripIn2(rest, 'abil', 'ic', 'iv');
    case 'iva':
      return stripIn2(rest, 'at');
    default:
      return rest;
  }
}

function verbSuffix(word: string, rv: number): string {
  const y = longest(word, Y_VERB);
  if (y !== undefined && word.length - y.length >= rv && word[word.length - y.length - 1] === 'u') {
    return word.slice(0, -y.length);
  }
  const suffix = longest(word, VERB_ALL);
  if (suffix === undefined || word.length - suffix.length < rv) return word;
  const rest = word.slice(0, -suffix.length);
  return VERB_GU.includes(suffix) && rest.endsWith('gu') ? rest.slice(0, -1) : rest;
}

/** Stems one lower-case, accent-free Spanish word. */
export function stemSpanish(input: string): string {
  let word = input;
  const rv = rvStart(word);
  const r1 = regionAfter(word, 0);
  const r2 = regionAfter(word, r1);
  const pronoun = longest(word, PRONOUNS);
  if (pronoun !== undefined) {
    const rest = word.slice(0, -pronoun.length);
    const ending = longest(rest, GERUND_OR_INFINITIVE);
    const yendo = rest.endsWith('uyendo') && rest.length - 5 >= rv;
    if ((ending !== undefined && rest.length - ending.length >= rv) || yendo) word = rest;
  }
  const afterStandard = standardSuffix(word, r1, r2);
  if (afterStandard !== word) word = afterStandard;
  else word = verbSuffix(word, rv);
  const residual = longest(word, ['os', 'a', 'o', 'e']);
  if (residual !== undefined && word.length - residual.length >= rv) {
    word = word.slice(0, -residual.length);
    if (residual === 'e' && word.endsWith('gu') && word.length - 1 >= rv) word = word.slice(0, -1);
  }
  return word;
}
