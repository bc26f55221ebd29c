import { trainLinearSvm, createLinearSvm } from './linear-svm.js';
import type { LinearSvmModel } from './linear-svm.js';
import { trainMlp } from './mlp.js';
import type { MlpModel } from './mlp.js';
import { createNetworkEnsemble, NETWORKS, networkInputs, toNetworkInput } from './network-ensemble.js';
import type { SparseVector } from './sparse-matrix.js';
import { buildSparseMatrix, rowOf } from './sparse-matrix.js';
import type { AnalyzedText } from './text-analyzer.js';
import { createVectorizer, fitVectorizer } from './tfidf-vectorizer.js';
import type { VectorizerJson } from './tfidf-vectorizer.js';
import { withFields } from '../objects.js';

/** What every training task shares: the analyzed sentences, their class indices, the class count. */
export interface TrainingSet {
  readonly texts: readonly AnalyzedText[];
  readonly labels: Int32Array;
  readonly classes: number;
  readonly seed: number;
}

/** Trains both ensemble members on some rows and scores others (a held-out fold, or the selection split). */
export interface RoundTask {
  readonly train: Int32Array;
  readonly test: Int32Array;
  /** Distinguishes the seeds of the folds. */
  readonly round: number;
  /** Return the trained models (the final ones), not only their scores of the test rows. */
  readonly keepModels: boolean;
}

export interface RoundResult {
  readonly models?: {
    readonly vectorizer: VectorizerJson;
    readonly svm: LinearSvmModel;
    readonly mlps: readonly MlpModel[];
  };
  /** Row-major scores of the test rows (test.length x classes), one matrix per member. */
  readonly svmScores: Float32Array<ArrayBuffer>;
  readonly mlpScores: Float32Array<ArrayBuffer>;
}

const SVM = { cost: 2, maxPasses: 5, tolerance: 0.1 } as const;
const MLP = { hidden: 64, learningRate: 0.2, dropout: 0.3 } as const;
/** About this many SGD steps whatever the corpus size: a small corpus gets more epochs, never fewer than 8. */
const MLP_STEPS = 8_000;

export const mlpEpochs = (rows: number): number => Math.min(60, Math.max(8, Math.round(MLP_STEPS / rows)));

function scoreRows(
  model: (x: SparseVector) => Float64Array,
  vectors: readonly SparseVector[],
  classes: number,
) {
  const scores = new Float32Array(vectors.length * classes);
  vectors.forEach((x, i) => scores.set(model(x), i * classes));
  return scores;
}

/** Fits the vectorizer on the task's own training rows: held-out words stay unknown, as in production. */
export function runRoundTask(set: TrainingSet, task: RoundTask): RoundResult {
  const vectorizerJson = fitVectorizer(Array.from(task.train, (row) => set.texts[row]!));
  const vectorizer = createVectorizer(vectorizerJson);
  const data = buildSparseMatrix(task.train.length, (i) => vectorizer.transform(set.texts[task.train[i]!]!));
  const test = Array.from(task.test, (row) => vectorizer.transform(set.texts[row]!));
  const labels = Int32Array.from(task.train, (row) => set.labels[row]!);
  const shape = { classes: set.classes, features: vectorizer.size };
  const seed = set.seed + 1000 * task.round;
  const svm = trainLinearSvm(data, labels, shape, withFields(SVM, { seed }));
  const network = networkInputs(vectorizerJson);
  const inputs = buildSparseMatrix(data.rows, (i) => toNetworkInput(rowOf(data, i), network.map));
  const networkShape = { classes: set.classes, features: network.size };
  const epochs = mlpEpochs(inputs.rows);
  const mlps = Array.from({ length: task.keepModels ? NETWORKS.final : NETWORKS.fold }, (_, n) =>
    trainMlp(inputs, labels, networkShape, withFields(MLP, { epochs, seed: seed + 100 * (n + 1) })),
  );
  return withFields(task.keepModels ? { models: { vectorizer: vectorizerJson, svm, mlps } } : {}, {
    svmScores: scoreRows(createLinearSvm(svm), test, set.classes),
    mlpScores: scoreRows(createNetworkEnsemble(mlps, network.map), test, set.classes),
  });
}
