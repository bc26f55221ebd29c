import { seededRandom, shuffleInPlace } from './random.js';
import type { Random } from './random.js';
import type { SparseMatrix } from './sparse-matrix.js';

export interface SolverOptions {
  /** Penalty on margin violations (LIBLINEAR's C): larger fits the training data harder. */
  readonly cost: number;
  readonly maxPasses: number;
  /** Stop when the projected gradients span less than this (LIBLINEAR's eps). */
  readonly tolerance: number;
  readonly seed: number;
}

/** One binary problem: rows, which are positive, and the dual and primal variables. */
export interface BinaryProblem {
  readonly data: SparseMatrix;
  readonly positive: Uint8Array;
  /** Per row: squared norm with the bias feature, plus the diagonal term 1 / (2 cost). */
  readonly terms: Float64Array;
  readonly alpha: Float64Array;
  /** Weights, the bias last. */
  readonly w: Float64Array;
}

export function diagonalTerms(data: SparseMatrix, cost: number): Float64Array {
  const terms = new Float64Array(data.rows);
  for (let i = 0; i < data.rows; i += 1) {
    let sum = 1 + 1 / (2 * cost);
    for (let k = data.offsets[i]!; k < data.offsets[i + 1]!; k += 1) sum += data.values[k]! * data.values[k]!;
    terms[i] = sum;
  }
  return terms;
}

function margin({ data, w }: BinaryProblem, i: number): number {
  let dot = w[w.length - 1]!;
  for (let k = data.offsets[i]!; k < data.offsets[i + 1]!; k += 1)
    dot += w[data.indices[k]!]! * data.values[k]!;
  return dot;
}

/**
 * Dual coordinate descent on the L2-regularised squared hinge loss (Hsieh et al. 2008, LIBLINEAR's
 * default solver) over the rows in `order`, with LIBLINEAR's shrinking heuristic.
 */
function solve(problem: BinaryProblem, order: Int32Array, options: SolverOptions, random: Random): void {
  const { data, positive, terms, alpha, w } = problem;
  const diagonal = 1 / (2 * options.cost);
  const bias = w.length - 1;
  let active = order.length;
  let maxOld = Infinity;
  for (let pass = 0; pass < options.maxPasses; pass += 1) {
    let maxNew = -Infinity;
    let minNew = Infinity;
    shuffleInPlace(order, random, active);
    for (let s = 0; s < active;) {
      const i = order[s]!;
      const y = positive[i] === 1 ? 1 : -1;
      const a = alpha[i]!;
      const gradient = y * margin(problem, i) - 1 + diagonal * a;
      let projected = gradient;
      if (a === 0) {
        if (gradient > maxOld) {
          // Shrinking: far on the right side of the margin, it will stay out of the model.
          active -= 1;
          order[s] = order[active]!;
          order[active] = i;
          continue;
        }
        if (gradient > 0) projected = 0;
      }
      maxNew = Math.max(maxNew, projected);
      minNew = Math.min(minNew, projected);
      if (Math.abs(projected) > 1e-12) {
        const next = Math.max(a - gradient / terms[i]!, 0);
        alpha[i] = next;
        const step = (next - a) * y;
        for (let k = data.offsets[i]!; k < data.offsets[i + 1]!; k += 1) {
          w[data.indices[k]!] = w[data.indices[k]!]! + step * data.values[k]!;
        }
        w[bias] = w[bias]! + step;
      }
      s += 1;
    }
    if (maxNew - minNew <= options.tolerance) {
      if (active === order.length) break;
      active = order.length;
      maxOld = Infinity;
    } else {
      maxOld = maxNew <= 0 ? Infinity : maxNew;
    }
  }
}

const MAX_ROUNDS = 6;

/**
 * Solves one class against the rest by working sets: first on the rows marked in `members` (the
 * class and its nearest classes), then again with every other row found inside the margin, until
 * none is. That is the full problem's solution: the rows left out have zero dual weight and meet
 * its optimality conditions. On a large corpus it skips most of the work.
 */
export function solveBinary(problem: BinaryProblem, members: Uint8Array, options: SolverOptions): void {
  const random = seededRandom(options.seed);
  problem.alpha.fill(0);
  problem.w.fill(0);
  let working = Int32Array.from({ length: problem.data.rows }, (_, i) => i).filter((i) => members[i] === 1);
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    solve(problem, working, options, random);
    const added: number[] = [];
    for (let i = 0; i < problem.data.rows; i += 1) {
      if (members[i] === 1) continue;
      const y = problem.positive[i] === 1 ? 1 : -1;
      if (y * margin(problem, i) < 1 - options.tolerance) added.push(i);
    }
    if (added.length === 0) return;
    added.forEach((i) => (members[i] = 1));
    working = Int32Array.from([...working, ...added]);
  }
}
