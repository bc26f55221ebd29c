/**
 * What a currency word means when the recogniser gives no ISO code. "dollars" could be any of a
 * dozen currencies: it means the bank's own currency when that is a dollar, otherwise USD.
 * "pesos" has no sensible default, so without a peso bank it stays without a currency.
 */
export interface CurrencyRule {
  /** Currencies the word can mean; the bank's default currency wins when it is one of them. */
  readonly family: readonly string[];
  /** What the word means for a bank outside the family; absent when nobody could guess. */
  readonly fallback?: string;
  /** True for "cents", "pence": the number already counts minor units. */
  readonly fraction?: boolean;
}

const DOLLARS = ['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'TWD', 'JMD', 'BSD', 'BBD', 'BZD', 'TTD'];
const POUNDS = ['GBP', 'GIP', 'FKP', 'SHP', 'EGP'];
const PESOS = ['MXN', 'ARS', 'CLP', 'COP', 'CUP', 'DOP', 'UYU', 'PHP'];
const CENTS = [...DOLLARS, 'EUR'];

const dollar: CurrencyRule = { family: DOLLARS, fallback: 'USD' };
const pound: CurrencyRule = { family: POUNDS, fallback: 'GBP' };
const euro: CurrencyRule = { family: ['EUR'], fallback: 'EUR' };
const penny: CurrencyRule = { family: ['GBP'], fallback: 'GBP', fraction: true };

/** Keyed by the recogniser's unit name (English and Spanish resources). */
export const CURRENCY_UNITS: ReadonlyMap<string, CurrencyRule> = new Map([
  ['Dollar', dollar],
  ['Dólar', dollar],
  ['Pound', pound],
  ['Libra', pound],
  ['Euro', euro],
  ['Peso', { family: PESOS }],
  ['Cent', { family: CENTS, fallback: 'USD', fraction: true }],
  ['Céntimo', { family: ['EUR'], fallback: 'EUR', fraction: true }],
  ['Cêntimo', { family: ['EUR'], fallback: 'EUR', fraction: true }],
  ['Centavo', { family: [...PESOS, 'USD'], fraction: true }],
  ['Penny', penny],
  ['Pence', penny],
  ['Penique', penny],
]);

/** Slang the recogniser does not know, recognised right after a number ("forty two bucks"). */
export const SLANG_UNITS: ReadonlyMap<string, CurrencyRule> = new Map([
  ['bucks', dollar],
  ['buck', dollar],
  ['quid', pound],
  ['pavos', euro],
]);

/** The ISO code a unit word stands for, given the bank's default currency (if any). */
export function currencyFor(rule: CurrencyRule, defaultCurrency: string | undefined): string | undefined {
  return defaultCurrency !== undefined && rule.family.includes(defaultCurrency)
    ? defaultCurrency
    : rule.fallback;
}
