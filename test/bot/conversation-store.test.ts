import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryStorage, TestAdapter, TurnContext, type Storage, type StoreItems } from 'botbuilder-core';
import { ConversationStore } from '../../bot/conversation-store.js';
import { isETagConflict } from '../../bot/state-errors.js';

function contextFor(conversationId: string): TurnContext {
  const adapter = new TestAdapter();
  return new TurnContext(adapter, {
    type: 'message',
    channelId: 'test',
    conversation: { id: conversationId, isGroup: false, conversationType: '', name: '' },
    from: { id: 'u', name: 'u' },
    recipient: { id: 'b', name: 'b' },
  });
}

/** A MemoryStorage that counts writes. */
function countingStorage(): { storage: Storage; writes: () => number } {
  const inner = new MemoryStorage();
  let writes = 0;
  return {
    storage: {
      read: (keys: string[]) => inner.read(keys),
      write: (changes: StoreItems) => ((writes += 1), inner.write(changes)),
      delete: (keys: string[]) => inner.delete(keys),
    },
    writes: () => writes,
  };
}

describe('ConversationStore', () => {
  it('round-trips properties under the ConversationState key layout', async () => {
    const { storage } = countingStorage();
    const store = new ConversationStore(storage);
    const first = contextFor('c1');
    await store.load(first);
    await store.property<{ n: number }>('memory').set(first, { n: 1 });
    await store.save(first);
    const second = contextFor('c1');
    await store.load(second);
    assert.deepEqual(await store.property('memory').get(second), { n: 1 });
    assert.ok((await storage.read(['test/conversations/c1/']))['test/conversations/c1/']);
  });

  it('skips the write when the turn changed nothing', async () => {
    const { storage, writes } = countingStorage();
    const store = new ConversationStore(storage);
    const context = contextFor('c2');
    await store.load(context);
    await store.property('memory').get(context);
    await store.save(context);
    assert.equal(writes(), 0);
  });

  it('fails a stale save with the storage conflict error, for new and existing conversations', async () => {
    for (const seeded of [false, true]) {
      const { storage } = countingStorage();
      const store = new ConversationStore(storage);
      if (seeded) {
        const seed = contextFor('c3');
        await store.load(seed);
        await store.property('memory').set(seed, { v: 0 });
        await store.save(seed);
      }
      const [a, b] = [contextFor('c3'), contextFor('c3')];
      await store.load(a);
      await store.load(b);
      await store.property('memory').set(a, { v: 'a' });
      await store.property('memory').set(b, { v: 'b' });
      await store.save(a);
      await assert.rejects(store.save(b), (error: unknown) => isETagConflict(error), `seeded=${seeded}`);
    }
  });
});
