/**
 * Nothing financial at rest, nothing financial in logs: the sandbox's customer is seeded with
 * distinctive values, every transcript is played on every channel with real Redis state, then every
 * Redis key and value and every log line is searched for those values in any format.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createClient } from 'redis';
import { createSandboxBank, type SandboxCustomerFixture } from '../../adapters/banks/sandbox.bank.js';
import { builtInCustomers } from '../../adapters/banks/sandbox/customers.js';
import { createRedisStorage, type RedisStorage } from '../../adapters/storage/redis.storage.js';
import { sandboxBankHarness } from '../support/bank-harness.js';
import { harnesses } from '../support/drivers/index.js';
import { testRedisUrl, uniquePrefix } from '../support/redis-server.js';
import { loadTranscript, playConversation } from '../support/transcript.js';

const BALANCE_MINOR = 12_345_678;
const ACCOUNT = '99887766';
const CARD = '4000001234567899';
/** Every way the canaries could be written down. */
const FORBIDDEN = [
  '123456.78',
  '123,456.78',
  '123 456,78',
  '123.456,78',
  String(BALANCE_MINOR),
  ACCOUNT,
  CARD,
  '4000 0012 3456 7899',
];

/** alex, with a checking balance of 123456.78, account 99887766 and debit card 4000001234567899. */
function canaryCustomers(now: Date): SandboxCustomerFixture[] {
  return builtInCustomers(now, 1).map((customer) => {
    if (customer.profile.id !== 'alex') return customer;
    const [checking, ...accounts] = customer.accounts;
    const [debit, ...cards] = customer.cards;
    assert.ok(checking && debit, 'alex has a checking account and a debit card');
    return {
      ...customer,
      accounts: [{ ...checking, number: ACCOUNT, balanceMinor: BALANCE_MINOR }, ...accounts],
      cards: [{ ...debit, number: CARD }, ...cards],
    };
  });
}

describe('privacy canary', () => {
  const storages: RedisStorage[] = [];
  after(async () => Promise.all(storages.map((storage) => storage.close())));

  it('leaves no balance, account or card number in Redis or in the logs, on any channel', async () => {
    const url = await testRedisUrl();
    const prefix = uniquePrefix('canary');
    const logLines: string[] = [];
    let shown = 0;
    let conversations = 0;
    for (const harness of harnesses) {
      for (const file of readdirSync('test/transcripts').filter((f) => f.endsWith('.transcript.yml'))) {
        for (const conversation of loadTranscript(join('test/transcripts', file)).conversations) {
          const storage = createRedisStorage({ url, prefix });
          await storage.connect();
          storages.push(storage);
          await playConversation({ ...conversation, customer: 'alex' }, harness, sandboxBankHarness, {
            sandbox: (now) => createSandboxBank({ now, customers: canaryCustomers(now()) }),
            storage,
            lenient: true,
            onLogLine: (line) => logLines.push(line),
            onReply: (texts) => (shown += texts.filter((text) => text.includes('$123,456.78')).length),
          });
          conversations += 1;
        }
      }
    }

    // The canaries must really have reached the customer, or the test proves nothing.
    assert.ok(shown > 0, 'the seeded balance was shown to the customer');

    const client = createClient({ url });
    await client.connect();
    const dump: string[] = [];
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      for (const key of keys) dump.push(key, (await client.get(key)) ?? '');
    }
    await client.close();
    const keys = dump.length / 2;
    console.log(
      `canary: ${conversations} conversations (${shown} replies showed the balance), ${keys} Redis keys and ${logLines.length} log lines scanned`,
    );
    assert.ok(keys > 0, 'conversations were stored in Redis');
    assert.ok(logLines.length > 0, 'the bot logged');
    for (const value of FORBIDDEN) {
      assert.ok(!dump.some((entry) => entry.includes(value)), `Redis holds ${value}`);
      assert.ok(!logLines.some((line) => line.includes(value)), `a log line holds ${value}`);
    }
  });
});
