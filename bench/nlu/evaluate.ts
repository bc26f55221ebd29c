import { performance } from 'node:perf_hooks';
import { createLanguageClassifier } from '../../bot/nlu/intent-classifier.js';
import type { LanguageModelJson } from '../../bot/nlu/language-model.js';
import { computeMetrics } from '../../bot/nlu/metrics.js';
import type { Metrics } from '../../bot/nlu/metrics.js';
import { trainLanguageModel } from '../../bot/nlu/trainer.js';
import type { TrainingExample } from '../../bot/nlu/trainer.js';
import { OUT_OF_SCOPE } from '../../bot/recognition.js';
import type { Dataset, LabelledText } from './dataset.js';
import { OOS_LABEL } from './dataset.js';

export interface BenchResult extends Metrics {
  readonly trainSeconds: number;
  readonly medianLatencyMs: number;
  readonly p99LatencyMs: number;
  readonly peakRssMb: number;
  readonly model: LanguageModelJson;
}

const toExample = ({ text, label }: LabelledText): TrainingExample => ({
  text,
  intent: label === OOS_LABEL ? OUT_OF_SCOPE : label,
});

const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/**
 * Trains bankbot's recognizer exactly as the bot does (same trainer, same defaults) on the
 * dataset's training split, then classifies the evaluation split one sentence at a time.
 */
export async function runBenchmark(dataset: Dataset, seed?: number): Promise<BenchResult> {
  const started = performance.now();
  const model = await trainLanguageModel('en', dataset.train.map(toExample), {
    selection: dataset.selection.map(toExample),
    ...(seed !== undefined ? { seed } : {}),
  });
  const trainSeconds = (performance.now() - started) / 1000;
  const classify = createLanguageClassifier(model);
  // Warm-up, so that the latencies measure the classifier rather than the JIT compiler.
  dataset.evaluation.slice(0, 200).forEach(({ text }) => classify(text));
  const latencies: number[] = [];
  const outcomes = dataset.evaluation.map((item) => {
    const start = performance.now();
    const { intent } = classify(item.text);
    latencies.push(performance.now() - start);
    return { expected: toExample(item).intent, predicted: intent };
  });
  latencies.sort((a, b) => a - b);
  return {
    ...computeMetrics(outcomes),
    trainSeconds,
    medianLatencyMs: quantile(latencies, 0.5),
    p99LatencyMs: quantile(latencies, 0.99),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    model,
  };
}
