/**
 * Entity extraction for one utterance: amounts, a date range, plain numbers, an ordinal and an
 * account kind. Numbers, currencies and dates come from @microsoft/recognizers-text; this module
 * decides what they mean for a bank customer. Nothing here logs: utterances are personal data.
 */
import type { Entities, RecognizeOptions } from '../recognition.js';
import { findAccountKind } from './account-kind.js';
import { findAmounts } from './amounts.js';
import { wallClock } from './calendar.js';
import { chooseOrdinal, plainNumbers } from './choices.js';
import { entityCulture } from './culture.js';
import { findDateEntities } from './dates.js';
import { findCurrencies, findNumbers, findOrdinals } from './recognizers.js';
import { lowerSameLength } from './text.js';

/**
 * Only the start of a long message is read. The recognisers slow down sharply with length
 * (the currency model took 4 s on 1,000 characters of digit soup), and a chat turn that names an
 * amount or a date does so well within this.
 */
const MAX_TEXT_LENGTH = 300;

/** `defaultCurrency`: ISO 4217 code of the bank's currency, what "dollars" means for a Canadian bank. */
export type ExtractOptions = RecognizeOptions & { readonly defaultCurrency?: string };

/**
 * Extracts the entities of one utterance, relative to `options.now` in `options.timeZone`.
 * `ordinal` counts from 1; positions from the end are negative ("the last one" -> -1,
 * "second to last" -> -2). Amounts and dates never reappear in `numbers`. Reads the first 300
 * characters. Throws only on an unknown `timeZone` (a configuration error), never because of
 * what the customer typed.
 *
 * @example
 * extractEntities('was the $42.10 at Starbucks last Tuesday me?', {
 *   locale: 'en-US', timeZone: 'America/New_York', now: new Date('2026-11-21T15:00:00Z'),
 * });
 * // { amounts: [{ minor: 4210, currency: 'USD', text: '$42.10' }], numbers: [],
 * //   dateRange: { from: '2026-11-17', to: '2026-11-17', text: 'last Tuesday' } }
 */
export function extractEntities(text: string, options: ExtractOptions): Entities {
  const culture = entityCulture(options.locale);
  const clock = wallClock(options.now, options.timeZone);
  const clipped = text.length > MAX_TEXT_LENGTH ? text.slice(0, MAX_TEXT_LENGTH) : text;
  const prepared = lowerSameLength(clipped);
  const defaultCurrency = options.defaultCurrency?.toUpperCase();

  const numberHits = findNumbers(prepared, culture);
  const currencyHits = findCurrencies(prepared, culture, numberHits);
  const { amounts, spans } = findAmounts(clipped, prepared, currencyHits, numberHits, defaultCurrency);

  const { dateRange, hits: dateHits } = findDateEntities(clipped, prepared, culture, clock);

  // Durations and times count too: "wait a second" is not choice 2, "at 5pm" not the number 5.
  const taken = [...spans, ...dateHits];
  const ordinalHits = findOrdinals(prepared, culture);
  const ordinal = chooseOrdinal(prepared, ordinalHits, taken);
  const accountKind = findAccountKind(clipped, culture.language);
  const entities: { -readonly [K in keyof Entities]: Entities[K] } = {
    amounts,
    numbers: plainNumbers(prepared, numberHits, ordinalHits, taken),
  };
  if (dateRange !== undefined) entities.dateRange = dateRange;
  if (ordinal !== undefined) entities.ordinal = ordinal;
  if (accountKind !== undefined) entities.accountKind = accountKind;
  return entities;
}

/**
 * V8 compiles each regular expression separately for one-byte (Latin-1) and two-byte strings, so
 * the warm-up runs both kinds: "€" and "’" make a string two-byte.
 */
const WARM_UP_TEXTS = {
  en: [
    'the second $42.10 charge, 20 dollars, at 3pm last Tuesday',
    'the second €42.10 charge, that’s 20 dollars last Tuesday',
  ],
  es: [
    'el segundo cargo de 42,10 euros, 20 dólares, el martes pasado a las 3',
    'el segundo cargo de 42,10 € del martes pasado',
  ],
};

/**
 * Builds every recogniser model the given locales need (one to three seconds per culture), so
 * the first customer turns after start-up do not pay for it.
 */
export function warmUpEntities(locales: readonly string[]): void {
  for (const warm of warmUpJobs(locales)) warm();
}

const warmUpJobs = (locales: readonly string[]): (() => void)[] =>
  locales.flatMap((locale) =>
    WARM_UP_TEXTS[entityCulture(locale).language].map(
      (text) => () => void extractEntities(text, { locale, now: new Date(), timeZone: 'UTC' }),
    ),
  );

/**
 * The same warm-up off the start-up path: it begins `delayMs` after the call, one text per
 * event-loop turn, so a server listens at once and answers requests in between. A text turn that
 * arrives first builds the models it needs itself (slower, still correct). Does not keep a
 * process alive.
 */
export function warmUpEntitiesInBackground(locales: readonly string[], delayMs: number): void {
  const jobs = warmUpJobs(locales);
  const next = (): void => {
    jobs.shift()?.();
    if (jobs.length > 0) setImmediate(next).unref();
  };
  setTimeout(next, delayMs).unref();
}
