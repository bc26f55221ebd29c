import type { RateLimit, RateLimiterPort } from '../../bot/ports/rate-limiter.port.js';
import { assertLimit, gcra } from './gcra.js';

/**
 * One key as this instance sees it: `tat`, the theoretical arrival time (local clock, ms) of the
 * shared count as last heard plus the requests allowed here since; `debt`, the ms of interval those
 * requests added that Redis has not been told of yet.
 */
interface Entry {
  tat: number;
  debt: number;
}

/** One key's charge on its way to Redis, and the entry to update with the answer. */
export interface Charge {
  readonly key: string;
  /** ms to add to the shared theoretical arrival time. */
  readonly debtMs: number;
  readonly entry: Entry;
  /** Its limiter's keys asked about since the last sync, where a failed charge puts it back. */
  readonly asked: Set<string>;
}

/**
 * Sends charges and answers, for each, how far ahead of Redis's clock the shared theoretical
 * arrival time now is (ms). Rejects when Redis is down or slow.
 */
export type SendCharges = (charges: readonly Charge[]) => Promise<readonly number[]>;

export interface SyncedLimitsOptions {
  readonly send: SendCharges;
  /** Keys kept per limiter (default 100 000); beyond it the least recently allowed is forgotten. */
  readonly maxKeys?: number;
  readonly now?: () => number;
}

/**
 * Rate limits that decide in this process's memory and meet in Redis: every allowed request is
 * counted here at once and charged to the shared count at the next `sync()`, which brings back the
 * shared count of every key this instance was asked about since the last one.
 *
 * What this buys: no Redis round trip in any request (the limit check was one per limit per
 * request), and Redis load that depends on the number of instances, not on traffic: one script call
 * per sync for all keys in standalone Redis.
 *
 * What it costs: instances hear of each other's requests within one sync interval. A client whose
 * requests are spread over n instances can pass up to n bursts before the views meet (each instance
 * lets through what its own view allows), and after that, at most what one interval frees up on
 * each. Every request let through is charged, so any excess is paid back: the client is refused
 * until the shared count is within the limit again, and its long-run rate is the limit.
 */
export class SyncedLimits {
  /** Per limiter: its entries, and the keys asked about since the last sync (the next one's work). */
  private readonly limiters: Array<{
    readonly entries: Map<string, Entry>;
    readonly asked: Set<string>;
  }> = [];
  private readonly now: () => number;
  private readonly maxKeys: number;
  private syncing: Promise<void> | undefined;

  constructor(private readonly options: SyncedLimitsOptions) {
    this.now = options.now ?? (() => Date.now());
    this.maxKeys = options.maxKeys ?? 100_000;
  }

  /** A limiter for `limit`; `storageKey` maps a caller's key to the Redis key that holds its shared count. */
  limiter(limit: RateLimit, storageKey: (key: string) => string): RateLimiterPort {
    assertLimit(limit);
    const entries = new Map<string, Entry>();
    const asked = new Set<string>();
    const interval = limit.windowMs / limit.limit;
    const { now, maxKeys } = this;
    this.limiters.push({ entries, asked });
    return {
      async hit(key) {
        const at = now();
        // Insertion order is last-allowed order: expired keys and those past maxKeys go first.
        for (const [oldest, entry] of entries) {
          if (entry.tat > at && entries.size <= maxKeys) break;
          entries.delete(oldest);
        }
        const id = storageKey(key);
        const entry = entries.get(id);
        const { next, ...decision } = gcra(entry?.tat, at, limit);
        asked.add(id);
        if (!decision.allowed) return decision;
        if (entry) {
          entries.delete(id);
          entry.tat = next;
          entry.debt += interval;
          entries.set(id, entry);
        } else {
          entries.set(id, { tat: next, debt: interval });
        }
        return decision;
      },
    };
  }

  /**
   * Charges every request allowed since the last sync to Redis and takes back the shared count of
   * every key asked about since. One sync runs at a time (a call during one waits for it). Rejects
   * when Redis fails; the charges are then kept for the next sync, and decisions go on from this
   * instance's view meanwhile.
   */
  sync(): Promise<void> {
    this.syncing ??= this.charge().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  private async charge(): Promise<void> {
    const at = this.now();
    const charges: Charge[] = [];
    for (const { entries, asked } of this.limiters) {
      for (const key of asked) {
        const entry = entries.get(key);
        if (!entry) continue; // forgotten since (expired, or past maxKeys)
        // Only what is still owed: time already past has paid part of an old debt off.
        const debtMs = Math.max(0, Math.min(entry.debt, entry.tat - at));
        entry.debt = 0;
        charges.push({ key, debtMs, entry, asked });
      }
      asked.clear();
    }
    if (charges.length === 0) return;
    let ahead: readonly number[];
    try {
      ahead = await this.options.send(charges);
    } catch (error) {
      for (const charge of charges) {
        charge.entry.debt += charge.debtMs;
        charge.asked.add(charge.key);
      }
      throw error;
    }
    const heard = this.now();
    charges.forEach(({ entry }, i) => {
      const shared = heard + (ahead[i] ?? 0);
      // The shared count includes this instance's charges; requests allowed since are still owed.
      entry.tat = Math.max(entry.tat, shared + entry.debt);
    });
  }
}
