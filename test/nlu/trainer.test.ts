import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageClassifier } from '../../bot/nlu/intent-classifier.js';
import { trainLanguageModel } from '../../bot/nlu/trainer.js';
import type { TrainingExample } from '../../bot/nlu/trainer.js';
import { OUT_OF_SCOPE } from '../../bot/recognition.js';

/** A small corpus: two intents and out-of-scope, with enough variety for five folds. */
const EXAMPLES: TrainingExample[] = [
  ...[
    'balance',
    'my balance',
    'how much money do i have',
    'account balance please',
    'what is left in my account',
    'show my balance',
    'money left',
    'balance of my savings',
  ].map((text) => ({ text, intent: 'balance.check' })),
  ...[
    'freeze my card',
    'block my card',
    'i lost my card',
    'lock the card',
    'my card was stolen',
    'freeze the debit card',
    'stop my card',
    'card stolen please block',
  ].map((text) => ({ text, intent: 'card.freeze' })),
  ...[
    'weather today',
    'tell me a joke',
    'play music',
    'who won the game',
    'book a flight',
    'recipe for pancakes',
    'what time is it',
    'translate hello',
  ].map((text) => ({ text, intent: OUT_OF_SCOPE })),
];

describe('trainLanguageModel', () => {
  it('trains the same model from the same data and seed, whatever the number of threads', async () => {
    const one = await trainLanguageModel('en', EXAMPLES, { seed: 3, threads: 1 });
    const two = await trainLanguageModel('en', EXAMPLES, { seed: 3, threads: 2 });
    assert.deepEqual(two, one);
    assert.equal(one.selection.folds, 5);
    assert.equal(one.outOfScopeShare, 1 / 3);
  });

  it('chooses the weights and threshold on a selection split when given one, without folds', async () => {
    const selection = [
      { text: 'what is my balance', intent: 'balance.check' },
      { text: 'please freeze my card', intent: 'card.freeze' },
      { text: 'will it rain', intent: OUT_OF_SCOPE },
    ];
    const model = await trainLanguageModel('en', EXAMPLES, { selection });
    assert.equal(model.selection.folds, 0);
    const classify = createLanguageClassifier(model);
    assert.equal(classify('how much money is in my account').intent, 'balance.check');
    assert.equal(classify('block the card i lost').intent, 'card.freeze');
  });

  it('gives probabilities that sum to one over every intent', async () => {
    const classify = createLanguageClassifier(await trainLanguageModel('en', EXAMPLES));
    const { intents } = classify('what is my balance');
    assert.deepEqual(intents.map(({ intent }) => intent).sort(), [
      'balance.check',
      'card.freeze',
      OUT_OF_SCOPE,
    ]);
    assert.ok(Math.abs(intents.reduce((sum, { score }) => sum + score, 0) - 1) < 1e-6);
  });
});
