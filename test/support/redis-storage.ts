import { createRedisStorage, type RedisStorage } from '../../adapters/storage/redis.storage.js';
import { dropKeys } from './redis-keys.js';
import { testRedisUrl, uniquePrefix } from './redis-server.js';

/** A connected Redis storage under a prefix of its own, and how to close it and drop its keys. */
export async function redisUnderTest(
  label: string,
): Promise<{ redis: RedisStorage; teardown: () => Promise<void> }> {
  const [url, prefix] = [await testRedisUrl(), uniquePrefix(label)];
  const redis = createRedisStorage({ url, prefix });
  await redis.connect();
  const teardown = async (): Promise<void> => {
    await redis.close();
    await dropKeys(url, prefix);
  };
  return { redis, teardown };
}

/**
 * Two connected Redis storages on one prefix, as two instances behind a load balancer have (each
 * its own connection), and how to close both and drop their keys.
 */
export async function sharedRedisUnderTest(label: string): Promise<{
  url: string;
  prefix: string;
  storages: readonly [RedisStorage, RedisStorage];
  teardown: () => Promise<void>;
}> {
  const [url, prefix] = [await testRedisUrl(), uniquePrefix(label)];
  const storages = [createRedisStorage({ url, prefix }), createRedisStorage({ url, prefix })] as const;
  await Promise.all(storages.map((storage) => storage.connect()));
  const teardown = async (): Promise<void> => {
    await Promise.all(storages.map((storage) => storage.close()));
    await dropKeys(url, prefix);
  };
  return { url, prefix, storages, teardown };
}
