import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractEntities } from '../../../bot/entities/extract.js';
import type { DateRangeEntity } from '../../../bot/recognition.js';

/** Saturday 2026-11-21: 10:00 in New York, 15:00 in London, 16:00 in Madrid. */
const now = new Date('2026-11-21T15:00:00Z');

type Range = [from: string, to: string] | undefined;

function rangeOf(text: string, locale: string, timeZone: string, at = now): DateRangeEntity | undefined {
  return extractEntities(text, { locale, timeZone, now: at }).dateRange;
}

function table(locale: string, timeZone: string, cases: [string, Range][]): void {
  for (const [text, expected] of cases) {
    it(`reads ${JSON.stringify(text)} as ${expected ? expected.join('..') : 'no range'}`, () => {
      const range = rangeOf(text, locale, timeZone);
      assert.deepEqual(range && [range.from, range.to], expected);
    });
  }
}

describe('extractEntities dateRange (en-US, America/New_York)', () => {
  table('en-US', 'America/New_York', [
    ['what did I spend today', ['2026-11-21', '2026-11-21']],
    ['yesterday', ['2026-11-20', '2026-11-20']],
    ['was this charge me last Tuesday', ['2026-11-17', '2026-11-17']],
    ['last Saturday', ['2026-11-14', '2026-11-14']],
    ['the one on Monday', ['2026-11-16', '2026-11-16']],
    ['last week', ['2026-11-09', '2026-11-15']],
    ['this week', ['2026-11-16', '2026-11-21']],
    ['how much did I spend last month', ['2026-10-01', '2026-10-31']],
    ['this month', ['2026-11-01', '2026-11-21']],
    ['spending in October', ['2026-10-01', '2026-10-31']],
    ['October', ['2026-10-01', '2026-10-31']],
    ['in December', ['2025-12-01', '2025-12-31']],
    ['since March 3', ['2026-03-03', '2026-11-21']],
    ['in the last 30 days', ['2026-10-22', '2026-11-21']],
    ['over the past two weeks', ['2026-11-07', '2026-11-21']],
    ['from 1 to 15 November', ['2026-11-01', '2026-11-15']],
    ['from 15 to 30 November', ['2026-11-15', '2026-11-21']],
    ['November 3rd', ['2026-11-03', '2026-11-03']],
    ['between March 3 and March 10', ['2026-03-03', '2026-03-10']],
    ['yesterday afternoon', ['2026-11-20', '2026-11-20']],
    ['last night', ['2026-11-20', '2026-11-20']],
    ['last weekend', ['2026-11-14', '2026-11-15']],
    ['last year', ['2025-01-01', '2025-12-31']],
    ['3/11', ['2026-03-11', '2026-03-11']],
    ['tomorrow', undefined],
    ['next week', undefined],
    ['before March 3', undefined],
    ["what's my balance now", undefined],
    ['anything recently', undefined],
    ['show my transactions', undefined],
  ]);

  it('keeps the words the customer used as the range text', () => {
    assert.equal(
      rangeOf('Was This Charge Me Last Tuesday', 'en-US', 'America/New_York')?.text,
      'Last Tuesday',
    );
  });
});

describe('extractEntities dateRange (en-GB, Europe/London)', () => {
  table('en-GB', 'Europe/London', [
    ['3/11', ['2026-11-03', '2026-11-03']],
    ['on the 3rd of November', ['2026-11-03', '2026-11-03']],
    ['last Tuesday', ['2026-11-17', '2026-11-17']],
    ['over the last fortnight', ['2026-11-07', '2026-11-21']],
    ['what did I spend at Tesco yesterday', ['2026-11-20', '2026-11-20']],
  ]);
});

describe('extractEntities dateRange (es-ES, Europe/Madrid)', () => {
  table('es-ES', 'Europe/Madrid', [
    ['hoy', ['2026-11-21', '2026-11-21']],
    ['ayer', ['2026-11-20', '2026-11-20']],
    ['el martes pasado', ['2026-11-17', '2026-11-17']],
    ['la semana pasada', ['2026-11-09', '2026-11-15']],
    ['cuánto gasté el mes pasado', ['2026-10-01', '2026-10-31']],
    ['el año anterior', ['2025-01-01', '2025-12-31']],
    ['en octubre', ['2026-10-01', '2026-10-31']],
    ['desde el 3 de marzo', ['2026-03-03', '2026-11-21']],
    ['los últimos 30 días', ['2026-10-22', '2026-11-21']],
    ['del 1 al 15 de noviembre', ['2026-11-01', '2026-11-15']],
    ['mañana', undefined],
    ['el 3', undefined],
  ]);
});

describe('extractEntities dateRange and time zones', () => {
  const lateEvening = new Date('2026-11-21T03:00:00Z'); // 22:00 on Friday 20th in New York

  it('counts days in the customer time zone, not in UTC', () => {
    assert.deepEqual(rangeOf('today', 'en-US', 'America/New_York', lateEvening)?.from, '2026-11-20');
    assert.deepEqual(rangeOf('today', 'en-GB', 'Europe/London', lateEvening)?.from, '2026-11-21');
    assert.deepEqual(rangeOf('yesterday', 'en-US', 'America/New_York', lateEvening)?.from, '2026-11-19');
  });

  it('gives the same days whatever zone the server runs in', () => {
    const serverZone = process.env['TZ'];
    const results: unknown[] = [];
    try {
      for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC']) {
        process.env['TZ'] = zone;
        results.push(rangeOf('yesterday', 'en-US', 'America/New_York', lateEvening));
      }
    } finally {
      if (serverZone === undefined) delete process.env['TZ'];
      else process.env['TZ'] = serverZone;
    }
    assert.deepEqual(results[0], { from: '2026-11-19', to: '2026-11-19', text: 'yesterday' });
    assert.deepEqual(results[1], results[0]);
    assert.deepEqual(results[2], results[0]);
  });

  it('refuses an unknown time zone rather than guessing', () => {
    assert.throws(() => rangeOf('today', 'en-US', 'Mars/Olympus_Mons'), RangeError);
  });
});
