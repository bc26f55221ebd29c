import type { AlertPatch, AlertRecord } from '../alerts/alert.js';
import type { QueueEntryIds } from './alert-queue.port.js';

/** Who holds a send to one channel user: nobody yet (now you), done, or another consumer mid-send. */
export type SendClaim =
  | { readonly state: 'claimed' }
  | { readonly state: 'sent' }
  | { readonly state: 'sending'; readonly by: string };

/**
 * Alert status records and their idempotency marks, per alert id, plus each customer's list of
 * alerts (for forget-me) and of open alerts (read out at the next voice launch). Ids, times and
 * states only. Every implementation runs `test/contracts/alert-records.contract.ts`.
 *
 * @example
 * if (!(await records.create(record))) -> a replayed event id
 * const claim = await records.claimSend('alrt_1', 'messenger:123', 'bot-a'); // { state: 'claimed' }
 * ...send...; await records.markSent('alrt_1', 'messenger:123');
 */
export interface AlertRecords {
  /** Stores a new record; false (nothing written) when the alert id already exists. */
  create(record: AlertRecord): Promise<boolean>;
  get(alertId: string): Promise<AlertRecord | undefined>;
  /** Deletes a record whose alert never reached the queue, so the bank may send the event again. */
  discard(alertId: string): Promise<void>;
  update(alertId: string, patch: AlertPatch): Promise<void>;
  /** Counts one more delivery attempt; resolves with the count. */
  countAttempt(alertId: string): Promise<number>;
  /** Claims the send to `target` for `consumer`, atomically; at most one consumer holds it. */
  claimSend(alertId: string, target: string, consumer: string): Promise<SendClaim>;
  /** Takes over a send `from` a consumer that went silent; false when someone else changed it first. */
  takeOver(alertId: string, target: string, from: string, consumer: string): Promise<boolean>;
  markSent(alertId: string, target: string): Promise<void>;
  /** Gives a claimed send back after a failure, so a retry may claim it. */
  release(alertId: string, target: string, consumer: string): Promise<void>;
  /** Marks the alert shown on a channel; false when it already was. */
  markPresented(alertId: string, channelId: string): Promise<boolean>;
  /** Open alerts: delivered, not yet answered, to be offered at the customer's next conversation. */
  addOpen(customerId: string, alertId: string): Promise<void>;
  openFor(customerId: string): Promise<readonly string[]>;
  closeOpen(customerId: string, alertId: string): Promise<void>;
  /**
   * Deletes every record, mark and list of the customer's alerts; resolves with how many records
   * went and the queue entries (live and dead) to delete with them.
   */
  erase(customerId: string): Promise<{ readonly deleted: number; readonly entries: QueueEntryIds }>;
}
