import {
  BankError,
  type Card,
  type CardStatus,
  type CustomerRef,
  type Dispute,
  type DisputeReason,
} from '../../bot/ports/bank.port.js';
import { createBankHttp, type BankHttpOptions } from './http/bank-http.js';
import { createStripeClient } from './stripe-issuing/stripe-client.js';
import {
  LIVE_DISPUTES,
  STRIPE_METADATA,
  stripeErrorCode,
  toCard,
  toDispute,
} from './stripe-issuing/stripe-mapping.js';
import {
  stripeAuthorization,
  stripeCard,
  stripeDispute,
  stripeTransaction,
  type StripeCard,
} from './stripe-issuing/stripe-payloads.js';
import { withFields } from '../../bot/objects.js';

export { STRIPE_METADATA } from './stripe-issuing/stripe-mapping.js';

export interface StripeIssuingOptions {
  /** A secret (or restricted) key with Issuing read and write access. */
  readonly apiKey: string;
  readonly baseUrl?: string;
  /** The API version the adapter was built and tested against (its requests pin it). */
  readonly apiVersion?: string;
  readonly http?: Omit<BankHttpOptions, 'baseUrl' | 'name' | 'codeFor'>;
  /** The Stripe cardholder id of a customer (default: the customer id). */
  readonly cardholderOf?: (customer: CustomerRef) => string | undefined;
}

/** The card operations of a bank, as Stripe Issuing provides them. */
export interface StripeIssuingBank {
  listCards(customer: CustomerRef): Promise<readonly Card[]>;
  setCardStatus(customer: CustomerRef, cardId: string, status: CardStatus): Promise<Card>;
  confirmTransaction(customer: CustomerRef, transactionId: string): Promise<void>;
  openDispute(customer: CustomerRef, transactionId: string, reason: DisputeReason): Promise<Dispute>;
  /** The customer's reviews of card transactions, by transaction id. */
  reviews(customer: CustomerRef): Promise<ReadonlyMap<string, 'confirmed' | 'disputed'>>;
}

const NAME = 'stripe-issuing';

const notFound = (what: string) => new BankError('BANK_ERR_NOT_FOUND', `${NAME}: unknown ${what}`);

/**
 * Card freeze / unfreeze (card status `inactive` / `active`), disputes (created, then submitted)
 * and reviews (transaction metadata) on Stripe Issuing, API version 2023-08-16.
 *
 * @example
 * const cards = createStripeIssuingBank({ apiKey: process.env.STRIPE_API_KEY });
 */
export function createStripeIssuingBank(options: StripeIssuingOptions): StripeIssuingBank {
  const http = createBankHttp(
    withFields(options.http, {
      baseUrl: options.baseUrl ?? 'https://api.stripe.com',
      name: NAME,
      codeFor: stripeErrorCode,
    }),
  );
  const stripe = createStripeClient(http, options.apiKey, options.apiVersion ?? '2023-08-16');

  function holderOf(customer: CustomerRef): string {
    const holder = (options.cardholderOf ?? ((c: CustomerRef) => c?.customerId))(customer);
    if (!holder) throw new BankError('BANK_ERR_UNAUTHORIZED', `${NAME}: no cardholder`);
    return holder;
  }

  async function ownCard(customer: CustomerRef, cardId: string): Promise<StripeCard> {
    const holder = holderOf(customer);
    const card = await stripe.find(`/v1/issuing/cards/${encodeURIComponent(cardId)}`, stripeCard);
    if (!card || card.cardholder.id !== holder || card.status === 'canceled') throw notFound('card');
    return card;
  }

  /** A posted card transaction, or else a pending authorization, of this customer. */
  async function ownCharge(customer: CustomerRef, id: string) {
    const holder = holderOf(customer);
    const path = encodeURIComponent(id);
    const tx = await stripe.find(`/v1/issuing/transactions/${path}`, stripeTransaction);
    if (tx) {
      if (tx.cardholder !== holder) throw notFound('transaction');
      return { resource: 'transactions', tx } as const;
    }
    const auth = await stripe.find(`/v1/issuing/authorizations/${path}`, stripeAuthorization);
    if (!auth || auth.card.cardholder.id !== holder) throw notFound('transaction');
    return { resource: 'authorizations', tx: undefined } as const;
  }

  async function review(resource: 'transactions' | 'authorizations', id: string, value: string) {
    const path = `/v1/issuing/${resource}/${encodeURIComponent(id)}`;
    const fields = { metadata: { [STRIPE_METADATA.review]: value } };
    if (resource === 'transactions') await stripe.post(path, stripeTransaction, fields);
    else await stripe.post(path, stripeAuthorization, fields);
  }

  return {
    async listCards(customer) {
      const cards = await stripe.list('/v1/issuing/cards', stripeCard, { cardholder: holderOf(customer) });
      return cards.filter((card) => card.status !== 'canceled').map(toCard);
    },
    async setCardStatus(customer, cardId, status) {
      if (status !== 'active' && status !== 'frozen') {
        throw new BankError('BANK_ERR_INVALID', `${NAME}: invalid card status`);
      }
      await ownCard(customer, cardId);
      const path = `/v1/issuing/cards/${encodeURIComponent(cardId)}`;
      const updated = await stripe.post(path, stripeCard, {
        status: status === 'frozen' ? 'inactive' : 'active',
      });
      return toCard(updated);
    },
    async confirmTransaction(customer, transactionId) {
      const { resource } = await ownCharge(customer, transactionId);
      await review(resource, transactionId, 'confirmed');
    },
    async openDispute(customer, transactionId, reason) {
      const { tx } = await ownCharge(customer, transactionId);
      if (!tx) throw new BankError('BANK_ERR_INVALID', `${NAME}: a pending charge cannot be disputed yet`);
      const existing = await stripe.list('/v1/issuing/disputes', stripeDispute, {
        transaction: transactionId,
      });
      let dispute =
        existing.find((d) => LIVE_DISPUTES.has(d.status)) ??
        (await stripe.post('/v1/issuing/disputes', stripeDispute, {
          transaction: transactionId,
          evidence: { reason, [reason]: { explanation: 'Reported by the cardholder in conversation.' } },
        }));
      if (dispute.status === 'unsubmitted') {
        dispute = await stripe.post(
          `/v1/issuing/disputes/${encodeURIComponent(dispute.id)}/submit`,
          stripeDispute,
          {},
        );
      }
      await review('transactions', transactionId, 'disputed');
      return toDispute(dispute, transactionId);
    },
    async reviews(customer) {
      const cardholder = holderOf(customer);
      const [posted, pending] = await Promise.all([
        stripe.list('/v1/issuing/transactions', stripeTransaction, { cardholder }),
        stripe.list('/v1/issuing/authorizations', stripeAuthorization, { cardholder, status: 'pending' }),
      ]);
      const reviews = new Map<string, 'confirmed' | 'disputed'>();
      for (const item of [...posted, ...pending]) {
        const value = item.metadata[STRIPE_METADATA.review];
        if (value === 'confirmed' || value === 'disputed') reviews.set(item.id, value);
        else if ('dispute' in item && item.dispute) reviews.set(item.id, 'disputed');
      }
      return reviews;
    },
  };
}
