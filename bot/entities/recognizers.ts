/**
 * The only file that calls @microsoft/recognizers-text. Its results are loosely typed
 * (`resolution: {[key: string]: any}`), so every field is checked here and the rest of
 * bot/entities sees small typed hits with offsets into the original text.
 *
 * Why the suite's `recognizeX` functions rather than held models: the suite only exports those
 * functions, they reuse models from the recogniser's static model cache (no rebuild per call),
 * and held models would mean importing three undeclared transitive packages for a few percent.
 */
import {
  recognizeCurrency,
  recognizeDateTime,
  recognizeNumber,
  recognizeOrdinal,
} from '@microsoft/recognizers-text-suite';
import { currencyWindows } from './currency-windows.js';
import type { EntityCulture } from './culture.js';
import type { Span } from './text.js';
import { withFields } from '../objects.js';

export interface NumberHit extends Span {
  /** Plain decimal string with a '.' separator ('42.1', '-3', '1500000', or '2E-06' for tiny values). */
  readonly value: string;
}

export interface CurrencyHit extends Span {
  /** Absent when the recogniser saw a currency word without a number ("a dollar"). */
  readonly value?: string;
  /** The recogniser's unit name: 'Dollar', 'Euro', 'British pound', 'Cent', 'Dólar'... */
  readonly unit: string;
  /** ISO 4217 code when the recogniser knew one. */
  readonly isoCurrency?: string;
}

export interface OrdinalHit extends Span {
  /** 0 is what the recogniser returns for "last" / "next". */
  readonly value: number;
}

export interface DateValue {
  readonly type: string;
  readonly timex?: string;
  readonly mod?: string;
  readonly value?: string;
  readonly start?: string;
  readonly end?: string;
}

export interface DateHit extends Span {
  readonly values: readonly DateValue[];
}

interface RawResult {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly resolution: Readonly<Record<string, unknown>>;
}

function field(record: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Keeps results whose offsets really cover their text in `prepared` (the lower-cased utterance):
 * a result that does not line up is dropped rather than trusted.
 */
function aligned(results: readonly RawResult[], prepared: string): RawResult[] {
  return results.filter(
    (result) =>
      Number.isInteger(result.start) &&
      Number.isInteger(result.end) &&
      result.resolution !== null &&
      typeof result.resolution === 'object' &&
      prepared.slice(result.start, result.end + 1) === result.text,
  );
}

function span(result: RawResult): Span {
  return { start: result.start, end: result.end + 1 };
}

/** Spanish resolutions use a decimal comma ('42,1'); everything downstream wants '42.1'. */
function decimal(value: string | undefined): string | undefined {
  if (value === undefined || !/^-?\d+(?:[.,]\d+)?(?:e[+-]?\d+)?$/i.test(value)) return undefined;
  return value.replace(',', '.');
}

export function findNumbers(prepared: string, culture: EntityCulture): NumberHit[] {
  return aligned(recognizeNumber(prepared, culture.code), prepared).flatMap((result) => {
    const value = decimal(field(result.resolution, 'value'));
    return value === undefined ? [] : [withFields(span(result), { value })];
  });
}

/**
 * Currencies near the first few of the given numbers. Every currency amount contains a number,
 * and the currency model slows down sharply with length and with symbols (15 ms on a
 * 50-character Spanish sentence, 3 ms on "42,10 €", 0.9 s on 300 characters of "1$ 2$ 3$..."),
 * so it only reads a few words either side of each number.
 */
export function findCurrencies(
  prepared: string,
  culture: EntityCulture,
  near: readonly Span[],
): CurrencyHit[] {
  return currencyWindows(prepared, near).flatMap(({ start: offset, end }) => {
    const window = prepared.slice(offset, end);
    return aligned(recognizeCurrency(window, culture.code), window).flatMap((result) => {
      const unit = field(result.resolution, 'unit');
      if (unit === undefined) return [];
      const value = decimal(field(result.resolution, 'value'));
      const isoCurrency = field(result.resolution, 'isoCurrency') || undefined;
      return [{ start: result.start + offset, end: result.end + 1 + offset, unit, value, isoCurrency }];
    });
  });
}

export function findOrdinals(prepared: string, culture: EntityCulture): OrdinalHit[] {
  return aligned(recognizeOrdinal(prepared, culture.code), prepared).flatMap((result) => {
    const value = Number(decimal(field(result.resolution, 'value')));
    return Number.isSafeInteger(value) ? [withFields(span(result), { value })] : [];
  });
}

/** `reference` must carry the customer's wall-clock time in its local fields: the recogniser reads those. */
export function findDates(prepared: string, culture: EntityCulture, reference: Date): DateHit[] {
  return aligned(recognizeDateTime(prepared, culture.code, undefined, reference), prepared).flatMap(
    (result) => {
      const raw = result.resolution['values'];
      if (!Array.isArray(raw)) return [];
      const values = raw.flatMap((item: unknown): DateValue[] => {
        if (item === null || typeof item !== 'object') return [];
        const record: Readonly<Record<string, unknown>> = Object.fromEntries(Object.entries(item));
        const type = field(record, 'type');
        if (type === undefined) return [];
        const [timex, mod, value, start, end] = ['timex', 'Mod', 'value', 'start', 'end'].map((key) =>
          field(record, key),
        );
        return [{ type, timex, mod, value, start, end }];
      });
      return values.length > 0 ? [withFields(span(result), { values })] : [];
    },
  );
}
