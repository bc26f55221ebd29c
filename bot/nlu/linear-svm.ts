import { classNeighbours } from './class-neighbours.js';
import { isFloats } from './float-codec.js';
import { isRecord } from './json-guards.js';
import type { SparseMatrix, SparseVector } from './sparse-matrix.js';
import { diagonalTerms, solveBinary } from './svm-solver.js';
import type { SolverOptions } from './svm-solver.js';
import { withFields } from '../objects.js';

export type LinearSvmOptions = SolverOptions;

export interface LinearSvmModel {
  readonly classes: number;
  readonly features: number;
  /**
   * Feature-major (feature * classes + class): scoring a sentence reads one contiguous row per
   * feature it has, instead of one scattered weight per feature and class.
   */
  readonly weights: Float32Array;
  readonly bias: Float32Array;
}

/** Classes whose sentences a class is first trained against; the others join if inside its margin. */
const NEIGHBOURS = 20;

/**
 * One-vs-rest linear SVM (`labels[i]` is the class of row i): L2-regularised squared hinge loss,
 * strictly convex, so the model barely moves when a few sentences are added to a corpus.
 */
export function trainLinearSvm(
  data: SparseMatrix,
  labels: Int32Array,
  shape: { classes: number; features: number },
  options: LinearSvmOptions,
): LinearSvmModel {
  const { classes, features } = shape;
  const weights = new Float32Array(classes * features);
  const bias = new Float32Array(classes);
  const problem = {
    data,
    positive: new Uint8Array(data.rows),
    terms: diagonalTerms(data, options.cost),
    alpha: new Float64Array(data.rows),
    w: new Float64Array(features + 1),
  };
  const neighbours = classNeighbours(data, labels, shape, NEIGHBOURS);
  const members = new Uint8Array(data.rows);
  for (let c = 0; c < shape.classes; c += 1) {
    const near = new Set(neighbours[c]);
    for (let i = 0; i < data.rows; i += 1) {
      problem.positive[i] = labels[i] === c ? 1 : 0;
      members[i] = near.has(labels[i]!) ? 1 : 0;
    }
    solveBinary(problem, members, withFields(options, { seed: options.seed + c }));
    for (let f = 0; f < features; f += 1) weights[f * classes + c] = problem.w[f]!;
    bias[c] = problem.w[features]!;
  }
  return { classes, features, weights, bias };
}

/** Decision values, one per class: positive means "this class" by the margin of the SVM. */
export type LinearSvm = (x: SparseVector) => Float64Array;

export function createLinearSvm({ classes, weights, bias }: LinearSvmModel): LinearSvm {
  return ({ indices, values }) => {
    const scores = Float64Array.from(bias);
    for (let k = 0; k < indices.length; k += 1) {
      const row = indices[k]! * classes;
      const v = values[k]!;
      for (let c = 0; c < classes; c += 1) scores[c] = scores[c]! + weights[row + c]! * v;
    }
    return scores;
  };
}

/** Validates a model read from the cache, down to the size of its weights. */
export function parseLinearSvm(raw: unknown): LinearSvmModel {
  if (
    !isRecord(raw) ||
    typeof raw.classes !== 'number' ||
    typeof raw.features !== 'number' ||
    !isFloats(raw.weights, raw.classes * raw.features) ||
    !isFloats(raw.bias, raw.classes)
  ) {
    throw new Error('linear svm: expected { classes, features, weights, bias } of matching sizes');
  }
  return { classes: raw.classes, features: raw.features, weights: raw.weights, bias: raw.bias };
}
