import { OUT_OF_SCOPE } from '../recognition.js';
import type { IntentScore } from '../recognition.js';
import type { IntentClassification } from './intent-classifier.js';

/** When the best intent is trusted. Values were chosen by cross-validation on the training lines. */
export interface OutOfScopeRule {
  /** The winner needs at least this score (0..1). */
  readonly minScore: number;
  /** It must beat the runner-up by this much: a coin flip between two intents is no answer. */
  readonly minMargin: number;
  /**
   * It must beat the trained out-of-scope intent by this much. Kept apart from `minMargin`
   * because a close second banking intent says "which one?", a close out-of-scope says "none".
   */
  readonly minOutOfScopeMargin: number;
}

export const DEFAULT_OUT_OF_SCOPE_RULE: OutOfScopeRule = {
  minScore: 0.3,
  minMargin: 0.05,
  minOutOfScopeMargin: 0.2,
};

/**
 * Picks the intent from scores sorted best first. The result is OUT_OF_SCOPE when the trained
 * out-of-scope intent wins or when the winner fails the rule; its score is then the out-of-scope
 * score, or one minus the rejected winner's when that is higher.
 */
export function applyOutOfScopeRule(
  intents: readonly IntentScore[],
  rule: OutOfScopeRule = DEFAULT_OUT_OF_SCOPE_RULE,
): IntentClassification {
  const [best, runnerUp] = intents;
  if (best === undefined) return { intent: OUT_OF_SCOPE, score: 1, intents };
  const outOfScope = intents.find(({ intent }) => intent === OUT_OF_SCOPE)?.score ?? 0;
  const trusted =
    best.intent !== OUT_OF_SCOPE &&
    best.score >= rule.minScore &&
    best.score - (runnerUp?.score ?? 0) >= rule.minMargin &&
    best.score - outOfScope >= rule.minOutOfScopeMargin;
  if (trusted) return { intent: best.intent, score: best.score, intents };
  const score = best.intent === OUT_OF_SCOPE ? best.score : Math.max(outOfScope, 1 - best.score);
  return { intent: OUT_OF_SCOPE, score, intents };
}
