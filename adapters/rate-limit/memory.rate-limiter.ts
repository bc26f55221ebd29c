import type { RateLimit, RateLimiterPort } from '../../bot/ports/rate-limiter.port.js';
import { assertLimit, gcra, hashedKey } from './gcra.js';

export interface MemoryRateLimiterOptions extends RateLimit {
  /** Keys kept at most (default 100 000); beyond it the least recently seen is forgotten first. */
  readonly maxKeys?: number;
  readonly now?: () => number;
}

/**
 * Rate limits in this process's memory: for one instance, and the fallback without Redis. Memory
 * stays bounded: expired keys are dropped as requests arrive, and past `maxKeys` the least recently
 * seen key is forgotten (a flood from many addresses then loosens limits, never exhausts memory).
 */
export function createMemoryRateLimiter(options: MemoryRateLimiterOptions): RateLimiterPort {
  assertLimit(options);
  const now = options.now ?? (() => Date.now());
  const maxKeys = options.maxKeys ?? 100_000;
  // Insertion order is last-seen order: a key is re-inserted on every allowed request.
  const tats = new Map<string, number>();
  return {
    async hit(key) {
      const at = now();
      for (const [oldest, tat] of tats) {
        if (tat > at && tats.size <= maxKeys) break;
        tats.delete(oldest);
      }
      const id = hashedKey(key);
      const { next, ...decision } = gcra(tats.get(id), at, options);
      if (decision.allowed) {
        tats.delete(id);
        tats.set(id, next);
      }
      return decision;
    },
  };
}
