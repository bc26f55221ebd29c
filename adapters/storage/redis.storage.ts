import type { Storage, StoreItem, StoreItems } from 'botbuilder-core';
import { CAS_SCRIPT, CAS_SHA1 } from './redis-cas-script.js';
import {
  CommandDeadlines,
  createStorageClient,
  deleteMany,
  getMany,
  isCluster,
  watchHealth,
  withTimeout,
  type StorageClient,
} from './redis-client.js';
import { newETag, parseItem, serializeItem } from './redis-item.js';
import { assertValidPrefix, toRedisKey } from './redis-key.js';
import { toStorageFailure } from './redis-failure.js';
import { eTagConflictError, StorageError } from './storage-error.js';

export { isETagConflict, StorageError } from './storage-error.js';
export { toRedisKey } from './redis-key.js';

/** Options for {@link createRedisStorage}. */
export interface RedisStorageOptions {
  /** `redis[s]://[[user][:password]@]host[:port][/db]`. */
  url: string;
  /**
   * `url` is one node of a Redis Cluster: commands go to the node owning each key's slot. One
   * conversation's keys share a slot (see {@link toRedisKey}), so its compare-and-set works there.
   */
  cluster?: boolean;
  /** Prepended to every Redis key; default `'bankbot:'`. Must not contain `{` or `}`. */
  prefix?: string;
  /**
   * Seconds an item lives after each write, decided per botbuilder key; `undefined` means no expiry.
   *
   * @example
   * ```ts
   * ttlSeconds: (key) => (key.includes('/conversations/') ? 30 * 60 : undefined)
   * ```
   */
  ttlSeconds?: (key: string) => number | undefined;
  /** Upper bound, in ms, on connecting and on every command; default 2000. */
  commandTimeoutMs?: number;
  /** Called once per outage (not per reconnect attempt) with a data-free error, for logging its code. */
  onConnectionError?: (error: StorageError) => void;
}

/**
 * botbuilder `Storage` on Redis, with MemoryStorage's eTag semantics enforced atomically by the server.
 *
 * @remarks
 * Keys are laid out as described on {@link toRedisKey}. Values are the items as JSON, each carrying
 * its eTag. When Redis is down or slow, every method rejects with {@link StorageError} within
 * `commandTimeoutMs`; the client keeps reconnecting in the background, so the storage recovers
 * by itself once Redis is back.
 *
 * @example
 * ```ts
 * const storage = createRedisStorage({ url: 'redis://localhost:6379' });
 * await storage.connect();
 * const conversationState = new ConversationState(storage);
 * ```
 */
export interface RedisStorage extends Storage {
  /** Opens the connection; rejects with {@link StorageError} if Redis is not ready in time. */
  connect(): Promise<void>;
  /** Waits for in-flight commands, then closes the connection. */
  close(): Promise<void>;
  /** Commands sent since creation: one per read, one per written key, one per delete. */
  readonly commandCount: number;
  /** The key prefix, for adapters that share this connection (consent ledger, customer index). */
  readonly prefix: string;
  /** Runs a command on this connection, with the same timeout and `StorageError` mapping. */
  command<T>(send: (client: StorageClient) => Promise<T>): Promise<T>;
}

const DEFAULT_PREFIX = 'bankbot:';
const DEFAULT_TIMEOUT_MS = 2000;

/** Creates a Redis-backed botbuilder `Storage`; call `connect()` before the first turn. */
export function createRedisStorage(options: RedisStorageOptions): RedisStorage {
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  assertValidPrefix(prefix);
  const timeoutMs = options.commandTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const client = createStorageClient(
    { url: options.url, ...(options.cluster ? { cluster: true } : {}) },
    timeoutMs,
  );
  const redisKey = (key: string): string => toRedisKey(prefix, key);
  const deadlines = new CommandDeadlines(timeoutMs);
  // A single server takes the raw commands: node-redis's command objects, argument parser and
  // reply transform cost more than the command itself. A cluster needs them to route by key.
  const single = isCluster(client) ? undefined : client;
  let commandCount = 0;
  let connecting: Promise<void> | undefined;

  // Reconnecting is the client's job; an outage is reported once.
  watchHealth(client, () => options.onConnectionError?.(new StorageError('connection')));

  /** Sends a command, bounded by the timeout, failures mapped to `StorageError`. */
  function run<T>(command: () => Promise<T>): Promise<T> {
    commandCount += 1;
    let sent: Promise<T>;
    try {
      sent = command();
    } catch (error) {
      return Promise.reject(toStorageFailure(error));
    }
    return deadlines.bound(sent, toStorageFailure);
  }

  const readMany = (keys: string[]): Promise<unknown> =>
    single ? single.sendCommand(['MGET', ...keys]) : getMany(client, keys);

  const casReply = (redisKey: string, args: [string, string, string], source?: string): Promise<unknown> =>
    single
      ? single.sendCommand(
          source === undefined
            ? ['EVALSHA', CAS_SHA1, '1', redisKey, ...args]
            : ['EVAL', source, '1', redisKey, ...args],
        )
      : source === undefined
        ? client.evalSha(CAS_SHA1, { keys: [redisKey], arguments: args })
        : client.eval(source, { keys: [redisKey], arguments: args });

  async function compareAndSet(key: string, item: StoreItem): Promise<boolean> {
    const ttl = options.ttlSeconds?.(key);
    if (ttl !== undefined && (!Number.isInteger(ttl) || ttl <= 0)) {
      throw new RangeError('Redis storage ttlSeconds must return a positive integer or undefined.');
    }
    const expected = typeof item.eTag === 'string' ? item.eTag : '';
    const args: [string, string, string] = [expected, serializeItem(item, newETag()), ttl?.toString() ?? ''];
    const target = redisKey(key);
    try {
      return (await run(() => casReply(target, args))) === 1;
    } catch (error) {
      // Redis forgets scripts on restart or SCRIPT FLUSH; EVAL re-registers it for the next EVALSHA.
      if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
      return (await run(() => casReply(target, args, CAS_SCRIPT))) === 1;
    }
  }

  return {
    get commandCount() {
      return commandCount;
    },
    prefix,
    command: (send) => run(() => send(client)),

    async connect() {
      connecting ??= client.connect().then(() => undefined);
      // The client keeps retrying after a timed-out attempt; close() is what ends that promise.
      connecting.catch(() => undefined);
      await withTimeout(connecting, timeoutMs).catch((error: unknown) => {
        throw toStorageFailure(error);
      });
    },

    async close() {
      connecting = undefined;
      if (!client.isOpen) return;
      // close() drains in-flight commands, which a hung server never answers; destroy() is the fallback.
      if (client.isReady) await withTimeout(client.close(), timeoutMs).catch(() => client.destroy());
      else client.destroy();
    },

    async read(keys) {
      if (keys.length === 0) return {};
      const values = await run(() => readMany(keys.map(redisKey)));
      if (!Array.isArray(values)) throw new Error('Storage: unexpected reply to MGET.');
      const items: StoreItems = {};
      for (let index = 0; index < keys.length; index += 1) {
        const value: unknown = values[index];
        if (typeof value === 'string') items[keys[index] as string] = parseItem(value);
      }
      return items;
    },

    async write(changes) {
      const entries = Object.entries(changes);
      const written = await Promise.all(entries.map(([key, item]) => compareAndSet(key, item)));
      const conflict = entries.find((_, index) => written[index] === false);
      if (conflict) throw eTagConflictError(conflict[0]);
    },

    async delete(keys) {
      if (keys.length === 0) return;
      await run(() => deleteMany(client, keys.map(redisKey)));
    },
  };
}
