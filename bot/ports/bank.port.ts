import type { Money } from '../money.js';

/**
 * Who the bank is asked about. `accessToken` is the account-linking token a channel supplied
 * (Alexa, Messenger account linking); the sandbox bank ignores it, a real bank requires it.
 */
export interface CustomerRef {
  readonly customerId: string;
  readonly accessToken?: string;
}

export type AccountKind = 'checking' | 'savings' | 'credit';

export interface Account {
  readonly id: string;
  readonly kind: AccountKind;
  /** Customer-facing name, e.g. "Everyday Checking". */
  readonly name: string;
  /** Masked number, last four digits only: "••6789". Never the full number. */
  readonly maskedNumber: string;
  readonly currency: string;
}

export interface Balance {
  readonly accountId: string;
  /** Ledger balance. For a credit account this is what is owed, as a negative amount. */
  readonly current: Money;
  /** What can be spent now (current minus holds; for credit: limit minus owed minus pending). */
  readonly available: Money;
  readonly creditLimit?: Money;
}

export type TransactionStatus = 'booked' | 'pending';

export interface Merchant {
  /** Clean name, e.g. "Starbucks". */
  readonly name: string;
  /** Statement descriptor as the card network sends it, e.g. "SBUX 1523 SEATTLE WA". */
  readonly descriptor: string;
  /**
   * Lower-case spending category, e.g. "groceries", "coffee", "restaurants". Money moving between
   * the customer's own accounts and card repayments are "transfer"; pay and refunds "income";
   * interest "interest". None of those three count as spending.
   */
  readonly category: string;
}

/** Categories that move money without being spending (see {@link Merchant.category}). */
export const NOT_SPENDING: ReadonlySet<string> = new Set(['transfer', 'income', 'interest']);

export interface Transaction {
  readonly id: string;
  readonly accountId: string;
  /** The card used, when the transaction was a card payment. */
  readonly cardId?: string;
  readonly status: TransactionStatus;
  /** ISO 8601 timestamp of the authorisation (pending) or booking (booked). */
  readonly date: string;
  /** Negative for money leaving the account. */
  readonly amount: Money;
  readonly merchant: Merchant;
  /** Set once the customer confirmed or disputed it. */
  readonly review?: 'confirmed' | 'disputed';
}

export interface TransactionQuery {
  readonly accountId?: string;
  /** Inclusive ISO 8601 bounds. */
  readonly from?: string;
  readonly to?: string;
  readonly status?: TransactionStatus;
  /** Matches merchant name or descriptor (the caller resolves fuzzy names first). */
  readonly merchant?: string;
  /** Matches the absolute amount exactly. */
  readonly amount?: Money;
  /** Newest first; at most this many. */
  readonly limit?: number;
}

export type CardStatus = 'active' | 'frozen';

export interface Card {
  readonly id: string;
  readonly accountId: string;
  /** e.g. "Visa debit". */
  readonly name: string;
  /** Last four digits only: "••4242". */
  readonly maskedNumber: string;
  readonly status: CardStatus;
}

export interface Dispute {
  readonly id: string;
  readonly transactionId: string;
  readonly status: 'open' | 'resolved';
}

/** A second factor the bank checks before amounts are read aloud (see BankPort.startStepUp). */
export type StepUpMethod = 'pin' | 'otp';

/** What the customer is asked for: their voice PIN, or a one-time code the bank has just sent. */
export type StepUpChallenge =
  | { readonly method: 'pin' }
  | { readonly method: 'otp'; readonly sentTo: 'app' | 'sms' }
  /** The bank has no step-up for this customer: amounts go to the app or a card instead. */
  | { readonly method: 'unsupported' };

/** `invalid` is a wrong PIN or code (the bot counts failures and locks out); `unsupported` as above. */
export type StepUpResult = 'ok' | 'invalid' | 'unsupported';

/** A message for the customer's banking app (its secure inbox): what a voice channel did not read out. */
export interface AppMessage {
  readonly title: string;
  /** Plain text; may hold amounts and masked numbers, like the bank's own app. */
  readonly body: string;
}

