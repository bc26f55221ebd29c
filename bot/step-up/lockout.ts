import type { Storage, StoreItem } from 'botbuilder-core';
import { isETagConflict } from '../state-errors.js';
import { withFields } from '../objects.js';

/** Where a customer stands: locked until a time, or how many wrong answers are still allowed. */
export type LockoutStatus =
  | { readonly locked: false; readonly triesLeft: number }
  | { readonly locked: true; readonly minutesLeft: number };

/**
 * Wrong PINs and codes, counted per bank customer (not per conversation, so a new session does
 * not reset them) in the bot's storage: ids, counts and times only.
 */
export interface Lockout {
  status(customerId: string): Promise<LockoutStatus>;
  /** Counts a wrong answer; the last allowed one locks step-up for the lockout time. */
  fail(customerId: string): Promise<LockoutStatus>;
  /** A right answer forgets earlier wrong ones. */
  clear(customerId: string): Promise<void>;
  /**
   * Forget-me: deletes the record unless it is locked (erasing a running lock would buy more
   * guesses; a lock expires by itself). Returns how many records were deleted.
   */
  erase(customerId: string): Promise<number>;
}

export interface LockoutOptions {
  readonly storage: Storage;
  /** Wrong answers that lock (default 3); they are counted over one lockout period. */
  readonly maxFailures: number;
  readonly lockoutMs: number;
  readonly now: () => Date;
}

interface Record {
  readonly failures: number;
  /** ISO time of the first wrong answer counted. */
  readonly since: string;
  readonly lockedUntil?: string;
}

/** The storage key of a customer's record; storages may give it a TTL of the lockout time. */
export const lockoutKey = (customerId: string): string => `step-up/${customerId}`;
/** Written when no record exists yet: conflicts if another turn created one first. */
const FIRST_WRITE = 'bankbot:new';
const ATTEMPTS = 3;

export function createLockout(options: LockoutOptions): Lockout {
  const { storage, maxFailures, lockoutMs } = options;

  type Stored = (StoreItem & Partial<Record>) | undefined;
  const fetch = async (key: string): Promise<Stored> => (await storage.read([key]))[key] as Stored;

  async function read(customerId: string): Promise<{ record?: Record; eTag: string }> {
    return parse(await fetch(lockoutKey(customerId)));
  }

  function parse(item: Stored): { record?: Record; eTag: string } {
    const eTag = typeof item?.eTag === 'string' ? item.eTag : FIRST_WRITE;
    if (typeof item?.failures !== 'number' || typeof item.since !== 'string') return { eTag };
    const current = Date.parse(item.lockedUntil ?? item.since) + (item.lockedUntil ? 0 : lockoutMs);
    // A lock that ran out, or wrong answers older than one period, count for nothing.
    if (current <= options.now().getTime()) return { eTag };
    const record: Record = {
      failures: item.failures,
      since: item.since,
      ...(item.lockedUntil ? { lockedUntil: item.lockedUntil } : {}),
    };
    return { record, eTag };
  }

  function statusOf(record: Record | undefined): LockoutStatus {
    if (record?.lockedUntil) {
      const ms = Date.parse(record.lockedUntil) - options.now().getTime();
      return { locked: true, minutesLeft: Math.max(1, Math.ceil(ms / 60_000)) };
    }
    return { locked: false, triesLeft: maxFailures - (record?.failures ?? 0) };
  }

  return {
    status: async (customerId) => statusOf((await read(customerId)).record),
    async fail(customerId) {
      for (let attempt = 1; ; attempt += 1) {
        const { record, eTag } = await read(customerId);
        if (record?.lockedUntil) return statusOf(record);
        const now = options.now();
        const failures = (record?.failures ?? 0) + 1;
        const next: Record = {
          failures,
          since: record?.since ?? now.toISOString(),
          ...(failures >= maxFailures
            ? { lockedUntil: new Date(now.getTime() + lockoutMs).toISOString() }
            : {}),
        };
        try {
          await storage.write({ [lockoutKey(customerId)]: withFields(next, { eTag }) });
          return statusOf(next);
        } catch (error) {
          if (!isETagConflict(error) || attempt >= ATTEMPTS) throw error;
        }
      }
    },
    clear: (customerId) => storage.delete([lockoutKey(customerId)]),
    async erase(customerId) {
      const key = lockoutKey(customerId);
      const item = await fetch(key);
      if (!item || statusOf(parse(item).record).locked) return 0;
      await storage.delete([key]);
      return 1;
    },
  };
}
