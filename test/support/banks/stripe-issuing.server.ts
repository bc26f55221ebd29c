import type { SandboxBank } from '../../../adapters/banks/sandbox.bank.js';
import { STRIPE_METADATA } from '../../../adapters/banks/stripe-issuing.bank.js';
import {
  BankError,
  isBankError,
  type DisputeReason,
  type Transaction,
} from '../../../bot/ports/bank.port.js';
import type { BankFault } from './bank-fault.js';
import { loadSpec } from './openapi-spec.js';
import { startSpecServer, type SpecReply, type SpecServer } from './spec-server.js';
import { SpecValidator, type SpecRequest } from './spec-validator.js';
import { missing, sandboxCardholders, type Holder } from './stripe-cardholders.js';
import { stripeDocuments } from './stripe-documents.js';

export interface StripeIssuingFake extends SpecServer {
  setFault(fault: BankFault): void;
}

export const STRIPE_TEST_KEY = 'sk_test_bankbot_sandbox';

const REASONS: readonly DisputeReason[] = ['fraudulent', 'not_received', 'duplicate', 'other'];
const isReason = (value: string | undefined): value is DisputeReason => REASONS.some((r) => r === value);

/**
 * A fake Stripe Issuing API (2023-08-16) backed by the sandbox bank: cardholders are sandbox
 * customers, cards their cards (inactive = frozen), posted card payments are transactions, pending
 * ones authorizations; freezing, reviewing and disputing change the sandbox's own state.
 */
