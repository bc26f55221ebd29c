import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { extractEntities } from '../../../bot/entities/extract.js';
import type { Entities } from '../../../bot/recognition.js';

const locales = fc.constantFrom('en-US', 'en-GB', 'es-ES');
const zones = fc.constantFrom(
  'America/New_York',
  'Europe/London',
  'Europe/Madrid',
  'Pacific/Kiritimati',
  'UTC',
);
const instants = fc.date({
  min: new Date('2000-01-01T00:00:00Z'),
  max: new Date('2040-12-31T23:59:59Z'),
  noInvalidDate: true,
});

/** The customer's calendar day, computed independently of the code under test. */
function todayIn(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

function assertWellFormed(entities: Entities, text: string, today: string): void {
  for (const amount of entities.amounts) {
    assert.ok(Number.isSafeInteger(amount.minor) && amount.minor >= 0, `minor ${amount.minor}`);
    assert.ok(
      amount.currency === undefined || /^[A-Z]{3}$/.test(amount.currency),
      `currency ${amount.currency}`,
    );
    assert.ok(text.includes(amount.text), 'amount text comes from the utterance');
  }
  for (const number of entities.numbers) assert.ok(Number.isFinite(number));
  assert.ok(entities.ordinal === undefined || Number.isSafeInteger(entities.ordinal));
  const range = entities.dateRange;
  if (range) {
    assert.match(range.from, /^\d{4}-\d{2}-\d{2}$/);
    assert.match(range.to, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(range.from <= range.to && range.to <= today, `${range.from}..${range.to} after ${today}`);
    assert.ok(text.includes(range.text), 'range text comes from the utterance');
  }
}

const digitSoup = fc
  .array(fc.constantFrom(...'0123456789.,$€£¥ -/:%#'), { maxLength: 400 })
  .map((chars) => chars.join(''));

const bankingWords = fc
  .array(
    fc.constantFrom(
      ...'$42.10 £12 12,50 € 42 dollars bucks quid forty two hundred million cents the second last one number 3 first'.split(
        ' ',
      ),
      ...'yesterday today last next tuesday week month october since from to march 3rd 1 15 november past 30 days'.split(
        ' ',
      ),
      ...'ayer martes pasado semana mes el del al de euros doce céntimos segundo último visa savings checking'.split(
        ' ',
      ),
    ),
    { maxLength: 40 },
  )
  .map((words) => words.join(' '));

describe('extractEntities on any input', () => {
  it('never throws and returns well-formed entities for arbitrary unicode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), locales, (text, locale) => {
        const now = new Date('2026-11-21T15:00:00Z');
        assertWellFormed(extractEntities(text, { locale, timeZone: 'UTC', now }), text, todayIn(now, 'UTC'));
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on digit soup and keeps every amount a safe integer', () => {
    fc.assert(
      fc.property(
        digitSoup,
        locales,
        fc.option(fc.constantFrom('USD', 'JPY', 'BHD', 'EUR')),
        (text, locale, currency) => {
          const now = new Date('2026-11-21T15:00:00Z');
          const options = {
            locale,
            timeZone: 'UTC',
            now,
            ...(currency ? { defaultCurrency: currency } : {}),
          };
          assertWellFormed(extractEntities(text, options), text, todayIn(now, 'UTC'));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('handles messages of up to 10,000 characters', () => {
    const long = fc.string({ unit: 'binary', minLength: 2_000, maxLength: 10_000 });
    fc.assert(
      fc.property(long, locales, (text, locale) => {
        const now = new Date('2026-11-21T15:00:00Z');
        assertWellFormed(extractEntities(text, { locale, timeZone: 'UTC', now }), text, todayIn(now, 'UTC'));
      }),
      { numRuns: 15 },
    );
  });

  it('never returns a date range after today, whatever the day and time zone', () => {
    fc.assert(
      fc.property(bankingWords, locales, zones, instants, (text, locale, timeZone, now) => {
        assertWellFormed(extractEntities(text, { locale, timeZone, now }), text, todayIn(now, timeZone));
      }),
      { numRuns: 150 },
    );
  });
});
