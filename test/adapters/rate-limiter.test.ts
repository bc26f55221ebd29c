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
import { SyncedLimits } from '../../adapters/rate-limit/synced-limits.js';
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

runRateLimiterContract('Redis rate limiter, synced every 20 ms', async () => {
  const redis = createRateLimitRedis({
    url: await testRedisUrl(),
    prefix: uniquePrefix('rl-synced-contract'),
    timeoutMs: SLOW_OK,
    syncMs: 20,
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

/** Two instances' limiters on one Redis and prefix, synced only when a test says so (syncMs far above a test's length). */
async function syncedPair(label: string, url?: string) {
  const prefix = uniquePrefix(label);
  const target = url ?? (await testRedisUrl());
  const [one, two] = [
    createRateLimitRedis({ url: target, prefix, timeoutMs: SLOW_OK, syncMs: 3_600_000 }),
    createRateLimitRedis({ url: target, prefix, timeoutMs: SLOW_OK, syncMs: 3_600_000 }),
  ];
  await Promise.all([one.connect(), two.connect()]);
  return { one, two, prefix, close: () => Promise.all([one.close(), two.close()]) };
}

/** Syncs until Redis answers (a client reconnects in the background, at most once a second). */
async function retrySync(redis: { sync(): Promise<void> }): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    const error = await redis.sync().then(
      () => undefined,
      (e: unknown) => e,
    );
    if (error === undefined) return;
    if (attempt >= 100) throw error;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const allowed = async (
  limiter: { hit(key: string): Promise<{ allowed: boolean }> },
  key: string,
  n: number,
) => {
  const result: boolean[] = [];
  for (let i = 0; i < n; i += 1) result.push((await limiter.hit(key)).allowed);
  return result;
};

describe('Redis rate limiter, synced', () => {
  it('sends nothing per check and one command per sync for every key of every limiter', async () => {
    const { one, prefix, close } = await syncedPair('rl-sync-count');
    const inspector = createClient({ url: await testRedisUrl() });
    await inspector.connect();
    try {
      const [ip, customer] = [
        one.limiter('ip', { limit: 100, windowMs: 60_000 }),
        one.limiter('customer', { limit: 100, windowMs: 60_000 }),
      ];
      await ip.hit('warm-up');
      await one.sync(); // loads the script if this server has not seen it
      const before = one.commandCount;
      for (let i = 0; i < 20; i += 1) {
        await ip.hit(`203.0.113.${i % 4}`);
        await customer.hit(`customer-${i % 5}`);
      }
      assert.equal(one.commandCount - before, 0, 'no command while deciding');
      await one.sync();
      assert.equal(one.commandCount - before, 1, 'nine keys, one script call');
      await one.sync();
      assert.equal(one.commandCount - before, 1, 'nothing new, nothing sent');
      const keys: string[] = [];
      for await (const batch of inspector.scanIterator({ MATCH: `${prefix}*` })) keys.push(...batch);
      assert.equal(keys.length, 10, keys.join(' '));
      for (const key of keys) {
        assert.match(key, new RegExp(`^${prefix}rl:(ip|customer):\\{[\\w-]{22}\\}$`));
        assert.ok(!key.includes('203.0.113') && !key.includes('customer-'), key);
        const ttl = await inspector.pTTL(key);
        assert.ok(ttl > 0 && ttl <= 60_000, `ttl ${ttl}`);
      }
    } finally {
      await inspector.close();
      await close();
    }
  });

  it('shares counts between instances from the next sync on', async () => {
    const { one, two, close } = await syncedPair('rl-sync-shared');
    try {
      const limit = { limit: 3, windowMs: 60_000 };
      const [a, b] = [one.limiter('customer', limit), two.limiter('customer', limit)];
      assert.deepEqual(await allowed(a, 'sam', 2), [true, true]);
      await one.sync();
      assert.deepEqual(await allowed(b, 'sam', 1), [true]);
      await two.sync();
      assert.deepEqual(await allowed(b, 'sam', 2), [false, false], 'two heard of one: three in all');
      // one has not been asked since its sync, so it has not heard of two's request: it lets a
      // fourth through (the price of deciding locally), and hears with its next sync.
      assert.deepEqual(await allowed(a, 'sam', 1), [true]);
      await one.sync();
      assert.deepEqual(await allowed(a, 'sam', 1), [false]);
    } finally {
      await close();
    }
  });

  it('lets at most one burst per instance through before the views meet, then makes the client pay it back', async () => {
    const { one, two, close } = await syncedPair('rl-sync-burst');
    try {
      const limit = { limit: 4, windowMs: 400 }; // one request per 100 ms after the burst
      const [a, b] = [one.limiter('ip', limit), two.limiter('ip', limit)];
      assert.deepEqual(await allowed(a, 'k', 5), [true, true, true, true, false]);
      assert.deepEqual(await allowed(b, 'k', 5), [true, true, true, true, false]);
      await one.sync();
      await two.sync();
      assert.equal((await b.hit('k')).allowed, false);
      const ownView = await a.hit('k');
      assert.equal(ownView.allowed, false);
      assert.ok(
        ownView.retryAfterMs <= 100,
        `one alone: its own four (retry after ${ownView.retryAfterMs} ms)`,
      );
      await one.sync(); // one was asked about k since its last sync: this one brings it two's burst
      const refused = await a.hit('k');
      assert.equal(refused.allowed, false);
      // Eight let through against a limit of four: the second four are owed, about 400 ms more.
      assert.ok(refused.retryAfterMs > 250, `retry after ${refused.retryAfterMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, refused.retryAfterMs + 25));
      assert.equal((await a.hit('k')).allowed, true, 'allowed again once the debt is paid');
    } finally {
      await close();
    }
  });

  it('keeps deciding from its own view while Redis is down and charges what it owes once Redis is back', async () => {
    const server = await startPrivateRedis();
    const failures: unknown[] = [];
    let recovered = 0;
    const options = { url: server.url, timeoutMs: 300, syncMs: 3_600_000 };
    const one = createRateLimitRedis({
      ...options,
      onSyncFailed: (error) => failures.push(error),
      onSyncRecovered: () => (recovered += 1),
    });
    const two = createRateLimitRedis(options);
    let restarted: Awaited<ReturnType<typeof startPrivateRedis>> | undefined;
    try {
      await Promise.all([one.connect(), two.connect()]);
      const limit = { limit: 3, windowMs: 60_000 };
      const a = one.limiter('customer', limit);
      await server.stop();
      assert.deepEqual(await allowed(a, 'sam', 4), [true, true, true, false], 'still limited, per instance');
      for (let i = 0; i < 2; i += 1) {
        const error = await one.sync().then(
          () => undefined,
          (e: unknown) => e,
        );
        assert.ok(error instanceof StorageError, String(error));
      }
      assert.equal(failures.length, 1, 'one report per outage');
      restarted = await startPrivateRedis({ port: server.port });
      await retrySync(one);
      assert.equal(recovered, 1);
      const b = two.limiter('customer', limit);
      assert.deepEqual(await allowed(b, 'sam', 1), [true], 'two has not heard yet');
      await retrySync(two);
      assert.deepEqual(await allowed(b, 'sam', 1), [false], 'the three let through during the outage count');
    } finally {
      await Promise.all([one.close(), two.close()]);
      await restarted?.stop();
    }
  });

  it('charges what it let through when it closes', async () => {
    const { one, two, close } = await syncedPair('rl-sync-close');
    try {
      const limit = { limit: 2, windowMs: 60_000 };
      assert.deepEqual(await allowed(one.limiter('ip', limit), 'k', 2), [true, true]);
      await one.close();
      const b = two.limiter('ip', limit);
      assert.deepEqual(await allowed(b, 'k', 1), [true]);
      await two.sync();
      assert.deepEqual(await allowed(b, 'k', 1), [false]);
    } finally {
      await close();
    }
  });
});

describe('SyncedLimits', () => {
  it('forgets the least recently allowed keys beyond maxKeys, so memory stays bounded', async () => {
    const sent: string[][] = [];
    const limits = new SyncedLimits({
      send: async (charges) => {
        sent.push(charges.map((c) => c.key));
        return charges.map(() => 60_000);
      },
      maxKeys: 3,
      now: () => 0,
    });
    const limiter = limits.limiter({ limit: 1, windowMs: 60_000 }, (key) => key);
    for (const k of ['a', 'b', 'c', 'd', 'e']) assert.equal((await limiter.hit(k)).allowed, true);
    assert.equal((await limiter.hit('e')).allowed, false, 'a recent key is still counted');
    await limits.sync();
    assert.deepEqual(sent, [['c', 'd', 'e']], 'only the kept keys are charged');
  });

  it('charges only the part of a debt that time has not paid off, and keeps it when a sync fails', async () => {
    let now = 0;
    const sent: number[][] = [];
    let fail = true;
    const limits = new SyncedLimits({
      send: async (charges) => {
        if (fail) throw new Error('down');
        sent.push(charges.map((c) => c.debtMs));
        return charges.map(() => 0);
      },
      now: () => now,
    });
    const limiter = limits.limiter({ limit: 4, windowMs: 400 }, (key) => key);
    await allowed(limiter, 'k', 4); // 400 ms of debt
    await assert.rejects(limits.sync(), /down/);
    now = 150;
    fail = false;
    await limits.sync();
    assert.deepEqual(sent, [[250]]);
  });
});
