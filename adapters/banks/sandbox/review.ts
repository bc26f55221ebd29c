import { createHash } from 'node:crypto';
import {
  BankError,
  type Dispute,
  type DisputeReason,
  type Transaction,
} from '../../../bot/ports/bank.port.js';
import type { Ledger } from './ledger.js';
import { withFields } from '../../../bot/objects.js';

const REASONS: readonly DisputeReason[] = ['fraudulent', 'not_received', 'duplicate', 'other'];

function setReview(ledger: Ledger, transactionId: string, review: 'confirmed' | 'disputed'): void {
  // Re-inserting keeps `reviews` in the order the customer last acted.
  ledger.reviews.delete(transactionId);
  ledger.reviews.set(transactionId, review);
}

/** Marks the transaction confirmed. Idempotent; recognising a charge withdraws an open dispute on it. */
export function confirm(ledger: Ledger, tx: Transaction): void {
  const dispute = ledger.disputes.get(tx.id);
  if (dispute) ledger.disputes.set(tx.id, withFields(dispute, { status: 'resolved' }));
  if (ledger.reviews.get(tx.id) !== 'confirmed') setReview(ledger, tx.id, 'confirmed');
}

/** Opens (or reopens) the one dispute a transaction can have. Idempotent: same id every time. */
export function dispute(ledger: Ledger, tx: Transaction, reason: DisputeReason): Dispute {
  if (!REASONS.includes(reason)) throw new BankError('BANK_ERR_INVALID', 'sandbox: invalid dispute reason');
  if (tx.amount.minor >= 0) {
    throw new BankError('BANK_ERR_INVALID', 'sandbox: only money leaving an account can be disputed');
  }
  const existing = ledger.disputes.get(tx.id);
  const opened: Dispute = existing
    ? withFields(existing, { status: 'open' })
    : { id: disputeReference(tx.id), transactionId: tx.id, status: 'open' };
  ledger.disputes.set(tx.id, opened);
  if (ledger.reviews.get(tx.id) !== 'disputed') setReview(ledger, tx.id, 'disputed');
  return opened;
}

/** The transaction as the customer sees it now, with their review if any. */
export function withReview(ledger: Ledger, tx: Transaction): Transaction {
  const review = ledger.reviews.get(tx.id);
  return review === undefined ? tx : withFields(tx, { review });
}

/** A short reference a customer can read out ("DSP-4F2A91"), stable for a transaction. */
function disputeReference(transactionId: string): string {
  return `DSP-${createHash('sha256').update(transactionId).digest('hex').slice(0, 6).toUpperCase()}`;
}
