/**
 * The disclosure policy and step-up through the front door: signed Alexa and Dialogflow requests
 * over HTTP to the real bot, NLU and sandbox bank, with settings and banks the transcripts do not use.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { MemoryStorage, type Storage } from 'botbuilder-core';
import { createSandboxBank } from '../../adapters/banks/sandbox.bank.js';
import { builtInCustomers } from '../../adapters/banks/sandbox/customers.js';
import { createRedisStorage, type RedisStorage } from '../../adapters/storage/redis.storage.js';
import type { DisclosureRecord } from '../../bot/ports/audit.port.js';
import type { BankPort } from '../../bot/ports/bank.port.js';
import type { BankHarness } from '../support/bank-harness.js';
import { sentCodes } from '../support/banks/sandbox-codes.js';
import { alexaHarness } from '../support/drivers/alexa.driver.js';
import { googleHarness } from '../support/drivers/google.driver.js';
import { messengerHarness } from '../support/drivers/messenger.driver.js';
import { dumpKeys } from '../support/redis-keys.js';
import { testRedisUrl, uniquePrefix } from '../support/redis-server.js';
import { startSession, type PlayOptions, type Session } from '../support/session.js';
import { PIN_PROMPT } from '../support/step-up-steps.js';

const BALANCE = 'Your Everyday Checking (••6789) balance is $6,967.37, with $6,938.41 available.';
const ASK = "what's my checking balance";

/** A bank like the sandbox but without some capabilities, as a real adapter may be. */
const lacking = (changes: (bank: BankPort) => Partial<BankPort>): BankHarness => ({
  name: 'sandbox without',
  create: async (sandbox) => ({ bank: { ...sandbox, ...changes(sandbox) }, close: async () => undefined }),
});

/** The speech of the last Alexa response. */
const speechOf = (native: readonly unknown[]): string =>
  (native[0] as { response: { outputSpeech?: { ssml: string } } }).response.outputSpeech?.ssml ?? '';

async function withSession<T>(
  harness: typeof alexaHarness,
  options: PlayOptions & { customer?: string; bank?: BankHarness },
  work: (session: Session) => Promise<T>,
): Promise<T> {
  const session = await startSession(options.customer ?? 'alex', harness, options.bank, options);
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}

describe('disclosure through the channels', () => {
  it('sends the amounts to the banking app instead of saying them, with ALEXA_AMOUNTS=app', async () => {
    await withSession(alexaHarness, { env: { ALEXA_AMOUNTS: 'app' } }, async ({ driver, sandbox }) => {
      const turn = await driver.say(ASK);
      assert.deepEqual(turn.texts, ["I've sent the amounts to your banking app."]);
      assert.doesNotMatch(speechOf(turn.native), /dollars|6,967/);
      assert.deepEqual(
        sandbox.appInbox('alex').map(({ title, body }) => ({ title, body })),
        [{ title: 'Your balances', body: BALANCE }],
      );
    });
  });

  it('puts the amounts on the card when the bank has no app inbox', async () => {
    const bank = lacking(() => ({ sendToApp: async () => 'unsupported' }));
    await withSession(alexaHarness, { env: { ALEXA_AMOUNTS: 'app' }, bank }, async ({ driver }) => {
      const turn = await driver.say(ASK);
      assert.deepEqual(turn.texts, [BALANCE], 'the card shows them');
      assert.equal(
        speechOf(turn.native),
        '<speak>I&apos;ve put the amounts on a card in your Alexa app.</speak>',
      );
    });
  });

  it('asks for no PIN when the bank has no step-up, and keeps the amounts off the speech', async () => {
    const bank = lacking(() => ({ startStepUp: async () => ({ method: 'unsupported' }) }));
    await withSession(alexaHarness, { bank }, async ({ driver }) => {
      const turn = await driver.say(ASK);
      assert.deepEqual(turn.texts, [BALANCE]);
      assert.match(speechOf(turn.native), /put the amounts on a card in your Alexa app/);
      assert.doesNotMatch(speechOf(turn.native), /dollars/);
    });
  });

  it('steps maria up with a one-time code sent to her banking app', async () => {
    await withSession(alexaHarness, { customer: 'maria' }, async ({ driver, sandbox }) => {
      const asked = await driver.say('¿cuál es mi saldo de la cuenta corriente?');
      assert.deepEqual(asked.texts, [
        "For your security, I've sent a one-time code to your banking app. Please say the code.",
      ]);
      const [code] = sentCodes(sandbox, 'maria');
      assert.ok(code, 'the bank sent a code to the app');
      const answered = await driver.say(code);
      assert.deepEqual(answered.texts, [
        // Spanish formatting puts a no-break space before the euro sign.
        'Your Cuenta Corriente (••1543) balance is 775,44\u00a0€, with 771,59\u00a0€ available.',
      ]);
      assert.match(speechOf(answered.native), /euros/);
    });
  });

  it('shows the last 4 digits only on Messenger, even from a bank that sends more', async () => {
    const leaky = lacking((bank) => ({
      listAccounts: async (customer) =>
        (await bank.listAccounts(customer)).map((a) => ({
          ...a,
          maskedNumber: `12345${a.maskedNumber.slice(-4)}`,
        })),
    }));
    await withSession(messengerHarness, { bank: leaky }, async ({ driver }) => {
      const turn = await driver.say(ASK);
      assert.deepEqual(turn.texts, [BALANCE]);
      assert.doesNotMatch(JSON.stringify(turn.native), /12345/);
    });
  });

  it('shows the amounts on screen but never speaks them on Google with GOOGLE_AMOUNTS=card', async () => {
    await withSession(googleHarness, { env: { GOOGLE_AMOUNTS: 'card' } }, async ({ driver }) => {
      const turn = await driver.say(ASK);
      assert.deepEqual(turn.texts, [BALANCE]);
      const native = JSON.stringify(turn.native);
      assert.match(native, /put the amounts on your screen/);
      assert.doesNotMatch(native, /interpret-as=\\"currency\\"/);
    });
  });
});

