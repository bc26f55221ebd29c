/** Calendar days (YYYY-MM-DD) in a customer's time zone, without a date library. */
import { dateFormat } from '../../../bot/intl-cache.js';

const DAY_MS = 86_400_000;
function formatter(timeZone: string): Intl.DateTimeFormat {
  return dateFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** Wall-clock fields of an instant in a time zone. */
function wallClock(instant: number, timeZone: string): Record<string, number> {
  const fields: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return fields;
}

function exactOffsetMs(instant: number, timeZone: string): number {
  const f = wallClock(instant, timeZone);
  const asUtc = Date.UTC(
    f.year ?? 0,
    (f.month ?? 1) - 1,
    f.day ?? 1,
    f.hour ?? 0,
    f.minute ?? 0,
    f.second ?? 0,
  );
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

// Offsets by zone and UTC day, null on a day with a DST change: formatToParts is slow, and
// building the demo history asks thousands of times.
const dayOffsets = new Map<string, number | null>();

/** The zone's offset from UTC at an instant, in ms (New York in winter: -5 h). */
function offsetMs(instant: number, timeZone: string): number {
  const dayStart = Math.floor(instant / DAY_MS) * DAY_MS;
  const key = `${timeZone}|${dayStart}`;
  let offset = dayOffsets.get(key);
  if (offset === undefined) {
    const first = exactOffsetMs(dayStart, timeZone);
    offset = first === exactOffsetMs(dayStart + DAY_MS - 1000, timeZone) ? first : null;
    dayOffsets.set(key, offset);
  }
  return offset ?? exactOffsetMs(instant, timeZone);
}

function utcDay(day: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== day) {
    throw new RangeError('calendar: not a YYYY-MM-DD day');
  }
  return time;
}

export function isDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value);
}

/** The customer's calendar day of an instant. */
export function localDay(instant: Date | number, timeZone: string): string {
  const time = typeof instant === 'number' ? instant : instant.getTime();
  return new Date(time + offsetMs(time, timeZone)).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return new Date(utcDay(day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: string): number {
  return new Date(utcDay(day)).getUTCDay();
}

/** Day of the month, and how many days that month has. */
export function monthDay(day: string): { readonly day: number; readonly daysInMonth: number } {
  const date = new Date(utcDay(day));
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0));
  return { day: date.getUTCDate(), daysInMonth: last.getUTCDate() };
}

/** The instant at which the customer's wall clock shows `minuteOfDay` on `day`. */
export function zonedInstant(day: string, minuteOfDay: number, timeZone: string): number {
  const guess = utcDay(day) + minuteOfDay * 60_000;
  const first = guess - offsetMs(guess, timeZone);
  // Around a DST change the offset at the answer can differ from the offset at the guess.
  const second = guess - offsetMs(first, timeZone);
  return second;
}

/** First and last millisecond of the customer's day, both inclusive. */
export function dayBounds(day: string, timeZone: string): { readonly start: number; readonly end: number } {
  return { start: zonedInstant(day, 0, timeZone), end: zonedInstant(addDays(day, 1), 0, timeZone) - 1 };
}
