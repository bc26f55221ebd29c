import type { ObTransaction } from './ob-payloads.js';

/** Merchant category codes (ISO 18245) of common everyday spending, by bot category. */
const MCC_CATEGORIES: Readonly<Record<string, string>> = {
  '4111': 'transport',
  '4121': 'transport',
  '4131': 'transport',
  '4814': 'utilities',
  '4899': 'subscriptions',
  '4900': 'utilities',
  '5311': 'shopping',
  '5399': 'shopping',
  '5411': 'groceries',
  '5499': 'groceries',
  '5541': 'fuel',
  '5542': 'fuel',
  '5651': 'clothing',
  '5691': 'clothing',
  '5732': 'electronics',
  '5812': 'restaurants',
  '5814': 'restaurants',
  '5815': 'subscriptions',
  '5912': 'health',
  '5942': 'shopping',
  '6513': 'rent',
};

/** ISO 20022 bank transaction sub-family codes that are not spending (see Merchant.category). */
const SUB_FAMILY_CATEGORIES: Readonly<Record<string, string>> = {
  SALA: 'income',
  PRCT: 'income',
  RIMB: 'income',
  INTR: 'interest',
  BOOK: 'transfer',
  ICCT: 'transfer',
  XBCT: 'transfer',
};

/**
 * The bot's lower-case category of a transaction, from what the standard carries: the merchant
 * category code of card payments, else the ISO bank transaction code; an unexplained credit is
 * income. Banks with their own categories pass `categoryOf` to the adapter instead.
 */
export function defaultCategory(tx: ObTransaction): string {
  const mcc = tx.MerchantDetails?.MerchantCategoryCode;
  const byMcc = mcc === undefined ? undefined : MCC_CATEGORIES[mcc.padStart(4, '0')];
  if (byMcc) return byMcc;
  const subFamily = tx.BankTransactionCode?.SubCode;
  const byCode = subFamily === undefined ? undefined : SUB_FAMILY_CATEGORIES[subFamily];
  if (byCode) return byCode;
  return tx.CreditDebitIndicator === 'Credit' ? 'income' : 'other';
}
