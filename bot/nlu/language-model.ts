import type { NeuralNetworkJson } from '@nlpjs/neural';
import { OUT_OF_SCOPE } from '../recognition.js';
import type { IntentScore } from '../recognition.js';
import type { Corpus } from './corpus.js';
import { isRecord, isStringArray } from './json-guards.js';
import { createNeuralScorer, parseNeuralNetworkJson, trainNeuralNetwork } from './neural-scorer.js';
import {
  createSoftmaxRegression,
  parseSoftmaxRegressionJson,
  trainSoftmaxRegression,
} from './softmax-regression.js';
import type { SoftmaxRegressionJson } from './softmax-regression.js';
import { createTextAnalyzer } from './text-analyzer.js';
import { createVectorizer, fitVectorizer, parseVectorizerJson } from './tfidf-vectorizer.js';
import type { VectorizerJson } from './tfidf-vectorizer.js';

/*
 * Design: two classifiers over the same NLP.js analysis (normaliser, tokeniser, Snowball stemmer),
 * averaged.
 * - NLP.js's neural network sees the set of stems. It learns fast and is sharp on known words,
 *   but it ignores word order and is confidently wrong on off-topic text that shares one word.
 * - A softmax regression over TF-IDF of stems, stem bigrams and character 3-5-grams adds word
 *   order ("not me"), typo tolerance ("balence") and softer probabilities that a threshold can use.
 * Out-of-scope text is learnt as an intent of its own; out-of-scope-rule.ts then rejects weak or
 * ambiguous winners. Everything is deterministic: the network starts at zero, SGD is seeded.
 * The weights below were chosen by 5-fold cross-validation on the training utterances, never on
 * the held-out tests.
 */

/** Share of the regression in the average; the rest is NLP.js's network. */
const REGRESSION_WEIGHT = 0.7;
const REGRESSION = { epochs: 30, learningRate: 0.5, l2: 1e-5, seed: 42 } as const;

export interface LanguageModelJson {
  readonly language: string;
  /** Every intent the model can answer, OUT_OF_SCOPE included, sorted. */
  readonly intents: readonly string[];
  readonly vectorizer: VectorizerJson;
  readonly regression: SoftmaxRegressionJson;
  readonly neural: NeuralNetworkJson;
}

/** Trains both classifiers on the utterances (never the tests) of one language's corpora. */
export function trainLanguageModel(language: string, corpora: readonly Corpus[]): LanguageModelJson {
  const analyzer = createTextAnalyzer(language);
  const examples = corpora.flatMap((corpus) =>
    corpus.data.flatMap(({ intent, utterances }) =>
      utterances.map((text) => ({ intent, analyzed: analyzer.analyze(text) })),
    ),
  );
  const intents = [...new Set([OUT_OF_SCOPE, ...examples.map(({ intent }) => intent)])].sort();
  const vectorizerJson = fitVectorizer(examples.map(({ analyzed }) => analyzed));
  const vectorizer = createVectorizer(vectorizerJson);
  const regression = trainSoftmaxRegression(
    examples.map(({ analyzed }) => vectorizer.transform(analyzed)),
    examples.map(({ intent }) => intents.indexOf(intent)),
    { classes: intents.length, features: vectorizer.size },
    REGRESSION,
  );
  const neural = trainNeuralNetwork(
    examples.map(({ intent, analyzed }) => ({ intent, stems: analyzed.stems })),
    OUT_OF_SCOPE,
  );
  return { language, intents, vectorizer: vectorizerJson, regression, neural };
}

/** Scores every intent of the model for one sentence, best first. */
export type IntentScorer = (text: string) => IntentScore[];

export function createIntentScorer(json: LanguageModelJson): IntentScorer {
  const analyzer = createTextAnalyzer(json.language);
  const vectorizer = createVectorizer(json.vectorizer);
  const regression = createSoftmaxRegression(json.regression);
  const neural = createNeuralScorer(json.neural);
  return (text) => {
    const analyzed = analyzer.analyze(text);
    const probabilities = regression.probabilities(vectorizer.transform(analyzed));
    const network = neural(analyzed.stems);
    // Nothing fired in the network (no known word): its whole vote goes to out-of-scope.
    const networkScore = (intent: string): number =>
      network.size === 0 ? Number(intent === OUT_OF_SCOPE) : (network.get(intent) ?? 0);
    return json.intents
      .map((intent, i) => ({
        intent,
        score: REGRESSION_WEIGHT * (probabilities[i] ?? 0) + (1 - REGRESSION_WEIGHT) * networkScore(intent),
      }))
      .sort((a, b) => b.score - a.score || a.intent.localeCompare(b.intent));
  };
}

/** Validates a language model read from the cache. */
export function parseLanguageModelJson(raw: unknown): LanguageModelJson {
  if (!isRecord(raw) || typeof raw.language !== 'string' || !isStringArray(raw.intents)) {
    throw new Error('language model: expected { language, intents, vectorizer, regression, neural }');
  }
  const model = {
    language: raw.language,
    intents: raw.intents,
    vectorizer: parseVectorizerJson(raw.vectorizer),
    regression: parseSoftmaxRegressionJson(raw.regression),
    neural: parseNeuralNetworkJson(raw.neural),
  };
  const { regression, vectorizer, intents } = model;
  if (regression.classes !== intents.length || regression.features !== vectorizer.vocabulary.length) {
    throw new Error('language model: the regression does not match the intents or the vocabulary');
  }
  return model;
}
