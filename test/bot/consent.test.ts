import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createSandboxBank } from '../../adapters/banks/sandbox.bank.js';
import { createRedisStorage, type RedisStorage } from '../../adapters/storage/redis.storage.js';
import { loadConfig } from '../../bot/config.js';
import { createBankbot, type Bankbot } from '../../bot/index.js';
import { silentLogger } from '../../bot/logger.js';
import { testRedisUrl, uniquePrefix } from '../support/redis-server.js';
import { TEST_NOW, testRecognizer } from '../support/test-bot.js';
import { TestChannel } from '../support/test-channel.js';

const CACHE_SECONDS = 300;

/** The real bot on Redis with a clock the test moves; `say` returns texts and the Redis commands the turn sent. */
async function redisBot(storages: RedisStorage[]) {
  const storage = createRedisStorage({ url: await testRedisUrl(), prefix: uniquePrefix('consent') });
  await storage.connect();
  storages.push(storage);
  let clock = new Date(TEST_NOW);
  const now = (): Date => clock;
  const config = loadConfig(
    { NODE_ENV: 'test', CONSENT_CACHE_SECONDS: String(CACHE_SECONDS) },
    '/nonexistent',
  );
  const bankbot: Bankbot = await createBankbot(config, silentLogger(), {
    bank: createSandboxBank({ now }),
    storage,
    recognizer: await testRecognizer(),
    now,
  });
  const channel = new TestChannel((context) => bankbot.bot.run(context), { customerId: 'alex' });
  return {
    bankbot,
    /** A new conversation of the same customer; `say` as below. */
    conversation: (conversationId: string) => {
      const other = new TestChannel((context) => bankbot.bot.run(context), {
        customerId: 'alex',
        conversationId,
      });
      return async (text: string) => {
        const before = storage.commandCount;
        const texts = (await other.say(text)).filter((a) => a.type === 'message').map((a) => a.text ?? '');
        return { texts, commands: storage.commandCount - before };
      };
    },
    advance: (seconds: number) => void (clock = new Date(clock.getTime() + seconds * 1000)),
    say: async (text: string) => {
      const before = storage.commandCount;
      const texts = (await channel.say(text)).filter((a) => a.type === 'message').map((a) => a.text ?? '');
      return { texts, commands: storage.commandCount - before };
    },
  };
}

describe('consent in the turn', () => {
  const storages: RedisStorage[] = [];
  after(async () => Promise.all(storages.map((s) => s.close())));

  it('reads the ledger at most once per turn, and not at all while the conversation copy is fresh', async () => {
    const bot = await redisBot(storages);
    const first = await bot.say("what's my balance");
    assert.match(first.texts[0] ?? '', /Everyday Checking/);
    const steady = [];
    for (let turn = 0; turn < 4; turn += 1) {
      bot.advance(30);
      const { texts, commands } = await bot.say("what's my balance");
      assert.match(texts[0] ?? '', /Everyday Checking/);
      steady.push(commands);
    }
    assert.ok(
      steady.every((n) => n <= 2),
      `state read + write only: ${steady.join(', ')}`,
    );
    bot.advance(CACHE_SECONDS);
    const refreshed = await bot.say("what's my balance");
    assert.equal(refreshed.commands, 3, 'state read, one ledger read, state write');
  });

  it("reads the consent with the new conversation's index entry: three round trips on a first turn", async () => {
    const bot = await redisBot(storages);
    await bot.say("what's my balance"); // the channel's account-link consent is recorded here
    bot.advance(30);
    const say = bot.conversation('second-conversation');
    const first = await say("what's my balance");
    assert.match(first.texts[0] ?? '', /Everyday Checking/);
    assert.equal(first.commands, 3, 'state read, index entry + consent read, state write');
    bot.advance(30);
    const later = await say("what's my balance");
    assert.match(later.texts[0] ?? '', /Everyday Checking/);
    assert.ok(later.commands <= 2, `state read + write only: ${later.commands}`);
  });

  it('a revocation on another conversation is read by a new conversation at once', async () => {
    const bot = await redisBot(storages);
    await bot.say("what's my balance");
    bot.advance(30);
    await bot.say('stop showing my balance here');
    const say = bot.conversation('after-revocation');
    assert.deepEqual((await say("what's my balance")).texts, [
      'To show your balance here I need your OK to share balances in this chat. OK?',
    ]);
  });

  it('records each decision with its time and source, and asks again after a revocation', async () => {
    const bot = await redisBot(storages);
    await bot.say("what's my balance");
    bot.advance(60);
    const revoked = await bot.say('stop showing my balance here');
    assert.deepEqual(revoked.texts, [
      "Done. I won't show your balances in this chat any more. You can allow it again at any time.",
    ]);
    const asked = await bot.say("what's my balance");
    assert.deepEqual(asked.texts, [
      'To show your balance here I need your OK to share balances in this chat. OK?',
    ]);
    const history = await bot.bankbot.consent.history('alex');
    assert.deepEqual(
      history.map((d) => [d.channelId, d.category, d.granted, d.source, d.at]),
      [
        ['console', 'balances', true, 'account-link', TEST_NOW.replace('Z', '.000Z')],
        ['console', 'transactions', true, 'account-link', TEST_NOW.replace('Z', '.000Z')],
        ['console', 'balances', false, 'conversation', '2026-11-21T15:01:00.000Z'],
      ],
    );
  });
});
