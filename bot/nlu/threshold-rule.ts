/** One out-of-fold prediction, as the threshold rule sees it. */
export interface SelectionItem {
  /** Confidence of the best in-scope intent; -Infinity when out-of-scope itself won. */
  readonly confidence: number;
  /** The sentence is out of scope. */
  readonly outOfScope: boolean;
  /** In scope and the best in-scope intent is the right one. */
  readonly correct: boolean;
}

export interface ThresholdChoice {
  /** Answer an intent only when its confidence is above this. */
  readonly threshold: number;
  /** Overall accuracy at that threshold on the selection data, rejected out-of-scope counting as right. */
  readonly accuracy: number;
}

/**
 * The rule of Larson et al. (2019): the threshold that maximises overall accuracy on the
 * selection data, where rejecting an out-of-scope sentence is right and rejecting an in-scope
 * one is wrong. Thresholds fall midway between neighbouring confidences. Among equally accurate
 * thresholds the highest wins: when the data cannot tell, "I did not get that" is the safer answer
 * for a bank than a wrong one.
 */
export function selectThreshold(items: readonly SelectionItem[]): ThresholdChoice {
  const finite = items.filter(({ confidence }) => confidence > -Infinity);
  const sorted = [...finite].sort((a, b) => a.confidence - b.confidence);
  // Accepting everything finite: out-of-scope winners are already rejected.
  let right =
    items.filter(({ confidence, outOfScope }) => outOfScope && confidence === -Infinity).length +
    finite.filter(({ outOfScope, correct }) => !outOfScope && correct).length;
  let best = { threshold: (sorted[0]?.confidence ?? 0) - 1, right };
  for (let i = 0; i < sorted.length;) {
    const confidence = sorted[i]!.confidence;
    // Items with the same confidence are rejected together.
    for (; i < sorted.length && sorted[i]!.confidence === confidence; i += 1) {
      if (sorted[i]!.outOfScope) right += 1;
      else if (sorted[i]!.correct) right -= 1;
    }
    const threshold = i < sorted.length ? (confidence + sorted[i]!.confidence) / 2 : confidence;
    if (right >= best.right) best = { threshold, right };
  }
  return { threshold: best.threshold, accuracy: items.length === 0 ? 1 : best.right / items.length };
}
