import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { createClient } from 'redis';
import { createMemoryRateLimiter } from '../../adapters/rate-limit/memory.rate-limiter.js';
import { createRateLimitRedis } from '../../adapters/rate-limit/redis.rate-limiter.js';
import { gcra } from '../../adapters/rate-limit/gcra.js';
import { StorageError } from '../../adapters/storage/storage-error.js';
import { errorCode } from '../../bot/errors.js';
import { silentLogger } from '../../bot/logger.js';
import { failOpen } from '../../bot/rate-limit.js';
import { runRateLimiterContract } from '../contracts/rate-limiter.contract.js';
import { startPrivateRedis, testRedisUrl, uniquePrefix } from '../support/redis-server.js';

/** Command timeout for tests on a shared, busy machine: they test behaviour, not latency. */
const SLOW_OK = 5000;

runRateLimiterContract('memory rate limiter', async () => ({
  create: (limit) => createMemoryRateLimiter(limit),
}));

runRateLimiterContract('Redis rate limiter', async () => {
  const redis = createRateLimitRedis({
    url: await testRedisUrl(),
    prefix: uniquePrefix('rl-contract'),
    timeoutMs: SLOW_OK,
  });
  await redis.connect();
  return {
    create: (limit) => redis.limiter(`c${randomUUID().slice(0, 8)}`, limit),
    teardown: () => redis.close(),
  };
});

describe('gcra', () => {
  it('spaces requests evenly after the burst: one per window / limit', () => {
    const limit = { limit: 4, windowMs: 1000 };
    let tat: number | undefined;
    const at = (now: number) => {
      const { next, ...decision } = gcra(tat, now, limit);
      if (decision.allowed) tat = next;
      return decision;
    };
    for (let i = 0; i < 4; i += 1) assert.equal(at(0).allowed, true);
    assert.deepEqual(at(0), { allowed: false, remaining: 0, retryAfterMs: 250 });
    assert.deepEqual(at(100), { allowed: false, remaining: 0, retryAfterMs: 150 });
    assert.deepEqual(at(250), { allowed: true, remaining: 0, retryAfterMs: 0 });
    assert.deepEqual(at(1250), { allowed: true, remaining: 3, retryAfterMs: 0 });
  });
});

describe('memory rate limiter', () => {
  it('forgets the least recently seen keys beyond maxKeys, so memory stays bounded', async () => {
    const limiter = createMemoryRateLimiter({ limit: 1, windowMs: 60_000, maxKeys: 3, now: () => 0 });
    for (const k of ['a', 'b', 'c', 'd', 'e']) assert.equal((await limiter.hit(k)).allowed, true);
    assert.equal((await limiter.hit('e')).allowed, false, 'a recent key is still counted');
    assert.equal((await limiter.hit('a')).allowed, true, 'the oldest key was forgotten');
  });
});

describe('Redis rate limiter', () => {
  it('uses one command per check, keeps no IP in clear and lets keys expire', async () => {
    const url = await testRedisUrl();
    const prefix = uniquePrefix('rl-keys');
    const redis = createRateLimitRedis({ url, prefix, timeoutMs: SLOW_OK });
    const inspector = createClient({ url });
    await Promise.all([redis.connect(), inspector.connect()]);
    try {
      const limiter = redis.limiter('ip', { limit: 10, windowMs: 60_000 });
      await limiter.hit('203.0.113.9'); // loads the script if this server has not seen it
      const before = redis.commandCount;
      for (let i = 0; i < 3; i += 1) await limiter.hit('203.0.113.9');
      assert.equal(redis.commandCount - before, 3);
      const keys: string[] = [];
      for await (const batch of inspector.scanIterator({ MATCH: `${prefix}*` })) keys.push(...batch);
      assert.equal(keys.length, 1);
      const [stored = ''] = keys;
      assert.match(stored, new RegExp(`^${prefix}rl:ip:\\{[\\w-]{22}\\}$`));
      assert.ok(!stored.includes('203.0.113.9'));
      const ttl = await inspector.pTTL(stored);
      assert.ok(ttl > 0 && ttl <= 60_000, `ttl ${ttl}`);
    } finally {
      await redis.close();
      await inspector.close();
    }
  });

  it('shares counts between instances (two connections, one prefix)', async () => {
    const url = await testRedisUrl();
    const prefix = uniquePrefix('rl-shared');
    const [one, two] = [
      createRateLimitRedis({ url, prefix, timeoutMs: SLOW_OK }),
      createRateLimitRedis({ url, prefix, timeoutMs: SLOW_OK }),
    ];
    await Promise.all([one.connect(), two.connect()]);
    try {
      const limit = { limit: 3, windowMs: 60_000 };
      const [a, b] = [one.limiter('customer', limit), two.limiter('customer', limit)];
      const decisions = [await a.hit('sam'), await b.hit('sam'), await a.hit('sam'), await b.hit('sam')];
      assert.deepEqual(
        decisions.map((d) => d.allowed),
        [true, true, true, false],
      );
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('checks again after the server forgets the script', async () => {
    const server = await startPrivateRedis();
    const redis = createRateLimitRedis({ url: server.url, timeoutMs: SLOW_OK });
    const inspector = createClient({ url: server.url });
    try {
      await Promise.all([redis.connect(), inspector.connect()]);
      const limiter = redis.limiter('ip', { limit: 2, windowMs: 60_000 });
      assert.equal((await limiter.hit('k')).allowed, true);
      await inspector.scriptFlush();
      assert.equal((await limiter.hit('k')).allowed, true);
      assert.equal((await limiter.hit('k')).allowed, false);
    } finally {
      await redis.close();
      await inspector.close();
      await server.stop();
    }
  });

  it('fails with STORAGE_ERR_UNAVAILABLE when Redis is gone; failOpen lets requests through, logging once', async () => {
    const server = await startPrivateRedis();
    const redis = createRateLimitRedis({ url: server.url, timeoutMs: 200 });
    const events: Record<string, unknown>[] = [];
    const logger = silentLogger();
    logger.warn = ((entry: Record<string, unknown>) => void events.push(entry)) as typeof logger.warn;
    logger.info = ((entry: Record<string, unknown>) => void events.push(entry)) as typeof logger.info;
    let restarted: Awaited<ReturnType<typeof startPrivateRedis>> | undefined;
    try {
      await redis.connect();
      const limiter = redis.limiter('ip', { limit: 1, windowMs: 60_000 });
      const open = failOpen(limiter, 'ip', logger);
      assert.equal((await open.hit('k')).allowed, true);
      assert.equal((await open.hit('k')).allowed, false);
      await server.stop();
      const error = await limiter.hit('k').then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(
        error instanceof StorageError && errorCode(error) === 'STORAGE_ERR_UNAVAILABLE',
        String(error),
      );
      for (let i = 0; i < 3; i += 1) assert.equal((await open.hit('k')).allowed, true);
      assert.deepEqual(events, [
        { event: 'ratelimit.fail_open', limiter: 'ip', code: 'STORAGE_ERR_UNAVAILABLE' },
      ]);
      restarted = await startPrivateRedis({ port: server.port });
      for (let attempt = 0; attempt < 100 && events.length < 2; attempt += 1) {
        await open.hit(`recovery-${attempt}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.deepEqual(events.at(-1), { event: 'ratelimit.recovered', limiter: 'ip' });
    } finally {
      await redis.close();
      await restarted?.stop();
    }
  });
});
