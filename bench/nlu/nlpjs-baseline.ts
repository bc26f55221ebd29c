import { performance } from 'node:perf_hooks';
import { computeMetrics } from '../../bot/nlu/metrics.js';
import type { Metrics } from '../../bot/nlu/metrics.js';
import { createNeuralScorer, trainNeuralNetwork } from '../../bot/nlu/neural-scorer.js';
import { createTextAnalyzer } from '../../bot/nlu/text-analyzer.js';
import { OUT_OF_SCOPE } from '../../bot/recognition.js';
import type { Dataset } from './dataset.js';
import { OOS_LABEL } from './dataset.js';

/** NLP.js answers "None" under this score by default. */
const NLPJS_THRESHOLD = 0.5;

const intentOf = (label: string): string => (label === OOS_LABEL ? OUT_OF_SCOPE : label);

/**
 * The baseline row of docs/nlu.md: NLP.js's own neural network with its default settings and its
 * "None" feature, on the same NLP.js analysis, answering out of scope under its 0.5 threshold.
 */
export function runNlpjsBaseline(dataset: Dataset): Metrics & { readonly trainSeconds: number } {
  const analyzer = createTextAnalyzer('en');
  const started = performance.now();
  const network = trainNeuralNetwork(
    dataset.train.map(({ text, label }) => ({
      stems: analyzer.analyze(text).stems,
      intent: intentOf(label),
    })),
    OUT_OF_SCOPE,
  );
  const trainSeconds = (performance.now() - started) / 1000;
  const score = createNeuralScorer(network);
  const outcomes = dataset.evaluation.map(({ text, label }) => {
    const [best] = [...score(analyzer.analyze(text).stems)].sort((a, b) => b[1] - a[1]);
    const predicted = best && best[1] >= NLPJS_THRESHOLD ? best[0] : OUT_OF_SCOPE;
    return { expected: intentOf(label), predicted };
  });
  return { ...computeMetrics(outcomes), trainSeconds };
}
