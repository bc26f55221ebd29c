/**
 * `npm run bench:nlu`: trains bankbot's recognizer on an intent dataset and prints in-scope
 * accuracy, out-of-scope recall, macro-F1, training time, latency and peak memory. See docs/nlu.md.
 */
import { writeFileSync } from 'node:fs';
import { parseBenchArgs, DEFAULT_DATA } from './nlu/args.js';
import { loadCsvDataset, loadJsonDataset, subsetDataset } from './nlu/dataset.js';
import { runBenchmark } from './nlu/evaluate.js';
import { runNlpjsBaseline } from './nlu/nlpjs-baseline.js';

/** --quick keeps every fifth intent: 30 of CLINC150's 150. */
const QUICK_STEP = 5;

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  const full =
    args.train && args.test
      ? loadCsvDataset({ train: args.train, test: args.test, ...(args.val ? { val: args.val } : {}) })
      : loadJsonDataset(args.data ?? DEFAULT_DATA);
  const dataset = args.quick ? subsetDataset(full, QUICK_STEP) : full;
  const intents = new Set(dataset.train.map(({ label }) => label)).size;
  const chosenOn = dataset.selection.length > 0 ? 'val' : 'cross-validation on train';
  console.log(
    `bench:nlu: ${intents} labels, ${dataset.train.length} training sentences, ` +
      `evaluating on ${dataset.evaluationSplit} (${dataset.evaluation.length}); choosing on ${chosenOn}`,
  );
  const result = await runBenchmark(dataset, args.seed);
  const figures = {
    inScopeAccuracy: result.inScopeAccuracy,
    oosRecall: result.oosRecall,
    macroF1: result.macroF1,
    trainSeconds: result.trainSeconds,
    medianLatencyMs: result.medianLatencyMs,
    p99LatencyMs: result.p99LatencyMs,
    peakRssMb: result.peakRssMb,
  };
  const pct = (value: number): string => `${(100 * value).toFixed(2)}%`;
  console.log(`in-scope accuracy   ${pct(figures.inScopeAccuracy)}`);
  console.log(`out-of-scope recall ${pct(figures.oosRecall)}`);
  console.log(`macro-F1            ${pct(figures.macroF1)}`);
  console.log(`train               ${figures.trainSeconds.toFixed(1)} s`);
  console.log(
    `latency             median ${figures.medianLatencyMs.toFixed(3)} ms, p99 ${figures.p99LatencyMs.toFixed(3)} ms`,
  );
  console.log(`peak RSS            ${figures.peakRssMb.toFixed(0)} MB`);
  const { folds, accuracy } = result.model.selection;
  console.log(
    `selection           ${folds > 0 ? `${folds}-fold cross-validation` : 'validation split'}, ` +
      `threshold ${result.model.threshold.toFixed(3)} (accuracy there ${pct(accuracy)}), ` +
      `weights svm ${result.model.stacking.svm} mlp ${result.model.stacking.mlp}`,
  );
  if (args.json) writeFileSync(args.json, `${JSON.stringify(figures, null, 2)}\n`);
  if (args.baseline) {
    const nlpjs = runNlpjsBaseline(dataset);
    console.log(
      `NLP.js baseline     in-scope ${pct(nlpjs.inScopeAccuracy)}, out-of-scope recall ${pct(nlpjs.oosRecall)}, ` +
        `macro-F1 ${pct(nlpjs.macroF1)}, train ${nlpjs.trainSeconds.toFixed(1)} s`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(`bench:nlu: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
