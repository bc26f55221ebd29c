import type { AlertQueue, DeadLetter, QueueEntry } from '../../bot/ports/alert-queue.port.js';

interface Pending {
  consumer: string;
  since: number;
}

/**
 * The alert queue in one process's memory (no Redis: `npm start`): the stream's contract without
 * its durability. Entries live until acknowledged; a pending entry idle long enough is claimable.
 */
export function createMemoryAlertQueue(options: { now?: () => number } = {}): AlertQueue {
  const now = options.now ?? Date.now;
  const entries = new Map<string, string>();
  const pending = new Map<string, Pending>();
  const dead: DeadLetter[] = [];
  /** Entries handed to a consumer at least once (XREADGROUP's last-delivered id). */
  const delivered = new Set<string>();
  let sequence = 0;
  const nextId = (): string => `${Date.now()}-${(sequence += 1)}`;
  const order = (): string[] => [...entries.keys()];
  const entryOf = (entryId: string): QueueEntry => ({ entryId, alertId: entries.get(entryId) ?? '' });

  return {
    async add(alertId) {
      const entryId = nextId();
      entries.set(entryId, alertId);
      return entryId;
    },
    async read(consumer, count) {
      const fresh = order()
        .filter((entryId) => !delivered.has(entryId))
        .slice(0, count);
      for (const entryId of fresh) {
        delivered.add(entryId);
        pending.set(entryId, { consumer, since: now() });
      }
      return fresh.map(entryOf);
    },
    async claim(consumer, minIdleMs, count) {
      const idle = [...pending]
        .filter(([entryId, p]) => entries.has(entryId) && now() - p.since >= minIdleMs)
        .slice(0, count);
      for (const [entryId] of idle) pending.set(entryId, { consumer, since: now() });
      return idle.map(([entryId]) => entryOf(entryId));
    },
    async touch(consumer, entryIds) {
      for (const entryId of entryIds)
        if (pending.has(entryId)) pending.set(entryId, { consumer, since: now() });
    },
    async ack(entryId) {
      if (!pending.delete(entryId)) return;
      entries.delete(entryId);
      delivered.delete(entryId);
    },
    async deadLetter(entry, reason) {
      const entryId = nextId();
      dead.push({ entryId, alertId: entry.alertId, reason });
      await this.ack(entry.entryId);
      return entryId;
    },
    async deadLetters(count) {
      return dead.slice(0, count);
    },
    async remove({ queued, dead: letters }) {
      let removed = 0;
      for (const entryId of queued) {
        if (entries.delete(entryId)) removed += 1;
        pending.delete(entryId);
        delivered.delete(entryId);
      }
      for (const entryId of letters) {
        const index = dead.findIndex((letter) => letter.entryId === entryId);
        if (index >= 0) {
          dead.splice(index, 1);
          removed += 1;
        }
      }
      return removed;
    },
  };
}
