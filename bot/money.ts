/**
 * Money is an integer count of the currency's minor units plus its ISO 4217 code. Never a float.
 *
 * @example
 * const coffee: Money = { minor: 450, currency: 'USD' }; // $4.50
 * toDecimalString(coffee); // '4.50'
 */
import { currencyFormat } from './intl-cache.js';
export interface Money {
  /** Signed integer minor units: negative is money leaving the account. */
  readonly minor: number;
  /** ISO 4217 alphabetic code, upper case. */
  readonly currency: string;
}

const exponents = new Map<string, number>();

/** The number of minor-unit digits of an ISO 4217 currency (USD 2, JPY 0, BHD 3). */
export function currencyExponent(currency: string): number {
  let exponent = exponents.get(currency);
  if (exponent === undefined) {
    exponent = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits as number;
    exponents.set(currency, exponent);
  }
  return exponent;
}

/** Builds money, refusing anything that is not a safe integer or a well-formed currency code. */
export function money(minor: number, currency: string): Money {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`money: minor units must be a safe integer`);
  if (!/^[A-Z]{3}$/.test(currency)) throw new RangeError(`money: "${currency}" is not an ISO 4217 code`);
  return { minor, currency };
}

/** Exact decimal string of the amount, e.g. `{minor: -4210, currency: 'USD'}` -> '-42.10'. */
export function toDecimalString(value: Money): string {
  return decimalOf(value.minor, currencyExponent(value.currency));
}

function decimalOf(minor: number, exponent: number): string {
  const sign = minor < 0 ? '-' : '';
  const digits = Math.abs(minor).toString();
  if (exponent === 0) return `${sign}${digits}`;
  const padded = digits.length > exponent ? digits : digits.padStart(exponent + 1, '0');
  const cut = padded.length - exponent;
  return `${sign}${padded.slice(0, cut)}.${padded.slice(cut)}`;
}

/**
 * Parses a decimal string ('42.1', '-0.005') into money exactly, by string arithmetic.
 * Throws when the string has more fraction digits than the currency allows.
 */
export function fromDecimalString(decimal: string, currency: string): Money {
  const match = /^([+-])?(\d+)(?:\.(\d+))?$/.exec(decimal.trim());
  if (!match) throw new RangeError(`money: "${decimal}" is not a decimal amount`);
  const exponent = currencyExponent(currency);
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  if (fraction.length > exponent) throw new RangeError(`money: too many decimals for ${currency}`);
  const minor = Number(`${match[2]}${fraction.padEnd(exponent, '0')}`);
  return money(match[1] === '-' ? -minor : minor, currency);
}

/** Locale-aware display, e.g. '$1,234.56' or '£12.00'. Formats the exact decimal string, not a float. */
export function formatMoney(value: Money, locale = 'en-US'): string {
  const exponent = currencyExponent(value.currency);
  // Intl formats a decimal string exactly (no float on the way).
  return currencyFormat(locale, value.currency, exponent)(decimalOf(value.minor, exponent));
}

export function negate(value: Money): Money {
  return { minor: value.minor === 0 ? 0 : -value.minor, currency: value.currency };
}

export function absMoney(value: Money): Money {
  return { minor: Math.abs(value.minor), currency: value.currency };
}

/** Sums amounts of one currency; throws on mixed currencies rather than adding apples to pears. */
export function sumMoney(values: readonly Money[], currency: string): Money {
  let total = 0;
  for (const value of values) {
    if (value.currency !== currency) throw new RangeError('money: cannot add different currencies');
    total += value.minor;
  }
  return money(total, currency);
}
