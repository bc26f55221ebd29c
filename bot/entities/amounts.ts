import { fromDecimalString } from '../money.js';
import type { AmountEntity } from '../recognition.js';
import { CURRENCY_UNITS, SLANG_UNITS, currencyFor, type CurrencyRule } from './currency-units.js';
import type { CurrencyHit, NumberHit } from './recognizers.js';
import type { Span } from './text.js';
import { withFields } from '../objects.js';

export interface AmountsFound {
  readonly amounts: readonly AmountEntity[];
  /** Where the amounts are, so their digits do not come back as plain numbers. */
  readonly spans: readonly Span[];
}

interface Located extends AmountEntity, Span {}

const inside = (inner: Span, outer: Span): boolean => inner.start >= outer.start && inner.end <= outer.end;

/** "42.10", "1.200,50": a number written with exactly two decimals reads as money. */
const MONEY_SHAPED = /^-?[\d.,\s]*\d[.,]\d{2}$/;

/**
 * Exact minor units from a decimal string, never via floating point. Amounts are magnitudes:
 * customers say "the 42.10 charge", not "-42.10". Undefined when the string does not fit the
 * currency (too many decimals, exponent notation, beyond a safe integer).
 */
function toMinor(decimal: string, currency: string, fraction: boolean): number | undefined {
  const magnitude = decimal.replace(/^-/, '');
  if (fraction) {
    const minor = /^\d+$/.test(magnitude) ? Number(magnitude) : NaN;
    return Number.isSafeInteger(minor) ? minor : undefined;
  }
  try {
    return fromDecimalString(magnitude, currency).minor;
  } catch {
    return undefined;
  }
}

/** How to read a number as money: in which currency, and whether it already counts minor units. */
interface Reading {
  readonly currency?: string;
  readonly fraction?: boolean;
}

function readingOf(hit: CurrencyHit, defaultCurrency: string | undefined): Reading {
  if (hit.isoCurrency !== undefined && /^[A-Z]{3}$/.test(hit.isoCurrency))
    return { currency: hit.isoCurrency };
  const rule = CURRENCY_UNITS.get(hit.unit);
  return rule ? { currency: currencyFor(rule, defaultCurrency), fraction: rule.fraction } : {};
}

function slangReading(rule: CurrencyRule, defaultCurrency: string | undefined): Reading {
  return { currency: currencyFor(rule, defaultCurrency), fraction: rule.fraction };
}

/** Without a currency, minor units assume the default currency's decimals (else two, as USD). */
function locate(
  text: string,
  span: Span,
  decimal: string,
  reading: Reading,
  defaultCurrency?: string,
): Located | undefined {
  const { currency, fraction = false } = reading;
  const minor = toMinor(decimal, currency ?? defaultCurrency ?? 'USD', fraction);
  if (minor === undefined) return undefined;
  const entity = { minor, text: text.slice(span.start, span.end), start: span.start, end: span.end };
  return currency === undefined ? entity : withFields(entity, { currency });
}

/**
 * Amounts from the recogniser's currencies, slang after numbers ("20 quid") and money-shaped bare
 * numbers ("42.10", without a currency). The value comes from the number inside the currency
 * when there is exactly one, because the currency model miscomputes some ("USD 42" -> 0.42).
 */
export function findAmounts(
  text: string,
  prepared: string,
  currencies: readonly CurrencyHit[],
  numbers: readonly NumberHit[],
  defaultCurrency: string | undefined,
): AmountsFound {
  const found: Located[] = [];
  const keep = (located: Located | undefined): void => {
    if (located) found.push(located);
  };
  for (const hit of currencies) {
    const inner = numbers.filter((number) => inside(number, hit));
    const decimal = inner.length === 1 ? inner[0]?.value : hit.value;
    if (decimal !== undefined)
      keep(locate(text, hit, decimal, readingOf(hit, defaultCurrency), defaultCurrency));
  }
  for (const number of numbers) {
    if (found.some((located) => inside(number, located))) continue;
    const slang = /^\s*(\p{L}+)/u.exec(prepared.slice(number.end));
    const rule = slang?.[1] === undefined ? undefined : SLANG_UNITS.get(slang[1]);
    if (slang && rule) {
      const span = { start: number.start, end: number.end + slang[0].length };
      keep(locate(text, span, number.value, slangReading(rule, defaultCurrency), defaultCurrency));
    } else if (MONEY_SHAPED.test(text.slice(number.start, number.end))) {
      keep(locate(text, number, number.value, {}, defaultCurrency));
    }
  }
  found.sort((a, b) => a.start - b.start);
  return {
    amounts: found.map(({ start: _start, end: _end, ...entity }) => entity),
    spans: found.map(({ start, end }) => ({ start, end })),
  };
}
