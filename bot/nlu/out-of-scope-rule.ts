import { OUT_OF_SCOPE } from '../recognition.js';
import type { IntentScore } from '../recognition.js';
import type { IntentClassification } from './intent-classifier.js';

/** What the rule needs besides the probabilities. */
export interface RuleContext {
  /** The best intent is answered when its lead over out-of-scope is above this (threshold-rule.ts). */
  readonly threshold: number;
  /** Share of the sentence's words the model knows (1 when unknown). */
  readonly knownShare?: number;
  /** Share of out-of-scope sentences in training (0 when unknown). */
  readonly outOfScopeShare?: number;
}

/**
 * Picks the answer from probabilities sorted best first. The best intent is answered when it beats
 * out-of-scope by more than the threshold. Otherwise the answer is OUT_OF_SCOPE, scored with the
 * larger of its probability and the chance that the best intent is wrong, shrunk towards the
 * out-of-scope base rate by the share of unknown words: a word never seen is no evidence that a
 * sentence is off-topic, so "the second one" or "banana" are out of scope with a low score (the
 * engine then lets an open question re-ask instead of switching away), and "what's the weather"
 * with a high one.
 */
export function applyOutOfScopeRule(
  intents: readonly IntentScore[],
  context: RuleContext,
): IntentClassification {
  const best = intents.find(({ intent }) => intent !== OUT_OF_SCOPE);
  const known = context.knownShare ?? 1;
  const base = context.outOfScopeShare ?? 0;
  const shrink = (score: number): number => known * score + (1 - known) * base;
  if (best === undefined) return { intent: OUT_OF_SCOPE, score: shrink(1), intents };
  const outOfScope = intents.find(({ intent }) => intent === OUT_OF_SCOPE)?.score ?? 0;
  if (best.score > outOfScope && best.score - outOfScope > context.threshold) {
    return { intent: best.intent, score: best.score, intents };
  }
  return { intent: OUT_OF_SCOPE, score: shrink(Math.max(outOfScope, 1 - best.score)), intents };
}