describe('disclosure audit', () => {
  it('records customer, conversation, channel, class and how, for what was disclosed only', async () => {
    const records: DisclosureRecord[] = [];
    const audit = { recordDisclosure: async (record: DisclosureRecord) => void records.push(record) };
    await withSession(alexaHarness, { audit }, async ({ driver }) => {
      assert.deepEqual((await driver.say(ASK)).texts, [PIN_PROMPT]);
      assert.deepEqual(records, [], 'the PIN question discloses nothing');
      await driver.say('2468');
    });
    assert.deepEqual(
      records.map(({ customerId, channel, category, via }) => ({ customerId, channel, category, via })),
      [
        { customerId: 'alex', channel: 'alexa', category: 'accountNumber', via: 'voice' },
        { customerId: 'alex', channel: 'alexa', category: 'balance', via: 'voice' },
      ],
    );
    assert.match(records[0]?.conversationId ?? '', /^amzn1\.echo-api\.session\./);
    assert.ok(records.every((record) => record.at instanceof Date));
  });

  it('writes a log event per disclosure by default, without the value', async () => {
    const lines: string[] = [];
    await withSession(googleHarness, { onLogLine: (line) => lines.push(line) }, async ({ driver }) => {
      await driver.say(ASK);
      await driver.say('2468');
    });
    const events = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const audited = events.filter((event) => event.event === 'disclosure');
    assert.deepEqual(
      audited.map(({ customerId, channel, category, via }) => ({ customerId, channel, category, via })),
      [
        { customerId: 'alex', channel: 'google', category: 'accountNumber', via: 'voice' },
        { customerId: 'alex', channel: 'google', category: 'balance', via: 'voice' },
      ],
    );
    assert.ok(audited.every((event) => typeof event.conversationId === 'string' && event.time));
    assert.ok(!lines.some((line) => /6,967|696737|6789|2468/.test(line)), 'no value, number or PIN logged');
  });

  it('does not send a reply whose disclosure cannot be recorded', async () => {
    const audit = { recordDisclosure: async () => Promise.reject(new Error('audit store down')) };
    await withSession(alexaHarness, { audit, env: { ALEXA_AMOUNTS: 'show' } }, async ({ driver }) => {
      const turn = await driver.say(ASK);
      assert.deepEqual(turn.texts, ['Sorry, something went wrong on my side. Please try again.']);
      assert.doesNotMatch(JSON.stringify(turn.native), /6,967/);
    });
  });
});

