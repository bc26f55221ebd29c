import type { AnalyzedText } from './text-analyzer.js';

/** Character n-gram lengths: 2-grams catch short-word typos, 5-grams keep most of a word. */
const CHAR_NGRAMS = [2, 3, 4, 5] as const;

/**
 * The names of a sentence's features, repeated as often as they occur:
 * - `w stem` and `b stem stem` (bigrams with sentence edges ^ $): meaning and word order ("not me");
 * - `r token`, the surface word: "charged" and "charges" differ in tense, and words weigh more than
 *   their many character n-grams;
 * - `c ngram` inside word boundaries: survives typos and inflections the stemmer misses.
 * Placeholders (#money, #num) take part as words but not as characters.
 */
export function featureNames({ tokens, stems }: AnalyzedText): string[] {
  const names: string[] = [];
  for (const stem of stems) names.push(`w ${stem}`);
  let previous = '^';
  for (const stem of stems) {
    names.push(`b ${previous} ${stem}`);
    previous = stem;
  }
  names.push(`b ${previous} $`);
  tokens.forEach((token) => {
    if (token.startsWith('#')) return;
    names.push(`r ${token}`);
    const padded = ` ${token} `;
    for (const n of CHAR_NGRAMS) {
      for (let start = 0; start + n <= padded.length; start += 1)
        names.push(`c ${padded.slice(start, start + n)}`);
    }
  });
  return names;
}

/** Character features form their own block, normalised apart from the word features. */
export const isCharFeature = (name: string): boolean => name.startsWith('c ');

/**
 * What the neural network reads: words and character 3- and 4-grams. Half the inputs of the SVM,
 * so twice as fast to train, and as accurate in cross-validation: the SVM covers the other n-grams.
 */
export const feedsNetwork = (name: string): boolean =>
  !isCharFeature(name) || name.length === 5 || name.length === 6;

/** Words seen in fewer training sentences than this count as unknown (see tfidf-vectorizer.ts). */
export const RARE_WORD_DF = 2;

/** The feature that counts unknown words. */
export const UNKNOWN_FEATURE = 'u #unknown';

/** Stems that can be unknown: placeholders never are. */
export const wordStems = ({ stems }: AnalyzedText): string[] => stems.filter((stem) => !stem.startsWith('#'));
