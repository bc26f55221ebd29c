import { matchMerchants } from './entities/merchant-match.js';
import { absMoney } from './money.js';
import type { BankPort, Merchant, Transaction, TransactionStatus } from './ports/bank.port.js';
import type { AmountEntity, DateRangeEntity } from './recognition.js';
import { amount, day, sensitive, say, type ListItem, type Part, type Phrase } from './reply.js';
import type { Turn } from './turn.js';
import { withFields } from './objects.js';

/** What the customer asked to see, resolved against their own merchants. */
export interface SearchCriteria {
  readonly merchant?: Merchant;
  /** Words that looked like a merchant ("at harrods") but matched none of the customer's. */
  readonly unknownMerchant?: string;
  readonly amount?: AmountEntity;
  /** "over $50" / "under $10"; an amount alone matches exactly. */
  readonly amountIs?: 'over' | 'under';
  readonly dateRange?: DateRangeEntity;
  readonly status?: TransactionStatus;
}

const NOT_MERCHANT = new Set(
  'my the a an all any last this that past previous next yesterday today week weekend month year day days weeks months monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec me it them card cards account accounts checking savings credit visa debit'.split(
    ' ',
  ),
);
const OVER = /\b(over|more than|above|greater than|bigger than|at least|exceeding)\b/i;
const UNDER = /\b(under|less than|below|smaller than|at most)\b/i;
const MERCHANT_PHRASE = /\b(?:at|from|with|to|on)\s+([\p{L}][\p{L}\p{N}'&.-]*)/giu;

/** Reads merchant, amount, dates and status from the turn; merchants are fuzzy-matched to the customer's. */
export async function criteriaFrom(
  turn: Turn,
  bank: BankPort,
  status?: TransactionStatus,
): Promise<SearchCriteria> {
  const { entities, text } = turn.recognition;
  const [match] = matchMerchants(text, await bank.listMerchants(turn.customer));
  const candidate = [...text.matchAll(MERCHANT_PHRASE)]
    .map((m) => m[1] ?? '')
    .find((word) => !NOT_MERCHANT.has(word.toLowerCase()) && !/\d/.test(word));
  return withFields(
    match ? { merchant: match.merchant } : candidate ? { unknownMerchant: candidate } : {},
    entities.amounts[0] ? { amount: entities.amounts[0] } : {},
    entities.amounts[0] && OVER.test(text) ? { amountIs: 'over' as const } : {},
    entities.amounts[0] && UNDER.test(text) ? { amountIs: 'under' as const } : {},
    entities.dateRange ? { dateRange: entities.dateRange } : {},
    status ? { status } : {},
  );
}

/** Transactions matching the criteria, newest first. Amounts compare in absolute value. */
export async function searchTransactions(
  bank: BankPort,
  turn: Turn,
  criteria: SearchCriteria,
): Promise<readonly Transaction[]> {
  const found = await bank.listTransactions(
    turn.customer,
    withFields(
      criteria.merchant ? { merchant: criteria.merchant.name } : {},
      criteria.dateRange ? { from: criteria.dateRange.from, to: criteria.dateRange.to } : {},
      criteria.status ? { status: criteria.status } : {},
    ),
  );
  const wanted = criteria.amount;
  if (!wanted) return found;
  const compare = { over: (a: number) => a > wanted.minor, under: (a: number) => a < wanted.minor };
  const matches = criteria.amountIs ? compare[criteria.amountIs] : (a: number) => a === wanted.minor;
  return found.filter(
    (tx) =>
      matches(Math.abs(tx.amount.minor)) && (!wanted.currency || wanted.currency === tx.amount.currency),
  );
}

/** " at Starbucks of 42.10 between Oct 1 and Oct 31", for "I found 3 transactions…". */
export function describeCriteria(criteria: SearchCriteria, currency: string): Phrase {
  const parts: Part[] = [];
  if (criteria.merchant) parts.push(' at ', sensitive(criteria.merchant.name));
  if (criteria.amount) {
    const value = { minor: criteria.amount.minor, currency: criteria.amount.currency ?? currency };
    parts.push(criteria.amountIs ? ` ${criteria.amountIs} ` : ' of ', amount(value));
  }
  if (criteria.dateRange) {
    const { from, to } = criteria.dateRange;
    parts.push(...(from === to ? say` on ${day(from)}` : say` between ${day(from)} and ${day(to)}`));
  }
  if (criteria.status === 'pending') parts.push(' still pending');
  return parts;
}

/** One transaction as a list line: "Starbucks -$4.50 (Nov 19, pending)". */
export function transactionItem(tx: Transaction): ListItem {
  return {
    title: say`${sensitive(tx.merchant.name)} ${amount(tx.amount)}`,
    subtitle: tx.status === 'pending' ? say`${day(tx.date)}, pending` : say`${day(tx.date)}`,
  };
}

/** "$42.10 at Whole Foods on Nov 19": a transaction in one phrase. */
export function transactionPhrase(tx: Transaction): Phrase {
  return say`${amount(absMoney(tx.amount))} at ${sensitive(tx.merchant.name)} on ${day(tx.date)}`;
}
