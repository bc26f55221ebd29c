import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createClient } from 'redis';
import { createRateLimitRedis } from '../../adapters/rate-limit/redis.rate-limiter.js';
import { createRedisConsentLedger } from '../../adapters/storage/redis.consent-ledger.js';
import { createRedisCustomerIndex } from '../../adapters/storage/redis.customer-index.js';
import { createRedisStorage, toRedisKey, type RedisStorage } from '../../adapters/storage/redis.storage.js';
import { createPseudonym } from '../../bot/privacy/pseudonym.js';
import { runConsentLedgerContract } from '../contracts/consent-ledger.contract.js';
import { runCustomerIndexContract } from '../contracts/customer-index.contract.js';
import { runStorageContract } from '../contracts/storage.contract.js';
import { keySlot, startPrivateCluster, type PrivateCluster } from '../support/redis-cluster.js';
import { keySlot as localSlot } from '../support/redis-slot.js';
import { uniquePrefix } from '../support/redis-server.js';
import { createTestBot } from '../support/test-bot.js';

/** One local 3-node cluster (redis-server --cluster-enabled yes) for the whole file. */
let cluster: Promise<PrivateCluster> | undefined;
const theCluster = (): Promise<PrivateCluster> => (cluster ??= startPrivateCluster(3));
after(async () => {
  await cluster?.then((c) => c.stop()).catch(() => undefined);
});

async function clusterStorage(label: string): Promise<RedisStorage> {
  const storage = createRedisStorage({
    url: (await theCluster()).url,
    cluster: true,
    prefix: uniquePrefix(label),
  });
  await storage.connect();
  return storage;
}

runStorageContract('RedisStorage on a Redis Cluster', async () => {
  const storage = await clusterStorage('cluster-contract');
  return { storage, teardown: () => storage.close() };
});

const pseudonym = createPseudonym('cluster-test-pseudonym-key-0123456789');
const RETENTION_MS = 60_000;

runConsentLedgerContract('Redis consent ledger on a Redis Cluster', async () => {
  const redis = await clusterStorage('cluster-ledger');
  return { ledger: createRedisConsentLedger({ redis, pseudonym }), teardown: () => redis.close() };
});

runCustomerIndexContract('Redis customer index on a Redis Cluster', async () => {
  const redis = await clusterStorage('cluster-index');
  return {
    index: createRedisCustomerIndex({ redis, retentionMs: RETENTION_MS }),
    retentionMs: RETENTION_MS,
    teardown: () => redis.close(),
  };
});

/** Keys each node holds under `prefix` (asked of every node, since a node answers only for its slots). */
async function keysPerNode(nodes: PrivateCluster['nodes'], prefix: string): Promise<number[]> {
  return Promise.all(
    nodes.map(async (node) => {
      const client = createClient({ url: node.url });
      await client.connect();
      try {
        return (await client.keys(`${prefix}*`)).length;
      } finally {
        await client.close();
      }
    }),
  );
}

describe('keySlot', () => {
  it('gives the slot the cluster itself gives', async () => {
    const { url } = await theCluster();
    const keys = ['123456789', 'somekey', 'bankbot:{alexa/conversations/c-1}/', '{}x', 'a{}{b}', 'façade{ü}'];
    for (const key of keys) assert.equal(localSlot(key), await keySlot(url, key), key);
    assert.equal(localSlot('123456789'), 12739, 'CRC16/XMODEM check value 0x31C3');
  });
});

