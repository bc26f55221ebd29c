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
import { CHARGE, GCRA } from './gcra-script.js';
import { assertLimit, hashedKey } from './gcra.js';
import { SyncedLimits, type Charge } from './synced-limits.js';
import { memoizeString } from '../../bot/string-memo.js';

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
  /**
   * 0 (default): every check is a script call in Redis, exact across instances. Above 0: checks are
   * decided in memory and charged to Redis every `syncMs` ms (synced-limits.ts): no round trip per
   * request, counts shared within one interval.
   */
  readonly syncMs?: number;
  /** A sync failed after the last one succeeded (limits go on per instance); with its data-free error. */
  readonly onSyncFailed?: (error: Error) => void;
  /** A sync succeeded after one failed. */
  readonly onSyncRecovered?: () => void;
}

/** One Redis connection shared by a process's rate limiters. */
export interface RateLimitRedis {
  /** A limiter named `name` (its keys: `<prefix>rl:<name>:{<hashed key>}`). */
  limiter(name: string, limit: RateLimit): RateLimiterPort;
  /** Opens the connection; rejects with StorageError if Redis is not ready in time (it keeps retrying). */
  connect(): Promise<void>;
  close(): Promise<void>;
  /**
   * Commands sent since creation: one EVALSHA per check, or with `syncMs` one per sync (one per key
   * with new requests on a Redis Cluster); plus an EVAL after Redis forgot a script.
   */
  readonly commandCount: number;
  /** With `syncMs`: charges what was let through to Redis now (rejects, StorageError for an outage, when it fails). */
  sync(): Promise<void>;
}

/** Keys per charge script call in standalone Redis, so no sync becomes one huge command. */
const CHARGE_BATCH = 500;

/**
 * Rate limits shared through Redis, one key per limited client or customer, hash-tagged so it maps
 * to one Redis Cluster slot, expiring by itself. With `syncMs` (what bankbot configures by default)
 * each check is decided in memory and the counts meet in Redis at every sync (synced-limits.ts);
 * without it each check is one round trip (a Lua script doing GET + SET PX), and fails with
 * StorageError within `timeoutMs` when Redis is down or slow (a sync does the same).
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
  // Each limiter asks for the same clients' keys turn after turn: the hash is remembered for them.
  const storageKey = (name: string) =>
    memoizeString((key: string) => `${prefix}rl:${name}:{${hashedKey(key)}}`);

  const syncMs = options.syncMs ?? 0;
  const synced = syncMs > 0 ? new SyncedLimits({ send: (charges) => charge(charges) }) : undefined;
  // Standalone Redis takes keys of any slot in one script; a cluster only keys of one slot, so one call each.
  const charge = async (charges: readonly Charge[]): Promise<number[]> => {
    const size = options.cluster ? 1 : CHARGE_BATCH;
    const calls: Promise<unknown>[] = [];
    for (let start = 0; start < charges.length; start += size) {
      const batch = charges.slice(start, start + size);
      calls.push(
        runScript(
          redis,
          CHARGE,
          batch.map((c) => c.key),
          batch.map((c) => c.debtMs.toFixed(3)),
        ),
      );
    }
    const replies = await Promise.all(calls);
    const ahead = replies.flatMap((reply) => (Array.isArray(reply) ? reply.map(Number) : []));
    if (ahead.length !== charges.length || ahead.some((ms) => !Number.isFinite(ms)))
      throw new Error('rate limit: unexpected reply from Redis');
    return ahead;
  };
  let syncFailing = false;
  const sync = async (): Promise<void> => {
    if (!synced) return;
    try {
      await synced.sync();
    } catch (error) {
      const failure = toStorageFailure(error);
      if (!syncFailing) options.onSyncFailed?.(failure);
      syncFailing = true;
      throw failure;
    }
    if (syncFailing) options.onSyncRecovered?.();
    syncFailing = false;
  };
  const timer = synced ? setInterval(() => sync().catch(() => undefined), syncMs) : undefined;
  timer?.unref();

  return {
    get commandCount() {
      return commandCount;
    },
    sync,
    limiter(name, limit) {
      const keyOf = storageKey(name);
      if (synced) return synced.limiter(limit, keyOf);
      assertLimit(limit);
      const args = [String(limit.windowMs), String(limit.limit)];
      return {
        async hit(key) {
          const reply = await evaluate([keyOf(key)], args);
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
      clearInterval(timer);
      // What this instance let through since the last sync still counts for the others.
      if (client.isReady) await sync().catch(() => undefined);
      if (!client.isOpen) return;
      if (client.isReady) await withTimeout(client.close(), timeoutMs).catch(() => client.destroy());
      else client.destroy();
    },
  };
}
