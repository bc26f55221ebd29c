import type { AccountKind } from '../../../bot/ports/bank.port.js';

/** The slots bankbot's Alexa intents use, and their types in the interaction model. */
export const SLOT_TYPES = {
  /** Whole currency units ("forty two" dollars): Alexa has no money slot. */
  amount: 'AMAZON.NUMBER',
  /** Minor units said after the whole units ("forty two dollars and ten"). */
  cents: 'AMAZON.NUMBER',
  currency: 'CURRENCY',
  /** "over" / "under" before an amount. */
  comparison: 'COMPARISON',
  /** Days, ISO weeks ("2026-W46"), weekends, months and years. */
  date: 'AMAZON.DATE',
  merchant: 'MERCHANT',
  account: 'ACCOUNT',
  /** "the second one". */
  ordinal: 'AMAZON.Ordinal',
  /** "number two". */
  number: 'AMAZON.NUMBER',
  /** The data a consent is about: balances, transactions, alerts (consent intents only). */
  category: 'DATA_CATEGORY',
  /** A voice PIN or one-time code said digit by digit; Alexa sends the digits. */
  code: 'AMAZON.NUMBER',
} as const;

export type SlotName = keyof typeof SLOT_TYPES;

export const SLOT_NAMES = Object.keys(SLOT_TYPES) as SlotName[];

/** One value of a custom slot type: `id` is what entity resolution returns. */
export interface SlotValue {
  readonly id: string;
  readonly value: string;
  readonly synonyms: readonly string[];
}

/** Account words, mirroring bot/entities/account-kind.ts so Alexa and the text NLU agree. */
export const ACCOUNT_VALUES: readonly (SlotValue & { readonly id: AccountKind })[] = [
  {
    id: 'checking',
    value: 'checking',
    synonyms: ['checking account', 'chequing', 'current account', 'everyday', 'debit card'],
  },
  { id: 'savings', value: 'savings', synonyms: ['savings account', 'saving', 'isa'] },
  {
    id: 'credit',
    value: 'credit card',
    synonyms: [
      'credit cards',
      'credit account',
      'visa',
      'mastercard',
      'master card',
      'amex',
      'american express',
    ],
  },
];

/** Currency words; ids are ISO 4217 codes. */
export const CURRENCY_VALUES: readonly SlotValue[] = [
  { id: 'USD', value: 'dollars', synonyms: ['dollar', 'bucks'] },
  { id: 'GBP', value: 'pounds', synonyms: ['pound', 'quid'] },
  { id: 'EUR', value: 'euros', synonyms: ['euro'] },
];

/** Comparison words, mirroring OVER / UNDER in bot/transaction-search.ts. */
export const COMPARISON_VALUES: readonly SlotValue[] = [
  {
    id: 'over',
    value: 'over',
    synonyms: ['more than', 'above', 'greater than', 'bigger than', 'at least', 'exceeding'],
  },
  { id: 'under', value: 'under', synonyms: ['less than', 'below', 'smaller than', 'at most'] },
];

/** Data categories, mirroring bot/privacy/consent-words.ts; ids are bankbot's DataCategory values. */
export const CATEGORY_VALUES: readonly SlotValue[] = [
  { id: 'balances', value: 'balances', synonyms: ['balance', 'account balance'] },
  {
    id: 'transactions',
    value: 'transactions',
    synonyms: ['transaction', 'spending', 'purchases', 'payments'],
  },
  {
    id: 'alerts',
    value: 'alerts',
    synonyms: ['alert', 'fraud alerts', 'fraud notifications', 'notifications', 'notification'],
  },
];

/** The id of the value whose name or synonym is exactly `spoken` (case-insensitive). */
export function valueIdOf(values: readonly SlotValue[], spoken: string): string | undefined {
  const wanted = spoken.trim().toLowerCase();
  return values.find(
    (value) => value.value.toLowerCase() === wanted || value.synonyms.some((s) => s.toLowerCase() === wanted),
  )?.id;
}

/** Every phrase of the values, longest first: for finding them in a sentence. */
export function phrasesOf(values: readonly SlotValue[]): readonly string[] {
  return values
    .flatMap((value) => [value.value, ...value.synonyms])
    .map((phrase) => phrase.toLowerCase())
    .sort((a, b) => b.length - a.length || a.localeCompare(b));
}
