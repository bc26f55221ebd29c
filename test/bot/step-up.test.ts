import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { MemoryStorage, type Storage } from 'botbuilder-core';
import { createClient } from 'redis';
import { createRedisStorage, toRedisKey, type RedisStorage } from '../../adapters/storage/redis.storage.js';
import { ConfigError, loadConfig } from '../../bot/config.js';
import { ConversationStore } from '../../bot/conversation-store.js';
import { disclosurePolicies } from '../../bot/disclosure/policy.js';
import { codeFrom } from '../../bot/step-up/code-answer.js';
import { askForCode } from '../../bot/step-up/prompts.js';
import { configuredLockout, configuredStepUp } from '../../bot/step-up/configured-step-up.js';
import { createLockout, lockoutKey } from '../../bot/step-up/lockout.js';
import { createSandboxBank } from '../../adapters/banks/sandbox.bank.js';
import { dialogs } from '../../dialogs/index.js';
import { testRedisUrl, uniquePrefix } from '../support/redis-server.js';

const MINUTE = 60_000;

describe('step-up code answers', () => {
  it('reads digits and digit words, after "my PIN is" or alone', () => {
    assert.equal(codeFrom('2468'), '2468');
    assert.equal(codeFrom('my pin is two four six eight'), '2468');
    assert.equal(codeFrom("it's 1 3 5 7"), '1357');
    assert.equal(codeFrom('oh one two three'), '0123');
    assert.equal(codeFrom('el código es 135790'), '135790');
  });

  it('is not a code when other words are said, or too short or long', () => {
    assert.equal(codeFrom("what's my balance"), undefined);
    assert.equal(codeFrom('the second one'), undefined);
    assert.equal(codeFrom('246'), undefined);
    assert.equal(codeFrom('123456789'), undefined);
    assert.equal(codeFrom(''), undefined);
  });
});

describe('step-up questions', () => {
  const text = (value: { text: readonly unknown[] }) => value.text.join('');
  it('say where a one-time code was sent, and how many tries are left', () => {
    assert.match(text(askForCode('otp', { sentTo: 'sms' })), /sent a one-time code by text message\./);
    assert.match(text(askForCode('otp', { sentTo: 'app' })), /sent a one-time code to your banking app\./);
    assert.equal(
      text(askForCode('pin', { triesLeft: 1 })),
      "That's not right. You have 1 try left. Please say your voice PIN again.",
    );
    assert.equal(askForCode('pin', {}).expectsInput, true);
  });
});

describe('step-up settings', () => {
  const wire = (env: NodeJS.ProcessEnv, modules = dialogs) => {
    const config = loadConfig(env, '/nonexistent');
    const storage = new MemoryStorage();
    return configuredStepUp(config, {
      bank: createSandboxBank(),
      lockout: configuredLockout(config, storage, () => new Date()),
      store: new ConversationStore(storage),
      dialogs: modules,
      policyFor: disclosurePolicies(config),
      now: () => new Date(),
    });
  };

  it('stops startup on a step-up intent no dialog has, naming it', () => {
    assert.throws(
      () => wire({ STEP_UP_INTENTS: 'balance.check,balance.chek' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.message === "Invalid setting STEP_UP_INTENTS: balance.chek is no dialog's intent",
    );
  });

  it('applies the default list to the intents a bot without some dialogs has', () => {
    assert.doesNotThrow(() =>
      wire(
        {},
        dialogs.filter((d) => d.id !== 'balance'),
      ),
    );
  });
});

/** The lockout's contract, for any storage. */
function lockoutSuite(name: string, storage: () => Promise<Storage>): void {
  describe(`step-up lockout (${name})`, () => {
    const setup = async () => {
      let at = Date.parse('2026-11-21T15:00:00Z');
      const lockout = createLockout({
        storage: await storage(),
        maxFailures: 3,
        lockoutMs: 15 * MINUTE,
        now: () => new Date(at),
      });
      return { lockout, wait: (ms: number) => void (at += ms) };
    };

    it('locks after the third wrong answer for the lockout time, then starts afresh', async () => {
      const { lockout, wait } = await setup();
      const who = `cust-${Math.random()}`;
      assert.deepEqual(await lockout.status(who), { locked: false, triesLeft: 3 });
      assert.deepEqual(await lockout.fail(who), { locked: false, triesLeft: 2 });
      assert.deepEqual(await lockout.fail(who), { locked: false, triesLeft: 1 });
      assert.deepEqual(await lockout.fail(who), { locked: true, minutesLeft: 15 });
      assert.deepEqual(await lockout.fail(who), { locked: true, minutesLeft: 15 }, 'no longer counted');
      wait(10 * MINUTE + 1);
      assert.deepEqual(await lockout.status(who), { locked: true, minutesLeft: 5 });
      wait(5 * MINUTE);
      assert.deepEqual(await lockout.status(who), { locked: false, triesLeft: 3 });
      assert.deepEqual(await lockout.fail(who), { locked: false, triesLeft: 2 });
    });

    it('forgets wrong answers after a right one, or once a lockout period has passed', async () => {
      const { lockout, wait } = await setup();
      const who = `cust-${Math.random()}`;
      await lockout.fail(who);
      await lockout.fail(who);
      await lockout.clear(who);
      assert.deepEqual(await lockout.status(who), { locked: false, triesLeft: 3 });
      await lockout.fail(who);
      wait(15 * MINUTE + 1);
      assert.deepEqual(await lockout.fail(who), { locked: false, triesLeft: 2 });
    });

    it('counts per customer, and counts every one of concurrent wrong answers', async () => {
      const { lockout } = await setup();
      const [one, two] = [`cust-${Math.random()}`, `cust-${Math.random()}`];
      await Promise.all([lockout.fail(one), lockout.fail(one)]);
      assert.deepEqual(await lockout.status(one), { locked: false, triesLeft: 1 });
      assert.deepEqual(await lockout.status(two), { locked: false, triesLeft: 3 });
    });
  });
}

lockoutSuite('memory', async () => new MemoryStorage());

const redisStorages: RedisStorage[] = [];
after(async () => Promise.all(redisStorages.map((storage) => storage.close())));
const prefix = uniquePrefix('lockout');
const redis = async (): Promise<RedisStorage> => {
  const storage = createRedisStorage({
    url: await testRedisUrl(),
    prefix,
    ttlSeconds: (key) => (key.startsWith(lockoutKey('')) ? 900 : undefined),
  });
  await storage.connect();
  redisStorages.push(storage);
  return storage;
};
lockoutSuite('Redis', redis);

describe('step-up lockout on Redis', () => {
  it('holds ids, counts and times only, expiring with the lockout', async () => {
    const lockout = createLockout({
      storage: await redis(),
      maxFailures: 3,
      lockoutMs: 15 * MINUTE,
      now: () => new Date(),
    });
    await lockout.fail('alex-ttl');
    const client = createClient({ url: await testRedisUrl() });
    await client.connect();
    try {
      const key = toRedisKey(prefix, lockoutKey('alex-ttl'));
      const stored = JSON.parse((await client.get(key)) ?? '{}') as Record<string, unknown>;
      assert.deepEqual(Object.keys(stored).sort(), ['eTag', 'failures', 'since']);
      const ttl = await client.ttl(key);
      assert.ok(ttl > 890 && ttl <= 900, `TTL ${ttl}`);
    } finally {
      await client.close();
    }
  });
});