describe('rate limits on a Redis Cluster', () => {
  it('syncs keys of many slots, one script call each, and shares counts between instances', async () => {
    const { nodes, url } = await theCluster();
    const prefix = uniquePrefix('cluster-rl');
    const options = { url, cluster: true, prefix, timeoutMs: 5000, syncMs: 3_600_000 };
    const [one, two] = [createRateLimitRedis(options), createRateLimitRedis(options)];
    await Promise.all([one.connect(), two.connect()]);
    try {
      const limit = { limit: 2, windowMs: 60_000 };
      const [a, b] = [one.limiter('customer', limit), two.limiter('customer', limit)];
      const customers = Array.from({ length: 12 }, (_, i) => `customer-${i}`);
      for (const customer of customers) assert.equal((await a.hit(customer)).allowed, true);
      await one.sync(); // loads the script on each node that has not seen it
      for (const customer of customers) assert.equal((await a.hit(customer)).allowed, true);
      const before = one.commandCount;
      await one.sync();
      assert.equal(one.commandCount - before, customers.length, 'one call per key (each its own slot)');
      const perNode = await keysPerNode(nodes, prefix);
      assert.equal(
        perNode.reduce((sum, count) => sum + count, 0),
        customers.length,
      );
      assert.ok(perNode.filter((count) => count > 0).length >= 2, `spread: ${perNode.join(', ')}`);
      for (const customer of customers) await b.hit(customer); // two's own view lets one more through
      await two.sync();
      for (const customer of customers) assert.equal((await b.hit(customer)).allowed, false, customer);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});

describe('customer records on a Redis Cluster', () => {
  it("adds a conversation and reads the consent in one script call on the customer's slot", async () => {
    const redis = await clusterStorage('cluster-index-consent');
    try {
      const ledger = createRedisConsentLedger({ redis, pseudonym });
      const index = createRedisCustomerIndex({ redis, retentionMs: RETENTION_MS });
      const at = new Date();
      for (const customer of ['c-1', 'c-2', 'c-3', 'c-4']) {
        await ledger.grant(customer, {
          channelId: 'alexa',
          categories: ['balances'],
          source: 'conversation',
          at,
        });
        // The first call on a node may load the script there (NOSCRIPT, then EVAL).
        await index.addConversationReadingConsent?.(customer, `alexa/conversations/${customer}-a/`, at);
        const before = redis.commandCount;
        const read = await index.addConversationReadingConsent?.(
          customer,
          `alexa/conversations/${customer}-b/`,
          at,
        );
        assert.equal(redis.commandCount - before, 1, customer);
        assert.deepEqual(read, await ledger.get(customer));
        assert.deepEqual((await index.list(customer)).conversations.map((c) => c.key).sort(), [
          `alexa/conversations/${customer}-a/`,
          `alexa/conversations/${customer}-b/`,
        ]);
      }
    } finally {
      await redis.close();
    }
  });
});

describe('Redis storage on a Redis Cluster', () => {
  it("keeps one conversation's keys in one slot and spreads conversations over the nodes", async () => {
    const { url, nodes } = await theCluster();
    const storage = await clusterStorage('cluster-slots');
    try {
      const conversations = Array.from({ length: 24 }, (_, i) => `alexa/conversations/c-${i}/`);
      const changes = Object.fromEntries(
        conversations.flatMap((key) => [
          [key, { turn: 1, eTag: '*' }],
          [`${key}users/u-1/`, { seen: true, eTag: '*' }],
        ]),
      );
      await storage.write(changes);
      for (const key of conversations) {
        const [own, user] = await Promise.all([
          keySlot(url, toRedisKey(storage.prefix, key)),
          keySlot(url, toRedisKey(storage.prefix, `${key}users/u-1/`)),
        ]);
        assert.equal(user, own, `both keys of ${key} share a slot`);
      }
      const perNode = await keysPerNode(nodes, storage.prefix);
      assert.equal(
        perNode.reduce((sum, count) => sum + count, 0),
        48,
      );
      assert.ok(
        perNode.filter((count) => count > 0).length >= 2,
        `keys spread over nodes: ${perNode.join(', ')}`,
      );

      // One read and one delete across many slots (a single-server MGET or DEL would be refused: CROSSSLOT).
      const read = await storage.read(conversations);
      assert.deepEqual(
        conversations.map((key) => read[key]?.turn),
        conversations.map(() => 1),
      );
      await storage.delete(Object.keys(changes));
      assert.deepEqual(await storage.read(conversations), {});
    } finally {
      await storage.close();
    }
  });

  it('carries a conversation through the real bot with its state, consent and index on the cluster', async () => {
    const storage = await clusterStorage('cluster-bot');
    try {
      const bot = await createTestBot({ storage, conversationId: 'cluster-conversation' });
      const first = await bot.channel.say('what is this $42.10 charge?');
      assert.match(String(first.at(-1)?.text), /Which one do you mean\?/);
      // "the first one" only means something to the dialog that asked: the state came back from the cluster.
      const second = await bot.channel.say('the first one');
      assert.match(String(second.at(-1)?.text), /^That's \$42\.10 at Joe's Pizza on Nov 18/);
      const key = 'console/conversations/cluster-conversation/';
      assert.ok((await storage.read([key]))[key], 'the conversation state is in the cluster');
    } finally {
      await storage.close();
    }
  });
});
