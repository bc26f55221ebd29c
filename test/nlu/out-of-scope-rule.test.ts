import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyOutOfScopeRule } from '../../bot/nlu/out-of-scope-rule.js';
import { OUT_OF_SCOPE } from '../../bot/recognition.js';

const scores = (...pairs: [string, number][]) => pairs.map(([intent, score]) => ({ intent, score }));

describe('applyOutOfScopeRule', () => {
  it('answers the best intent with its probability and every score when it leads by more than the threshold', () => {
    const intents = scores(['balance.check', 0.8], [OUT_OF_SCOPE, 0.1], ['card.freeze', 0.1]);
    assert.deepEqual(applyOutOfScopeRule(intents, { threshold: 0.5 }), {
      intent: 'balance.check',
      score: 0.8,
      intents,
    });
  });

  it('answers out of scope when the out-of-scope intent wins', () => {
    const intents = scores([OUT_OF_SCOPE, 0.7], ['balance.check', 0.3]);
    assert.deepEqual(applyOutOfScopeRule(intents, { threshold: -1 }), {
      intent: OUT_OF_SCOPE,
      score: 0.7,
      intents,
    });
  });

  it('answers out of scope when the lead over out of scope is not above the threshold', () => {
    const intents = scores(['card.freeze', 0.5], [OUT_OF_SCOPE, 0.35], ['card.unfreeze', 0.15]);
    const result = applyOutOfScopeRule(intents, { threshold: 0.16 });
    assert.equal(result.intent, OUT_OF_SCOPE);
    assert.equal(result.score, 0.5);
  });

  it('keeps the same sentence when the threshold is below its lead', () => {
    const intents = scores(['card.freeze', 0.5], [OUT_OF_SCOPE, 0.35], ['card.unfreeze', 0.15]);
    assert.equal(applyOutOfScopeRule(intents, { threshold: 0.14 }).intent, 'card.freeze');
  });

  it('scores a rejection with the larger of out-of-scope and the chance the winner is wrong', () => {
    const intents = scores(['spending.total', 0.3], ['transactions.search', 0.28], [OUT_OF_SCOPE, 0.2]);
    assert.deepEqual(applyOutOfScopeRule(intents, { threshold: 0.2 }), {
      intent: OUT_OF_SCOPE,
      score: 0.7,
      intents,
    });
  });

  it('shrinks the confidence of a rejection towards the base rate by the share of unknown words', () => {
    const intents = scores([OUT_OF_SCOPE, 0.9], ['balance.check', 0.1]);
    const context = { threshold: 0, outOfScopeShare: 0.2 };
    assert.equal(applyOutOfScopeRule(intents, { ...context, knownShare: 1 }).score, 0.9);
    assert.equal(applyOutOfScopeRule(intents, { ...context, knownShare: 0 }).score, 0.2);
    assert.ok(Math.abs(applyOutOfScopeRule(intents, { ...context, knownShare: 0.5 }).score - 0.55) < 1e-12);
  });

  it('leaves the score of an answered intent alone, whatever the unknown words', () => {
    const intents = scores(['balance.check', 0.9], [OUT_OF_SCOPE, 0.1]);
    assert.equal(
      applyOutOfScopeRule(intents, { threshold: 0, knownShare: 0.5, outOfScopeShare: 0.2 }).score,
      0.9,
    );
  });

  it('answers out of scope with full confidence when there are no scores', () => {
    assert.deepEqual(applyOutOfScopeRule([], { threshold: 0 }), {
      intent: OUT_OF_SCOPE,
      score: 1,
      intents: [],
    });
  });
});
