import { money } from '../../../bot/money.js';
import type { Balance, Transaction } from '../../../bot/ports/bank.port.js';
import type { LedgerAccount } from './ledger.js';

/**
 * The balance implied by the account's transactions: current = opening + booked. Pending debits
 * are holds on what can be spent; pending credits are not spendable until they book.
 * For credit, current is negative (owed) and available = limit − owed − holds = limit + current − holds.
 */
export function balanceOf(entry: LedgerAccount, transactions: readonly Transaction[]): Balance {
  // A ledger's transactions never change (a new fixture is a new ledger), so each account's
  // balance is computed once; callers get it through the sandbox's copy, never this object.
  const memo = balances.get(entry);
  if (memo?.transactions === transactions) return memo.balance;
  const balance = computeBalance(entry, transactions);
  balances.set(entry, { transactions, balance });
  return balance;
}

const balances = new WeakMap<
  LedgerAccount,
  { readonly transactions: readonly Transaction[]; readonly balance: Balance }
>();

function computeBalance(entry: LedgerAccount, transactions: readonly Transaction[]): Balance {
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
