import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DialogSet } from '../../bot/dialog-classes.js';
import { createTestBot } from '../support/test-bot.js';

/** Counts dialog contexts built, to tell the one-step path from the dialog-stack path. */
function countContexts(): { count: () => number; restore: () => void } {
  const original = DialogSet.prototype.createContext;
  let built = 0;
  DialogSet.prototype.createContext = function (this: DialogSet, ...args) {
    built += 1;
    return original.apply(this, args);
  };
  return { count: () => built, restore: () => (DialogSet.prototype.createContext = original) };
}

describe('one-step dialogs', () => {
  let contexts: ReturnType<typeof countContexts>;
  beforeEach(() => (contexts = countContexts()));
  afterEach(() => contexts.restore());

  it('answer on an empty stack without building a dialog context, and leave the stack empty', async () => {
    const { channel, bankbot } = await createTestBot({ conversationId: 'one-step-empty' });
    const replies = await channel.say("what's my balance");
    assert.match(String(replies[0]?.text), /Everyday Checking/);
    assert.equal(contexts.count(), 0, 'no dialog context was built');
    const key = 'console/conversations/one-step-empty/';
    const stored = (await bankbot.storage.read([key]))[key] as { dialogState?: { dialogStack: unknown[] } };
    assert.deepEqual(stored.dialogState?.dialogStack, []);
  });

  it('say the same inside a conversation, on top of the question they interrupt', async () => {
    const alone = await createTestBot({ conversationId: 'one-step-alone' });
    const [direct] = await alone.channel.say('help');
    assert.equal(contexts.count(), 0);

    const busy = await createTestBot({ conversationId: 'one-step-busy' });
    const [question] = await busy.channel.say('freeze my card');
    assert.match(String(question?.text), /Which card/);
    const built = contexts.count();
    const [stacked, ...rest] = await busy.channel.say('help');
    assert.ok(contexts.count() > built, 'help ran on the dialog stack');
    assert.equal(stacked?.text, direct?.text);
    assert.equal(stacked?.speak, direct?.speak);
    assert.deepEqual(stacked?.suggestedActions, direct?.suggestedActions);
    assert.ok(
      rest.some((activity) => /Which card/.test(String(activity.text))),
      'the interrupted question comes back',
    );
  });
});
