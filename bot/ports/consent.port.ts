/** The kinds of customer data a channel may show or send; the customer consents to each per channel. */
export const DATA_CATEGORIES = ['balances', 'transactions', 'alerts'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/**
 * How a decision was made: said in a conversation, or implied by linking the bank account on the
 * channel (balances and transactions only; alerts are always opt-in).
 */
export type ConsentSource = 'conversation' | 'account-link';

/** One decision about one category on one channel. Holds no customer data beyond the decision. */
export interface ConsentDecision {
  /** `activity.channelId`: 'messenger', 'alexa', 'google', 'console'. */
  readonly channelId: string;
  readonly category: DataCategory;
  readonly granted: boolean;
  /** When it was made, ISO 8601. */
  readonly at: string;
  readonly source: ConsentSource;
}

/** The customer's current decisions: the latest per channel and category. */
export interface ConsentSnapshot {
  /** Grows with every recorded change; 0 when the customer has never decided anything. */
  readonly version: number;
  readonly decisions: readonly ConsentDecision[];
}

/** A grant or revocation of some categories on one channel. */
export interface ConsentChange {
  readonly channelId: string;
  readonly categories: readonly DataCategory[];
  readonly source: ConsentSource;
  readonly at: Date;
}

/**
 * The consent ledger: per customer, channel and data category, who allowed what, when and how.
 * Every grant and revocation is kept in the history; `get` is one storage read.
 *
 * @example
 * await ledger.revoke(customerId, { channelId: 'messenger', categories: ['alerts'], source: 'conversation', at: now });
 * const snapshot = await ledger.get(customerId);
 * if (isGranted(snapshot, 'messenger', 'alerts')) -> send the alert
 */
export interface ConsentLedger {
  get(customerId: string): Promise<ConsentSnapshot>;
  grant(customerId: string, change: ConsentChange): Promise<ConsentSnapshot>;
  revoke(customerId: string, change: ConsentChange): Promise<ConsentSnapshot>;
  /** Every decision ever recorded, oldest first (the most recent 500 at least). */
  history(customerId: string): Promise<readonly ConsentDecision[]>;
  /** When the customer asked to be forgotten, if they ever did (read from the tombstone). */
  erasedAt(customerId: string): Promise<string | undefined>;
  /**
   * Deletes the customer's decisions and history and leaves a tombstone: a keyed hash of the
   * customer id and the time, nothing else. Returns how many records were deleted.
   */
  erase(customerId: string, at: Date): Promise<number>;
}

/** The latest decision for a category on a channel, if any. */
export function decisionOf(
  snapshot: ConsentSnapshot,
  channelId: string,
  category: DataCategory,
): ConsentDecision | undefined {
  return snapshot.decisions.find((d) => d.channelId === channelId && d.category === category);
}

/** Whether the customer allows `category` on `channelId` now. No decision means no. */
export function isGranted(snapshot: ConsentSnapshot, channelId: string, category: DataCategory): boolean {
  return decisionOf(snapshot, channelId, category)?.granted === true;
}

/** The decisions a change records, one per category. */
export function decisionsOf(change: ConsentChange, granted: boolean): ConsentDecision[] {
  const at = change.at.toISOString();
  return change.categories.map((category) => ({
    channelId: change.channelId,
    category,
    granted,
    at,
    source: change.source,
  }));
}

/** History kept per customer: the most recent decisions, older ones dropped first. */
export const CONSENT_HISTORY_LIMIT = 500;

export function isDataCategory(value: unknown): value is DataCategory {
  return typeof value === 'string' && (DATA_CATEGORIES as readonly string[]).includes(value);
}
