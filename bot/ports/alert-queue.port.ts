/** One queued alert: the stream entry holds the alert id only (details live in its record). */
export interface QueueEntry {
  readonly entryId: string;
  readonly alertId: string;
}

/** Entry ids in the queue and in the dead letters. */
export interface QueueEntryIds {
  readonly queued: readonly string[];
  readonly dead: readonly string[];
}

/** An alert that could not be delivered, with the reason (a code). */
export interface DeadLetter {
  readonly entryId: string;
  readonly alertId: string;
  readonly reason: string;
}

/**
 * The durable alert queue shared by every bot instance: a Redis Stream read by one consumer group
 * (at-least-once), or an in-memory queue with the same contract for a single process. An entry
 * read or claimed stays pending until it is acknowledged or dead-lettered; one pending too long on
 * a silent consumer is claimed by another. Every implementation runs
 * `test/contracts/alert-queue.contract.ts`.
 *
 * @example
 * await queue.add('alrt_123');
 * for (const entry of await queue.read('bot-a', 10)) { ...deliver...; await queue.ack(entry.entryId); }
 * const orphans = await queue.claim('bot-b', 30_000, 10); // entries a dead instance left pending
 */
export interface AlertQueue {
  /** Appends an alert; resolves with its entry id once it is stored durably. */
  add(alertId: string): Promise<string>;
  /** Entries never delivered to any consumer, now pending on `consumer`. */
  read(consumer: string, count: number): Promise<readonly QueueEntry[]>;
  /** Entries pending on any consumer for at least `minIdleMs`, now pending on `consumer` (idle time reset). */
  claim(consumer: string, minIdleMs: number, count: number): Promise<readonly QueueEntry[]>;
  /** Still working on these entries: their idle time restarts, so no other consumer claims them. */
  touch(consumer: string, entryIds: readonly string[]): Promise<void>;
  /** Done with an entry: acknowledged and removed from the stream. */
  ack(entryId: string): Promise<void>;
  /** Moves an entry to the dead-letter stream with its reason; resolves with the dead letter's id. */
  deadLetter(entry: QueueEntry, reason: string): Promise<string>;
  /** The dead letters, oldest first (at most `count`). */
  deadLetters(count: number): Promise<readonly DeadLetter[]>;
  /**
   * Deletes queued entries and dead letters (forget-me); resolves with how many existed. The two
   * streams number their entries independently, so each list names entries of its own stream.
   */
  remove(entries: QueueEntryIds): Promise<number>;
}
