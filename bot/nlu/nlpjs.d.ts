/**
 * Minimal typings for the parts of NLP.js that bot/nlu uses. NLP.js ships no declarations.
 *
 * We import the packages that `@nlpjs/basic` is built from rather than `@nlpjs/basic` itself:
 * importing basic instantiates @nlpjs/logger, whose pino 7 prints a `prettyPrint is deprecated`
 * warning at import time unless NODE_ENV is production. The classes are the same ones basic re-exports.
 */

declare module '@nlpjs/lang-en-min' {
  /** Lower-cases and strips diacritics. */
  export class NormalizerEn {
    normalize(text: string): string;
  }

  /** Splits on punctuation and expands English contractions ("didn't" -> "did not"). */
  export class TokenizerEn {
    /** The uncached tokeniser: `tokenize()` memoises every text it sees for an hour. */
    innerTokenize(text: string): string[];
  }

  /** Snowball (Porter 2) stemmer. */
  export class StemmerEn {
    stem(tokens: readonly string[]): string[];
  }
}

declare module '@nlpjs/neural' {
  /** Sparse feature vector or one-hot output: name -> value. */
  export type FeatureMap = Record<string, number>;

  export interface NeuralNetworkSettings {
    iterations?: number;
    errorThresh?: number;
    deltaErrorThresh?: number;
    learningRate?: number;
    momentum?: number;
    alpha?: number;
    log?: boolean;
  }

  export interface NeuralNetworkJson {
    settings: NeuralNetworkSettings;
    features?: string[];
    intents?: string[];
    /** One row per intent: a weight per feature, then the bias. */
    perceptrons?: number[][];
  }

  export interface TrainingStatus {
    iterations?: number;
    error?: number;
  }

  /** One leaky-ReLU perceptron per intent, trained one-vs-rest; deterministic (zero initialised). */
  export class NeuralNetwork {
    constructor(settings?: NeuralNetworkSettings);
    train(corpus: { input: FeatureMap; output: FeatureMap }[]): TrainingStatus;
    /** Raw, unnormalised activation per intent; undefined before training. */
    run(input: FeatureMap): FeatureMap | undefined;
    toJSON(): NeuralNetworkJson;
    fromJSON(json: NeuralNetworkJson): void;
  }
}
