import { featureNames, isCharFeature, RARE_WORD_DF, UNKNOWN_FEATURE, wordStems } from './features.js';
import { isNumberArray, isRecord, isStringArray } from './json-guards.js';
import { createSpeller } from './spelling.js';
import type { Speller } from './spelling.js';
import type { SparseVector } from './sparse-matrix.js';
import type { AnalyzedText } from './text-analyzer.js';

export interface VectorizerJson {
  /** Feature names; a feature's index is its position. */
  readonly vocabulary: readonly string[];
  readonly idf: readonly number[];
  /** Training sentences the idf was counted on. */
  readonly documents: number;
  /** Stems seen in fewer than RARE_WORD_DF training sentences: they count as unknown words. */
  readonly rareWords: readonly string[];
  /** Every training word with its stem, sorted: what misspelt words are corrected to. */
  readonly words: readonly (readonly [string, string])[];
}

/** Share of the squared norm given to word features; characters get the rest. Chosen by cross-validation. */
const WORD_SHARE = 0.35;
/** A character n-gram seen in a single sentence is noise, not a pattern. */
const MIN_CHAR_DF = 2;

/** Number of words a classifier has (almost) never seen: NLP.js's "None feature", learnt from rare words. */
function unknownCount(text: AnalyzedText, isRare: (stem: string) => boolean): number {
  return wordStems(text).filter(isRare).length;
}

/**
 * Learns the vocabulary and smoothed inverse document frequencies. Words seen once are kept as
 * features but also counted by the unknown-word feature, so the classes learn how much an unseen
 * word should weigh: a lot for out-of-scope, little for "call me bobby".
 */
export function fitVectorizer(documents: readonly AnalyzedText[]): VectorizerJson {
  const df = new Map<string, number>();
  const add = (name: string): void => void df.set(name, (df.get(name) ?? 0) + 1);
  for (const document of documents) new Set(featureNames(document)).forEach(add);
  const rare = new Set<string>();
  for (const [name, count] of df) if (name.startsWith('w ') && count < RARE_WORD_DF) rare.add(name.slice(2));
  const isRare = (stem: string): boolean => rare.has(stem) || !df.has(`w ${stem}`);
  df.set(UNKNOWN_FEATURE, documents.filter((document) => unknownCount(document, isRare) > 0).length);
  const vocabulary = [...df.keys()].filter((name) => !isCharFeature(name) || df.get(name)! >= MIN_CHAR_DF);
  const idf = vocabulary.map((name) => Math.log((1 + documents.length) / (1 + df.get(name)!)) + 1);
  const words = new Map<string, string>();
  for (const { tokens, stems } of documents) tokens.forEach((token, i) => words.set(token, stems[i]!));
  const known = [...words].filter(([token]) => !token.startsWith('#')).sort(([a], [b]) => (a < b ? -1 : 1));
  return { vocabulary, idf, documents: documents.length, rareWords: [...rare].sort(), words: known };
}

/** Replaces each unknown word one edit away from a training word by that word: typos are not new words. */
function correctSpelling(
  text: AnalyzedText,
  speller: Speller,
  stemOf: ReadonlyMap<string, string>,
): AnalyzedText {
  let tokens: string[] | undefined;
  let stems: string[] | undefined;
  text.tokens.forEach((token, i) => {
    const corrected = token.startsWith('#') ? undefined : speller(token);
    if (corrected === undefined) return;
    tokens ??= [...text.tokens];
    stems ??= [...text.stems];
    tokens[i] = corrected;
    stems[i] = stemOf.get(corrected) ?? corrected;
  });
  return tokens && stems ? { tokens, stems } : text;
}

/** Whether a feature occurred in at least `count` training sentences, read back from its idf. */
export function seenAtLeast(json: VectorizerJson, feature: number, count: number): boolean {
  return (json.idf[feature] ?? Infinity) <= Math.log((1 + json.documents) / (1 + count)) + 1 + 1e-9;
}

/** Turns analyzed text into a sublinear TF-IDF vector, each block scaled to its share of unit norm. */
export interface Vectorizer {
  readonly size: number;
  transform(text: AnalyzedText): SparseVector;
  /** The vector, and the share of words the training sentences know after spelling correction (0 without words). */
  describe(text: AnalyzedText): { readonly vector: SparseVector; readonly knownShare: number };
}

export function createVectorizer(json: VectorizerJson): Vectorizer {
  const index = new Map(json.vocabulary.map((name, i) => [name, i]));
  const isChar = json.vocabulary.map(isCharFeature);
  const rare = new Set(json.rareWords);
  const isRare = (stem: string): boolean => rare.has(stem) || !index.has(`w ${stem}`);
  const unknown = index.get(UNKNOWN_FEATURE);
  const stemOf = new Map(json.words);
  // The most frequent word wins a tie between corrections: the lowest idf of its surface feature.
  const frequency = (word: string): number => -(json.idf[index.get(`r ${word}`) ?? -1] ?? Infinity);
  const speller = createSpeller([...stemOf.keys()], frequency);

  const vectorize = (text: AnalyzedText): SparseVector => {
    const counts = new Map<number, number>();
    for (const name of featureNames(text)) {
      const i = index.get(name);
      if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    const unknownWords = unknownCount(text, isRare);
    if (unknown !== undefined && unknownWords > 0) counts.set(unknown, unknownWords);
    const entries = [...counts].sort((a, b) => a[0] - b[0]);
    const norms = { word: 0, char: 0 };
    const weights = entries.map(([i, count]) => {
      const weight = (1 + Math.log(count)) * json.idf[i]!;
      norms[isChar[i] ? 'char' : 'word'] += weight * weight;
      return weight;
    });
    const word = norms.word > 0 ? Math.sqrt(WORD_SHARE / norms.word) : 0;
    const char = norms.char > 0 ? Math.sqrt((1 - WORD_SHARE) / norms.char) : 0;
    return {
      indices: Int32Array.from(entries, ([i]) => i),
      values: Float32Array.from(entries, ([i], k) => weights[k]! * (isChar[i] ? char : word)),
    };
  };

  return {
    size: json.vocabulary.length,
    transform: (raw) => vectorize(correctSpelling(raw, speller, stemOf)),
    describe(raw) {
      const text = correctSpelling(raw, speller, stemOf);
      const words = wordStems(text);
      const knownShare = words.length === 0 ? 0 : words.filter((stem) => !isRare(stem)).length / words.length;
      return { vector: vectorize(text), knownShare };
    },
  };
}

/** Validates a vectorizer read from the model cache. */
export function parseVectorizerJson(raw: unknown): VectorizerJson {
  if (
    !isRecord(raw) ||
    !isStringArray(raw.vocabulary) ||
    !isNumberArray(raw.idf) ||
    typeof raw.documents !== 'number' ||
    !isStringArray(raw.rareWords) ||
    !Array.isArray(raw.words) ||
    !raw.words.every((pair: unknown) => isStringArray(pair) && pair.length === 2) ||
    raw.vocabulary.length !== raw.idf.length
  ) {
    throw new Error(
      'vectorizer: expected { vocabulary, idf, documents, rareWords, words } with one idf per feature',
    );
  }
  const words = raw.words.filter(isStringArray).map(([token, stem]) => [token ?? '', stem ?? ''] as const);
  return {
    vocabulary: raw.vocabulary,
    idf: raw.idf,
    documents: raw.documents,
    rareWords: raw.rareWords,
    words,
  };
}
