import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryConsentLedger } from '../../adapters/storage/memory.consent-ledger.js';
import { createMemoryCustomerIndex } from '../../adapters/storage/memory.customer-index.js';
import { createRedisConsentLedger } from '../../adapters/storage/redis.consent-ledger.js';
import { createRedisCustomerIndex } from '../../adapters/storage/redis.customer-index.js';
import { createPseudonym } from '../../bot/privacy/pseudonym.js';
import { runConsentLedgerContract } from '../contracts/consent-ledger.contract.js';
import { runCustomerIndexContract } from '../contracts/customer-index.contract.js';
import { redisUnderTest } from '../support/redis-storage.js';

const pseudonym = createPseudonym('contract-test-pseudonym-key-0123456789');
const RETENTION_MS = 60_000;

runConsentLedgerContract('memory consent ledger', async () => ({
  ledger: createMemoryConsentLedger({ pseudonym }),
}));

runConsentLedgerContract('Redis consent ledger', async () => {
  const { redis, teardown } = await redisUnderTest('ledger');
  return { ledger: createRedisConsentLedger({ redis, pseudonym }), teardown };
});

runCustomerIndexContract('memory customer index', async () => ({
  index: createMemoryCustomerIndex({ retentionMs: RETENTION_MS }),
  retentionMs: RETENTION_MS,
}));

runCustomerIndexContract('Redis customer index', async () => {
  const { redis, teardown } = await redisUnderTest('index');
  return {
    index: createRedisCustomerIndex({ redis, retentionMs: RETENTION_MS }),
    retentionMs: RETENTION_MS,
    teardown,
  };
});

describe('Redis customer index', () => {
  it('adds a conversation and reads the consent ledger in one command', async () => {
    const { redis, teardown } = await redisUnderTest('index-consent');
    try {
      let commands = 0;
      const counted = {
        prefix: redis.prefix,
        command: ((send) => {
          commands += 1;
          return redis.command(send);
        }) as typeof redis.command,
      };
      const ledger = createRedisConsentLedger({ redis, pseudonym });
      const index = createRedisCustomerIndex({ redis: counted, retentionMs: RETENTION_MS });
      const at = new Date();
      const empty = await index.addConversationReadingConsent?.('cust-c', 'alexa/conversations/s1/', at);
      assert.deepEqual(empty, { version: 0, decisions: [] });
      await ledger.grant('cust-c', {
        channelId: 'alexa',
        categories: ['balances'],
        source: 'conversation',
        at,
      });
      commands = 0;
      const read = await index.addConversationReadingConsent?.('cust-c', 'alexa/conversations/s2/', at);
      assert.equal(commands, 1);
      assert.deepEqual(read, await ledger.get('cust-c'));
      assert.equal(read?.decisions.length, 1);
      assert.deepEqual((await index.list('cust-c')).conversations.map((c) => c.key).sort(), [
        'alexa/conversations/s1/',
        'alexa/conversations/s2/',
      ]);
    } finally {
      await teardown();
    }
  });

  it('lets the conversation list expire after a retention period without new conversations', async () => {
    const { redis, teardown } = await redisUnderTest('index-ttl');
    try {
      const index = createRedisCustomerIndex({ redis, retentionMs: RETENTION_MS });
      await index.addConversation('cust-ttl', 'console/conversations/c1/', new Date());
      const key = `${redis.prefix}{customers/cust-ttl}/conversations`;
      const ttl = await redis.command((client) => client.pTTL(key));
      assert.ok(ttl > 0 && ttl <= RETENTION_MS, `PTTL ${ttl}`);
    } finally {
      await teardown();
    }
  });
});
