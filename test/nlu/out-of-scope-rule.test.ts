import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyOutOfScopeRule } from '../../bot/nlu/out-of-scope-rule.js';
import { OUT_OF_SCOPE } from '../../bot/recognition.js';

const rule = { minScore: 0.3, minMargin: 0.05, minOutOfScopeMargin: 0.2 };
const scores = (...pairs: [string, number][]) => pairs.map(([intent, score]) => ({ intent, score }));

describe('applyOutOfScopeRule', () => {
  it('keeps a clear winner with its score and every score', () => {
    const intents = scores(['balance.check', 0.8], [OUT_OF_SCOPE, 0.1], ['card.freeze', 0.1]);
    assert.deepEqual(applyOutOfScopeRule(intents, rule), { intent: 'balance.check', score: 0.8, intents });
  });

  it('answers out of scope when the out-of-scope intent wins', () => {
    const intents = scores([OUT_OF_SCOPE, 0.7], ['balance.check', 0.3]);
    assert.deepEqual(applyOutOfScopeRule(intents, rule), { intent: OUT_OF_SCOPE, score: 0.7, intents });
  });

  it('answers out of scope when the winner is under the minimum score', () => {
    const intents = scores(['balance.check', 0.28], ['card.freeze', 0.2], [OUT_OF_SCOPE, 0.02]);
    const result = applyOutOfScopeRule(intents, rule);
    assert.equal(result.intent, OUT_OF_SCOPE);
    assert.equal(result.score, 0.72);
  });

  it('answers out of scope when two intents are nearly tied', () => {
    const intents = scores(['spending.total', 0.46], ['transactions.search', 0.43], [OUT_OF_SCOPE, 0.05]);
    assert.equal(applyOutOfScopeRule(intents, rule).intent, OUT_OF_SCOPE);
  });

  it('answers out of scope when out of scope is a close second', () => {
    const intents = scores(['card.freeze', 0.5], [OUT_OF_SCOPE, 0.35], ['card.unfreeze', 0.15]);
    assert.equal(applyOutOfScopeRule(intents, rule).intent, OUT_OF_SCOPE);
  });

  it('keeps a winner whose runner-up is another intent far enough from out of scope', () => {
    const intents = scores(['spending.total', 0.5], ['transactions.search', 0.4], [OUT_OF_SCOPE, 0.1]);
    assert.equal(applyOutOfScopeRule(intents, rule).intent, 'spending.total');
  });

  it('answers out of scope with full confidence when there are no scores', () => {
    assert.deepEqual(applyOutOfScopeRule([], rule), { intent: OUT_OF_SCOPE, score: 1, intents: [] });
  });
});
