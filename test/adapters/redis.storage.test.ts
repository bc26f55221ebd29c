import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConversationState, MemoryStorage, TestAdapter, UserState } from 'botbuilder-core';
import fc from 'fast-check';
import { createClient } from 'redis';
import {
  createRedisStorage,
  isETagConflict,
  StorageError,
  toRedisKey,
  type RedisStorage,
} from '../../adapters/storage/redis.storage.js';
import { runStorageContract } from '../contracts/storage.contract.js';
import { startPrivateRedis, testRedisUrl, uniquePrefix } from '../support/redis-server.js';

const inspect = async (url: string) => {
  const client = createClient({ url });
  await client.connect();
  return client;
};

/** Leaves a shared server (TEST_REDIS_URL) as the suite found it. */
async function dropKeys(url: string, prefix: string): Promise<void> {
  const client = await inspect(url);
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*` })) {
    if (keys.length > 0) await client.del(keys);
  }
  await client.close();
}

runStorageContract('RedisStorage', async () => {
  const [url, prefix] = [await testRedisUrl(), uniquePrefix('contract')];
  const storage = createRedisStorage({ url, prefix });
  await storage.connect();
  const teardown = async (): Promise<void> => {
    await storage.close();
    await dropKeys(url, prefix);
  };
  return { storage, teardown };
});

/** Fails the test instead of hanging when `promise` never settles. */
async function within<T>(seconds: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still pending after ${seconds}s`)), seconds * 1000);
  });
  try {
    return await Promise.race([promise, guard]);
  } finally {
    clearTimeout(timer);
  }
}

const isUnavailable = (error: unknown): boolean =>
  error instanceof StorageError && error.code === 'STORAGE_ERR_UNAVAILABLE';

