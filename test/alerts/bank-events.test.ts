/**
 * POST /api/bank-events refuses every event that is unsigned, wrongly signed, stale, replayed or
 * malformed with a coded 4xx, and queues nothing for it; GET /api/alerts/:id needs the bearer token.
 */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { MemoryStorage } from 'botbuilder-core';
import { signatureOf } from '../../bot/alerts/event-signature.js';
import { loadConfig } from '../../bot/config.js';
import { createBankbot, type Bankbot } from '../../bot/index.js';
import { silentLogger } from '../../bot/logger.js';
import { listen } from '../../bot/server.js';
import {
  BANK_EVENTS_TEST_ENV,
  alertId,
  alertStatus,
  postBankEvent,
  signedEvent,
} from '../support/bank-events.js';
import { testRecognizer } from '../support/test-bot.js';

const EVENT = { customerId: 'alex', transactionId: 'tx-alex-20261118-01' };
const MINUTE = 60_000;

async function startBot(env: NodeJS.ProcessEnv): Promise<{ bankbot: Bankbot; server: Server; base: string }> {
  const config = loadConfig({ NODE_ENV: 'test', ...env }, '/nonexistent');
  const bankbot = await createBankbot(config, silentLogger(), {
    storage: new MemoryStorage(),
    recognizer: await testRecognizer(),
    channels: () => [],
  });
  const server = bankbot.createServer();
  return { bankbot, server, base: `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}` };
}

type TestBot = Awaited<ReturnType<typeof startBot>>;

async function stopBot(bot: TestBot): Promise<void> {
  await new Promise<void>((resolve) => bot.server.close(() => resolve()));
  await bot.bankbot.close();
}

/** One bot with the test secrets for the suite it is called in. */
function useBot(): () => TestBot {
  let bot: TestBot | undefined;
  before(async () => {
    bot = await startBot(BANK_EVENTS_TEST_ENV);
  });
  after(async () => {
    if (bot) await stopBot(bot);
  });
  return () => {
    if (!bot) throw new Error('bank events test: the bot did not start');
    return bot;
  };
}

