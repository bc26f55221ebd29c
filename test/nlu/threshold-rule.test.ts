import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { selectThreshold } from '../../bot/nlu/threshold-rule.js';
import type { SelectionItem } from '../../bot/nlu/threshold-rule.js';

const inScope = (confidence: number, correct = true): SelectionItem => ({
  confidence,
  outOfScope: false,
  correct,
});
const offTopic = (confidence: number): SelectionItem => ({ confidence, outOfScope: true, correct: false });
const near = (actual: number, expected: number): void =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} is not ${expected}`);

describe('selectThreshold', () => {
  it('picks the threshold that maximises overall accuracy, midway between neighbouring confidences', () => {
    // Rejecting up to 0.3 gains three out-of-scope sentences and loses one right answer (0.2).
    const items = [offTopic(0.1), inScope(0.2), offTopic(0.25), offTopic(0.3), inScope(0.6), inScope(0.9)];
    const choice = selectThreshold(items);
    near(choice.threshold, 0.45);
    assert.equal(choice.accuracy, 5 / 6);
  });

  it('counts wrong in-scope answers as errors whether accepted or rejected', () => {
    const items = [inScope(0.2, false), inScope(0.4, false), inScope(0.8)];
    const choice = selectThreshold(items);
    assert.equal(choice.accuracy, 1 / 3);
    // All thresholds below 0.8 tie; the highest of them wins.
    near(choice.threshold, 0.6);
  });

  it('accepts everything when no rejection helps', () => {
    const items = [inScope(0.3), inScope(0.5), offTopic(-Infinity), inScope(0.7)];
    const choice = selectThreshold(items);
    assert.ok(choice.threshold < 0.3);
    assert.equal(choice.accuracy, 1);
  });

  it('counts sentences that out-of-scope already won as rejected at every threshold', () => {
    const items = [offTopic(-Infinity), offTopic(-Infinity), inScope(0.4), offTopic(0.5), inScope(0.9)];
    const choice = selectThreshold(items);
    near(choice.threshold, 0.7);
    assert.equal(choice.accuracy, 4 / 5);
  });

  it('rejects tied confidences together', () => {
    const items = [offTopic(0.5), inScope(0.5), inScope(0.5), inScope(0.9)];
    assert.equal(selectThreshold(items).accuracy, 3 / 4);
  });
});