async function untilAvailable(attempt: () => Promise<unknown>): Promise<void> {
  for (;;) {
    try {
      await attempt();
      return;
    } catch (error) {
      if (!isUnavailable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe('toRedisKey', () => {
  it('wraps the conversation or user part of botbuilder keys in a hash tag under the prefix', () => {
    assert.equal(
      toRedisKey('bankbot:', 'msteams/conversations/abc/'),
      'bankbot:{msteams/conversations/abc}/',
    );
    assert.equal(
      toRedisKey('bankbot:', 'msteams/conversations/abc/users/u1/'),
      'bankbot:{msteams/conversations/abc}/users/u1/',
    );
    assert.equal(toRedisKey('bankbot:', 'msteams/users/u1/ns'), 'bankbot:{msteams/users/u1}/ns');
    assert.equal(toRedisKey('bankbot:', 'settings'), 'bankbot:settings');
    assert.equal(toRedisKey('bankbot:', 'web/conversations/a{b}/'), 'bankbot:{web/conversations/a%7Bb%7D}/');
  });

  it('never maps two botbuilder keys to one Redis key and adds at most one brace pair', () => {
    const unit = fc.constantFrom('a', '/', '{', '}', '%', '7B', 'conversations', 'users', ' ', 'é');
    const keys = fc.string({ unit, maxLength: 12 });
    fc.assert(
      fc.property(keys, keys, (a, b) => {
        const [ra, rb] = [toRedisKey('p:', a), toRedisKey('p:', b)];
        assert.equal(a === b, ra === rb);
        assert.ok((ra.match(/\{/g) ?? []).length <= 1 && (ra.match(/\}/g) ?? []).length <= 1);
      }),
    );
  });

  it('rejects a prefix containing braces', () => {
    assert.throws(() => createRedisStorage({ url: 'redis://127.0.0.1:1', prefix: 'bad{' }), RangeError);
  });
});

describe('RedisStorage', () => {
  let url: string;
  let storage: RedisStorage;
  let inspector: Awaited<ReturnType<typeof inspect>>;
  const prefix = uniquePrefix('redis-storage');
  const ttlSeconds = (key: string): number | undefined => (key.includes('/conversations/') ? 120 : undefined);

  before(async () => {
    url = await testRedisUrl();
    storage = createRedisStorage({ url, prefix, ttlSeconds });
    await storage.connect();
    inspector = await inspect(url);
  });
  after(async () => {
    await storage.close();
    await inspector.close();
    await dropKeys(url, prefix);
  });

  it('stores an item as JSON with its eTag under the prefixed, hash-tagged key', async () => {
    await storage.write({ 'msteams/conversations/layout/': { step: 'confirm' } });
    const raw = await inspector.get(`${prefix}{msteams/conversations/layout}/`);
    assert.equal(typeof raw, 'string');
    const read = await storage.read(['msteams/conversations/layout/']);
    assert.deepEqual(JSON.parse(String(raw)), read['msteams/conversations/layout/']);
  });

  it('applies the TTL the ttl function names and none to other keys', async () => {
    await storage.write({ 'web/conversations/ttl/': { n: 1 }, 'web/users/ttl/': { n: 1 } });
    const conversationTtl = await inspector.ttl(toRedisKey(prefix, 'web/conversations/ttl/'));
    assert.ok(conversationTtl > 0 && conversationTtl <= 120, `conversation TTL was ${conversationTtl}`);
    assert.equal(await inspector.ttl(toRedisKey(prefix, 'web/users/ttl/')), -1);
  });

  it('fails a stale write with the very message MemoryStorage uses', async () => {
    const messages = await Promise.all(
      [storage, new MemoryStorage()].map(async (subject) => {
        await subject.write({ 'same/key': { n: 1 } });
        const stale = (await subject.read(['same/key']))['same/key'];
        await subject.write({ 'same/key': { ...stale, n: 2 } });
        const error: unknown = await subject
          .write({ 'same/key': { ...stale, n: 3 } })
          .catch((e: unknown) => e);
        assert.ok(isETagConflict(error));
        return error instanceof Error ? error.message : '';
      }),
    );
    assert.equal(messages[0], 'Storage: error writing "same/key" due to eTag conflict.');
    assert.equal(messages[0], messages[1]);
  });

  it('round-trips ConversationState and UserState through a TestAdapter turn', async () => {
    const conversationState = new ConversationState(storage);
    const userState = new UserState(storage);
    const turns = conversationState.createProperty<number>('turns');
    const name = userState.createProperty<string>('name');
    const adapter = new TestAdapter(async (context) => {
      const turn = (await turns.get(context, 0)) + 1;
      await turns.set(context, turn);
      if (turn === 1) await name.set(context, context.activity.text ?? '');
      await context.sendActivity(`turn ${turn} for ${await name.get(context, '')}`);
      await conversationState.saveChanges(context);
      await userState.saveChanges(context);
    });
    await adapter
      .send('Ada')
      .assertReply('turn 1 for Ada')
      .send('again')
      .assertReply('turn 2 for Ada')
      .startTest();

    const fresh = createRedisStorage({ url, prefix });
    await fresh.connect();
    const items = await fresh.read(['test/conversations/Convo1/', 'test/users/user1/']);
    await fresh.close();
    assert.equal(items['test/conversations/Convo1/']?.turns, 2);
    assert.equal(items['test/users/user1/']?.name, 'Ada');
    assert.equal(await inspector.exists(`${prefix}{test/conversations/Convo1}/`), 1);
    assert.equal(await inspector.exists(`${prefix}{test/users/user1}/`), 1);
  });
});

describe('RedisStorage on a private server', () => {
  const commandCalls = (info: string, command: string): number =>
    Number(new RegExp(`^cmdstat_${command}:calls=(\\d+)`, 'm').exec(info)?.[1] ?? 0);

  it('sends one MGET per read and one EVALSHA per written key', async () => {
    const server = await startPrivateRedis();
    const storage = createRedisStorage({ url: server.url });
    const inspector = await inspect(server.url);
    try {
      await storage.connect();
      await storage.write({ warm: { n: 0 } });
      await inspector.configResetStat();
      const before = storage.commandCount;
      await storage.read(['a/conversations/1/', 'a/users/2/', 'missing']);
      await storage.write({ 'a/conversations/1/': { n: 1 }, 'a/users/2/': { n: 2 } });
      const info = await inspector.info('commandstats');
      assert.equal(storage.commandCount - before, 3);
      assert.deepEqual(
        ['mget', 'evalsha', 'eval', 'watch', 'multi', 'exec'].map((c) => commandCalls(info, c)),
        [1, 2, 0, 0, 0, 0],
      );
    } finally {
      await storage.close();
      await inspector.close();
      await server.stop();
    }
  });

  it('writes again after the server forgets the compare-and-set script', async () => {
    const server = await startPrivateRedis();
    const storage = createRedisStorage({ url: server.url });
    const inspector = await inspect(server.url);
    try {
      await storage.connect();
      await storage.write({ k: { n: 1 } });
      await inspector.scriptFlush();
      const stale = (await storage.read(['k']))['k'];
      await storage.write({ k: { ...stale, n: 2 } });
      await assert.rejects(storage.write({ k: { ...stale, n: 3 } }), (error) => isETagConflict(error));
      assert.equal((await storage.read(['k']))['k']?.n, 2);
    } finally {
      await storage.close();
      await inspector.close();
      await server.stop();
    }
  });

  it('fails with STORAGE_ERR_UNAVAILABLE when the server goes away and works again when it returns', async () => {
    const server = await startPrivateRedis();
    const reported: StorageError[] = [];
    const onConnectionError = (error: StorageError): void => void reported.push(error);
    const storage = createRedisStorage({ url: server.url, commandTimeoutMs: 500, onConnectionError });
    let restarted: Awaited<ReturnType<typeof startPrivateRedis>> | undefined;
    try {
      await storage.connect();
      await storage.write({ 'web/conversations/outage/': { secret: 'IBAN GB00' } });
      await server.stop();
      for (const attempt of [
        () => storage.read(['web/conversations/outage/']),
        () => storage.write({ x: {} }),
      ]) {
        const error: unknown = await within(
          10,
          attempt().then(
            () => undefined,
            (e: unknown) => e,
          ),
        );
        assert.ok(isUnavailable(error), `expected StorageError, got ${String(error)}`);
        assert.doesNotMatch(String(error), /outage|IBAN|127\.0\.0\.1/);
      }
      assert.deepEqual(
        reported.map((error) => error.code),
        ['STORAGE_ERR_UNAVAILABLE'],
      );
      restarted = await startPrivateRedis({ port: server.port });
      await within(
        15,
        untilAvailable(() => storage.write({ 'web/conversations/outage/': { n: 2 } })),
      );
      assert.equal((await storage.read(['web/conversations/outage/']))['web/conversations/outage/']?.n, 2);
    } finally {
      await storage.close();
      await restarted?.stop();
    }
  });

  it('fails with STORAGE_ERR_UNAVAILABLE when a command times out and keeps replies in order after', async () => {
    const server = await startPrivateRedis();
    const storage = createRedisStorage({ url: server.url, commandTimeoutMs: 300 });
    try {
      await storage.connect();
      await storage.write({ first: { n: 1 }, second: { n: 2 } });
      server.pause();
      await assert.rejects(within(10, storage.read(['first'])), isUnavailable);
      server.resume();
      await within(
        10,
        untilAvailable(() => storage.read(['second'])),
      );
      assert.deepEqual(Object.keys(await storage.read(['second'])), ['second']);
      assert.equal((await storage.read(['second']))['second']?.n, 2);
    } finally {
      server.resume();
      await storage.close();
      await server.stop();
    }
  });

  it('rejects connect and commands with STORAGE_ERR_UNAVAILABLE when nothing listens', async () => {
    const server = await startPrivateRedis();
    await server.stop();
    const storage = createRedisStorage({ url: server.url, commandTimeoutMs: 300 });
    await assert.rejects(within(10, storage.connect()), isUnavailable);
    await assert.rejects(within(10, storage.read(['k'])), isUnavailable);
    await within(10, storage.close());
  });
});
