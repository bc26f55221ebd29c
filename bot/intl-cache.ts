/**
 * Intl formatters, built once per distinct set of options and reused: building one costs far more
 * than using it (the bench's profile found one built per spoken amount and per Alexa request).
 * The hot formatters (money, spoken numbers, dates) have their own caches keyed by the few values
 * that vary, so a lookup builds no key from the options. Formatters only: never formatted values.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function cached<T>(cache: Map<string, T>, key: string, build: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = build();
    cache.set(key, value);
  }
  return value;
}

/** A cached `Intl.NumberFormat(locale, options)`; options must be plain JSON-able values. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return cached(
    numberFormats,
    `${locale}|${JSON.stringify(options)}`,
    () => new Intl.NumberFormat(locale, options),
  );
}

/** A cached `Intl.DateTimeFormat(locale, options)`; options must be plain JSON-able values. */
export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  return cached(
    dateFormats,
    `${locale}|${JSON.stringify(options)}`,
    () => new Intl.DateTimeFormat(locale, options),
  );
}

/** Formats a decimal string exactly (Intl takes it as a decimal, no float on the way). */
export type DecimalFormat = (decimal: string) => string;

/** One cache level per varying value: `outer.get(a)?.get(b)`, built on first use. */
function twoLevel<T>(build: (a: string, b: string) => T): (a: string, b: string) => T {
  const outer = new Map<string, Map<string, T>>();
  return (a, b) => {
    let inner = outer.get(a);
    if (inner === undefined) {
      inner = new Map();
      outer.set(a, inner);
    }
    let value = inner.get(b);
    if (value === undefined) {
      value = build(a, b);
      inner.set(b, value);
    }
    return value;
  };
}

/** The formatter's `format` (a function bound to it, per ECMA-402) typed for decimal strings. */
function decimalFormat(format: Intl.NumberFormat): DecimalFormat {
  return format.format as unknown as DecimalFormat;
}

const currencyFormats = new Map<string, Map<string, DecimalFormat>>();

/**
 * `numberFormat(locale, { style: 'currency', currency, minimumFractionDigits: exponent })`'s
 * format, keyed by locale and currency: `exponent` must be the currency's own (it is only read
 * when the formatter is first built).
 */
export function currencyFormat(locale: string, currency: string, exponent: number): DecimalFormat {
  let byCurrency = currencyFormats.get(locale);
  if (byCurrency === undefined) {
    byCurrency = new Map();
    currencyFormats.set(locale, byCurrency);
  }
  let format = byCurrency.get(currency);
  if (format === undefined) {
    format = decimalFormat(
      numberFormat(locale, { style: 'currency', currency, minimumFractionDigits: exponent }),
    );
    byCurrency.set(currency, format);
  }
  return format;
}

/** `numberFormat(locale, { style: 'currency', currency, currencyDisplay: 'name' })`'s format. */
export const currencyNameFormat: (locale: string, currency: string) => DecimalFormat = twoLevel(
  (locale, currency) =>
    decimalFormat(numberFormat(locale, { style: 'currency', currency, currencyDisplay: 'name' })),
);

const plainFormats = new Map<string, DecimalFormat>();

/** `numberFormat(locale)`'s format: the locale's plain grouped number. */
export function plainNumberFormat(locale: string): DecimalFormat {
  return cached(plainFormats, locale, () => decimalFormat(numberFormat(locale)));
}

/** `dateFormat(locale, { month: 'short', day: 'numeric', timeZone })`: 'Nov 19'. */
export const shortDayFormat: (locale: string, timeZone: string) => Intl.DateTimeFormat = twoLevel(
  (locale, timeZone) => dateFormat(locale, { month: 'short', day: 'numeric', timeZone }),
);

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** Per zone, the day of the last second asked about: every request of that second asks it again. */
const lastDays = new Map<string, { readonly second: number; readonly day: string }>();

/**
 * The calendar day of `at` in `timeZone`, as YYYY-MM-DD. Zone offsets and their changes fall on
 * whole seconds, so every instant of one second has one day; the last second's answer is kept.
 */
export function dayIn(at: Date, timeZone: string): string {
  const second = Math.floor(at.getTime() / 1000);
  const last = lastDays.get(timeZone);
  if (last !== undefined && last.second === second) return last.day;
  const day = cached(dayFormats, timeZone, () => dateFormat('en-CA', { timeZone })).format(at);
  lastDays.set(timeZone, { second, day });
  return day;
}
