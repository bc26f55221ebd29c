import { money } from '../../../bot/money.js';
import type {
  Account,
  Card,
  CustomerProfile,
  Dispute,
  Merchant,
  Transaction,
} from '../../../bot/ports/bank.port.js';
import { localDay } from './calendar.js';
import type { SandboxCustomerFixture, SandboxTransactionFixture } from './fixture.js';
import type { SandboxStepUp } from './step-up.js';
import { withFields } from '../../../bot/objects.js';

export interface LedgerAccount {
  readonly account: Account;
  /** Balance before the first transaction held, so that current = opening + booked. */
  readonly openingMinor: number;
  readonly creditLimitMinor?: number;
}

/** One customer's state inside the sandbox. Transactions are fixed; cards and reviews change. */
export interface Ledger {
  readonly profile: CustomerProfile;
  readonly accounts: ReadonlyMap<string, LedgerAccount>;
  /** Newest first, without `review` (see `reviews`). */
  readonly transactions: readonly Transaction[];
  readonly transactionsById: ReadonlyMap<string, Transaction>;
  readonly cards: Map<string, Card>;
  /** By transaction id, in the order the customer acted. */
  readonly reviews: Map<string, 'confirmed' | 'disputed'>;
  /** By transaction id. */
  readonly disputes: Map<string, Dispute>;
  readonly stepUp?: SandboxStepUp;
}

/** "••6789": the last four digits, the only part of a number the bank ever returns. */
export function maskNumber(number: string): string {
  const digits = number.replace(/\D/g, '');
  if (digits.length < 4) throw new RangeError('sandbox fixture: a number needs at least four digits');
  return `••${digits.slice(-4)}`;
}

function fail(what: string): never {
  throw new RangeError(`sandbox fixture: ${what}`);
}

/** Names unnamed transactions tx-<customer>-<YYYYMMDD>-<nn> by their order within the customer's day. */
function assignIds(
  customerId: string,
  timeZone: string,
  fixtures: readonly SandboxTransactionFixture[],
): string[] {
  const taken = new Set(fixtures.flatMap((tx) => (tx.id === undefined ? [] : [tx.id])));
  const perDay = new Map<string, number>();
  const times = fixtures.map(time);
  const order = fixtures.map((_, index) => index).sort((a, b) => (times[a] ?? 0) - (times[b] ?? 0) || a - b);
  const ids: string[] = fixtures.map((tx) => tx.id ?? '');
  for (const index of order) {
    if (ids[index] !== '') continue;
    const day = localDay(times[index] ?? 0, timeZone).replaceAll('-', '');
    let id: string;
    do {
      const next = (perDay.get(day) ?? 0) + 1;
      perDay.set(day, next);
      id = `tx-${customerId}-${day}-${String(next).padStart(2, '0')}`;
    } while (taken.has(id));
    taken.add(id);
    ids[index] = id;
  }
  return ids;
}

function time(tx: SandboxTransactionFixture | undefined): number {
  const value = Date.parse(tx?.date ?? '');
  return Number.isNaN(value) ? fail('a transaction date is not ISO 8601') : value;
}

/** Validates a fixture and builds the ledger, refusing anything inconsistent with a RangeError. */
export function createLedger(fixture: SandboxCustomerFixture): Ledger {
  const { profile } = fixture;
  if (profile.id.trim() === '') fail('empty customer id');
  localDay(0, profile.timeZone); // throws RangeError on an unknown zone

  const currencies = new Map<string, string>();
  for (const account of fixture.accounts) {
    if (currencies.has(account.id)) fail('duplicate account id');
    money(account.balanceMinor, account.currency);
    if ((account.kind === 'credit') !== (account.creditLimitMinor !== undefined)) {
      fail('a credit limit is required on credit accounts and only there');
    }
    currencies.set(account.id, account.currency);
  }
  const cards = new Map<string, Card>();
  for (const card of fixture.cards) {
    if (cards.has(card.id)) fail('duplicate card id');
    if (!currencies.has(card.accountId)) fail('a card refers to an unknown account');
    const { number, ...rest } = card;
    cards.set(
      card.id,
      withFields(rest, { maskedNumber: maskNumber(number), status: card.status ?? 'active' }),
    );
  }

  const ids = assignIds(profile.id, profile.timeZone, fixture.transactions);
  const transactions = fixture.transactions.map((tx, index): Transaction => {
    const currency = currencies.get(tx.accountId) ?? fail('a transaction refers to an unknown account');
    if (tx.cardId !== undefined && cards.get(tx.cardId)?.accountId !== tx.accountId) {
      fail('a transaction card is unknown or belongs to another account');
    }
    const merchant: Merchant = { ...tx.merchant };
    return {
      id: ids[index] ?? fail('missing id'),
      accountId: tx.accountId,
      ...(tx.cardId === undefined ? {} : { cardId: tx.cardId }),
      status: tx.status ?? 'booked',
      date: new Date(time(tx)).toISOString(),
      amount: money(tx.amountMinor, currency),
      merchant,
    };
  });
  transactions.sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id));
  const transactionsById = new Map(transactions.map((tx) => [tx.id, tx]));
  if (transactionsById.size !== transactions.length) fail('duplicate transaction id');

  const accounts = new Map<string, LedgerAccount>();
  for (const { number, balanceMinor, creditLimitMinor, ...account } of fixture.accounts) {
    const booked = transactions
      .filter((tx) => tx.accountId === account.id && tx.status === 'booked')
      .reduce((sum, tx) => sum + tx.amount.minor, 0);
    accounts.set(account.id, {
      account: withFields(account, { maskedNumber: maskNumber(number) }),
      openingMinor: balanceMinor - booked,
      ...(creditLimitMinor === undefined
        ? {}
        : { creditLimitMinor: money(creditLimitMinor, account.currency).minor }),
    });
  }
  return {
    profile: { ...profile },
    accounts,
    transactions,
    transactionsById,
    cards,
    reviews: new Map(),
    disputes: new Map(),
    ...(fixture.stepUp ? { stepUp: fixture.stepUp } : {}),
  };
}
