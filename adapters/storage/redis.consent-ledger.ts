import {
  CONSENT_HISTORY_LIMIT,
  decisionsOf,
  isDataCategory,
  type ConsentChange,
  type ConsentDecision,
  type ConsentLedger,
  type ConsentSnapshot,
} from '../../bot/ports/consent.port.js';
import { customerKey, tombstoneKey } from './customer-keys.js';
import { toRedisKey } from './redis-key.js';
import type { RedisStorage } from './redis.storage.js';

export interface RedisConsentLedgerOptions {
  /** The Redis storage whose connection, prefix and timeouts the ledger shares. */
  readonly redis: Pick<RedisStorage, 'prefix' | 'command'>;
  /** Keyed hash of a customer id, for the tombstone. */
  readonly pseudonym: (customerId: string) => string;
}

const VERSION_FIELD = '#version';

function parseDecision(json: string): ConsentDecision | undefined {
  try {
    const value = JSON.parse(json) as Partial<ConsentDecision>;
    return typeof value.channelId === 'string' &&
      isDataCategory(value.category) &&
      typeof value.granted === 'boolean' &&
      typeof value.at === 'string' &&
      (value.source === 'conversation' || value.source === 'account-link')
      ? (value as ConsentDecision)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A snapshot from the ledger's hash as HGETALL returns it (also read by the customer index's script). */
export function consentSnapshotOf(hash: Record<string, string>): ConsentSnapshot {
  const decisions = Object.entries(hash)
    .filter(([field]) => field !== VERSION_FIELD)
    .flatMap(([, json]) => parseDecision(json) ?? []);
  return { version: Number(hash[VERSION_FIELD] ?? 0), decisions };
}

/**
 * The consent ledger in Redis. Per customer, hash-tagged together: `{customers/<id>}/consent`, a
 * hash of the latest decision per `category@channel` plus a version, and `{customers/<id>}/consent-log`,
 * the history as a capped list. A change is one MULTI (one round trip); `get` is one HGETALL.
 * The tombstone `erasures/<keyed hash>` holds only the time of erasure.
 */
export function createRedisConsentLedger(options: RedisConsentLedgerOptions): ConsentLedger {
  const { redis } = options;
  const key = (customerId: string, record: string): string =>
    toRedisKey(redis.prefix, customerKey(customerId, record));
  const tombstone = (customerId: string): string =>
    toRedisKey(redis.prefix, tombstoneKey(options.pseudonym(customerId)));

  const record = async (
    customerId: string,
    change: ConsentChange,
    granted: boolean,
  ): Promise<ConsentSnapshot> => {
    const decisions = decisionsOf(change, granted);
    const [current, log] = [key(customerId, 'consent'), key(customerId, 'consent-log')];
    if (decisions.length === 0) return consentSnapshotOf(await redis.command((c) => c.hGetAll(current)));
    const fields = Object.fromEntries(
      decisions.map((d) => [`${d.category}@${d.channelId}`, JSON.stringify(d)]),
    );
    const replies = await redis.command((c) =>
      c
        .multi()
        .hSet(current, fields)
        .hIncrBy(current, VERSION_FIELD, 1)
        .rPush(
          log,
          decisions.map((d) => JSON.stringify(d)),
        )
        .lTrim(log, -CONSENT_HISTORY_LIMIT, -1)
        .hGetAll(current)
        .exec(),
    );
    return consentSnapshotOf(replies.at(-1) as unknown as Record<string, string>);
  };

  return {
    get: async (customerId) =>
      consentSnapshotOf(await redis.command((c) => c.hGetAll(key(customerId, 'consent')))),
    grant: (customerId, change) => record(customerId, change, true),
    revoke: (customerId, change) => record(customerId, change, false),
    async history(customerId) {
      const entries = await redis.command((c) => c.lRange(key(customerId, 'consent-log'), 0, -1));
      return entries.flatMap((json) => parseDecision(json) ?? []);
    },
    async erasedAt(customerId) {
      const stored = await redis.command((c) => c.get(tombstone(customerId)));
      const at = stored ? (JSON.parse(stored) as { erasedAt?: unknown }).erasedAt : undefined;
      return typeof at === 'string' ? at : undefined;
    },
    async erase(customerId, at) {
      // The tombstone first: an erasure cut short still leaves its record, and is simply run again.
      await redis.command((c) =>
        c.set(tombstone(customerId), JSON.stringify({ erasedAt: at.toISOString() })),
      );
      return redis.command((c) => c.del([key(customerId, 'consent'), key(customerId, 'consent-log')]));
    },
  };
}
