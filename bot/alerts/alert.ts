/** Where an alert stands, as the bank's status API reports it. */
export const ALERT_STATUSES = ['queued', 'delivered', 'answered', 'expired', 'failed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const TERMINAL: ReadonlySet<AlertStatus> = new Set(['answered', 'expired', 'failed']);

/** What the customer answered and what the bank did: ids and flags, never amounts. */
export interface AlertOutcome {
  readonly answer: 'yes' | 'no';
  readonly result: 'confirmed' | 'disputed';
  readonly cardFrozen: boolean;
  readonly disputeId?: string;
  readonly channelId: string;
  readonly at: string;
}

/**
 * One alert's record: ids, times and states only. The amount and merchant stay at the bank and are
 * read through the BankPort when the alert is shown, so nothing financial is kept at rest.
 */
export interface AlertRecord {
  readonly alertId: string;
  readonly customerId: string;
  readonly transactionId: string;
  readonly status: AlertStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly expiresAt: string;
  /** Delivery attempts so far. */
  readonly attempts: number;
  /** Channels the alert reached ('messenger', 'alexa', 'google'). */
  readonly channels: readonly string[];
  readonly entryId?: string;
  readonly deadEntryId?: string;
  /** Why it failed or expired (a code). */
  readonly reason?: string;
  readonly outcome?: AlertOutcome;
}

export type AlertPatch = Partial<
  Pick<AlertRecord, 'status' | 'channels' | 'entryId' | 'deadEntryId' | 'reason' | 'outcome'>
>;

/** Prefix of the quick-reply payloads an alert offers: `alert:<id>:yes` / `alert:<id>:no`. */
export const ANSWER_PREFIX = 'alert:';

export function answerPayload(alertId: string, answer: 'yes' | 'no'): string {
  return `${ANSWER_PREFIX}${alertId}:${answer}`;
}

/** The alert and answer a tapped payload carries, if it is an alert answer. */
export function parseAnswerPayload(text: string): { alertId: string; answer: 'yes' | 'no' } | undefined {
  const match = /^alert:([A-Za-z0-9_-]{1,64}):(yes|no)$/.exec(text.trim());
  return match ? { alertId: match[1] ?? '', answer: match[2] === 'yes' ? 'yes' : 'no' } : undefined;
}
