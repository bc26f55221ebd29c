import { OUT_OF_SCOPE } from '../recognition.js';

/** One evaluated sentence: the expected intent and the classifier's answer (OUT_OF_SCOPE = rejected). */
export interface Outcome {
  readonly expected: string;
  readonly predicted: string;
}

export interface IntentMetrics {
  readonly intent: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Sentences expected to be this intent. */
  readonly support: number;
}

export interface Metrics {
  /** In-scope sentences answered with the right intent; a rejection counts as wrong. */
  readonly inScopeAccuracy: number;
  /** Out-of-scope sentences rejected. */
  readonly oosRecall: number;
  /** Unweighted mean F1 over every expected or predicted label, out-of-scope included. */
  readonly macroF1: number;
  readonly perIntent: readonly IntentMetrics[];
  /** expected -> predicted -> count. */
  readonly confusion: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

export function computeMetrics(outcomes: readonly Outcome[]): Metrics {
  const confusion = new Map<string, Map<string, number>>();
  for (const { expected, predicted } of outcomes) {
    const row = confusion.get(expected) ?? new Map<string, number>();
    row.set(predicted, (row.get(predicted) ?? 0) + 1);
    confusion.set(expected, row);
  }
  const labels = [...new Set(outcomes.flatMap(({ expected, predicted }) => [expected, predicted]))].sort();
  const perIntent = labels.map((intent) => {
    const truePositives = outcomes.filter((o) => o.expected === intent && o.predicted === intent).length;
    const predicted = outcomes.filter((o) => o.predicted === intent).length;
    const support = outcomes.filter((o) => o.expected === intent).length;
    const precision = ratio(truePositives, predicted);
    const recall = ratio(truePositives, support);
    return { intent, precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  });
  const inScope = outcomes.filter(({ expected }) => expected !== OUT_OF_SCOPE);
  const outOfScope = outcomes.filter(({ expected }) => expected === OUT_OF_SCOPE);
  return {
    inScopeAccuracy: ratio(inScope.filter((o) => o.predicted === o.expected).length, inScope.length),
    oosRecall: ratio(outOfScope.filter((o) => o.predicted === OUT_OF_SCOPE).length, outOfScope.length),
    macroF1: ratio(
      perIntent.reduce((sum, { f1 }) => sum + f1, 0),
      perIntent.length,
    ),
    perIntent,
    confusion,
  };
}
