import { money } from '../../../bot/money.js';
import type { Balance, Transaction } from '../../../bot/ports/bank.port.js';
import type { LedgerAccount } from './ledger.js';

/**
 * The balance implied by the account's transactions: current = opening + booked. Pending debits
 * are holds on what can be spent; pending credits are not spendable until they book.
 * For credit, current is negative (owed) and available = limit − owed − holds = limit + current − holds.
 */
export function balanceOf(entry: LedgerAccount, transactions: readonly Transaction[]): Balance {
  const { account, openingMinor, creditLimitMinor } = entry;
  let booked = 0;
  let holds = 0;
  for (const tx of transactions) {
    if (tx.accountId !== account.id) continue;
    if (tx.status === 'booked') booked += tx.amount.minor;
    else if (tx.amount.minor < 0) holds -= tx.amount.minor;
  }
  const current = openingMinor + booked;
  const available = (creditLimitMinor ?? 0) + current - holds;
  return {
    accountId: account.id,
    current: money(current, account.currency),
    available: money(available, account.currency),
    ...(creditLimitMinor === undefined ? {} : { creditLimit: money(creditLimitMinor, account.currency) }),
  };
}
