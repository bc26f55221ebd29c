import { createClient } from 'redis';

/** Every key under `prefix`, with its value as Redis dumps it (strings as is, other types as JSON). */
export async function dumpKeys(url: string, prefix: string): Promise<Map<string, string>> {
  const client = createClient({ url });
  await client.connect();
  const dump = new Map<string, string>();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      for (const key of keys) {
        const type = await client.type(key);
        const value =
          type === 'string'
            ? ((await client.get(key)) ?? '')
            : type === 'hash'
              ? JSON.stringify(await client.hGetAll(key))
              : type === 'list'
                ? JSON.stringify(await client.lRange(key, 0, -1))
                : type === 'set'
                  ? JSON.stringify(await client.sMembers(key))
                  : type === 'zset'
                    ? JSON.stringify(await client.zRange(key, 0, -1))
                    : `(${type})`;
        dump.set(key, value);
      }
    }
  } finally {
    await client.close();
  }
  return dump;
}

/** Leaves a shared server (TEST_REDIS_URL) as the suite found it. */
export async function dropKeys(url: string, prefix: string): Promise<void> {
  const client = createClient({ url });
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*` })) {
      if (keys.length > 0) await client.del(keys);
    }
  } finally {
    await client.close();
  }
}