export interface CustomerProfile {
  readonly id: string;
  readonly firstName: string;
  /** BCP 47, e.g. "en-US"; drives formatting of money and dates. */
  readonly locale: string;
  readonly timeZone: string;
}

/**
 * The bank, as the dialogs see it. Every implementation runs the shared contract suite
 * (`test/contracts/bank.contract.ts`). Money is integer minor units; numbers are masked;
 * failures are `BankError`s with a stable code.
 *
 * @example
 * const [checking] = await bank.listAccounts(customer);
 * const [balance] = await bank.getBalances(customer, [checking.id]);
 */
export interface BankPort {
  /**
   * The customer an account-linking access token (issued by the bank's OAuth server to Alexa,
   * Google or Messenger) belongs to. BANK_ERR_UNAUTHORIZED when the token is unknown or expired.
   */
  resolveCustomer(accessToken: string): Promise<CustomerRef>;
  getProfile(customer: CustomerRef): Promise<CustomerProfile>;
  listAccounts(customer: CustomerRef): Promise<readonly Account[]>;
  /** Balances of the given accounts, or of all accounts when `accountIds` is omitted. */
  getBalances(customer: CustomerRef, accountIds?: readonly string[]): Promise<readonly Balance[]>;
  listTransactions(customer: CustomerRef, query?: TransactionQuery): Promise<readonly Transaction[]>;
  getTransaction(customer: CustomerRef, transactionId: string): Promise<Transaction>;
  /** Distinct merchants seen on the customer's transactions, for fuzzy matching what they type. */
  listMerchants(customer: CustomerRef): Promise<readonly Merchant[]>;
  listCards(customer: CustomerRef): Promise<readonly Card[]>;
  setCardStatus(customer: CustomerRef, cardId: string, status: CardStatus): Promise<Card>;
  /** Records that the customer recognises the transaction. Idempotent. */
  confirmTransaction(customer: CustomerRef, transactionId: string): Promise<void>;
  /** Opens a dispute for an unrecognised transaction. Idempotent: a second call returns the same dispute. */
  openDispute(customer: CustomerRef, transactionId: string, reason: DisputeReason): Promise<Dispute>;
  /**
   * Starts a step-up before amounts are spoken: which factor the customer is to say. For `otp` the
   * bank sends the code now. `unsupported` when the bank has none (e.g. UK Open Banking).
   *
   * @example
   * const challenge = await bank.startStepUp(customer); // { method: 'pin' }
   * await bank.verifyStepUp(customer, { method: 'pin', code: '2468' }); // 'ok'
   */
  startStepUp(customer: CustomerRef): Promise<StepUpChallenge>;
  /** Checks a voice PIN or one-time code, in constant time. The code is never stored or logged. */
  verifyStepUp(
    customer: CustomerRef,
    attempt: { readonly method: StepUpMethod; readonly code: string },
  ): Promise<StepUpResult>;
  /** Puts a message in the customer's banking app; `unsupported` when the bank offers no such inbox. */
  sendToApp(customer: CustomerRef, message: AppMessage): Promise<'sent' | 'unsupported'>;
}

export type DisputeReason = 'fraudulent' | 'not_received' | 'duplicate' | 'other';

export const BANK_ERROR_CODES = [
  'BANK_ERR_UNAVAILABLE',
  'BANK_ERR_TIMEOUT',
  'BANK_ERR_NOT_FOUND',
  'BANK_ERR_UNAUTHORIZED',
  'BANK_ERR_FORBIDDEN',
  'BANK_ERR_RATE_LIMITED',
  'BANK_ERR_INVALID',
] as const;
export type BankErrorCode = (typeof BANK_ERROR_CODES)[number];

/** The only error a BankPort throws. The message is for logs and carries no personal data. */
export class BankError extends Error {
  constructor(
    readonly code: BankErrorCode,
    message: string = code,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'BankError';
  }
}

export function isBankError(error: unknown): error is BankError {
  return error instanceof BankError;
}
