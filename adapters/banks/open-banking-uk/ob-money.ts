import { fromDecimalString, negate, toDecimalString, type Money } from '../../../bot/money.js';
import { BankError } from '../../../bot/ports/bank.port.js';
import type { ObAmount } from './ob-payloads.js';

export type CreditDebit = 'Credit' | 'Debit';

/**
 * An Open Banking amount (an unsigned decimal string in the currency's major unit plus a
 * Credit/Debit indicator) as exact signed minor units, by string arithmetic: "42.10" GBP Debit is
 * -4210. An amount with more decimals than the currency has is refused, never rounded.
 */
export function obMoney(amount: ObAmount, indicator: CreditDebit): Money {
  let value: Money;
  try {
    value = fromDecimalString(amount.Amount, amount.Currency);
  } catch {
    throw new BankError('BANK_ERR_UNAVAILABLE', 'open-banking-uk: amount not exact in minor units');
  }
  return indicator === 'Debit' ? negate(value) : value;
}

/** Money as Open Banking writes it: the absolute amount with exactly the currency's decimals. */
export function toObAmount(value: Money): { Amount: ObAmount; CreditDebitIndicator: CreditDebit } {
  const decimal = toDecimalString(value);
  return {
    Amount: { Amount: decimal.replace(/^-/, ''), Currency: value.currency },
    CreditDebitIndicator: value.minor < 0 ? 'Debit' : 'Credit',
  };
}
