import type { Storage } from 'botbuilder-core';

/** Where delivery ids are remembered, and for how long. */
export interface DedupOptions {
  readonly storage: Storage;
  readonly now: () => Date;
  /** How long a delivery id is remembered (default 24 h: Meta retries for much less). */
  readonly ttlMs?: number;
  /** Ids kept in memory (default 10 000), oldest forgotten first. */
  readonly memorySize?: number;
}

/** Remembers webhook delivery ids so a redelivered event runs no second turn. */
export interface DeliveryDedup {
  /** True the first time an id is seen within the window; false for a redelivery. */
  firstSeen(id: string): Promise<boolean>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Storage key of a delivery id; the composition root may give `messenger/deliveries/` keys a TTL. */
export const deliveryKey = (id: string): string => `messenger/deliveries/${id}`;

/**
 * Two layers: a bounded in-memory LRU, claimed synchronously so concurrent copies in this process
 * never both pass, and a `{ seenAt }` record in storage so other instances and restarts agree.
 * Records older than the window count as unseen (Redis may also expire them).
 */
export function createDeliveryDedup(options: DedupOptions): DeliveryDedup {
  const ttlMs = options.ttlMs ?? DAY_MS;
  const memorySize = options.memorySize ?? 10_000;
  const memory = new Map<string, number>();
  const fresh = (seenAt: number): boolean => options.now().getTime() - seenAt < ttlMs;

  const remember = (id: string, seenAt: number): void => {
    memory.delete(id);
    memory.set(id, seenAt);
    const oldest = memory.keys().next();
    if (memory.size > memorySize && !oldest.done) memory.delete(oldest.value);
  };

  return {
    async firstSeen(id) {
      const known = memory.get(id);
      if (known !== undefined && fresh(known)) return false;
      const seenAt = options.now().getTime();
      remember(id, seenAt);
      const key = deliveryKey(id);
      const stored = (await options.storage.read([key]))[key] as { seenAt?: unknown } | undefined;
      if (typeof stored?.seenAt === 'number' && fresh(stored.seenAt)) {
        remember(id, stored.seenAt);
        return false;
      }
      await options.storage.write({ [key]: { seenAt, eTag: '*' } });
      return true;
    },
  };
}
