import { z } from 'zod';
import { CodedError } from '../errors.js';

/** Ids the bank gives alerts, customers and transactions: opaque, short, URL-safe. */
const id = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'an id of 1-64 letters, digits, _ . : -');

/**
 * A suspicious-transaction event from the bank's core (docs/alerts.md). It names the transaction;
 * amount and merchant are read from the bank when the alert is shown, so none are accepted here.
 */
const schema = z
  .object({
    /** Event id: also the alert id; a second event with the same id is a replay. */
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id of 1-64 letters, digits, _ -'),
    type: z.literal('transaction.suspicious'),
    customerId: id,
    transactionId: id,
    /** When the alert stops being worth sending (ISO 8601); default ALERTS_TTL_SECONDS after receipt. */
    expiresAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export type BankEvent = z.infer<typeof schema>;

/** Validates a parsed body; throws ALERT_ERR_BAD_EVENT naming the first problem (never its value). */
export function parseBankEvent(value: unknown): BankEvent {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new CodedError(
    'ALERT_ERR_BAD_EVENT',
    `bank event: ${issue?.path.join('.') || 'body'} ${issue?.code}`,
  );
}