export async function startStripeIssuing(
  sandbox: SandboxBank,
  options: { readonly apiKey?: string; readonly maxPage?: number } = {},
): Promise<StripeIssuingFake> {
  const { apiKey = STRIPE_TEST_KEY, maxPage = 100 } = options;
  const spec = await loadSpec('stripe');
  const documents = stripeDocuments(spec);
  const submitted = new Set<string>();
  const reasons = new Map<string, string>();
  let fault: BankFault = { kind: 'none' };

  const { customer, owner } = sandboxCardholders(sandbox);

  function page<T extends { id: string }>(
    url: string,
    items: readonly T[],
    query: SpecRequest['query'],
    show: (item: T) => unknown,
  ) {
    // Stripe answers at most `limit` (default 10, at most 100); this fake may answer fewer.
    const limit = Math.min(maxPage, Number(query.limit ?? '10'));
    const start = query.starting_after ? items.findIndex((item) => item.id === query.starting_after) + 1 : 0;
    const slice = items.slice(start, start + limit);
    return documents.list(url, slice.map(show), start + limit < items.length);
  }

  const disputeStatus = (id: string, status: 'open' | 'resolved') =>
    status === 'resolved' ? 'expired' : submitted.has(id) ? 'submitted' : 'unsubmitted';

  function disputeOf(holder: Holder, tx: Transaction) {
    const dispute = holder.disputes.find((d) => d.transactionId === tx.id);
    if (!dispute) throw missing('dispute');
    return documents.dispute(
      dispute,
      tx,
      disputeStatus(dispute.id, dispute.status),
      reasons.get(dispute.id) ?? 'fraudulent',
    );
  }

  const show = {
    card: (holder: Holder) => (card: Holder['cards'][number]) =>
      documents.card(card, holder.profile, holder.currencyOf(card.accountId)),
    transaction: (holder: Holder) => (tx: Transaction) =>
      documents.transaction(
        tx,
        holder.profile.id,
        holder.disputes.find((d) => d.transactionId === tx.id),
      ),
    authorization: (holder: Holder) => (tx: Transaction) => {
      const card = holder.cards.find((c) => c.id === tx.cardId);
      if (!card) throw missing('card');
      return documents.authorization(tx, card, holder.profile);
    },
  };

  const bodyField = (request: SpecRequest, ...path: string[]): string | undefined => {
    let node: unknown = request.body;
    for (const key of path)
      node = typeof node === 'object' && node !== null ? Reflect.get(node, key) : undefined;
    return typeof node === 'string' ? node : undefined;
  };

  async function route(
    request: SpecRequest,
    template: string,
    params: Record<string, string>,
  ): Promise<unknown> {
    const { query } = request;
    const charge = async (status: 'booked' | 'pending', id = params.transaction ?? params.authorization) => {
      const holder = await owner(
        (h) => h.charges.some((tx) => tx.id === id && tx.status === status),
        'transaction',
      );
      const tx = holder.charges.find((t) => t.id === id);
      if (!tx) throw missing('transaction');
      return { holder, tx };
    };
    /** Applies a review posted as metadata, and answers the charge as it is now. */
    const reviewed = async ({ holder, tx }: { holder: Holder; tx: Transaction }) => {
      if (bodyField(request, 'metadata', STRIPE_METADATA.review) === 'confirmed') {
        await sandbox.confirmTransaction(holder.ref, tx.id);
      }
      const fresh = await customer(holder.ref.customerId);
      return { holder: fresh, tx: fresh.charges.find((t) => t.id === tx.id) ?? tx };
    };
    switch (`${request.method} ${template}`) {
      case 'GET /v1/issuing/cards': {
        const holder = await customer(query.cardholder);
        return page('/v1/issuing/cards', holder.cards, query, show.card(holder));
      }
      case 'GET /v1/issuing/cards/{card}':
      case 'POST /v1/issuing/cards/{card}': {
        let holder = await owner((h) => h.cards.some((c) => c.id === params.card), 'card');
        const status = bodyField(request, 'status');
        if (status === 'active' || status === 'inactive') {
          await sandbox.setCardStatus(
            holder.ref,
            params.card ?? '',
            status === 'inactive' ? 'frozen' : 'active',
          );
          holder = await customer(holder.ref.customerId);
        }
        const card = holder.cards.find((c) => c.id === params.card);
        if (!card) throw missing('card');
        return show.card(holder)(card);
      }
      case 'GET /v1/issuing/transactions': {
        const holder = await customer(query.cardholder);
        const posted = holder.charges.filter((tx) => tx.status === 'booked');
        return page('/v1/issuing/transactions', posted, query, show.transaction(holder));
      }
      case 'GET /v1/issuing/transactions/{transaction}':
      case 'POST /v1/issuing/transactions/{transaction}': {
        const { holder, tx } = await reviewed(await charge('booked'));
        return show.transaction(holder)(tx);
      }
      case 'GET /v1/issuing/authorizations': {
        const holder = await customer(query.cardholder);
        const pending = query.status === undefined || query.status === 'pending';
        const held = pending ? holder.charges.filter((tx) => tx.status === 'pending') : [];
        return page('/v1/issuing/authorizations', held, query, show.authorization(holder));
      }
      case 'GET /v1/issuing/authorizations/{authorization}':
      case 'POST /v1/issuing/authorizations/{authorization}': {
        const { holder, tx } = await reviewed(await charge('pending'));
        return show.authorization(holder)(tx);
      }
      case 'GET /v1/issuing/disputes': {
        const holder = await owner((h) => h.charges.some((tx) => tx.id === query.transaction), 'transaction');
        const tx = holder.charges.find((t) => t.id === query.transaction);
        const mine = holder.disputes.filter((d) => d.transactionId === tx?.id);
        return page('/v1/issuing/disputes', mine, query, () => (tx ? disputeOf(holder, tx) : undefined));
      }
      case 'POST /v1/issuing/disputes': {
        const id = bodyField(request, 'transaction');
        const reason = bodyField(request, 'evidence', 'reason');
        const { holder, tx } = await charge('booked', id);
        if (!isReason(reason)) throw new BankError('BANK_ERR_INVALID', 'bad dispute');
        const dispute = await sandbox.openDispute(holder.ref, tx.id, reason);
        submitted.delete(dispute.id);
        reasons.set(dispute.id, reason);
        return disputeOf(await customer(holder.ref.customerId), tx);
      }
      case 'POST /v1/issuing/disputes/{dispute}/submit': {
        const holder = await owner((h) => h.disputes.some((d) => d.id === params.dispute), 'dispute');
        const dispute = holder.disputes.find((d) => d.id === params.dispute);
        const tx = holder.charges.find((t) => t.id === dispute?.transactionId);
        if (!dispute || !tx) throw missing('dispute');
        submitted.add(dispute.id);
        return disputeOf(holder, tx);
      }
      default:
        throw new BankError('BANK_ERR_INVALID', 'not served by this fake');
    }
  }

  function errorReply(error: unknown): SpecReply {
    const code = isBankError(error) ? error.code : 'BANK_ERR_UNAVAILABLE';
    if (code === 'BANK_ERR_NOT_FOUND') {
      return {
        status: 404,
        body: documents.error(
          'invalid_request_error',
          'resource_missing',
          error instanceof Error ? error.message : '',
        ),
      };
    }
    if (code === 'BANK_ERR_INVALID')
      return { status: 400, body: documents.error('invalid_request_error', 'parameter_invalid', 'invalid') };
    return { status: 500, body: documents.error('api_error', 'api_error', 'unexpected') };
  }

  const validator = new SpecValidator(spec);
  validator.prepare([
    '/v1/issuing/cards',
    '/v1/issuing/cards/{card}',
    '/v1/issuing/transactions',
    '/v1/issuing/transactions/{transaction}',
    '/v1/issuing/authorizations',
    '/v1/issuing/authorizations/{authorization}',
    '/v1/issuing/disputes',
    '/v1/issuing/disputes/{dispute}/submit',
  ]);
  const server = await startSpecServer(validator, async (request, operation, params) => {
    if (fault.kind === 'hang') return 'hang';
    if (fault.kind === 'rate-limit') {
      const body = documents.error('invalid_request_error', 'rate_limit', 'Too many requests');
      return { status: 429, headers: { 'retry-after': String(fault.retryAfterSeconds) }, body };
    }
    if (fault.kind === 'status')
      return { status: fault.status, body: documents.error('api_error', 'api_error', 'fault') };
    if (request.headers.authorization !== `Bearer ${apiKey}`) {
      return {
        status: 401,
        body: documents.error('invalid_request_error', 'api_key_invalid', 'Invalid API Key provided'),
      };
    }
    try {
      return { status: 200, body: await route(request, operation.template, params) };
    } catch (error) {
      return errorReply(error);
    }
  });
  return { ...server, setFault: (next) => (fault = next) };
}
