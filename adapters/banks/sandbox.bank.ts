import {
  BankError,
  isBankError,
  type BankPort,
  type CardStatus,
  type CustomerRef,
  type Dispute,
  type Merchant,
} from '../../bot/ports/bank.port.js';
import { balanceOf } from './sandbox/balance.js';
import { copyData } from './sandbox/copy.js';
import { builtInCustomers } from './sandbox/customers.js';
import type { SandboxCustomerFixture } from './sandbox/fixture.js';
import { createLedger, type Ledger } from './sandbox/ledger.js';
import { applyQuery } from './sandbox/query.js';
import { confirm, dispute, withReview } from './sandbox/review.js';
import { createSandboxSecurity, type SandboxInboxEntry } from './sandbox/step-up.js';
import { withFields } from '../../bot/objects.js';

export type { SandboxCustomerFixture } from './sandbox/fixture.js';
export type { SandboxInboxEntry, SandboxStepUp } from './sandbox/step-up.js';

/** 'down': every call rejects with BANK_ERR_UNAVAILABLE; 'slow': every call waits `slowMs` first. */
export type SandboxFault = 'none' | 'down' | 'slow';

export interface SandboxOptions {
  /** The clock; the demo history ends the day before `now()`'s day at construction. */
  readonly now?: () => Date;
  /** Seed of the generated history (default 1): same seed and day, same data. */
  readonly seed?: number;
  /** Simulated network latency per call (default 0: answers on the next microtask). */
  readonly latencyMs?: number;
  readonly fault?: SandboxFault;
  /** How long a call waits under the 'slow' fault (default 3000), on a timer that never holds the process open. */
  readonly slowMs?: number;
  /** Replaces the built-in customers (alex, sam, maria). */
  readonly customers?: readonly SandboxCustomerFixture[];
}

/**
 * The embedded in-memory bank for demos, tests and development, with controls for tests.
 *
 * @example
 * const bank = createSandboxBank({ now: () => new Date('2026-11-20T15:00:00Z') });
 * const charges = await bank.listTransactions({ customerId: 'alex' }, { amount: money(4210, 'USD') });
 */
export interface SandboxBank extends BankPort {
  setFault(fault: SandboxFault): void;
  customerIds(): readonly string[];
  /** Adds a customer, or replaces the one with the same profile id. */
  seedCustomer(fixture: SandboxCustomerFixture): void;
  /** Inspection for tests: the bank's own state, not what the bot said. */
  cardStatus(customerId: string, cardId: string): CardStatus;
  disputes(customerId: string): readonly Dispute[];
  /** Ids of the transactions currently confirmed, in the order they were confirmed. */
  confirmations(customerId: string): readonly string[];
  /** What the customer's banking app received (one-time codes, details sent from voice), oldest first. */
  appInbox(customerId: string): readonly SandboxInboxEntry[];
}

function sleep(ms: number, holdProcess: boolean): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    // A 'slow' wait is meant to be abandoned by the caller's timeout: it must not keep the process alive.
    if (!holdProcess) timer.unref();
  });
}

const TOKEN = /^sandbox-token-([a-z0-9-]+)$/;

/**
 * The account-linking token the sandbox issues for a customer ("sandbox-token-alex"): what an
 * Alexa or Google test user's linked account carries.
 */
export function sandboxAccessToken(customerId: string): string {
  return `sandbox-token-${customerId}`;
}

