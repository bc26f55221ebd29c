import { createHash } from 'node:crypto';
import type { Money } from '../../../bot/money.js';
import {
  BankError,
  type Account,
  type AccountKind,
  type Balance,
  type Transaction,
} from '../../../bot/ports/bank.port.js';
import type { ObCodes } from './ob-codes.js';
import { obMoney } from './ob-money.js';
import type { ObAccount, ObBalance, ObTransaction } from './ob-payloads.js';

const DEFAULT_NAMES: Readonly<Record<AccountKind, string>> = {
  checking: 'Current account',
  savings: 'Savings account',
  credit: 'Credit card',
};

/** "••6789": the last four digits of an identifier (sort code + account number, IBAN or PAN). */
export function lastFour(identification: string | undefined): string {
  return `••${(identification ?? '').replace(/\D/g, '').slice(-4)}`;
}

/** The account as the bot sees it, or undefined for types the bot does not show (loans, mortgages). */
export function toAccount(raw: ObAccount, codes: ObCodes, fallbackCurrency: string): Account | undefined {
  const type = raw[codes.accountTypeField];
  const kind = type === undefined ? 'checking' : codes.kindOf[type];
  if (kind === undefined) return undefined;
  return {
    id: raw.AccountId,
    kind,
    name: raw.Nickname ?? raw.Description ?? DEFAULT_NAMES[kind],
    maskedNumber: lastFour(raw.Account?.[0]?.Identification),
    currency: raw.Currency ?? fallbackCurrency,
  };
}

function plus(a: Money, minor: number): Money {
  return { minor: a.minor + minor, currency: a.currency };
}

/**
 * Ledger balance from the booked type (ITBD / InterimBooked first), spendable balance from the
 * available type (ITAV / InterimAvailable first) plus any credit line it says it does not include.
 */
export function toBalance(account: Account, entries: readonly ObBalance[], codes: ObCodes): Balance {
  const mine = entries.filter((entry) => entry.AccountId === account.id);
  const pick = (types: readonly string[]) =>
    types.map((type) => mine.find((entry) => entry.Type === type)).find((entry) => entry !== undefined);
  const booked = pick(codes.bookedBalance);
  const available = pick(codes.availableBalance) ?? booked;
  if (!booked || !available) throw new BankError('BANK_ERR_UNAVAILABLE', 'open-banking-uk: no balance');
  const excluded = (available.CreditLine ?? [])
    .filter((line) => !line.Included && line.Amount)
    .reduce((sum, line) => sum + (line.Amount ? obMoney(line.Amount, 'Credit').minor : 0), 0);
  const limit = mine
    .flatMap((entry) => entry.CreditLine ?? [])
    .find((line) => line.Type === 'Credit' && line.Amount);
  return {
    accountId: account.id,
    current: obMoney(booked.Amount, booked.CreditDebitIndicator),
    available: plus(obMoney(available.Amount, available.CreditDebitIndicator), excluded),
    ...(account.kind === 'credit' && limit?.Amount ? { creditLimit: obMoney(limit.Amount, 'Credit') } : {}),
  };
}

/** A stable id for an ASPSP that sends no TransactionId (the field is optional in the standard). */
function derivedId(raw: ObTransaction): string {
  const parts = [raw.AccountId, raw.BookingDateTime, raw.Amount.Amount, raw.CreditDebitIndicator];
  parts.push(raw.TransactionReference ?? '', raw.TransactionInformation ?? '');
  return `ob-${createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 20)}`;
}

/**
 * The transaction as the bot sees it, or undefined for rejected, future and information-only
 * entries. UK OB names a card only by its (masked) number, so `cardId` is "••<last four>"; a
 * composite bank swaps it for the card issuer's id.
 */
export function toTransaction(
  raw: ObTransaction,
  codes: ObCodes,
  categoryOf: (tx: ObTransaction) => string,
): Transaction | undefined {
  const status = codes.statusOf[raw.Status];
  if (status === undefined) return undefined;
  const counterparty = raw.CreditDebitIndicator === 'Debit' ? raw.CreditorAccount : raw.DebtorAccount;
  const name = raw.MerchantDetails?.MerchantName ?? counterparty?.Name ?? raw.TransactionInformation ?? '—';
  const card = raw.CardInstrument ? lastFour(raw.CardInstrument.Identification) : undefined;
  return {
    id: raw.TransactionId ?? derivedId(raw),
    accountId: raw.AccountId,
    ...(card && card !== '••' ? { cardId: card } : {}),
    status,
    date: new Date(raw.BookingDateTime).toISOString(),
    amount: obMoney(raw.Amount, raw.CreditDebitIndicator),
    merchant: { name, descriptor: raw.TransactionInformation ?? name, category: categoryOf(raw) },
  };
}