describe('POST /api/bank-events', () => {
  const current = useBot();
  let bot: TestBot;
  before(() => {
    bot = current();
  });
  /** Entries queued since the last call (the probe consumer takes them). */
  const queued = async (): Promise<string[]> =>
    (await bot.bankbot.alerts.queue.read('probe', 100)).map((entry) => entry.alertId);

  const refuses = async (
    what: string,
    body: string,
    headers: Record<string, string>,
    status: number,
    code: string,
  ): Promise<void> => {
    const result = await postBankEvent(bot.base, body, headers);
    assert.equal(result.status, status, `${what}: status`);
    assert.equal(result.body.error?.code, code, `${what}: code`);
    assert.deepEqual(await queued(), [], `${what}: nothing queued`);
  };

  it('queues a signed, fresh, valid event and answers 202', async () => {
    const event = signedEvent(EVENT);
    const result = await postBankEvent(bot.base, event.body, event.headers);
    assert.equal(result.status, 202);
    assert.deepEqual(result.body, { id: event.id, status: 'queued' });
    assert.deepEqual(await queued(), [event.id]);
    const status = await alertStatus(bot.base, event.id);
    assert.equal(status.status, 200);
    assert.equal(status.body.status, 'queued');
    assert.equal(status.body.transactionId, EVENT.transactionId);
  });

  it('refuses unsigned and wrongly signed events with 401 ALERT_ERR_BAD_SIGNATURE', async () => {
    const event = signedEvent(EVENT);
    await refuses('no headers', event.body, {}, 401, 'ALERT_ERR_BAD_SIGNATURE');
    const timestamp = event.headers['x-bankbot-timestamp'] ?? '';
    await refuses(
      'no signature',
      event.body,
      { 'x-bankbot-timestamp': timestamp },
      401,
      'ALERT_ERR_BAD_SIGNATURE',
    );
    const other = signedEvent(
      { ...EVENT, id: event.id },
      { secret: 'another-secret-of-at-least-32-characters' },
    );
    await refuses('another secret', other.body, other.headers, 401, 'ALERT_ERR_BAD_SIGNATURE');
    const tampered = event.body.replace('tx-alex-20261118-01', 'tx-alex-20261118-02');
    await refuses('a changed body', tampered, event.headers, 401, 'ALERT_ERR_BAD_SIGNATURE');
    const sha1 = { ...event.headers, 'x-bankbot-signature': `sha1=${'0'.repeat(40)}` };
    await refuses('another algorithm', event.body, sha1, 401, 'ALERT_ERR_BAD_SIGNATURE');
    const garbled = { ...event.headers, 'x-bankbot-timestamp': 'yesterday' };
    await refuses('an unreadable timestamp', event.body, garbled, 401, 'ALERT_ERR_BAD_SIGNATURE');
  });

  it('refuses events signed more than five minutes ago, or ahead, with 401 ALERT_ERR_STALE', async () => {
    const old = signedEvent(EVENT, { nowMs: Date.now() - 6 * MINUTE });
    await refuses('six minutes old', old.body, old.headers, 401, 'ALERT_ERR_STALE');
    const ahead = signedEvent(EVENT, { nowMs: Date.now() + 6 * MINUTE });
    await refuses('six minutes ahead', ahead.body, ahead.headers, 401, 'ALERT_ERR_STALE');
  });

  it('refuses a replayed event id with 409 ALERT_ERR_REPLAYED, signed afresh or not', async () => {
    const event = signedEvent(EVENT);
    assert.equal((await postBankEvent(bot.base, event.body, event.headers)).status, 202);
    assert.deepEqual(await queued(), [event.id]);
    await refuses('the same request', event.body, event.headers, 409, 'ALERT_ERR_REPLAYED');
    const again = signedEvent({ ...EVENT, id: event.id });
    await refuses('re-signed', again.body, again.headers, 409, 'ALERT_ERR_REPLAYED');
  });

  it('refuses malformed events with a coded 4xx naming no value', async () => {
    const signed = (body: string): Record<string, string> => {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const secret = BANK_EVENTS_TEST_ENV.BANK_EVENTS_SECRET;
      return {
        'x-bankbot-timestamp': timestamp,
        'x-bankbot-signature': signatureOf(secret, timestamp, body),
      };
    };
    const valid = { id: alertId(), type: 'transaction.suspicious', ...EVENT };
    await refuses('not JSON', '{"id":', signed('{"id":'), 400, 'HTTP_ERR_BAD_JSON');
    const bad: [string, unknown][] = [
      ['an array', [valid]],
      ['no customer', { ...valid, customerId: undefined }],
      ['another type', { ...valid, type: 'transaction.booked' }],
      ['an amount (nothing financial is accepted)', { ...valid, amount: { minor: 4210, currency: 'USD' } }],
      ['an id with spaces', { ...valid, id: 'alert 1' }],
      ['a numeric transaction', { ...valid, transactionId: 42 }],
      ['an unreadable expiry', { ...valid, expiresAt: 'tomorrow' }],
      ['an expiry in the past', { ...valid, expiresAt: '2020-01-01T00:00:00Z' }],
    ];
    for (const [what, value] of bad) {
      const body = JSON.stringify(value);
      await refuses(what, body, signed(body), 422, 'ALERT_ERR_BAD_EVENT');
    }
  });
});

describe('GET /api/alerts/:id', () => {
  const current = useBot();
  let bot: TestBot;
  before(() => {
    bot = current();
  });

  it('answers the bearer token only, 404 for unknown ids', async () => {
    const event = signedEvent(EVENT);
    assert.equal((await postBankEvent(bot.base, event.body, event.headers)).status, 202);
    const wrong = await alertStatus(bot.base, event.id, 'not-the-token-but-long-enough-to-look-real');
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.body, {
      error: { code: 'ALERT_ERR_UNAUTHORIZED', message: 'A valid bearer token is required.' },
    });
    const none = await fetch(`${bot.base}/api/alerts/${event.id}`);
    assert.equal(none.status, 401);
    assert.equal((await alertStatus(bot.base, 'alrt_unknown')).status, 404);
    assert.equal((await alertStatus(bot.base, '%E0%A4%A')).status, 404);
    const known = await alertStatus(bot.base, event.id);
    assert.equal(known.status, 200);
    assert.equal(known.body.id, event.id);
    assert.equal(known.body.status, 'queued');
    assert.equal(known.body.customerId, undefined, 'no customer id in the status');
    const post = await fetch(`${bot.base}/api/alerts/${event.id}`, { method: 'POST' });
    assert.equal(post.status, 405);
  });
});

describe('alert routes without their secrets', () => {
  it('answer 503 ALERT_ERR_NOT_CONFIGURED and queue nothing', async () => {
    const bot = await startBot({});
    try {
      const event = signedEvent(EVENT);
      const posted = await postBankEvent(bot.base, event.body, event.headers);
      assert.equal(posted.status, 503);
      assert.equal(posted.body.error?.code, 'ALERT_ERR_NOT_CONFIGURED');
      assert.deepEqual(await bot.bankbot.alerts.queue.read('probe', 10), []);
      assert.equal((await alertStatus(bot.base, event.id)).status, 503);
    } finally {
      await stopBot(bot);
    }
  });
});
