import type { SandboxStepUp } from './step-up.js';
import type {
  AccountKind,
  CardStatus,
  CustomerProfile,
  Merchant,
  TransactionStatus,
} from '../../../bot/ports/bank.port.js';

/**
 * One account as the sandbox stores it. `number` is the full number; the bank only ever returns
 * its last four digits. Amounts are integer minor units of `currency`.
 */
export interface SandboxAccountFixture {
  readonly id: string;
  readonly kind: AccountKind;
  readonly name: string;
  /** Full account number (digits), kept inside the bank. */
  readonly number: string;
  readonly currency: string;
  /** Ledger balance now (credit: negative = owed). The opening balance is derived from it. */
  readonly balanceMinor: number;
  /** Credit accounts only. */
  readonly creditLimitMinor?: number;
}

/** A card. `number` is the full PAN, kept inside the bank. */
export interface SandboxCardFixture {
  readonly id: string;
  readonly accountId: string;
  readonly name: string;
  readonly number: string;
  readonly status?: CardStatus;
}

/** A transaction. Without `id`, the bank names it `tx-<customer>-<YYYYMMDD>-<nn>` (customer's day). */
export interface SandboxTransactionFixture {
  readonly id?: string;
  readonly accountId: string;
  readonly cardId?: string;
  /** Defaults to booked. */
  readonly status?: TransactionStatus;
  /** ISO 8601 instant. */
  readonly date: string;
  /** Signed minor units in the account's currency: negative is money leaving. */
  readonly amountMinor: number;
  readonly merchant: Merchant;
}

/**
 * Everything the sandbox knows about one customer. Seed distinctive values for tests, e.g.
 *
 * @example
 * bank.seedCustomer({
 *   profile: { id: 'canary', firstName: 'Cara', locale: 'en-US', timeZone: 'America/New_York' },
 *   accounts: [{ id: 'acc-canary', kind: 'checking', name: 'Checking', number: '99887766', currency: 'USD', balanceMinor: 12345678 }],
 *   cards: [{ id: 'card-canary', accountId: 'acc-canary', name: 'Visa debit', number: '4000001234567899' }],
 *   transactions: [],
 * });
 */
export interface SandboxCustomerFixture {
  readonly profile: CustomerProfile;
  readonly accounts: readonly SandboxAccountFixture[];
  readonly cards: readonly SandboxCardFixture[];
  readonly transactions: readonly SandboxTransactionFixture[];
  /** The customer's voice PIN or one-time codes; without it the sandbox answers step-up `unsupported`. */
  readonly stepUp?: SandboxStepUp;
}
