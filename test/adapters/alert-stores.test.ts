import { createMemoryAlertQueue } from '../../adapters/alerts/memory.alert-queue.js';
import { createMemoryAlertRecords } from '../../adapters/alerts/memory.alert-records.js';
import { createRedisAlertQueue } from '../../adapters/alerts/redis.alert-queue.js';
import { createRedisAlertRecords } from '../../adapters/alerts/redis.alert-records.js';
import { runAlertQueueContract } from '../contracts/alert-queue.contract.js';
import { runAlertRecordsContract } from '../contracts/alert-records.contract.js';
import { redisUnderTest } from '../support/redis-storage.js';

runAlertQueueContract('memory alert queue', async () => ({ queue: createMemoryAlertQueue() }));

runAlertQueueContract('Redis Stream alert queue', async () => {
  const { redis, teardown } = await redisUnderTest('alert-queue');
  return { queue: createRedisAlertQueue({ redis }), teardown };
});

runAlertRecordsContract('memory alert records', async () => ({ records: createMemoryAlertRecords() }));

runAlertRecordsContract('Redis alert records', async () => {
  const { redis, teardown } = await redisUnderTest('alert-records');
  return { records: createRedisAlertRecords({ redis, ttlSeconds: 3600 }), teardown };
});
