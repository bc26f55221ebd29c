/**
 * Delivery semantics on Messenger, in one process against a local Graph API: retries with backoff,
 * the dead-letter stream after N attempts (with the reason), consent, the 24-hour window, expiry,
 * and the answer reported back to the bank by a signed callback.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { sandboxAccessToken } from '../../adapters/banks/sandbox.bank.js';
import { checkSignature } from '../../bot/alerts/event-signature.js';
import { BANK_EVENTS_TEST_ENV, alertStatus, postBankEvent, signedEvent } from '../support/bank-events.js';
import {
  PAGE_ID,
  postWebhook,
  startMessengerBot,
  webhookBody,
  type MessengerTestBot,
} from '../support/drivers/messenger.driver.js';
import { TEST_NOW } from '../support/test-bot.js';

const PSID = '5550001';
const TX = 'tx-alex-20261118-01';
const HOUR = 3_600_000;

/** A clock the test moves on. */
function clock(): { now: () => Date; advance: (ms: number) => void } {
  let at = Date.parse(TEST_NOW);
  return { now: () => new Date(at), advance: (ms) => void (at += ms) };
}

async function startBot(env: NodeJS.ProcessEnv, now: () => Date): Promise<MessengerTestBot> {
  return startMessengerBot({ env: { ...BANK_EVENTS_TEST_ENV, ALERTS_RETRY_BASE_MS: '1', ...env }, now });
}

let sequence = 0;
async function say(bot: MessengerTestBot, message: Record<string, unknown>): Promise<void> {
  sequence += 1;
  const event = { sender: { id: PSID }, recipient: { id: PAGE_ID }, timestamp: sequence, ...message };
  assert.equal((await postWebhook(bot.baseUrl, webhookBody([event]))).status, 200);
  await bot.channel.settle();
}

async function linkAndOptIn(bot: MessengerTestBot, optIn = true): Promise<void> {
  await say(bot, { account_linking: { status: 'linked', authorization_code: sandboxAccessToken('alex') } });
  if (optIn) await say(bot, { message: { mid: `m_optin_${sequence}`, text: 'send me fraud alerts' } });
}

async function alert(
  bot: MessengerTestBot,
  now: () => Date,
  extra: { expiresAt?: string } = {},
): Promise<string> {
  const event = signedEvent({ customerId: 'alex', transactionId: TX, ...extra }, { nowMs: now().getTime() });
  assert.equal((await postBankEvent(bot.baseUrl, event.body, event.headers)).status, 202);
  return event.id;
}

/** Send API calls that carried this alert. */
const pushesOf = (bot: MessengerTestBot, id: string) =>
  bot.graph.calls.filter((call) => JSON.stringify(call.body).includes(`bankbot-alert:${id}`));

