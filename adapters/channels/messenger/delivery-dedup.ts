import type { Storage, StoreItem } from 'botbuilder-core';
import type { CustomerDataEraser } from '../../../bot/ports/customer-data.port.js';
import { isETagConflict } from '../../../bot/state-errors.js';
import { inboundKey } from './inbound-window.js';
import { withFields } from '../../../bot/objects.js';

/** Where delivery ids are remembered, and for how long. */
export interface DedupOptions {
  readonly storage: Storage;
  readonly now: () => Date;
  /** How long a delivery id is remembered (default 24 h: Meta retries for much less). */
  readonly ttlMs?: number;
  /** Ids kept in memory (default 10 000), oldest forgotten first. */
  readonly memorySize?: number;
  /** Ids kept in storage per sender (default 50), oldest forgotten first. */
  readonly perSender?: number;
}

/** Remembers webhook delivery ids so a redelivered event runs no second turn. */
export interface DeliveryDedup {
  /** True the first time a sender's delivery id is seen within the window; false for a redelivery. */
  firstSeen(psid: string, id: string): Promise<boolean>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const WRITE_ATTEMPTS = 3;
/** The eTag of a sender's first record: the write conflicts if another instance created it meanwhile. */
const FIRST_WRITE = 'messenger:new';

/**
 * Storage key of one sender's recent delivery ids. Kept under the sender (hash-tagged with them in
 * Redis) so forget-me can delete them; the composition root gives these keys a TTL.
 */
export const deliveryKey = (psid: string): string => `messenger/users/${psid}/deliveries`;

export const isDeliveryKey = (key: string): boolean =>
  key.startsWith('messenger/users/') && key.endsWith('/deliveries');

type Seen = Record<string, number>;

function seenIn(item: StoreItem | undefined): Seen {
  const seen = (item as { seen?: unknown } | undefined)?.seen;
  if (typeof seen !== 'object' || seen === null) return {};
  return Object.fromEntries(Object.entries(seen).filter(([, at]) => typeof at === 'number')) as Seen;
}

/**
 * Two layers: a bounded in-memory LRU, claimed synchronously so concurrent copies in this process
 * never both pass, and per sender a `{ seen: { id: seenAt } }` record in storage, written with
 * compare-and-set, so other instances and restarts agree. Entries older than the window count as
 * unseen and are dropped on the next write.
 */
export function createDeliveryDedup(options: DedupOptions): DeliveryDedup {
  const ttlMs = options.ttlMs ?? DAY_MS;
  const memorySize = options.memorySize ?? 10_000;
  const perSender = options.perSender ?? 50;
  const memory = new Map<string, number>();
  const fresh = (seenAt: number): boolean => options.now().getTime() - seenAt < ttlMs;

  const remember = (id: string, seenAt: number): void => {
    memory.delete(id);
    memory.set(id, seenAt);
    const oldest = memory.keys().next();
    if (memory.size > memorySize && !oldest.done) memory.delete(oldest.value);
  };

  /** Records the id in the sender's record; false when the record already had it. */
  const claim = async (psid: string, id: string, seenAt: number): Promise<boolean> => {
    const key = deliveryKey(psid);
    for (let attempt = 1; ; attempt += 1) {
      const stored = (await options.storage.read([key]))[key];
      const seen = seenIn(stored);
      const known = seen[id];
      if (known !== undefined && fresh(known)) {
        remember(id, known);
        return false;
      }
      const kept = Object.entries(withFields(seen, { [id]: seenAt }))
        .filter(([, at]) => fresh(at))
        .sort(([, a], [, b]) => a - b)
        .slice(-perSender);
      try {
        await options.storage.write({
          [key]: { seen: Object.fromEntries(kept), eTag: stored?.eTag ?? FIRST_WRITE },
        });
        return true;
      } catch (error) {
        // Another instance wrote this sender's record first: read it again, unless that keeps happening.
        if (!isETagConflict(error) || attempt >= WRITE_ATTEMPTS) throw error;
      }
    }
  };

  return {
    async firstSeen(psid, id) {
      const known = memory.get(id);
      if (known !== undefined && fresh(known)) return false;
      const seenAt = options.now().getTime();
      remember(id, seenAt);
      return claim(psid, id, seenAt);
    },
  };
}

/** Forget-me for Messenger: deletes the delivery records and last-message times of the customer's linked senders. */
export function deliveryEraser(storage: Storage): CustomerDataEraser {
  return async ({ channelUsers }) => {
    const keys = channelUsers
      .filter((u) => u.channelId === 'messenger')
      .flatMap((u) => [deliveryKey(u.userId), inboundKey(u.userId)]);
    if (keys.length === 0) return 0;
    const found = Object.keys(await storage.read(keys));
    if (found.length > 0) await storage.delete(found);
    return found.length;
  };
}
