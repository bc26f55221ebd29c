import { loadCorpora } from './corpus.js';
import type { IntentClassifier } from './intent-classifier.js';
import { computeMetrics } from './metrics.js';
import type { Metrics, Outcome } from './metrics.js';
import { seededRandom } from './random.js';
import { addTypos } from './typos.js';

/** The held-out evaluation of one language. */
export interface LanguageReport {
  readonly language: string;
  readonly metrics: Metrics;
  /** Share of every held-out test answered right, in scope or not. */
  readonly accuracy: number;
  /** The same with one typo in every word of four letters or more (typos.ts). */
  readonly typoAccuracy: number;
  readonly tests: number;
  /** Held-out sentences answered wrong: corpus text, never customer text. */
  readonly misses: readonly (Outcome & { readonly text: string })[];
}

/** Seed of the typos, so the figure is the same on every run. */
export const TYPO_SEED = 7;

const share = (outcomes: readonly Outcome[]): number =>
  outcomes.length === 0 ? 0 : outcomes.filter((o) => o.expected === o.predicted).length / outcomes.length;

/** Runs every held-out test of a language's corpora through the classifier, as typed and with typos. */
export async function reportLanguage(
  classifier: IntentClassifier,
  modelsDir: string,
  language: string,
  /** Called after each held-out test (for progress bars). */
  onTested: () => void = () => undefined,
): Promise<LanguageReport> {
  const random = seededRandom(TYPO_SEED);
  const outcomes: (Outcome & { text: string })[] = [];
  const typoOutcomes: Outcome[] = [];
  for (const corpus of loadCorpora(modelsDir, language)) {
    for (const { intent, tests } of corpus.data) {
      for (const text of tests) {
        const predicted = (await classifier.classify(text, corpus.locale)).intent;
        outcomes.push({ text, expected: intent, predicted });
        const typo = (await classifier.classify(addTypos(text, random), corpus.locale)).intent;
        typoOutcomes.push({ expected: intent, predicted: typo });
        onTested();
      }
    }
  }
  return {
    language,
    metrics: computeMetrics(outcomes),
    accuracy: share(outcomes),
    typoAccuracy: share(typoOutcomes),
    tests: outcomes.length,
    misses: outcomes.filter((o) => o.expected !== o.predicted),
  };
}
