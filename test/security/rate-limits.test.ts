/**
 * Rate limits through the front door: per client IP at the HTTP server (429, a coded JSON error,
 * Retry-After, before the body is read) and per customer in the turn (a plain sentence, while the
 * platform still gets its normal answer), in memory and in Redis shared by two instances.
 */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, describe, it } from 'node:test';
import { MemoryStorage } from 'botbuilder-core';
import { createSandboxBank } from '../../adapters/banks/sandbox.bank.js';
import { loadConfig } from '../../bot/config.js';
import { ERRORS } from '../../bot/errors.js';
import { createBankbot, type Bankbot } from '../../bot/index.js';
import { listen } from '../../bot/server.js';
import { harnesses } from '../support/drivers/index.js';
import { startPrivateRedis, testRedisUrl, uniquePrefix } from '../support/redis-server.js';
import { TEST_NOW, testRecognizer } from '../support/test-bot.js';
import { captureLogs } from '../support/log-capture.js';

const SLOW_DOWN = ERRORS.CUSTOMER_ERR_RATE_LIMITED.say;
const now = () => new Date(TEST_NOW);

interface Running {
  readonly bankbot: Bankbot;
  readonly baseUrl: string;
  readonly logs: Record<string, unknown>[];
  close(): Promise<void>;
}

const running: Running[] = [];
after(async () => {
  await Promise.all(running.map((bot) => bot.close()));
});

async function start(env: Record<string, string>, channels = harnesses[0]): Promise<Running> {
  const { logger, events: logs } = captureLogs('debug');
  const config = loadConfig({ NODE_ENV: 'test', ...channels?.env, ...env }, '/nonexistent');
  const bankbot = await createBankbot(config, logger, {
    bank: createSandboxBank({ now }),
    storage: new MemoryStorage(),
    recognizer: await testRecognizer(),
    now,
    ...(channels?.channels ? { channels: channels.channels } : {}),
  });
  const server: Server = bankbot.createServer();
  const baseUrl = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  const bot = {
    bankbot,
    baseUrl,
    logs,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await bankbot.close();
    },
  };
  running.push(bot);
  return bot;
}

const post = (baseUrl: string, headers: Record<string, string> = {}, body = '{}') =>
  fetch(`${baseUrl}/api/nope`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

async function statuses(baseUrl: string, count: number, headers?: (i: number) => Record<string, string>) {
  const result: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const response = await post(baseUrl, headers?.(i));
    await response.arrayBuffer();
    result.push(response.status);
  }
  return result;
}

