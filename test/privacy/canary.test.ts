/**
 * Nothing financial at rest, nothing financial in logs: the sandbox's customer is seeded with
 * distinctive values, every transcript is played on every channel with real Redis state, then every
 * Redis key and value and every log line is searched for those values in any format.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createSandboxBank, type SandboxCustomerFixture } from '../../adapters/banks/sandbox.bank.js';
import { builtInCustomers } from '../../adapters/banks/sandbox/customers.js';
import { createRedisStorage, type RedisStorage } from '../../adapters/storage/redis.storage.js';
import { sandboxBankHarness } from '../support/bank-harness.js';
import { harnesses } from '../support/drivers/index.js';
import { dumpKeys } from '../support/redis-keys.js';
import { testRedisUrl, uniquePrefix } from '../support/redis-server.js';
import { loadTranscript, playConversation, playsOn } from '../support/transcript.js';

const BALANCE_MINOR = 12_345_678;
const ACCOUNT = '99887766';
const CARD = '4000001234567899';
/** Alex's voice PIN here: said on every voice channel, never to be stored or logged. */
const PIN = '73916';
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
  PIN,
];

/** alex, with a checking balance of 123456.78, account 99887766, debit card 4000001234567899 and voice PIN 73916. */
function canaryCustomers(now: Date): SandboxCustomerFixture[] {
  return builtInCustomers(now, 1).map((customer) => {
    if (customer.profile.id !== 'alex') return customer;
    const [checking, ...accounts] = customer.accounts;
    const [debit, ...cards] = customer.cards;
    assert.ok(checking && debit, 'alex has a checking account and a debit card');
    return {
      ...customer,
      stepUp: { pin: PIN },
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
    const shownOn = new Map<string, number>();
    let conversations = 0;
    for (const harness of harnesses) {
      for (const file of readdirSync('test/transcripts').filter((f) => f.endsWith('.transcript.yml'))) {
        const transcript = loadTranscript(join('test/transcripts', file));
        for (const conversation of transcript.conversations.filter((c) => playsOn(c, harness.channel))) {
          const storage = createRedisStorage({ url, prefix });
          await storage.connect();
          storages.push(storage);
          await playConversation({ ...conversation, customer: 'alex' }, harness, sandboxBankHarness, {
            sandbox: (now) => createSandboxBank({ now, customers: canaryCustomers(now()) }),
            storage,
            pin: PIN,
            lenient: true,
            onLogLine: (line) => logLines.push(line),
            onReply: (texts) => {
              const shown = texts.filter((text) => text.includes('$123,456.78')).length;
              shownOn.set(harness.channel, (shownOn.get(harness.channel) ?? 0) + shown);
            },
          });
          conversations += 1;
        }
      }
    }

    // The canaries must really have reached the customer, or the test proves nothing (on voice,
    // after the voice PIN: so the PIN was said too).
    for (const harness of harnesses)
      assert.ok(
        (shownOn.get(harness.channel) ?? 0) > 0,
        `the seeded balance was shown on ${harness.channel}`,
      );
    const shown = [...shownOn.values()].reduce((sum, count) => sum + count, 0);

    // Hashes, lists and sets too (the consent ledger and the customer index), as JSON.
    const dump = [...(await dumpKeys(url, prefix))].flat();
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
