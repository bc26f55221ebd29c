import type { RateLimit, RateLimiterPort } from '../../bot/ports/rate-limiter.port.js';
import {
  CommandDeadlines,
  createStorageClient,
  watchHealth,
  withTimeout,
  type StorageClient,
} from '../storage/redis-client.js';
import { toStorageFailure } from '../storage/redis-failure.js';
import { assertValidPrefix } from '../storage/redis-key.js';
import { runScript } from '../storage/redis-script.js';
import { StorageError } from '../storage/storage-error.js';
import { GCRA } from './gcra-script.js';
import { assertLimit, hashedKey } from './gcra.js';

export interface RateLimitRedisOptions {
  /** `redis[s]://...`, usually the state's REDIS_URL. */
  readonly url: string;
  /** `url` is one node of a Redis Cluster (each limiter key is hash-tagged to one slot). */
  readonly cluster?: boolean;
  /** Prepended to every key; default `'bankbot:'`. */
  readonly prefix?: string;
  /** Upper bound on every check (and, at least 2 s, on connecting); default 500 ms: a limiter must not slow requests. */
  readonly timeoutMs?: number;
  /** Called once per outage with a data-free error, for logging its code. */
  readonly onConnectionError?: (error: StorageError) => void;
}

/** One Redis connection shared by a process's rate limiters. */
export interface RateLimitRedis {
  /** A limiter named `name` (its keys: `<prefix>rl:<name>:{<hashed key>}`). */
  limiter(name: string, limit: RateLimit): RateLimiterPort;
  /** Opens the connection; rejects with StorageError if Redis is not ready in time (it keeps retrying). */
  connect(): Promise<void>;
  close(): Promise<void>;
  /** Checks sent since creation: one EVALSHA each (plus an EVAL after Redis forgot the script). */
  readonly commandCount: number;
}

/**
 * Rate limits in Redis: one round trip per check (a Lua script doing GET + SET PX), one key per
 * limited client or customer, hash-tagged so it maps to one Redis Cluster slot, expiring by itself.
 * Every check fails with StorageError within `timeoutMs` when Redis is down or slow.
 */
export function createRateLimitRedis(options: RateLimitRedisOptions): RateLimitRedis {
  const prefix = options.prefix ?? 'bankbot:';
  assertValidPrefix(prefix);
  const timeoutMs = options.timeoutMs ?? 500;
  const client = createStorageClient(
    { url: options.url, ...(options.cluster ? { cluster: true } : {}) },
    timeoutMs,
  );
  let commandCount = 0;
  watchHealth(client, () => options.onConnectionError?.(new StorageError('connection')));

  // Each command counted and bounded by the limiter's own (short) timeout, on one shared timer.
  const deadlines = new CommandDeadlines(timeoutMs);
  const redis = {
    command<T>(send: (client: StorageClient) => Promise<T>): Promise<T> {
      commandCount += 1;
      return deadlines.bound(send(client), toStorageFailure);
    },
  };
  const evaluate = (keys: string[], args: string[]): Promise<unknown> => runScript(redis, GCRA, keys, args);

  return {
    get commandCount() {
      return commandCount;
    },
    limiter(name, limit) {
      assertLimit(limit);
      const args = [String(limit.windowMs), String(limit.limit)];
      return {
        async hit(key) {
          const reply = await evaluate([`${prefix}rl:${name}:{${hashedKey(key)}}`], args);
          const [allowed, remaining, retryAfterMs] = Array.isArray(reply) ? reply.map(Number) : [];
          if (allowed === undefined || remaining === undefined || retryAfterMs === undefined)
            throw new Error('rate limit: unexpected reply from Redis');
          return { allowed: allowed === 1, remaining, retryAfterMs };
        },
      };
    },
    async connect() {
      const connecting = client.connect().then(() => undefined);
      connecting.catch(() => undefined);
      await withTimeout(connecting, Math.max(timeoutMs, 2000)).catch((error: unknown) => {
        throw toStorageFailure(error);
      });
    },
    async close() {
      if (!client.isOpen) return;
      if (client.isReady) await withTimeout(client.close(), timeoutMs).catch(() => client.destroy());
      else client.destroy();
    },
  };
}
