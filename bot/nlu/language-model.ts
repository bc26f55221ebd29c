import { OUT_OF_SCOPE } from '../recognition.js';
import type { IntentScore } from '../recognition.js';
import { isRecord, isStringArray } from './json-guards.js';
import { createNetworkEnsemble, networkInputs } from './network-ensemble.js';
import { createLinearSvm, parseLinearSvm } from './linear-svm.js';
import type { LinearSvmModel } from './linear-svm.js';
import { parseMlp } from './mlp.js';
import type { MlpModel } from './mlp.js';
import { combine, type StackingWeights } from './stacking.js';
import { createTextAnalyzer } from './text-analyzer.js';
import { createVectorizer, parseVectorizerJson } from './tfidf-vectorizer.js';
import type { VectorizerJson } from './tfidf-vectorizer.js';

/**
 * One language's trained recognizer (trainer.ts): NLP.js analysis, TF-IDF of word and character
 * n-grams, a linear SVM and a small neural network, mixed into calibrated probabilities. Weights
 * are Float32Arrays; model-cache.ts writes them as base64.
 */
export interface LanguageModelJson {
  readonly language: string;
  /** Every intent the model can answer, OUT_OF_SCOPE included, sorted. */
  readonly intents: readonly string[];
  readonly vectorizer: VectorizerJson;
  readonly svm: LinearSvmModel;
  /** The networks, averaged (network-ensemble.ts). */
  readonly mlps: readonly MlpModel[];
  readonly stacking: StackingWeights;
  /** An intent is answered when its probability beats out-of-scope's by more than this. */
  readonly threshold: number;
  /** Share of out-of-scope sentences in training: the confidence an unknown sentence gets. */
  readonly outOfScopeShare: number;
  /** How the threshold was chosen: cross-validation folds (0: a held-out selection split) and the accuracy there. */
  readonly selection: { readonly folds: number; readonly accuracy: number };
}

/** Probabilities of every intent for one sentence, best first, and the share of its words the model knows. */
export type IntentScorer = (text: string) => { readonly intents: IntentScore[]; readonly knownShare: number };

const byScore = (a: IntentScore, b: IntentScore): number =>
  b.score - a.score || a.intent.localeCompare(b.intent);

export function createIntentScorer(json: LanguageModelJson): IntentScorer {
  const analyzer = createTextAnalyzer(json.language);
  const vectorizer = createVectorizer(json.vectorizer);
  const svm = createLinearSvm(json.svm);
  const networks = createNetworkEnsemble(json.mlps, networkInputs(json.vectorizer).map);
  const { stacking, intents } = json;
  const scores = new Float64Array(intents.length);
  return (text) => {
    const analyzed = analyzer.analyze(text);
    const { vector: x, knownShare } = vectorizer.describe(analyzed);
    // Nothing the model knows (empty text, symbols only): certainly out of scope.
    if (x.indices.length === 0) {
      return {
        intents: intents.map((intent) => ({ intent, score: Number(intent === OUT_OF_SCOPE) })).sort(byScore),
        knownShare,
      };
    }
    // The same softmax the trainer fitted the threshold on.
    combine({ svm: svm(x), mlp: networks(x), classes: intents.length }, 0, stacking, scores);
    return {
      intents: intents.map((intent, c) => ({ intent, score: scores[c]! })).sort(byScore),
      knownShare,
    };
  };
}

/** Validates a language model read from the cache, down to the sizes of its weights. */
export function parseLanguageModelJson(raw: unknown): LanguageModelJson {
  if (!isRecord(raw) || typeof raw.language !== 'string' || !isStringArray(raw.intents)) {
    throw new Error('language model: expected { language, intents, vectorizer, svm, mlp, ... }');
  }
  const { stacking, threshold, selection, outOfScopeShare } = raw;
  if (!isRecord(stacking) || typeof stacking.svm !== 'number' || typeof stacking.mlp !== 'number') {
    throw new Error('language model: bad stacking weights');
  }
  if (typeof threshold !== 'number' || typeof outOfScopeShare !== 'number' || !isRecord(selection)) {
    throw new Error('language model: bad threshold');
  }
  const { folds, accuracy } = selection;
  if (typeof folds !== 'number' || typeof accuracy !== 'number')
    throw new Error('language model: bad selection');
  const model = {
    language: raw.language,
    intents: raw.intents,
    vectorizer: parseVectorizerJson(raw.vectorizer),
    svm: parseLinearSvm(raw.svm),
    mlps: Array.isArray(raw.mlps) ? raw.mlps.map(parseMlp) : [],
    stacking: { svm: stacking.svm, mlp: stacking.mlp },
    threshold,
    outOfScopeShare,
    selection: { folds, accuracy },
  };
  const features = model.vectorizer.vocabulary.length;
  const classes = model.intents.length;
  const inputs = networkInputs(model.vectorizer).size;
  if (model.svm.features !== features || model.mlps.some((mlp) => mlp.features !== inputs)) {
    throw new Error('language model: the members do not match the vocabulary');
  }
  if (model.mlps.length === 0 || [model.svm, ...model.mlps].some((member) => member.classes !== classes)) {
    throw new Error('language model: the members do not match the intents');
  }
  if (!model.intents.includes(OUT_OF_SCOPE)) throw new Error('language model: no out-of-scope intent');
  return model;
}
