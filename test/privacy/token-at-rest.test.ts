/**
 * Messenger with a bank called on the customer's own token (UK Open Banking): the link must keep
 * the token, and only sealed. A real Messenger webhook links the PSID, later turns reach the bank
 * with the token, and a SCAN of Redis never shows it; key rotation re-seals it on read.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { dumpKeys } from '../support/redis-keys.js';
import { createOpenBankingUkBank } from '../../adapters/banks/open-banking-uk.bank.js';
import { createSandboxBank, sandboxAccessToken } from '../../adapters/banks/sandbox.bank.js';
import { createMessengerChannel } from '../../adapters/channels/messenger.channel.js';
import { createRedisStorage } from '../../adapters/storage/redis.storage.js';
import { loadConfig } from '../../bot/config.js';
import { createBankbot } from '../../bot/index.js';
import { createLogger } from '../../bot/logger.js';
import { listen } from '../../bot/server.js';
import { demoSettings } from '../support/banks/bank-servers.js';
import { startObAspsp } from '../support/banks/ob-aspsp.server.js';
import {
  FAST_RETRY,
  MESSENGER_TEST_ENV,
  PAGE_ID,
  postWebhook,
  startGraphRecorder,
  textsOf,
  webhookBody,
} from '../support/drivers/messenger.driver.js';
import { testRedisUrl, uniquePrefix } from '../support/redis-server.js';
import { TEST_NOW, testRecognizer } from '../support/test-bot.js';

const now = () => new Date(TEST_NOW);
const PSID = '7100000000000042';
const TOKEN = sandboxAccessToken('sam');
const [K1, K2] = [randomBytes(32).toString('base64'), randomBytes(32).toString('base64')];
/** Every way the token could be written down. */
const FORMS = [
  TOKEN,
  ...(['base64', 'base64url', 'hex'] as const).map((f) => Buffer.from(TOKEN).toString(f)),
];

const sandbox = createSandboxBank({ now });
const aspsp = await startObAspsp({ sandbox, version: '4.0' });
const graph = await startGraphRecorder();
const url = await testRedisUrl();
const prefix = uniquePrefix('token-at-rest');
const logLines: string[] = [];
let sequence = 0;

/** The bot on UK Open Banking, Redis state and the Messenger channel, with the given keys. */
async function startBot(keys: string) {
  const storage = createRedisStorage({ url, prefix });
  await storage.connect();
  const env = {
    NODE_ENV: 'test',
    ...MESSENGER_TEST_ENV,
    MESSENGER_GRAPH_URL: graph.url,
    BANK: 'open-banking-uk',
    OPEN_BANKING_BASE_URL: aspsp.baseUrl,
    TOKEN_ENCRYPTION_KEYS: keys,
  };
  const config = loadConfig(env, '/nonexistent');
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const channel = createMessengerChannel.bind(null, config);
  let messenger: ReturnType<typeof createMessengerChannel> | undefined;
  const bankbot = await createBankbot(config, createLogger({ level: 'debug', destination: sink }), {
    bank: createOpenBankingUkBank({ baseUrl: aspsp.baseUrl, version: '4.0', settingsOf: demoSettings }),
    storage,
    recognizer: await testRecognizer(),
    now,
    channels: (deps) => [(messenger = channel(deps, { retry: FAST_RETRY }))],
  });
  const server: Server = bankbot.createServer();
  const baseUrl = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  /** Delivers one event and returns what the customer read. */
  const deliver = async (event: object): Promise<string[]> => {
    const from = graph.calls.length;
    sequence += 1;
    const body = webhookBody([
      { sender: { id: PSID }, recipient: { id: PAGE_ID }, timestamp: sequence, ...event },
    ]);
    assert.equal((await postWebhook(baseUrl, body)).status, 200);
    await messenger?.settle();
    return textsOf(graph.sentTo(PSID, from));
  };
  const say = (text: string) => deliver({ message: { mid: `m_token_${sequence + 1}`, text } });
  const close = async (): Promise<void> => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await bankbot.close();
    await storage.close();
  };
  return { deliver, say, close };
}

/** Every Redis key and value under the suite's prefix, whatever its type (the ledger keeps hashes and sets). */
function dumpRedis(): Promise<Map<string, string>> {
  return dumpKeys(url, prefix);
}

const sealedToken = (dump: Map<string, string>): string => {
  const link = [...dump].find(([key]) => key.includes(`links/messenger/${PSID}`));
  assert.ok(link, 'the link is stored');
  return String((JSON.parse(link[1]) as { token?: unknown }).token);
};

describe('bank tokens at rest (Messenger + UK Open Banking, Redis)', () => {
  after(async () => {
    await Promise.all([aspsp.close(), graph.close()]);
  });

  it('keeps the token behind a Messenger link only sealed, and uses it on later turns', async () => {
    const bot = await startBot(`k1:${K1}`);
    try {
      const linked = await bot.deliver({ account_linking: { status: 'linked', authorization_code: TOKEN } });
      assert.match(linked.join(' '), /linked/);
      const balance = await bot.say("what's my balance");
      assert.match(balance.join('\n'), /£/, 'the bank answered with the stored token');
    } finally {
      await bot.close();
    }
    const used = aspsp.received().filter((request) => request.headers.authorization === `Bearer ${TOKEN}`);
    assert.ok(used.length > 1, 'the ASPSP received the token on the linking and the later turn');

    const dump = await dumpRedis();
    assert.ok(dump.size > 0, 'state was stored in Redis');
    for (const form of FORMS) {
      for (const [key, value] of dump)
        assert.ok(!key.includes(form) && !value.includes(form), `Redis holds ${form}`);
      assert.ok(!logLines.some((line) => line.includes(form)), `a log line holds ${form}`);
    }
    assert.match(sealedToken(dump), /^v1\.k1\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/);
    console.log(`token at rest: ${dump.size} Redis keys and ${logLines.length} log lines scanned, no token`);
  });

  it('re-seals the token with the new current key when it is read after a rotation', async () => {
    const bot = await startBot(`k2:${K2},k1:${K1}`);
    try {
      assert.match((await bot.say('how much money do I have')).join('\n'), /£/);
    } finally {
      await bot.close();
    }
    assert.match(sealedToken(await dumpRedis()), /^v1\.k2\./);
    assert.ok(logLines.some((line) => line.includes('"identity.token_resealed"')));
  });

  it('asks the customer to link again when no configured key opens the token', async () => {
    const bot = await startBot(`k1:${K1}`);
    try {
      const texts = await bot.say("what's my balance");
      assert.match(texts.join(' '), /link your bank account/);
      assert.doesNotMatch(texts.join(' '), /£/);
    } finally {
      await bot.close();
    }
    assert.ok(
      logLines.some(
        (line) => line.includes('"identity.token_unreadable"') && line.includes('TOKEN_ERR_UNREADABLE'),
      ),
    );
  });
});
