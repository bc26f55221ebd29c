import { NeuralNetwork } from '@nlpjs/neural';
import type { FeatureMap, NeuralNetworkJson } from '@nlpjs/neural';

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
