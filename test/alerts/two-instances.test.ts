/**
 * Two bot processes share one real redis-server and a local Graph API: 1,000 signed alerts are
 * posted to them, one process is killed with SIGKILL midway, and every alert must reach its
 * customer on Messenger exactly once: none lost, none twice.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'redis';
import { startServerChild, type ServerChild } from '../../bench/http/child.js';
import { createSandboxBank, sandboxAccessToken } from '../../adapters/banks/sandbox.bank.js';
import { BANK_EVENTS_TEST_ENV, alertStatus, postBankEvent, signedEvent } from '../support/bank-events.js';
import { startCountingGraph, type CountingGraph } from '../support/counting-graph.js';
import {
  MESSENGER_TEST_ENV,
  PAGE_ID,
  postWebhook,
  webhookBody,
} from '../support/drivers/messenger.driver.js';
import { dropKeys } from '../support/redis-keys.js';
import { testRedisUrl, uniquePrefix } from '../support/redis-server.js';

const ALERTS = 1000;
const KILL_AT = 500;
const CUSTOMERS = ['alex', 'maria', 'sam'];
const POST_CONCURRENCY = 25;
const DEADLINE_MS = 80_000;

/** A card charge of each customer, as the children's sandbox has it (same clock, same data). */
async function chargesOf(): Promise<Map<string, string>> {
  const sandbox = createSandboxBank();
  const charges = new Map<string, string>();
  for (const customerId of CUSTOMERS) {
    const txs = await sandbox.listTransactions({ customerId });
    const charge = txs.find((tx) => tx.cardId && tx.amount.minor < 0);
    assert.ok(charge, `${customerId} has a card charge`);
    charges.set(customerId, charge.id);
  }
  return charges;
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('alerts across two bot processes', () => {
  const children: ServerChild[] = [];
  let graph: CountingGraph | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  after(async () => {
    await Promise.all(children.map((child) => child.stop()));
    await graph?.close();
    await cleanup?.();
  });

  it('delivers each of 1,000 alerts exactly once while one process is killed midway', async () => {
    const url = await testRedisUrl();
    const prefix = uniquePrefix('alerts-2p');
    cleanup = () => dropKeys(url, prefix);
    graph = await startCountingGraph();
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      REDIS_URL: url,
      REDIS_PREFIX: prefix,
      ...MESSENGER_TEST_ENV,
      MESSENGER_GRAPH_URL: graph.url,
      ...BANK_EVENTS_TEST_ENV,
      ALERTS_WORKER: 'on',
      ALERTS_CONCURRENCY: '16',
      ALERTS_POLL_MS: '20',
      ALERTS_CLAIM_IDLE_MS: '2000',
      ALERTS_ECHO_WAIT_MS: '500',
      RATE_LIMIT_PER_IP: '0',
      RATE_LIMIT_PER_CUSTOMER: '0',
    };
    const script = 'test/support/alert-bot.child.ts';
    const [a, b] = await Promise.all([
      startServerChild(script, { ...env, ALERTS_CONSUMER: 'bot-a' }),
      startServerChild(script, { ...env, ALERTS_CONSUMER: 'bot-b' }),
    ]);
    assert.ok(a && b);
    children.push(a, b);
    const base = (child: ServerChild): string => `http://127.0.0.1:${child.port}`;
    graph.setWebhooks([base(a), base(b)]);

    // Each customer links a Messenger PSID and asks for fraud alerts there, through the front door.
    for (const [i, customerId] of CUSTOMERS.entries()) {
      const psid = `77000000000000${i}`;
      const from = { sender: { id: psid }, recipient: { id: PAGE_ID } };
      const linking = { status: 'linked', authorization_code: sandboxAccessToken(customerId) };
      await postWebhook(base(a), webhookBody([{ ...from, timestamp: 1, account_linking: linking }]));
      await until('the link', () => graph!.others() >= 2 * i + 1, 10_000);
      const message = { mid: `m_optin_${i}`, text: 'send me fraud alerts' };
      await postWebhook(base(a), webhookBody([{ ...from, timestamp: 2, message }]));
      await until('the opt-in', () => graph!.others() >= 2 * i + 2, 10_000);
    }

    const charges = await chargesOf();
    let killedAt = 0;
    graph.onDelivery((total) => {
      if (killedAt === 0 && total >= KILL_AT) {
        killedAt = total;
        process.kill(a.pid, 'SIGKILL');
      }
    });
    const started = Date.now();
    const ids: string[] = [];
    const statuses = new Map<number, number>();
    const post = async (n: number): Promise<void> => {
      const customerId = CUSTOMERS[n % CUSTOMERS.length] ?? 'alex';
      const event = signedEvent({ customerId, transactionId: charges.get(customerId) ?? '' });
      ids.push(event.id);
      const targets = n % 2 === 0 && killedAt === 0 ? [a, b] : [b];
      for (const target of targets) {
        // A bank retries on another instance when one does not answer; a 409 there means it was queued.
        const result = await postBankEvent(base(target), event.body, event.headers).catch(() => undefined);
        if (!result) continue;
        statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
        return;
      }
      throw new Error('no instance accepted the event');
    };
    for (let n = 0; n < ALERTS; n += POST_CONCURRENCY)
      await Promise.all(
        Array.from({ length: Math.min(POST_CONCURRENCY, ALERTS - n) }, (_, k) => post(n + k)),
      );
    const postedMs = Date.now() - started;

    const redis = createClient({ url });
    await redis.connect();
    const stream = `${prefix}alerts:stream`;
    const settled = async (): Promise<boolean> => {
      if (graph!.counts.size < ALERTS) return false;
      const [pending] = (await redis.sendCommand(['XPENDING', stream, 'bankbot-alerts'])) as [number];
      return Number(pending) === 0 && (await redis.xLen(stream)) === 0;
    };
    try {
      await until('every alert delivered and acknowledged', settled, DEADLINE_MS);
    } finally {
      const dead = await redis.xLen(`${prefix}alerts:dead`).catch(() => -1);
      await redis.close();
      const values = ids.map((id) => graph!.counts.get(id) ?? 0);
      const once = values.filter((count) => count === 1).length;
      const lost = values.filter((count) => count === 0).length;
      const twice = values.filter((count) => count > 1).length;
      console.log(
        `two-instance alerts: ${ALERTS} posted in ${postedMs} ms (HTTP ${JSON.stringify(Object.fromEntries(statuses))}); ` +
          `bot-a SIGKILLed after ${killedAt} deliveries; ${graph.delivered()} deliveries in ${Date.now() - started} ms: ` +
          `${once} exactly once, ${lost} lost, ${twice} duplicated; ${dead} dead letters`,
      );
    }
    assert.ok(killedAt >= KILL_AT && killedAt < ALERTS, `bot-a was killed midway (at ${killedAt})`);
    assert.equal(new Set(ids).size, ALERTS, 'distinct alert ids');
    for (const id of ids) assert.equal(graph.counts.get(id), 1, `alert ${id} delivered once`);
    assert.equal(graph.counts.size, ALERTS, 'no delivery for an alert that was not posted');
    assert.equal(graph.delivered(), ALERTS, 'no duplicate delivery');
    const sample = await alertStatus(base(b), ids[0] ?? '');
    assert.equal(sample.status, 200);
    assert.equal(sample.body.status, 'delivered');
    assert.deepEqual(sample.body.channels, ['messenger']);
  });
});
