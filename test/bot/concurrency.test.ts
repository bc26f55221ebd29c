import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createSandboxBank } from '../../adapters/banks/sandbox.bank.js';
import { createRedisStorage, type RedisStorage } from '../../adapters/storage/redis.storage.js';
import { captureLogs } from '../support/log-capture.js';
import { testRedisUrl, uniquePrefix } from '../support/redis-server.js';
import { createTestBot, TEST_NOW } from '../support/test-bot.js';

describe('concurrent turns on one conversation', () => {
  const storages: RedisStorage[] = [];
  after(async () => Promise.all(storages.map((s) => s.close())));

  it('loses no update: the turn that loses the eTag race is replayed on fresh state', async () => {
    const url = await testRedisUrl();
    const prefix = uniquePrefix('concurrency');
    const now = () => new Date(TEST_NOW);
    // Two bot instances, as two processes would be, sharing one Redis; a slow bank makes their turns overlap.
    const capture = captureLogs();
    const bots = await Promise.all(
      [0, 1].map(async () => {
        const storage = createRedisStorage({ url, prefix });
        await storage.connect();
        storages.push(storage);
        return createTestBot({
          storage,
          sandbox: createSandboxBank({ now, latencyMs: 30 }),
          conversationId: 'shared',
          logger: capture.logger,
        });
      }),
    );
    const [first, second] = await Promise.all([
      bots[0]!.channel.say("what's my balance"),
      bots[1]!.channel.say('freeze my card'),
    ]);

    assert.ok(first.length > 0 && second.length > 0, 'both customers got an answer');

    const retries = capture.events.filter((e) => e.event === 'turn.retry');
    assert.ok(retries.length >= 1, 'one turn hit the eTag conflict and was retried');

    const key = 'console/conversations/shared/';
    const stored = (await storages[0]!.read([key]))[key] as {
      memory?: { history?: string[] };
      dialogState?: { dialogStack: { id: string }[] };
    };
    assert.deepEqual(
      [...(stored.memory?.history ?? [])].sort(),
      ['balance.check', 'card.freeze'],
      'both turns are in the saved history',
    );
    assert.ok(
      stored.dialogState?.dialogStack.some((d) => d.id.startsWith('card-status')),
      'the freeze dialog waits for its confirmation',
    );
  });
});
