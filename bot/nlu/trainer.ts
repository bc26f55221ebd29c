import { OUT_OF_SCOPE } from '../recognition.js';
import { foldCount, stratifiedFolds } from './cross-validation.js';
import type { LanguageModelJson } from './language-model.js';
import type { RoundResult, RoundTask } from './member-task.js';
import { combine, fitStacking } from './stacking.js';
import type { MemberScores } from './stacking.js';
import { runTasks, threadsFor } from './task-pool.js';
import { createTextAnalyzer } from './text-analyzer.js';
import { selectThreshold } from './threshold-rule.js';
import type { SelectionItem } from './threshold-rule.js';

/** A labelled training sentence; OUT_OF_SCOPE marks the off-topic ones. */
export interface TrainingExample {
  readonly text: string;
  readonly intent: string;
}

export interface TrainOptions {
  /** Seeds folds, initial weights and shuffles: the same seed and data give the same model. */
  readonly seed?: number;
  /** Worker threads; by default two on large corpora, none on small ones. */
  readonly threads?: number;
  /**
   * Held-out sentences (a validation split) to choose the ensemble weights and the threshold on,
   * instead of cross-validation on the training sentences.
   */
  readonly selection?: readonly TrainingExample[];
  /** Called as each training round finishes: rounds done, rounds in all (see trainingRounds). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Training rounds of a language without a selection split: one per fold, then the final members. */
export const trainingRounds = (examples: number): number => foldCount(examples) + 1;

export const DEFAULT_SEED = 42;

/** Scores of every row, gathered from the rounds that held it out. */
function heldOutScores(
  tasks: readonly RoundTask[],
  results: readonly RoundResult[],
  rows: number,
  classes: number,
) {
  const scores: MemberScores = {
    svm: new Float32Array(rows * classes),
    mlp: new Float32Array(rows * classes),
    classes,
  };
  tasks.forEach((task, t) => {
    const { svmScores, mlpScores } = results[t]!;
    task.test.forEach((row, i) => {
      scores.svm.set(svmScores.subarray(i * classes, (i + 1) * classes), row * classes);
      scores.mlp.set(mlpScores.subarray(i * classes, (i + 1) * classes), row * classes);
    });
  });
  return scores;
}

/** What the threshold rule needs from one out-of-fold prediction. */
function selectionItem(probabilities: Float64Array, label: number, outOfScope: number): SelectionItem {
  let best = -1;
  for (let c = 0; c < probabilities.length; c += 1) {
    if (c !== outOfScope && (best < 0 || probabilities[c]! > probabilities[best]!)) best = c;
  }
  const oos = probabilities[outOfScope] ?? 0;
  const won = best >= 0 && probabilities[best]! > oos;
  return {
    confidence: won ? probabilities[best]! - oos : -Infinity,
    outOfScope: label === outOfScope,
    correct: best === label,
  };
}

/**
 * Trains the recognizer of one language. Every hyper-parameter that depends on the data is chosen
 * by cross-validation on the training sentences alone: the members are trained on each fold, their
 * out-of-fold scores fit the ensemble weights (stacking.ts) and then the out-of-scope threshold
 * (threshold-rule.ts); the final members are trained on all sentences.
 */
export async function trainLanguageModel(
  language: string,
  examples: readonly TrainingExample[],
  options: TrainOptions = {},
): Promise<LanguageModelJson> {
  const analyzer = createTextAnalyzer(language);
  const selection = options.selection ?? [];
  const everything = [...examples, ...selection];
  const intents = [...new Set([OUT_OF_SCOPE, ...everything.map(({ intent }) => intent)])].sort();
  const classOf = new Map(intents.map((intent, i) => [intent, i]));
  const labels = Int32Array.from(everything, ({ intent }) => classOf.get(intent)!);
  const seed = options.seed ?? DEFAULT_SEED;
  const set = {
    texts: everything.map(({ text }) => analyzer.analyze(text)),
    labels,
    classes: intents.length,
    seed,
  };
  const train = Int32Array.from(examples, (_, row) => row);
  const held = Int32Array.from(selection, (_, i) => examples.length + i);
  const k = selection.length > 0 ? 0 : foldCount(examples.length);
  const folds = stratifiedFolds(labels.subarray(0, examples.length), Math.max(k, 1), seed);
  // Round k trains the final members on every training sentence and scores the selection split,
  // if any; rounds below k are the folds.
  const tasks: RoundTask[] = Array.from({ length: k + 1 }, (_, round) => ({
    round,
    keepModels: round === k,
    train: round === k ? train : train.filter((row) => folds[row] !== round),
    test: round === k ? held : train.filter((row) => folds[row] === round),
  }));
  let done = 0;
  const results = await runTasks(set, tasks, options.threads ?? threadsFor(examples.length), () =>
    options.onProgress?.((done += 1), tasks.length),
  );
  const scores = heldOutScores(tasks, results, labels.length, intents.length);
  const rows = k === 0 ? held : train;
  const picked = {
    svm: pickRows(scores.svm, rows, intents.length),
    mlp: pickRows(scores.mlp, rows, intents.length),
    classes: intents.length,
  };
  const pickedLabels = Int32Array.from(rows, (row) => labels[row]!);
  const stacking = fitStacking(picked, pickedLabels);
  const outOfScope = classOf.get(OUT_OF_SCOPE)!;
  const p = new Float64Array(intents.length);
  const items = Array.from(pickedLabels, (label, i) => {
    combine(picked, i, stacking, p);
    return selectionItem(p, label, outOfScope);
  });
  const { threshold, accuracy } = selectThreshold(items);
  const models = results[k]?.models;
  if (!models) throw new Error('NLU: the final members were not trained');
  const { vectorizer, svm, mlps } = models;
  const outOfScopeShare = examples.filter(({ intent }) => intent === OUT_OF_SCOPE).length / examples.length;
  return {
    language,
    intents,
    vectorizer,
    svm,
    mlps,
    stacking,
    threshold,
    outOfScopeShare,
    selection: { folds: k, accuracy },
  };
}

/** The rows `rows` of a row-major score matrix. */
function pickRows(scores: Float32Array, rows: Int32Array, classes: number): Float32Array {
  const out = new Float32Array(rows.length * classes);
  rows.forEach((row, i) => out.set(scores.subarray(row * classes, (row + 1) * classes), i * classes));
  return out;
}