describe('per-IP rate limit at the HTTP server', () => {
  it('answers 429 with a coded JSON error and Retry-After once the address is over its limit', async () => {
    const bot = await start({ RATE_LIMIT_PER_IP: '3', RATE_LIMIT_WINDOW_SECONDS: '60' });
    assert.deepEqual(await statuses(bot.baseUrl, 3), [404, 404, 404]);
    const refused = await post(bot.baseUrl);
    assert.equal(refused.status, 429);
    assert.deepEqual(await refused.json(), {
      error: { code: 'HTTP_ERR_RATE_LIMITED', message: ERRORS.HTTP_ERR_RATE_LIMITED.say },
    });
    const retryAfter = Number(refused.headers.get('retry-after'));
    assert.ok(
      Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 20,
      `Retry-After ${retryAfter}`,
    );
    assert.equal((await fetch(`${bot.baseUrl}/healthz`)).status, 200, 'health checks are never limited');
  });

  it('refuses before reading the body: an oversized body gets 429, not 413', async () => {
    const bot = await start({ RATE_LIMIT_PER_IP: '1', BODY_LIMIT_BYTES: '1000' });
    await statuses(bot.baseUrl, 1);
    const response = await post(bot.baseUrl, {}, JSON.stringify({ pad: 'x'.repeat(50_000) }));
    assert.equal(response.status, 429);
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY is set', async () => {
    const bot = await start({ RATE_LIMIT_PER_IP: '2' });
    const spoofing = await statuses(bot.baseUrl, 4, (i) => ({ 'x-forwarded-for': `198.51.100.${i}` }));
    assert.deepEqual(spoofing, [404, 404, 429, 429]);
  });

  it('counts each client behind a trusted proxy on its own, by the entry the proxy wrote', async () => {
    const bot = await start({ RATE_LIMIT_PER_IP: '2', TRUST_PROXY: '1' });
    const client = (ip: string) => ({ 'x-forwarded-for': `6.6.6.6, ${ip}` });
    assert.deepEqual(await statuses(bot.baseUrl, 3, () => client('198.51.100.1')), [404, 404, 429]);
    assert.deepEqual(await statuses(bot.baseUrl, 2, () => client('198.51.100.2')), [404, 404]);
  });

  it('is off with RATE_LIMIT_PER_IP=0', async () => {
    const bot = await start({ RATE_LIMIT_PER_IP: '0' });
    assert.ok((await statuses(bot.baseUrl, 12)).every((status) => status === 404));
  });

  it('is shared through Redis by every instance, checked in Redis on every request with RATE_LIMIT_SYNC_MS=0', async () => {
    const env = {
      REDIS_URL: await testRedisUrl(),
      REDIS_PREFIX: uniquePrefix('rl-http'),
      RATE_LIMIT_PER_IP: '3',
      RATE_LIMIT_SYNC_MS: '0',
      // A busy test machine must not make the limiter fail open: this test is about sharing.
      RATE_LIMIT_TIMEOUT_MS: '5000',
    };
    const [one, two] = [await start(env), await start(env)];
    assert.deepEqual(
      [...(await statuses(one.baseUrl, 2)), ...(await statuses(two.baseUrl, 2))],
      [404, 404, 404, 429],
    );
  });

  it('is shared through Redis by every instance within one sync interval by default', async () => {
    const env = {
      REDIS_URL: await testRedisUrl(),
      REDIS_PREFIX: uniquePrefix('rl-http-synced'),
      RATE_LIMIT_PER_IP: '3',
      RATE_LIMIT_SYNC_MS: '20',
      RATE_LIMIT_TIMEOUT_MS: '5000',
    };
    const [one, two] = [await start(env), await start(env)];
    // Ten sync intervals: time enough for a sync on a busy machine.
    const synced = () => new Promise((resolve) => setTimeout(resolve, 200));
    const seen = [...(await statuses(one.baseUrl, 2))];
    await synced();
    seen.push(...(await statuses(two.baseUrl, 1)));
    await synced();
    seen.push(...(await statuses(two.baseUrl, 1)));
    assert.deepEqual(seen, [404, 404, 404, 429], 'two counts what one let through');
  });

  it('lets traffic through while Redis is down when checked on every request, logging the code once', async () => {
    const redis = await startPrivateRedis();
    const bot = await start({ REDIS_URL: redis.url, RATE_LIMIT_PER_IP: '2', RATE_LIMIT_SYNC_MS: '0' });
    await redis.stop();
    assert.deepEqual(await statuses(bot.baseUrl, 5), [404, 404, 404, 404, 404]);
    const failOpen = bot.logs.filter((log) => log.event === 'ratelimit.fail_open');
    assert.deepEqual(
      failOpen.map(({ limiter, code }) => ({ limiter, code })),
      [{ limiter: 'ip', code: 'STORAGE_ERR_UNAVAILABLE' }],
    );
  });

  it('limits each instance on its own while Redis is down by default, logging the code once', async () => {
    const redis = await startPrivateRedis();
    const bot = await start({ REDIS_URL: redis.url, RATE_LIMIT_PER_IP: '2', RATE_LIMIT_SYNC_MS: '20' });
    await redis.stop();
    assert.deepEqual(await statuses(bot.baseUrl, 4), [404, 404, 429, 429]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const failed = bot.logs.filter((log) => log.event === 'ratelimit.sync_failed');
    assert.deepEqual(
      failed.map(({ limiter, code }) => ({ limiter, code })),
      [{ limiter: 'all', code: 'STORAGE_ERR_UNAVAILABLE' }],
    );
  });

  for (const sync of ['0', '20']) {
    it(`starts and serves when Redis is down at startup (RATE_LIMIT_SYNC_MS=${sync})`, async () => {
      const redis = await startPrivateRedis();
      await redis.stop();
      const bot = await start({ REDIS_URL: redis.url, RATE_LIMIT_PER_IP: '3', RATE_LIMIT_SYNC_MS: sync });
      assert.deepEqual(await statuses(bot.baseUrl, 3), [404, 404, 404]);
      const event = sync === '0' ? 'ratelimit.fail_open' : 'ratelimit.sync_failed';
      assert.ok(
        bot.logs.some((log) => log.event === event),
        JSON.stringify(bot.logs.map((log) => log.event)),
      );
    });
  }
});

describe('per-customer rate limit in the turn', () => {
  for (const harness of harnesses) {
    it(`asks the customer to slow down on ${harness.channel}, with a valid platform answer`, async () => {
      const bot = await start({ RATE_LIMIT_PER_CUSTOMER: '2', RATE_LIMIT_PER_IP: '0' }, harness);
      const sandbox = createSandboxBank({ now });
      const context = { bankbot: bot.bankbot, sandbox, baseUrl: bot.baseUrl };
      const alex = await harness.driver({ ...context, customerId: 'alex' });
      const sam = await harness.driver({ ...context, customerId: 'sam' });
      try {
        for (const text of ['hi', "what's my balance"]) {
          const turn = await alex.say(text);
          assert.ok(
            turn.texts.length > 0 && !turn.texts.includes(SLOW_DOWN),
            `${text}: ${turn.texts.join(' | ')}`,
          );
        }
        assert.deepEqual((await alex.say("what's my balance")).texts, [SLOW_DOWN]);
        assert.notDeepEqual((await sam.say("what's my balance")).texts, [SLOW_DOWN], 'other customers go on');
      } finally {
        await alex.close();
        await sam.close();
      }
      const limited = bot.logs.filter((log) => log.event === 'turn.rate_limited');
      assert.deepEqual(
        limited.map(({ code, channel }) => ({ code, channel })),
        [{ code: 'CUSTOMER_ERR_RATE_LIMITED', channel: harness.channel }],
      );
    });
  }
});
