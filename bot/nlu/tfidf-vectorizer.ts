import { isNumberArray, isRecord, isStringArray } from './json-guards.js';
import type { AnalyzedText } from './text-analyzer.js';

/** Feature indices (ascending) with their weights. */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

export interface VectorizerJson {
  /** Feature names, sorted; a feature's index is its position. */
  readonly vocabulary: readonly string[];
  readonly idf: readonly number[];
}

/** Minimum number of training sentences a character n-gram must occur in to become a feature. */
const MIN_CHAR_DF = 2;
const CHAR_NGRAMS = [3, 4, 5] as const;

/**
 * Word features ('w' stems and 'b' stem bigrams, with sentence edges) carry meaning and negation
 * ("not me"); character n-grams ('c', inside word boundaries) survive typos and unseen inflections.
 */
function featureCounts({ tokens, stems }: AnalyzedText): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (feature: string): void => {
    counts.set(feature, (counts.get(feature) ?? 0) + 1);
  };
  stems.forEach((stem) => add(`w ${stem}`));
  const edged = ['^', ...stems, '$'];
  for (let i = 1; i < edged.length; i += 1) add(`b ${edged[i - 1]} ${edged[i]}`);
  for (const token of tokens) {
    if (token.startsWith('#')) continue;
    const padded = ` ${token} `;
    for (const n of CHAR_NGRAMS) {
      for (let i = 0; i + n <= padded.length; i += 1) add(`c ${padded.slice(i, i + n)}`);
    }
  }
  return counts;
}

/** Learns the vocabulary and smoothed inverse document frequencies of the training sentences. */
export function fitVectorizer(documents: readonly AnalyzedText[]): VectorizerJson {
  const df = new Map<string, number>();
  for (const document of documents) {
    for (const feature of featureCounts(document).keys()) df.set(feature, (df.get(feature) ?? 0) + 1);
  }
  const vocabulary = [...df.keys()]
    .filter((feature) => !feature.startsWith('c') || (df.get(feature) ?? 0) >= MIN_CHAR_DF)
    .sort();
  const idf = vocabulary.map(
    (feature) => Math.log((1 + documents.length) / (1 + (df.get(feature) ?? 0))) + 1,
  );
  return { vocabulary, idf };
}

/** Turns analyzed text into TF-IDF vectors; word and character blocks weigh the same. */
export interface Vectorizer {
  readonly size: number;
  transform(text: AnalyzedText): SparseVector;
}

export function createVectorizer(json: VectorizerJson): Vectorizer {
  const index = new Map(json.vocabulary.map((feature, i) => [feature, i]));
  return {
    size: json.vocabulary.length,
    transform(text) {
      const entries: [number, number, boolean][] = [];
      const norms = { word: 0, char: 0 };
      for (const [feature, count] of featureCounts(text)) {
        const i = index.get(feature);
        if (i === undefined) continue;
        const value = (1 + Math.log(count)) * (json.idf[i] ?? 1);
        const isChar = feature.startsWith('c');
        norms[isChar ? 'char' : 'word'] += value * value;
        entries.push([i, value, isChar]);
      }
      // Each block is scaled to norm 1/sqrt(2), so a long sentence's many n-grams cannot drown its words.
      const scale = (isChar: boolean): number => {
        const norm = Math.sqrt(isChar ? norms.char : norms.word);
        return norm === 0 ? 0 : Math.SQRT1_2 / norm;
      };
      entries.sort((a, b) => a[0] - b[0]);
      return {
        indices: Int32Array.from(entries, ([i]) => i),
        values: Float64Array.from(entries, ([, value, isChar]) => value * scale(isChar)),
      };
    },
  };
}

/** Validates a vectorizer read from the model cache. */
export function parseVectorizerJson(raw: unknown): VectorizerJson {
  if (!isRecord(raw) || !isStringArray(raw.vocabulary) || !isNumberArray(raw.idf)) {
    throw new Error('vectorizer: expected { vocabulary: string[], idf: number[] }');
  }
  if (raw.vocabulary.length !== raw.idf.length)
    throw new Error('vectorizer: vocabulary and idf differ in length');
  return { vocabulary: raw.vocabulary, idf: raw.idf };
}
