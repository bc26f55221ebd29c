/**
 * Forget-me leaves nothing of the customer in Redis: one customer talks on every channel (consent
 * changes, a Messenger link and its de-duplication records, conversation state, the index), others
 * talk too; the customer says "forget me" on Messenger; then a SCAN of every key shows nothing that
 * names or belongs to them but the tombstone, and every other customer's keys as they were.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createSandboxBank, type SandboxCustomerFixture } from '../../adapters/banks/sandbox.bank.js';
import { builtInCustomers } from '../../adapters/banks/sandbox/customers.js';
import { createRedisStorage, type RedisStorage } from '../../adapters/storage/redis.storage.js';
import { createPseudonym } from '../../bot/privacy/pseudonym.js';
import { sandboxBankHarness } from '../support/bank-harness.js';
import type { ChannelHarness } from '../support/channel-driver.js';
import { harnesses } from '../support/drivers/index.js';
import { dumpKeys } from '../support/redis-keys.js';
import { testRedisUrl, uniquePrefix } from '../support/redis-server.js';
import { sandboxPin } from '../support/step-up-steps.js';
import { playConversation, type Conversation } from '../support/transcript.js';

/** A customer id no other key could contain by chance (alex's data, renamed). */
const FORGOTTEN = 'zq81x';
/** What bot/index.ts uses when PSEUDONYM_KEY is unset, as in these tests. */
const pseudonym = createPseudonym('bankbot-development-pseudonym-key-not-secret')(FORGOTTEN);

function customers(now: Date): SandboxCustomerFixture[] {
  return builtInCustomers(now, 1).map((c) =>
    c.profile.id === 'alex' ? { ...c, profile: { ...c.profile, id: FORGOTTEN } } : c,
  );
}

const step = (user: string, contains: string) => ({ user, bot: { contains } });

const chat = (customer: string, steps: Conversation['steps']): Conversation => ({
  name: `${customer} chats`,
  customer,
  steps,
});

const harness = (channel: string): ChannelHarness => {
  const found = harnesses.find((h) => h.channel === channel);
  assert.ok(found, channel);
  return found;
};

describe('forget me', () => {
  const storages: RedisStorage[] = [];
  after(async () => Promise.all(storages.map((storage) => storage.close())));

  it('leaves no key naming or belonging to the customer, only a tombstone, and no other customer loses a key', async () => {
    const url = await testRedisUrl();
    const prefix = uniquePrefix('forget-me');
    const play = async (conversation: Conversation, channel: string): Promise<void> => {
      const storage = createRedisStorage({ url, prefix });
      await storage.connect();
      storages.push(storage);
      const options = {
        storage,
        // The forgotten customer is alex renamed, with alex's voice PIN.
        ...(conversation.customer === FORGOTTEN ? { pin: sandboxPin('alex') } : {}),
        sandbox: (now: () => Date) => createSandboxBank({ now, customers: customers(now()) }),
      };
      await playConversation(conversation, harness(channel), sandboxBankHarness, options);
    };

    for (const channel of ['console', 'messenger', 'alexa', 'google'])
      await play(
        chat(FORGOTTEN, [
          { ...step("what's my balance", 'Everyday Checking'), pin: true },
          step('send me fraud alerts', "I'll send you alerts"),
          step('stop showing my transactions here', "I won't show your transactions"),
        ]),
        channel,
      );
    await play(
      chat('sam', [step("what's my balance", 'Current Account'), step('turn on alerts', "I'll send")]),
      'messenger',
    );
    await play(chat('sam', [step('stop sending me alerts', "I won't send")]), 'console');
    await play(
      chat('maria', [
        {
          user: 'qué datos guardas de mí',
          bot: [{ contains: 'Balances on Alexa' }, { contains: 'I never store' }],
        },
      ]),
      'alexa',
    );

    const before = await dumpKeys(url, prefix);
    const psids = [...before]
      .filter(([key, value]) => key.includes('links/messenger/') && value.includes(`"${FORGOTTEN}"`))
      .map(([key]) => key.split('/').at(-1) ?? '');
    const owner = pseudonym.slice(0, 32);
    const conversationIds = [...before]
      .filter(([key, value]) => key.includes('/conversations/') && value.includes(owner))
      .map(([key]) => /conversations\/([^}]+)\}/.exec(key)?.[1] ?? '');
    const identifiers = [FORGOTTEN, owner, ...psids, ...conversationIds];
    const belongs = ([key, value]: [string, string]): boolean =>
      identifiers.some((id) => key.includes(id) || value.includes(id));
    const theirs = [...before].filter(belongs).map(([key]) => key);
    const kinds = [
      '}/consent',
      '}/consent-log',
      '}/conversations',
      '}/channel-users',
      'links/messenger/',
      '}/deliveries',
    ];
    for (const kind of kinds)
      assert.ok(
        theirs.some((key) => key.includes(kind)),
        `before: a ${kind} key of theirs`,
      );
    for (const channel of ['console', 'messenger', 'alexa', 'google'])
      assert.ok(
        theirs.some((key) => key.includes(`{${channel}/conversations/`)),
        `before: a ${channel} conversation`,
      );
    assert.equal(psids.length, 1, 'one Messenger link');

    await play(
      chat(FORGOTTEN, [
        step('forget me', 'Go ahead?'),
        step('yes', "I've deleted everything I kept about you"),
      ]),
      'messenger',
    );

    const afterDump = await dumpKeys(url, prefix);
    const tombstone = `${prefix}erasures/${pseudonym}`;
    assert.match(
      afterDump.get(tombstone) ?? '',
      /^\{"erasedAt":"[^"]+"\}$/,
      'the tombstone holds the time only',
    );
    const left = [...afterDump].filter((entry) => entry[0] !== tombstone && belongs(entry));
    assert.deepEqual(left, [], 'nothing else names or belongs to the forgotten customer');
    const others = [...before].filter((entry) => !belongs(entry));
    assert.ok(others.length >= 8, `other customers have keys (${others.length})`);
    for (const [key, value] of others) assert.equal(afterDump.get(key), value, `${key} is untouched`);
    assert.equal(afterDump.size, others.length + 1, 'other customers and the tombstone are all that is left');
    console.log(
      `forget-me: ${theirs.length} of the customer's keys before, 0 after (tombstone kept); ${others.length} other keys untouched`,
    );
  });
});