export function createSandboxBank(options: SandboxOptions = {}): SandboxBank {
  const { latencyMs = 0, slowMs = 3000 } = options;
  if (!(latencyMs >= 0 && slowMs >= 0)) throw new RangeError('sandbox: latencyMs and slowMs must be >= 0');
  let fault: SandboxFault = options.fault ?? 'none';
  const ledgers = new Map<string, Ledger>();
  const seedCustomer = (fixture: SandboxCustomerFixture): void => {
    ledgers.set(fixture.profile.id, createLedger(fixture));
  };
  const now = options.now ?? (() => new Date());
  const security = createSandboxSecurity(now);
  (options.customers ?? builtInCustomers(now(), options.seed ?? 1)).forEach(seedCustomer);

  function ledgerOf(customerId: unknown): Ledger {
    const ledger = typeof customerId === 'string' ? ledgers.get(customerId) : undefined;
    if (!ledger) throw new BankError('BANK_ERR_UNAUTHORIZED', 'sandbox: unknown customer');
    return ledger;
  }

  /** Every BankPort call: fault and latency first, then the work, answered as a deep copy. */
  async function answer<T>(customer: CustomerRef, work: (ledger: Ledger) => T): Promise<T> {
    const faultNow = fault;
    if (faultNow === 'slow') await sleep(latencyMs + slowMs, false);
    else if (latencyMs > 0) await sleep(latencyMs, true);
    if (faultNow === 'down') throw new BankError('BANK_ERR_UNAVAILABLE', 'sandbox: fault down');
    try {
      return copyData(work(ledgerOf(customer?.customerId)));
    } catch (error) {
      // The port promises BankErrors only; anything else is a sandbox bug surfaced without data.
      throw isBankError(error) ? error : new BankError('BANK_ERR_UNAVAILABLE', 'sandbox: internal error');
    }
  }

  function found<T>(value: T | undefined, what: string): T {
    if (value === undefined) throw new BankError('BANK_ERR_NOT_FOUND', `sandbox: unknown ${what}`);
    return value;
  }
  const transactionOf = (ledger: Ledger, id: string) => found(ledger.transactionsById.get(id), 'transaction');
  const accountOf = (ledger: Ledger, id: string) => found(ledger.accounts.get(id), 'account');

  return {
    resolveCustomer: (accessToken) => {
      const customerId = TOKEN.exec(accessToken)?.[1];
      return answer({ customerId: customerId ?? '' }, (ledger) => ({
        customerId: ledger.profile.id,
        accessToken,
      }));
    },
    getProfile: (customer) => answer(customer, (ledger) => ledger.profile),
    listAccounts: (customer) =>
      answer(customer, (ledger) => [...ledger.accounts.values()].map((a) => a.account)),
    getBalances: (customer, accountIds) =>
      answer(customer, (ledger) =>
        (accountIds ?? [...ledger.accounts.keys()]).map((id) =>
          balanceOf(accountOf(ledger, id), ledger.transactions),
        ),
      ),
    listTransactions: (customer, query = {}) =>
      answer(customer, (ledger) => {
        if (query.accountId !== undefined) accountOf(ledger, query.accountId);
        const matches = applyQuery(ledger.transactions, query, ledger.profile.timeZone);
        return matches.map((tx) => withReview(ledger, tx));
      }),
    getTransaction: (customer, id) =>
      answer(customer, (ledger) => withReview(ledger, transactionOf(ledger, id))),
    listMerchants: (customer) =>
      answer(customer, (ledger) => {
        const merchants = new Map<string, Merchant>();
        for (const { merchant } of ledger.transactions) {
          merchants.set(JSON.stringify([merchant.name, merchant.descriptor, merchant.category]), merchant);
        }
        return [...merchants.values()];
      }),
    listCards: (customer) => answer(customer, (ledger) => [...ledger.cards.values()]),
    setCardStatus: (customer, cardId, status) =>
      answer(customer, (ledger) => {
        const card = found(ledger.cards.get(cardId), 'card');
        if (status !== 'active' && status !== 'frozen') {
          throw new BankError('BANK_ERR_INVALID', 'sandbox: invalid card status');
        }
        const updated = withFields(card, { status });
        ledger.cards.set(cardId, updated);
        return updated;
      }),
    confirmTransaction: (customer, transactionId) =>
      answer(customer, (ledger) => confirm(ledger, transactionOf(ledger, transactionId))),
    openDispute: (customer, transactionId, reason) =>
      answer(customer, (ledger) => dispute(ledger, transactionOf(ledger, transactionId), reason)),
    startStepUp: (customer) => answer(customer, (ledger) => security.start(ledger.profile.id, ledger.stepUp)),
    verifyStepUp: (customer, attempt) =>
      answer(customer, (ledger) => security.verify(ledger.profile.id, ledger.stepUp, attempt)),
    sendToApp: (customer, message) =>
      answer(customer, (ledger) => (security.deliver(ledger.profile.id, message), 'sent' as const)),

    setFault: (next) => {
      fault = next;
    },
    customerIds: () => [...ledgers.keys()],
    seedCustomer,
    cardStatus: (customerId, cardId) => found(ledgerOf(customerId).cards.get(cardId), 'card').status,
    disputes: (customerId) => copyData([...ledgerOf(customerId).disputes.values()]),
    confirmations: (customerId) =>
      [...ledgerOf(customerId).reviews].flatMap(([id, review]) => (review === 'confirmed' ? [id] : [])),
    appInbox: (customerId) => (ledgerOf(customerId), security.inbox(customerId)),
  };
}
