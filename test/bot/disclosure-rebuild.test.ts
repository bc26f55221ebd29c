import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Activity } from 'botbuilder-core';
import { rebuild } from '../../bot/disclosure/disclosure-filter.js';
import { amount, reply, say, type Reply } from '../../bot/reply.js';
import { toActivity } from '../../bot/turn.js';

/** rebuild as first written (object rest and spreads): the reference the loop version must match. */
function referenceRebuild(
  activity: Partial<Activity>,
  value: Reply,
  format: { locale: string; timeZone: string },
) {
  const { text: _text, speak: _speak, inputHint: _hint, suggestedActions: _actions, ...base } = activity;
  const rendered = toActivity(value, format);
  const channelData = { ...(activity.channelData as object | undefined), ...rendered.channelData };
  return { ...base, ...rendered, channelData };
}

const format = { locale: 'en-US', timeZone: 'America/Chicago' };
const tag = Symbol('tag');

describe('disclosure rebuild', () => {
  it('gives the activity the reference gives: same keys, same order, same values', () => {
    const before = reply(say`Your balance is ${amount({ minor: 12345, currency: 'USD' }, 'balance')}.`);
    const after = reply('I have put the amounts in the Alexa app.', { choices: ['yes', 'no'] });
    const activities: Partial<Activity>[] = [
      toActivity(before, format),
      {
        ...toActivity(before, format),
        replyToId: 'r1',
        conversation: { id: 'c1' } as Activity['conversation'],
      },
      { type: 'message', channelData: undefined, text: 'x', locale: undefined },
      { type: 'message', text: 'no channel data', suggestedActions: { to: [], actions: [] } },
      Object.assign({ type: 'message', channelData: { extra: 1 } }, { [tag]: 'kept' }) as Partial<Activity>,
    ];
    for (const activity of activities)
      for (const value of [before, after]) {
        const actual = rebuild(activity, value, format);
        const expected = referenceRebuild(activity, value, format);
        assert.deepStrictEqual(actual, expected);
        assert.deepStrictEqual(Reflect.ownKeys(actual), Reflect.ownKeys(expected));
      }
  });
});