describe('alert delivery', () => {
  it('retries a failing Graph API with backoff and delivers once it answers', async () => {
    const { now } = clock();
    const bot = await startBot({}, now);
    try {
      await linkAndOptIn(bot);
      const id = await alert(bot, now);
      // Four 500s: the Graph client's own retries are spent, so the queue retries the alert.
      bot.graph.script(...Array.from({ length: 4 }, () => ({ status: 500, body: { error: { code: 2 } } })));
      await bot.bankbot.alerts.worker.drain();
      const pushes = pushesOf(bot, id);
      assert.equal(pushes.length, 5, 'four refused, one delivered');
      const status = await alertStatus(bot.baseUrl, id);
      assert.equal(status.body.status, 'delivered');
      assert.equal(status.body.attempts, 2);
      assert.ok(
        bot.logs.some((l) => l.event === 'alert.push_failed' && l.code === 'CHANNEL_ERR_SEND_FAILED'),
      );
      assert.ok(
        bot.logs.some((l) => l.event === 'messenger.send_retry'),
        'the Graph client backed off',
      );
    } finally {
      await bot.close();
    }
  });

  it('dead-letters an alert after ALERTS_MAX_ATTEMPTS, with the reason, and reports it failed', async () => {
    const { now } = clock();
    const bot = await startBot({ ALERTS_MAX_ATTEMPTS: '3' }, now);
    try {
      await linkAndOptIn(bot);
      const id = await alert(bot, now);
      bot.graph.script(
        ...Array.from({ length: 10 }, () => ({ status: 400, body: { error: { code: 100 } } })),
      );
      await bot.bankbot.alerts.worker.drain();
      assert.equal(pushesOf(bot, id).length, 3, 'one call per attempt: a 400 is not retried by the client');
      const dead = await bot.bankbot.alerts.queue.deadLetters(10);
      assert.deepEqual(
        dead.map(({ alertId, reason }) => ({ alertId, reason })),
        [{ alertId: id, reason: 'CHANNEL_ERR_SEND_FAILED' }],
      );
      const status = await alertStatus(bot.baseUrl, id);
      assert.equal(status.body.status, 'failed');
      assert.equal(status.body.reason, 'CHANNEL_ERR_SEND_FAILED');
      assert.deepEqual(await bot.bankbot.alerts.queue.claim('probe', 0, 10), [], 'nothing left pending');
    } finally {
      await bot.close();
    }
  });

  it('sends nothing where the customer has not opted in, and dead-letters the alert', async () => {
    const { now } = clock();
    const bot = await startBot({}, now);
    try {
      await linkAndOptIn(bot, false);
      const id = await alert(bot, now);
      await bot.bankbot.alerts.worker.drain();
      assert.equal(pushesOf(bot, id).length, 0);
      const dead = await bot.bankbot.alerts.queue.deadLetters(10);
      assert.deepEqual(
        dead.map((d) => d.reason),
        ['ALERT_ERR_NO_CHANNEL'],
      );
      assert.equal((await alertStatus(bot.baseUrl, id)).body.status, 'failed');
    } finally {
      await bot.close();
    }
  });

  it('dead-letters at once an alert the bank has no transaction for', async () => {
    const { now } = clock();
    const bot = await startBot({}, now);
    try {
      await linkAndOptIn(bot);
      const event = signedEvent(
        { customerId: 'alex', transactionId: 'tx-unknown' },
        { nowMs: now().getTime() },
      );
      assert.equal((await postBankEvent(bot.baseUrl, event.body, event.headers)).status, 202);
      await bot.bankbot.alerts.worker.drain();
      const dead = await bot.bankbot.alerts.queue.deadLetters(10);
      assert.deepEqual(
        dead.map((d) => d.reason),
        ['BANK_ERR_NOT_FOUND'],
      );
      const status = await alertStatus(bot.baseUrl, event.id);
      assert.deepEqual([status.body.status, status.body.attempts], ['failed', 1]);
    } finally {
      await bot.close();
    }
  });

  it('pushes as RESPONSE inside the 24-hour window and with the ACCOUNT_UPDATE tag outside it', async () => {
    const { now, advance } = clock();
    const bot = await startBot({}, now);
    try {
      await linkAndOptIn(bot);
      advance(HOUR);
      const inside = await alert(bot, now);
      await bot.bankbot.alerts.worker.drain();
      advance(24 * HOUR);
      const outside = await alert(bot, now);
      await bot.bankbot.alerts.worker.drain();
      const [first] = pushesOf(bot, inside);
      const [second] = pushesOf(bot, outside);
      assert.deepEqual(
        {
          type: (first?.body as { messaging_type?: string }).messaging_type,
          tag: (first?.body as { tag?: string }).tag,
        },
        { type: 'RESPONSE', tag: undefined },
      );
      assert.deepEqual(
        {
          type: (second?.body as { messaging_type?: string }).messaging_type,
          tag: (second?.body as { tag?: string }).tag,
        },
        { type: 'MESSAGE_TAG', tag: 'ACCOUNT_UPDATE' },
      );
      const quickReplies = (
        second?.body as { message: { quick_replies?: { title: string; payload: string }[] } }
      ).message.quick_replies;
      assert.deepEqual(quickReplies, [
        { content_type: 'text', title: 'Yes', payload: `alert:${outside}:yes` },
        { content_type: 'text', title: 'No', payload: `alert:${outside}:no` },
      ]);
    } finally {
      await bot.close();
    }
  });

  it('lets an alert expire unsent when its time has passed before delivery', async () => {
    const { now, advance } = clock();
    const bot = await startBot({}, now);
    try {
      await linkAndOptIn(bot);
      const id = await alert(bot, now, { expiresAt: new Date(now().getTime() + 10 * 60_000).toISOString() });
      advance(11 * 60_000);
      await bot.bankbot.alerts.worker.drain();
      assert.equal(pushesOf(bot, id).length, 0);
      const status = await alertStatus(bot.baseUrl, id);
      assert.equal(status.body.status, 'expired');
      assert.deepEqual(await bot.bankbot.alerts.queue.claim('probe', 0, 10), []);
    } finally {
      await bot.close();
    }
  });

  it('reports the answer to the bank: a signed callback and the status API', async () => {
    const { now } = clock();
    const received: { headers: IncomingHttpHeaders; body: Buffer }[] = [];
    const bank = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(204, { connection: 'close' }).end();
      });
    });
    await new Promise<void>((resolve) => bank.listen(0, '127.0.0.1', resolve));
    const callback = `http://127.0.0.1:${(bank.address() as AddressInfo).port}/bankbot/outcomes`;
    const bot = await startBot({ ALERTS_CALLBACK_URL: callback }, now);
    try {
      await linkAndOptIn(bot);
      const id = await alert(bot, now);
      await bot.bankbot.alerts.worker.drain();
      await say(bot, {
        message: { mid: 'm_answer', text: 'No', quick_reply: { payload: `alert:${id}:no` } },
      });
      for (let i = 0; i < 100 && received.length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
      assert.equal(received.length, 1, 'one callback');
      const [call] = received;
      assert.ok(call);
      const secret = BANK_EVENTS_TEST_ENV.BANK_EVENTS_SECRET;
      assert.equal(checkSignature(secret, call.headers, call.body, now().getTime()), 'ok');
      const body = JSON.parse(call.body.toString('utf8')) as Record<string, unknown>;
      assert.equal(body.type, 'alert.answered');
      assert.equal(body.alertId, id);
      assert.equal(body.transactionId, TX);
      const outcome = body.outcome as Record<string, unknown>;
      assert.deepEqual(
        {
          answer: outcome.answer,
          result: outcome.result,
          cardFrozen: outcome.cardFrozen,
          channel: outcome.channelId,
        },
        { answer: 'no', result: 'disputed', cardFrozen: true, channel: 'messenger' },
      );
      const [dispute] = bot.sandbox.disputes('alex');
      assert.equal(outcome.disputeId, dispute?.id);
      assert.equal(bot.sandbox.cardStatus('alex', 'card-alex-debit'), 'frozen');
      const status = await alertStatus(bot.baseUrl, id);
      assert.equal(status.body.status, 'answered');
      assert.deepEqual(status.body.outcome, outcome);
      // The same tap again (a redelivery with a new id) changes nothing and reports nothing twice.
      await say(bot, { message: { mid: 'm_again', text: 'No', quick_reply: { payload: `alert:${id}:no` } } });
      assert.equal(bot.sandbox.disputes('alex').length, 1);
      assert.match(JSON.stringify(bot.graph.sentTo(PSID).at(-1)), /already been dealt with/);
      assert.equal(received.length, 1);
    } finally {
      await bot.close();
      await new Promise<void>((resolve) => bank.close(() => resolve()));
    }
  });
});
