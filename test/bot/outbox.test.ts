import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TurnContext, type Activity } from 'botbuilder-core';
import { Outbox } from '../../bot/outbox.js';
import { RequestReplyAdapter } from '../../bot/request-reply-adapter.js';

/** An adapter that records each `sendActivities` call it gets. */
class RecordingAdapter extends RequestReplyAdapter {
  readonly calls: Partial<Activity>[][] = [];
  constructor() {
    super('test');
  }
  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]) {
    this.calls.push(activities.map((activity) => ({ ...activity })));
    return super.sendActivities(context, activities);
  }
}

const incoming: Partial<Activity> = {
  type: 'message',
  id: 'in-1',
  channelId: 'test',
  serviceUrl: 'https://example.test',
  from: { id: 'user', name: 'u' },
  recipient: { id: 'bot', name: 'b' },
  conversation: { id: 'conv', isGroup: false, conversationType: 'personal', name: 'c' },
  text: 'hi',
};

/** A turn with the outbox and a handler after it that tags what it sees (as the disclosure filter rewrites). */
function turn() {
  const adapter = new RecordingAdapter();
  const context = new TurnContext(adapter, incoming);
  const outbox = new Outbox(context);
  let filtered = 0;
  context.onSendActivities(async (_ctx, activities, next) => {
    filtered += activities.length;
    activities.splice(0, activities.length, ...activities.map((a) => ({ ...a, text: `${a.text}!` })));
    return next();
  });
  return { adapter, context, outbox, filtered: () => filtered };
}

describe('outbox', () => {
  it('holds a send until release, then passes it once through the later handlers to the adapter', async () => {
    const { adapter, context, outbox, filtered } = turn();
    await context.sendActivity({ type: 'message', text: 'one', id: 'drop-me' });
    assert.equal(adapter.calls.length, 0, 'nothing sent before release');
    assert.equal(filtered(), 0, 'later handlers run only on release');
    await outbox.release();
    assert.equal(filtered(), 1);
    assert.equal(adapter.calls.length, 1);
    const [sent] = adapter.calls[0]!;
    assert.equal(sent!.text, 'one!');
    assert.equal(sent!.replyToId, 'in-1');
    assert.equal(sent!.channelId, 'test');
    assert.deepEqual(sent!.from, incoming.recipient);
    assert.deepEqual(sent!.recipient, incoming.from);
    assert.deepEqual(sent!.conversation, incoming.conversation);
    assert.equal(sent!.id, undefined);
    assert.equal(context.responded, true);
    await outbox.release();
    assert.equal(adapter.calls.length, 1, 'released once');
  });

  it('releases several sends as one call, in order', async () => {
    const { adapter, context, outbox, filtered } = turn();
    await context.sendActivity({ type: 'message', text: 'one' });
    await context.sendActivities([
      { type: 'message', text: 'two' },
      { type: 'message', text: 'three' },
    ]);
    await outbox.release();
    assert.equal(filtered(), 3);
    assert.deepEqual(
      adapter.calls.map((call) => call.map((a) => a.text)),
      [['one!', 'two!', 'three!']],
    );
    assert.deepEqual(
      adapter.calls[0]!.map((a) => a.replyToId),
      ['in-1', 'in-1', 'in-1'],
    );
  });

  it('sends nothing a discarded attempt held, and what the next attempt sent', async () => {
    const { adapter, context, outbox, filtered } = turn();
    await context.sendActivity({ type: 'message', text: 'first attempt' });
    outbox.discard();
    await context.sendActivity({ type: 'message', text: 'second attempt' });
    await outbox.release();
    assert.equal(filtered(), 1);
    assert.deepEqual(
      adapter.calls.map((call) => call.map((a) => a.text)),
      [['second attempt!']],
    );
    const empty = turn();
    await empty.outbox.release();
    assert.equal(empty.adapter.calls.length, 0);
  });
});
