import { performance } from 'node:perf_hooks';
import type { IntentScore } from '../recognition.js';
import { corporaHash, loadCorpora } from './corpus.js';
import { createIntentScorer, trainLanguageModel } from './language-model.js';
import type { IntentScorer } from './language-model.js';
import { readCachedModels, writeCachedModels } from './model-cache.js';
import { applyOutOfScopeRule } from './out-of-scope-rule.js';
import { createTextAnalyzer } from './text-analyzer.js';

/** What the classifier made of one sentence. */
export interface IntentClassification {
  /** The winning intent, or OUT_OF_SCOPE (bot/recognition.ts) when nothing fits. */
  intent: string;
  /** Confidence of `intent`, 0..1. */
  score: number;
  /** Every intent of the language, best first, OUT_OF_SCOPE included. */
  intents: readonly IntentScore[];
}

/** Intent classification only; entities are extracted elsewhere. */
export interface IntentClassifier {
  /** Classifies a customer sentence; `locale` ("en-US") picks the language model. */
  classify(text: string, locale: string): Promise<IntentClassification>;
  /** Every intent that can be returned, OUT_OF_SCOPE included, sorted. */
  readonly intents: readonly string[];
}

export type NluEvent = 'nlu.cache.hit' | 'nlu.cache.miss' | 'nlu.trained';

export interface LoadIntentClassifierOptions {
  /** Holds one directory of corpora per language: `<modelsDir>/en/*.json`. */
  modelsDir: string;
  /** Where trained models are kept, one file per corpora hash. */
  cacheDir: string;
  /** Languages to load, e.g. ['en']. */
  languages: readonly string[];
  /** Timings for logs and metrics: the hash of the corpora and the milliseconds spent. */
  onEvent?: (event: NluEvent, detail: { hash: string; ms: number }) => void;
}

/**
 * Loads the corpora, then the model trained from them: from `cacheDir` when these exact corpora
 * were trained before, otherwise by training (well under a second here) and caching the result.
 *
 * @example
 * const classifier = await loadIntentClassifier({ modelsDir: 'nlu-models', cacheDir: 'nlu-models/.cache', languages: ['en'] });
 * await classifier.classify('was this $42.10 charge me', 'en-US'); // { intent: 'charge.verify', ... }
 */
export async function loadIntentClassifier(options: LoadIntentClassifierOptions): Promise<IntentClassifier> {
  const started = performance.now();
  const emit = options.onEvent ?? (() => undefined);
  if (options.languages.length === 0) throw new Error('NLU: no language to load');
  options.languages.forEach((language) => createTextAnalyzer(language));
  const corpora = new Map(
    options.languages.map((language) => [language, loadCorpora(options.modelsDir, language)]),
  );
  const hash = corporaHash([...corpora.values()].flat());

  let models = await readCachedModels(options.cacheDir, hash);
  const cached = models !== undefined;
  if (models === undefined) {
    emit('nlu.cache.miss', { hash, ms: performance.now() - started });
    const training = performance.now();
    models = [...corpora].map(([language, languageCorpora]) => trainLanguageModel(language, languageCorpora));
    await writeCachedModels(options.cacheDir, hash, models);
    emit('nlu.trained', { hash, ms: performance.now() - training });
  }
  const scorers = new Map<string, IntentScorer>(
    models.map((model) => [model.language, createIntentScorer(model)]),
  );
  const intents = [...new Set(models.flatMap((model) => model.intents))].sort();
  if (cached) emit('nlu.cache.hit', { hash, ms: performance.now() - started });
  return {
    intents,
    async classify(text, locale) {
      const language = locale.split(/[-_]/)[0]?.toLowerCase() ?? '';
      const scorer = scorers.get(language);
      if (scorer === undefined) throw new Error(`NLU: no model for locale "${locale}"`);
      return applyOutOfScopeRule(scorer(text));
    },
  };
}
