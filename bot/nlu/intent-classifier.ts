import { performance } from 'node:perf_hooks';
import type { IntentScore } from '../recognition.js';
import { corporaHash, loadCorpora } from './corpus.js';
import type { Corpus } from './corpus.js';
import { createIntentScorer } from './language-model.js';
import type { LanguageModelJson } from './language-model.js';
import { readCachedModels, writeCachedModels } from './model-cache.js';
import { applyOutOfScopeRule } from './out-of-scope-rule.js';
import { createTextAnalyzer } from './text-analyzer.js';
import { trainLanguageModel, trainingRounds } from './trainer.js';
import type { TrainingExample } from './trainer.js';

/** What the classifier made of one sentence. */
export interface IntentClassification {
  /** The winning intent, or OUT_OF_SCOPE (bot/recognition.ts) when nothing fits. */
  intent: string;
  /** Confidence of `intent`, 0..1: a calibrated probability. */
  score: number;
  /** Every intent of the language, best first, OUT_OF_SCOPE included. */
  intents: readonly IntentScore[];
}

/** Intent classification only; entities are extracted elsewhere. */
export interface IntentClassifier {
  /**
   * Classifies a customer sentence; `locale` ("es-ES") picks the language model. A locale whose
   * language has no model uses the default language rather than failing the turn.
   */
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
  /** Languages to load, e.g. ['en', 'es']. */
  languages: readonly string[];
  /** Language for locales without a model of their own; the first of `languages` by default. */
  defaultLanguage?: string;
  /** Timings for logs and metrics: the hash of the corpora and the milliseconds spent. */
  onEvent?: (event: NluEvent, detail: { hash: string; ms: number }) => void;
  /** Training progress over every language (not called when the model is cached). */
  onProgress?: (progress: TrainingProgress) => void;
}

/** How far training has got: rounds done of all languages' rounds, and the language in training. */
export interface TrainingProgress {
  readonly done: number;
  readonly total: number;
  readonly language: string;
}

/** The training sentences of one language's corpora; held-out tests are never trained on. */
export const trainingExamples = (corpora: readonly Corpus[]): TrainingExample[] =>
  corpora.flatMap(({ data }) =>
    data.flatMap(({ intent, utterances }) => utterances.map((text) => ({ text, intent }))),
  );

/** The classification of one language's model: probabilities, then the out-of-scope rule. */
export function createLanguageClassifier(model: LanguageModelJson): (text: string) => IntentClassification {
  const scorer = createIntentScorer(model);
  const { threshold, outOfScopeShare } = model;
  return (text) => {
    const { intents, knownShare } = scorer(text);
    return applyOutOfScopeRule(intents, { threshold, knownShare, outOfScopeShare });
  };
}

/** The language part of a locale: "es-ES" and "es_es" give "es". */
export const languageOf = (locale: string): string => locale.split(/[-_]/)[0]?.toLowerCase() ?? '';

/**
 * Loads the corpora, then the models trained from them: from `cacheDir` when these exact corpora
 * were trained before, otherwise by training (a few seconds) and caching the result.
 *
 * @example
 * const classifier = await loadIntentClassifier({ modelsDir: 'nlu-models', cacheDir: 'nlu-models/.cache', languages: ['en', 'es'] });
 * await classifier.classify('was this $42.10 charge me', 'en-US'); // { intent: 'charge.verify', ... }
 * await classifier.classify('¿cuánto dinero tengo?', 'es-MX'); // { intent: 'balance.check', ... }
 */
export async function loadIntentClassifier(options: LoadIntentClassifierOptions): Promise<IntentClassifier> {
  const started = performance.now();
  const emit = options.onEvent ?? (() => undefined);
  const defaultLanguage = options.defaultLanguage ?? options.languages[0];
  if (defaultLanguage === undefined) throw new Error('NLU: no language to load');
  if (!options.languages.includes(defaultLanguage)) {
    throw new Error(`NLU: the default language "${defaultLanguage}" is not one of the loaded languages`);
  }
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
    const trained: LanguageModelJson[] = [];
    const examples = new Map([...corpora].map(([language, list]) => [language, trainingExamples(list)]));
    const total = [...examples.values()].reduce((sum, list) => sum + trainingRounds(list.length), 0);
    let before = 0;
    for (const [language, languageExamples] of examples) {
      const onProgress = (done: number): void =>
        options.onProgress?.({ done: before + done, total, language });
      trained.push(await trainLanguageModel(language, languageExamples, { onProgress }));
      before += trainingRounds(languageExamples.length);
    }
    models = trained;
    await writeCachedModels(options.cacheDir, hash, models);
    emit('nlu.trained', { hash, ms: performance.now() - training });
  }
  const classifiers = new Map(models.map((model) => [model.language, createLanguageClassifier(model)]));
  const intents = [...new Set(models.flatMap((model) => model.intents))].sort();
  if (cached) emit('nlu.cache.hit', { hash, ms: performance.now() - started });
  const fallback = classifiers.get(defaultLanguage)!;
  return {
    intents,
    async classify(text, locale) {
      return (classifiers.get(languageOf(locale)) ?? fallback)(text);
    },
  };
}
