/** How much each member's scores count in the ensemble's logits: softmax(svm * s + mlp * m). */
export interface StackingWeights {
  readonly svm: number;
  readonly mlp: number;
}

/** Member scores of many sentences, row-major (rows x classes). */
export interface MemberScores {
  readonly svm: Float32Array;
  readonly mlp: Float32Array;
  readonly classes: number;
}

/** Softmax of the weighted scores of row `row`, written into `out`. */
export function combine(
  scores: { readonly svm: ArrayLike<number>; readonly mlp: ArrayLike<number>; readonly classes: number },
  row: number,
  weights: StackingWeights,
  out: Float64Array,
): void {
  const { classes } = scores;
  let max = -Infinity;
  for (let c = 0; c < classes; c += 1) {
    const i = row * classes + c;
    out[c] = weights.svm * scores.svm[i]! + weights.mlp * scores.mlp[i]!;
    max = Math.max(max, out[c]!);
  }
  let sum = 0;
  for (let c = 0; c < classes; c += 1) sum += out[c] = Math.exp(out[c]! - max);
  for (let c = 0; c < classes; c += 1) out[c] = out[c]! / sum;
}

/** Mean negative log-likelihood of the true classes. */
function logLoss(scores: MemberScores, labels: Int32Array, weights: StackingWeights): number {
  const p = new Float64Array(scores.classes);
  let loss = 0;
  for (let row = 0; row < labels.length; row += 1) {
    combine(scores, row, weights, p);
    loss -= Math.log(Math.max(p[labels[row]!]!, 1e-12));
  }
  return loss / labels.length;
}

/**
 * Fits the two weights on out-of-fold scores by minimising the log loss: one step that both
 * weighs the members and calibrates the result (a temperature per member), so that a 0.8 is right
 * about 80% of the time. A coarse grid, then a pattern search that halves its step.
 */
export function fitStacking(scores: MemberScores, labels: Int32Array): StackingWeights {
  let best = { weights: { svm: 1, mlp: 0 }, loss: Infinity };
  const consider = (svm: number, mlp: number): void => {
    if (svm < 0 || mlp < 0) return;
    const loss = logLoss(scores, labels, { svm, mlp });
    if (loss < best.loss) best = { weights: { svm, mlp }, loss };
  };
  for (const svm of [0, 1, 2, 4, 8, 16]) for (const mlp of [0, 0.25, 0.5, 1, 2]) consider(svm, mlp);
  let step = { svm: 1, mlp: 0.125 };
  for (let round = 0; round < 6; round += 1) {
    const { svm, mlp } = best.weights;
    for (const [ds, dm] of [
      [step.svm, 0],
      [-step.svm, 0],
      [0, step.mlp],
      [0, -step.mlp],
    ] as const) {
      consider(svm + ds, mlp + dm);
    }
    step = { svm: step.svm / 2, mlp: step.mlp / 2 };
  }
  return best.weights;
}
