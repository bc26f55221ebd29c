import { setTimeout as sleep } from 'node:timers/promises';
import { errorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { AlertQueue, QueueEntry } from '../ports/alert-queue.port.js';
import type { AlertRecords } from '../ports/alert-records.port.js';
import type { DeliverAlert } from './alert-delivery.js';

export interface AlertWorkerOptions {
  readonly queue: AlertQueue;
  readonly records: AlertRecords;
  readonly deliver: DeliverAlert;
  readonly consumer: string;
  /** Deliveries in flight at once. */
  readonly concurrency: number;
  /** Wait between polls when the queue is empty. */
  readonly pollMs: number;
  /** Entries pending this long on any consumer are claimed (XAUTOCLAIM). */
  readonly claimIdleMs: number;
  /** Attempts before an alert is dead-lettered. */
  readonly maxAttempts: number;
  /** First retry delay; doubled per attempt, capped below the claim idle time. */
  readonly retryBaseMs: number;
  readonly logger: Logger;
}

/** One instance's share of the consumer group: claims orphans, reads new entries, delivers, acknowledges. */
export interface AlertWorker {
  start(): void;
  /** Stops polling and waits for deliveries in flight (their entries stay pending if unfinished). */
  stop(): Promise<void>;
  /** Delivers everything queued now, claiming whatever is pending anywhere (tests, one process). */
  drain(): Promise<void>;
}

export function createAlertWorker(options: AlertWorkerOptions): AlertWorker {
  const { queue, records, logger } = options;
  const inFlight = new Map<string, Promise<void>>();
  let running = false;
  let loop: Promise<void> | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  // A slow delivery (Graph timeouts and retries) can outlast the claim idle time: touching the
  // entries in flight keeps other instances from claiming work this one is still doing.
  const touch = (): void => {
    if (inFlight.size === 0) return;
    queue.touch(options.consumer, [...inFlight.keys()]).catch((error: unknown) => {
      logger.warn({ event: 'alert.touch_failed', code: errorCode(error) });
    });
  };

  const fail = async (entry: QueueEntry, reason: string, customerId: string): Promise<void> => {
    const deadEntryId = await queue.deadLetter(entry, reason);
    await records.update(entry.alertId, { status: 'failed', reason, deadEntryId });
    await records.closeOpen(customerId, entry.alertId);
    logger.warn({ event: 'alert.dead_letter', alertId: entry.alertId, code: reason });
  };

  const handle = async (entry: QueueEntry): Promise<void> => {
    for (;;) {
      const result = await options.deliver(entry.alertId);
      if (result.kind === 'done') return queue.ack(entry.entryId);
      const { attempts, customerId } = result.failure;
      if (result.kind === 'dead' || attempts >= options.maxAttempts)
        return fail(entry, result.reason, customerId);
      // Backoff here, with the entry still pending on this consumer: if this instance dies, another claims it.
      const cap = Math.max(1, Math.floor(options.claimIdleMs / 2));
      await sleep(Math.min(cap, options.retryBaseMs * 2 ** (attempts - 1)));
    }
  };

  const dispatch = (entry: QueueEntry): void => {
    if (inFlight.has(entry.entryId)) return;
    const run = handle(entry)
      .catch((error: unknown) => {
        // Left pending: claimed again after the idle time, here or elsewhere.
        logger.warn({ event: 'alert.delivery_error', alertId: entry.alertId, code: errorCode(error) });
      })
      .finally(() => inFlight.delete(entry.entryId));
    inFlight.set(entry.entryId, run);
  };

  /** One poll: orphans first, then new entries, up to the free slots. Resolves with how many it took. */
  const poll = async (claimIdleMs: number): Promise<number> => {
    const free = options.concurrency - inFlight.size;
    if (free <= 0) return 0;
    const claimed = (await queue.claim(options.consumer, claimIdleMs, free)).filter(
      (entry) => !inFlight.has(entry.entryId),
    );
    const fresh = claimed.length < free ? await queue.read(options.consumer, free - claimed.length) : [];
    for (const entry of [...claimed, ...fresh]) dispatch(entry);
    return claimed.length + fresh.length;
  };

  const run = async (): Promise<void> => {
    while (running) {
      let taken = 0;
      try {
        taken = await poll(options.claimIdleMs);
      } catch (error) {
        logger.warn({ event: 'alert.poll_failed', code: errorCode(error) });
      }
      if (taken === 0) {
        await Promise.race([sleep(options.pollMs), ...inFlight.values()]);
      }
    }
  };

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
      heartbeat = setInterval(touch, Math.max(50, Math.floor(options.claimIdleMs / 3)));
      heartbeat.unref();
    },
    async stop() {
      running = false;
      clearInterval(heartbeat);
      await loop;
      await Promise.all(inFlight.values());
    },
    async drain() {
      for (;;) {
        const taken = await poll(0);
        if (taken === 0 && inFlight.size === 0) return;
        await Promise.race(inFlight.values());
      }
    },
  };
}
