import { NormalizerEn, StemmerEn, TokenizerEn } from '@nlpjs/lang-en-min';
import { stemSpanish } from './stemmer-es.js';

/** A sentence as the classifiers see it. */
export interface AnalyzedText {
  /** Normalised surface words, numbers masked: the source of character n-grams. */
  readonly tokens: readonly string[];
  /** NLP.js stems of `tokens`, in sentence order. */
  readonly stems: readonly string[];
}

/** Turns a sentence of one language into tokens and stems. Keeps no state between calls. */
export interface TextAnalyzer {
  analyze(text: string): AnalyzedText;
}

/** Placeholder for an amount with a currency sign ("$42.10", "15€"). */
export const MONEY_TOKEN = '#money';
/** Placeholder for any other number (dates, card endings, counts). */
export const NUMBER_TOKEN = '#num';

// Every amount or card ending is its own word otherwise; masking lets "$42.10" teach "$9.99".
const MONEY = /[$£€]\s*\d+(?:[.,]\d+)*|\d+(?:[.,]\d+)*\s*[$£€]/g;
const NUMBER = /\d+(?:[.,:/-]\d+)*(?:st|nd|rd|th)?/g;
// Symbols in statement descriptors ("paypal *ebay", "sq *coffee") would glue onto words.
const SYMBOLS = /[^\p{L}\p{N}\s'#]/gu;

// Customers skip apostrophes; TokenizerEn only expands "didn't", not "didnt".
const INFORMAL_EN: readonly (readonly [RegExp, string])[] = [
  [/\b(do|does|did|is|are|was|were|has|have|had|could|would|should|ca|wo)nt\b/g, '$1 not'],
  [/\bim\b/g, 'i am'],
  [/\b(what|that|there|who|where)s\b/g, '$1 is'],
  [/\b(you|they|we)re\b/g, '$1 are'],
];

/** Masks amounts and numbers; shared by every language. */
const maskNumbers = (text: string): string =>
  text.replace(/[’‘`]/g, "'").replace(MONEY, ` ${MONEY_TOKEN} `).replace(NUMBER, ` ${NUMBER_TOKEN} `);

const splitSymbols = (tokens: readonly string[]): string[] =>
  tokens.flatMap((token) => token.replace(SYMBOLS, ' ').split(/\s+/)).filter((token) => token !== '');

function createEnglishAnalyzer(): TextAnalyzer {
  const normalizer = new NormalizerEn();
  const tokenizer = new TokenizerEn();
  const stemmer = new StemmerEn();
  return {
    analyze(text) {
      let prepared = maskNumbers(normalizer.normalize(text));
      for (const [pattern, replacement] of INFORMAL_EN) prepared = prepared.replace(pattern, replacement);
      // The tokeniser expands contractions, so symbols go only after it has seen the apostrophes.
      const tokens = splitSymbols(tokenizer.innerTokenize(prepared));
      return { tokens, stems: stemmer.stem(tokens) };
    },
  };
}

/**
 * Spanish: NLP.js's normalisation (lower case, no accents: customers often type none, and "ñ" becomes
 * "n" as in @nlpjs/lang-es), a split on anything but letters and digits, and the Snowball stemmer.
 */
function createSpanishAnalyzer(): TextAnalyzer {
  const normalizer = new NormalizerEn();
  return {
    analyze(text) {
      const tokens = splitSymbols(maskNumbers(normalizer.normalize(text)).replace(/'/g, ' ').split(/\s+/));
      return { tokens, stems: tokens.map((token) => (token.startsWith('#') ? token : stemSpanish(token))) };
    },
  };
}

const ANALYZERS: ReadonlyMap<string, () => TextAnalyzer> = new Map([
  ['en', createEnglishAnalyzer],
  ['es', createSpanishAnalyzer],
]);

/** The languages that have an analyzer. */
export const SUPPORTED_LANGUAGES: readonly string[] = [...ANALYZERS.keys()];

/** Creates the analyzer of a language ("en"); throws for a language without one. */
export function createTextAnalyzer(language: string): TextAnalyzer {
  const create = ANALYZERS.get(language);
  if (create === undefined) {
    throw new Error(
      `NLU: no analyzer for language "${language}" (supported: ${SUPPORTED_LANGUAGES.join(', ')})`,
    );
  }
  return create();
}
