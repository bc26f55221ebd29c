import { BankError, type Transaction, type TransactionQuery } from '../../../bot/ports/bank.port.js';
import { dayBounds, isDay } from './calendar.js';

function invalid(what: string): never {
  throw new BankError('BANK_ERR_INVALID', `sandbox: invalid query ${what}`);
}

/** An inclusive bound in epoch ms. A bare YYYY-MM-DD means the whole day in the customer's zone. */
function bound(value: string | undefined, edge: 'start' | 'end', timeZone: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') invalid(edge);
  if (isDay(value)) {
    try {
      return dayBounds(value, timeZone)[edge];
    } catch {
      return invalid(edge);
    }
  }
  const time = Date.parse(value);
  return Number.isNaN(time) ? invalid(edge) : time;
}

/**
 * Applies a TransactionQuery to a newest-first list. Throws BANK_ERR_INVALID on malformed input
 * (unparseable dates, a non-positive or fractional limit, a malformed amount, an empty merchant).
 */
export function applyQuery(
  transactions: readonly Transaction[],
  query: TransactionQuery,
  timeZone: string,
): Transaction[] {
  const from = bound(query.from, 'start', timeZone);
  const to = bound(query.to, 'end', timeZone);
  const { status, amount, limit } = query;
  if (status !== undefined && status !== 'booked' && status !== 'pending') invalid('status');
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit > 0)) invalid('limit');
  if (amount !== undefined && !(Number.isSafeInteger(amount?.minor) && /^[A-Z]{3}$/.test(amount?.currency))) {
    invalid('amount');
  }
  if (query.merchant !== undefined && (typeof query.merchant !== 'string' || query.merchant.trim() === '')) {
    invalid('merchant');
  }
  const merchant = query.merchant?.toLowerCase();

  const matches = transactions.filter((tx) => {
    const time = Date.parse(tx.date);
    if (query.accountId !== undefined && tx.accountId !== query.accountId) return false;
    if (from !== undefined && time < from) return false;
    if (to !== undefined && time > to) return false;
    if (status !== undefined && tx.status !== status) return false;
    if (
      merchant !== undefined &&
      !tx.merchant.name.toLowerCase().includes(merchant) &&
      !tx.merchant.descriptor.toLowerCase().includes(merchant)
    ) {
      return false;
    }
    if (
      amount &&
      (tx.amount.currency !== amount.currency || Math.abs(tx.amount.minor) !== Math.abs(amount.minor))
    ) {
      return false;
    }
    return true;
  });
  return limit === undefined ? matches : matches.slice(0, limit);
}
