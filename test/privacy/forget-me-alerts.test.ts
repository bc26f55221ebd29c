/**
 * Forget-me reaches alerts: a customer's dead-lettered, delivered and still-queued alerts (stream
 * entries, status records, send marks, open lists) are all gone afterwards, in every Redis key and
 * in both streams, while another customer's alert stays as it was.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createClient } from 'redis';
import { createSandboxBank, type SandboxCustomerFixture } from '../../adapters/banks/sandbox.bank.js';
import { builtInCustomers } from '../../adapters/banks/sandbox/customers.js';
import { createRedisStorage, type RedisStorage } from '../../adapters/storage/redis.storage.js';
import { postBankEvent, signedEvent } from '../support/bank-events.js';
import { sandboxBankHarness } from '../support/bank-harness.js';
import { messengerHarness } from '../support/drivers/messenger.driver.js';
import { dumpKeys } from '../support/redis-keys.js';
import { testRedisUrl, uniquePrefix } from '../support/redis-server.js';
import { startSession, type Session } from '../support/session.js';

/** A customer id no other key could contain by chance (alex's data, renamed). */
const FORGOTTEN = 'zq81y';

function customers(now: Date): SandboxCustomerFixture[] {
  return builtInCustomers(now, 1).map((c) =>
    c.profile.id === 'alex' ? { ...c, profile: { ...c.profile, id: FORGOTTEN } } : c,
  );
}

async function streamAlerts(url: string, key: string): Promise<string[]> {
  const client = createClient({ url });
  await client.connect();
  try {
    const entries = (await client.sendCommand(['XRANGE', key, '-', '+'])) as [string, string[]][];
    return entries.map(([, fields]) => fields[fields.indexOf('alert') + 1] ?? '');
  } finally {
    await client.close();
  }
}

describe('forget me, with fraud alerts', () => {
  const storages: RedisStorage[] = [];
  after(async () => Promise.all(storages.map((storage) => storage.close())));

  it('deletes the customer queued, delivered and dead-lettered alerts and every record of them', async () => {
    const url = await testRedisUrl();
    const prefix = uniquePrefix('forget-alerts');
    const open = async (customerId: string): Promise<Session> => {
      const storage = createRedisStorage({ url, prefix });
      await storage.connect();
      storages.push(storage);
      return startSession(customerId, messengerHarness, sandboxBankHarness, {
        storage,
        sandbox: (now) => createSandboxBank({ now, customers: customers(now()) }),
      });
    };
    const post = async (session: Session, customerId: string, transactionId: string): Promise<string> => {
      const event = signedEvent({ customerId, transactionId }, { nowMs: session.now().getTime() });
      assert.equal((await postBankEvent(session.baseUrl, event.body, event.headers)).status, 202);
      return event.id;
    };

    const sam = await open('sam');
    await sam.driver.say('send me fraud alerts');
    const samTx =
      (await sam.sandbox.listTransactions({ customerId: 'sam' })).find((tx) => tx.cardId)?.id ?? '';
    const samAlert = await post(sam, 'sam', samTx);
    await sam.bankbot.alerts.worker.drain();
    assert.equal((await sam.driver.pushed?.())?.texts.length, 1, "sam's alert reached sam");
    await sam.close();

    const session = await open(FORGOTTEN);
    const charges = await session.sandbox.listTransactions({ customerId: FORGOTTEN });
    const tx = charges.find((charge) => charge.cardId)?.id ?? '';
    const dead = await post(session, FORGOTTEN, tx);
    await session.bankbot.alerts.worker.drain();
    await session.driver.say('send me fraud alerts');
    const delivered = await post(session, FORGOTTEN, tx);
    await session.bankbot.alerts.worker.drain();
    assert.equal((await session.driver.pushed?.())?.texts.length, 1, 'the alert reached the customer');
    const queued = await post(session, FORGOTTEN, tx);
    const theirs = [dead, delivered, queued];

    const before = await dumpKeys(url, prefix);
    const psid = [...before]
      .filter(([key, value]) => key.includes('links/messenger/') && value.includes(`"${FORGOTTEN}"`))
      .map(([key]) => key.split('/').at(-1) ?? '')[0];
    assert.ok(psid, 'the customer linked a PSID');
    const identifiers = [FORGOTTEN, psid, ...theirs];
    const belongs = ([key, value]: [string, string]): boolean =>
      identifiers.some((id) => key.includes(id) || value.includes(id));
    const alertKeys = [...before].filter(belongs).map(([key]) => key);
    for (const id of theirs)
      assert.ok(
        alertKeys.some((key) => key.endsWith(`alerts/${id}`)),
        `a record of ${id}`,
      );
    for (const kind of ['}/alerts', '}/alerts-open', '}/inbound'])
      assert.ok(
        alertKeys.some((key) => key.endsWith(kind)),
        `before: a ${kind} key of theirs`,
      );
    assert.ok((await streamAlerts(url, `${prefix}alerts:stream`)).includes(queued), 'one alert still queued');
    assert.deepEqual(await streamAlerts(url, `${prefix}alerts:dead`), [dead], 'one dead letter');

    await session.driver.say('forget me');
    await session.driver.say('yes');
    await session.close();

    const afterDump = await dumpKeys(url, prefix);
    const left = [...afterDump].filter(belongs).filter(([key]) => !key.includes('erasures/'));
    assert.deepEqual(left, [], 'no key names or belongs to the forgotten customer or their alerts');
    const queue = await streamAlerts(url, `${prefix}alerts:stream`);
    const deadLetters = await streamAlerts(url, `${prefix}alerts:dead`);
    for (const id of theirs) {
      assert.ok(!queue.includes(id), `${id} is not queued`);
      assert.ok(!deadLetters.includes(id), `${id} is not a dead letter`);
    }
    assert.ok(afterDump.has(`${prefix}alerts/${samAlert}`), "sam's alert record is untouched");
    assert.equal(afterDump.get(`${prefix}alerts/${samAlert}`), before.get(`${prefix}alerts/${samAlert}`));
    console.log(
      `forget-me alerts: ${alertKeys.length} keys and ${theirs.length} alerts (queued, delivered, dead-lettered) before, 0 after`,
    );
  });
});
