import type { BankErrorCode, Card, Dispute } from '../../../bot/ports/bank.port.js';
import type { StripeCard, StripeDispute } from './stripe-payloads.js';

/** Metadata keys the card program sets on its Stripe objects so the bot can relate them to accounts. */
export const STRIPE_METADATA = {
  /** On a card: the id of the bank account it draws on (as the account adapter reports it). */
  accountId: 'bankbot_account_id',
  /** On a card: its customer-facing name, e.g. "Visa debit". */
  name: 'bankbot_name',
  /** On a transaction or authorization: 'confirmed' or 'disputed', the customer's last word on it. */
  review: 'bankbot_review',
} as const;

/** Dispute statuses in which the dispute is still open to the customer. */
export const LIVE_DISPUTES = new Set(['unsubmitted', 'submitted']);

/** Stripe's 401/403 mean the platform key is wrong, not that the customer must relink. */
export function stripeErrorCode(status: number): BankErrorCode {
  if (status === 404) return 'BANK_ERR_NOT_FOUND';
  return status === 401 || status === 403 ? 'BANK_ERR_UNAVAILABLE' : 'BANK_ERR_INVALID';
}

export function toCard(card: StripeCard): Card {
  const kind = card.type === 'virtual' ? 'virtual card' : 'card';
  return {
    id: card.id,
    accountId: card.metadata[STRIPE_METADATA.accountId] ?? '',
    name: card.metadata[STRIPE_METADATA.name] ?? `${card.brand} ${kind}`,
    maskedNumber: `••${card.last4}`,
    status: card.status === 'inactive' ? 'frozen' : 'active',
  };
}

export const toDispute = (dispute: StripeDispute, transactionId: string): Dispute => ({
  id: dispute.id,
  transactionId,
  status: LIVE_DISPUTES.has(dispute.status) ? 'open' : 'resolved',
});