describe('step-up in a turn replayed after a lost compare-and-set', () => {
  it("spends maria's single-use code once and answers", async () => {
    let verified = 0;
    const counting = lacking((bank) => ({
      verifyStepUp: async (customer, attempt) => ((verified += 1), bank.verifyStepUp(customer, attempt)),
    }));
    let conflicts = 0;
    const memory = new MemoryStorage();
    const racing: Storage = {
      read: (keys) => memory.read(keys),
      delete: (keys) => memory.delete(keys),
      write: async (changes) => {
        const [key = ''] = Object.keys(changes);
        // Another instance wrote this conversation first, once.
        if (conflicts === 1 && key.includes('/conversations/')) {
          conflicts += 1;
          throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
        }
        return memory.write(changes);
      },
    };
    await withSession(
      alexaHarness,
      { customer: 'maria', bank: counting, storage: racing },
      async (session) => {
        await session.driver.say('¿cuál es mi saldo de la cuenta corriente?');
        const [code = ''] = sentCodes(session.sandbox, 'maria');
        conflicts = 1;
        const answered = await session.driver.say(code);
        assert.equal(conflicts, 2, 'the PIN turn lost one race and was replayed');
        assert.match(answered.texts[0] ?? '', /^Your Cuenta Corriente \(••1543\) balance is /);
        assert.equal(verified, 1, 'the bank checked the code once');
        assert.equal(sentCodes(session.sandbox, 'maria').length, 1, 'one code was sent');
      },
    );
  });
});

describe('step-up state on Redis', () => {
  const storages: RedisStorage[] = [];
  after(async () => Promise.all(storages.map((storage) => storage.close())));
  const shared = async (prefix: string): Promise<RedisStorage> => {
    const storage = createRedisStorage({ url: await testRedisUrl(), prefix });
    await storage.connect();
    storages.push(storage);
    return storage;
  };

  it('keeps the lockout per customer: a new session on another instance is still locked', async () => {
    const prefix = uniquePrefix('lockout-e2e');
    await withSession(alexaHarness, { storage: await shared(prefix) }, async ({ driver }) => {
      await driver.say(ASK);
      for (const wrong of ['1111', '2222']) await driver.say(wrong);
      assert.match((await driver.say('3333')).texts[0] ?? '', /locked your voice PIN for 15 minutes/);
    });
    await withSession(alexaHarness, { storage: await shared(prefix) }, async ({ driver }) => {
      const turn = await driver.say(ASK);
      assert.deepEqual(turn.texts, [
        "After too many wrong tries, I can't check your PIN or code for another 15 minutes.",
        BALANCE,
      ]);
      assert.doesNotMatch(speechOf(turn.native), /dollars/);
    });
  });

  it('never stores or logs a PIN, right or wrong, after any turn', async () => {
    const prefix = uniquePrefix('pin-canary');
    const [right, wrong] = ['73916', '58203'];
    const lines: string[] = [];
    const options: PlayOptions = {
      storage: await shared(prefix),
      onLogLine: (line) => lines.push(line),
      sandbox: (now) =>
        createSandboxBank({
          now,
          customers: builtInCustomers(now(), 1).map((c) => ({ ...c, stepUp: { pin: right } })),
        }),
    };
    const stored = async (): Promise<string[]> => [...(await dumpKeys(await testRedisUrl(), prefix))].flat();
    const holdsNoPin = async (): Promise<void> => {
      const dump = await stored();
      assert.ok(dump.length > 0 && lines.length > 0, 'state was stored and the bot logged');
      for (const pin of [right, wrong]) {
        assert.ok(!dump.some((entry) => entry.includes(pin)), `Redis holds ${pin}`);
        assert.ok(!lines.some((line) => line.includes(pin)), `a log line holds ${pin}`);
      }
    };
    await withSession(alexaHarness, options, async ({ driver }) => {
      await driver.say(ASK);
      assert.match((await driver.say(wrong)).texts[0] ?? '', /not right/);
      await holdsNoPin();
      assert.deepEqual((await driver.say(right)).texts, [BALANCE]);
      await holdsNoPin();
    });
  });
});
