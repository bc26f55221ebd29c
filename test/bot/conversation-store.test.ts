import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryStorage, TestAdapter, TurnContext, type Storage, type StoreItems } from 'botbuilder-core';
import { ConversationStore, REQUESTS_PROPERTY } from '../../bot/conversation-store.js';
import { ReplayedRequestError } from '../../bot/errors.js';
import { REQUEST_CLAIM } from '../../bot/ports/channel.port.js';
import { isETagConflict } from '../../bot/state-errors.js';
import { dumpKeys } from '../support/redis-keys.js';
import { redisUnderTest } from '../support/redis-storage.js';
import { testRedisUrl } from '../support/redis-server.js';

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

  it('on Redis, stores exactly JSON.stringify of the state and its eTag, and skips unchanged saves', async () => {
    const { redis, teardown } = await redisUnderTest('conversation-store');
    try {
      const store = new ConversationStore(redis);
      const memory = store.property<Record<string, unknown>>('memory');
      const states: Record<string, unknown>[] = [
        { text: 'é "quoted" \\ \n', n: -0, big: 1e21, small: 5e-7, list: [1, null, { a: [] }] },
        { 10: 'index keys first', 2: true, b: { 1: 'x', a: 'y' } },
        {},
      ];
      for (const [round, state] of states.entries()) {
        const context = contextFor('redis-1');
        await store.load(context);
        await memory.set(context, state);
        await store.save(context);
        const stored = [...(await dumpKeys(await testRedisUrl(), redis.prefix)).values()];
        assert.equal(stored.length, 1);
        const eTag = (JSON.parse(stored[0] ?? '') as { eTag: string }).eTag;
        assert.equal(stored[0], JSON.stringify({ memory: state, eTag }), `round ${round}`);

        // A turn that reads the state and changes nothing writes nothing, and loads what was saved.
        const unchanged = contextFor('redis-1');
        await store.load(unchanged);
        assert.deepEqual(await memory.get(unchanged), JSON.parse(JSON.stringify(state)));
        const commands = redis.commandCount;
        await store.save(unchanged);
        assert.equal(redis.commandCount, commands, `round ${round}`);
      }
    } finally {
      await teardown();
    }
  });
});

describe('ConversationStore request claims (replays across instances)', () => {
  const claimed = (id: string, ttlMs = 150_000): TurnContext => {
    const context = contextFor('claims');
    context.turnState.set(REQUEST_CLAIM, { id, ttlMs });
    return context;
  };
  /** A turn that changes the state: loaded, one field set (its own id), saved. */
  const turn = async (store: ConversationStore, context: TurnContext, id: string): Promise<void> => {
    await store.load(context);
    await store.property<string>('last').set(context, id);
    await store.save(context);
  };

  it('refuses a request the conversation already answered, and takes the next one', async () => {
    const store = new ConversationStore(new MemoryStorage());
    const first = claimed('r-1');
    await turn(store, first, 'r-1');
    await store.load(first, true); // a later load in the same turn: the request is its own
    await assert.rejects(store.load(claimed('r-1')), ReplayedRequestError);
    const next = claimed('r-2');
    await turn(store, next, 'r-2');
    await store.load(next);
    const marks = (await store.property<string[]>(REQUESTS_PROPERTY).get(next)) ?? [];
    assert.equal(marks.length, 2);
    assert.ok(
      marks.every((mark) => !mark.includes('r-')),
      'marks are hashes',
    );
  });

  it('lets one of two racing copies win; the other is refused when its turn is replayed', async () => {
    const store = new ConversationStore(new MemoryStorage());
    const a = claimed('r-race');
    const b = claimed('r-race');
    await store.load(a);
    await store.load(b);
    await store.property<string>('last').set(a, 'a');
    await store.property<string>('last').set(b, 'b');
    await store.save(a);
    await assert.rejects(store.save(b), (error) => isETagConflict(error));
    await assert.rejects(store.load(b, true), ReplayedRequestError);
  });

  it('keeps the last eight, and forgets marks once their window is over', async () => {
    const store = new ConversationStore(new MemoryStorage());
    for (let i = 0; i < 10; i += 1) {
      await turn(store, claimed(`r-${i}`), `r-${i}`);
    }
    const check = contextFor('claims');
    await store.load(check);
    assert.equal((await store.property<string[]>(REQUESTS_PROPERTY).get(check))?.length, 8);

    const short = new ConversationStore(new MemoryStorage());
    await turn(short, claimed('r-short', 1), 'first');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const again = claimed('r-short', 1);
    // Its mark expired: not a replay any more (the timestamp check refuses it by then).
    await turn(short, again, 'second');
    await short.load(again);
    assert.equal((await short.property<string[]>(REQUESTS_PROPERTY).get(again))?.length, 1);
  });

  it('writes no state for a mark alone: a turn that changes nothing else stays a read', async () => {
    const { storage, writes } = countingStorage();
    const store = new ConversationStore(storage);
    await turn(store, claimed('r-1'), 'same');
    const before = writes();
    const quiet = claimed('r-2');
    await store.load(quiet);
    await store.property<string>('last').set(quiet, 'same');
    await store.save(quiet);
    assert.equal(writes(), before, 'no write');
  });
});
