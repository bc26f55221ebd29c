import { NeuralNetwork } from '@nlpjs/neural';
import type { FeatureMap, NeuralNetworkJson } from '@nlpjs/neural';
import { isNumberMatrix, isRecord, isStringArray } from './json-guards.js';

/** A training sentence for the neural network: its stems and its intent. */
export interface StemmedExample {
  readonly stems: readonly string[];
  readonly intent: string;
}

// NLP.js keeps features in plain objects, where a stem such as "constructor" would hit
// Object.prototype: every feature gets a prefix.
const feature = (stem: string): string => `w ${stem}`;
// NLP.js's "None feature": unknown words push towards the fallback intent.
const UNKNOWN = '#unknown';
const UNKNOWN_GROWTH = 1.2;

/**
 * Trains NLP.js's own classifier (one perceptron per intent over the set of stems), with the
 * None feature of @nlpjs/nlu routed to `fallbackIntent`.
 */
export function trainNeuralNetwork(
  examples: readonly StemmedExample[],
  fallbackIntent: string,
): NeuralNetworkJson {
  const corpus = examples.map(({ stems, intent }) => ({
    input: Object.fromEntries(stems.map((stem) => [feature(stem), 1])),
    output: { [intent]: 1 },
  }));
  corpus.push({ input: { [UNKNOWN]: 1 }, output: { [fallbackIntent]: 1 } });
  const network = new NeuralNetwork({ log: false });
  network.train(corpus);
  return network.toJSON();
}

/** Scores of one sentence: intent -> share, summing to 1 (or empty when nothing fired). */
export type NeuralScorer = (stems: readonly string[]) => Map<string, number>;

export function createNeuralScorer(json: NeuralNetworkJson): NeuralScorer {
  const network = new NeuralNetwork();
  network.fromJSON(json);
  const known = new Set(json.features ?? []);
  const intents = json.intents?.length ?? 1;
  return (stems) => {
    const input: FeatureMap = {};
    let unknown = 0;
    let delta = intents / Math.max(known.size, 1);
    for (const stem of new Set(stems)) {
      if (known.has(feature(stem))) {
        input[feature(stem)] = 1;
      } else {
        unknown += delta;
        delta *= UNKNOWN_GROWTH;
      }
    }
    if (unknown > 0) input[UNKNOWN] = unknown;
    // Squared and normalised as @nlpjs/nlu does, which sharpens the winner.
    const raw = Object.entries(network.run(input) ?? {}).map(
      ([intent, score]) => [intent, score * score] as const,
    );
    const total = raw.reduce((sum, [, score]) => sum + score, 0);
    return new Map(total > 0 ? raw.map(([intent, score]) => [intent, score / total]) : []);
  };
}

/** Validates a network read from the model cache: one row per intent, a weight per feature plus the bias. */
export function parseNeuralNetworkJson(raw: unknown): NeuralNetworkJson {
  const fail = (): never => {
    throw new Error(
      'neural network: expected the NLP.js { settings, features, intents, perceptrons } export',
    );
  };
  if (!isRecord(raw) || !isRecord(raw.settings)) return fail();
  const { features, intents, perceptrons } = raw;
  if (!isStringArray(features) || !isStringArray(intents) || !isNumberMatrix(perceptrons)) return fail();
  if (
    perceptrons.length !== intents.length ||
    perceptrons.some((row) => row.length !== features.length + 1)
  ) {
    return fail();
  }
  // Trained with NLP.js's default settings (its export leaves defaults out), so none to restore.
  return { settings: {}, features, intents, perceptrons };
}
