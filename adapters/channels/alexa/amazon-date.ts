import { dayIn } from '../../../bot/intl-cache.js';

/** A day range, both ends inclusive, as YYYY-MM-DD. */
export interface DayRange {
  readonly from: string;
  readonly to: string;
}

const DAY_MS = 86_400_000;

const toDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const msOf = (day: string): number => Date.parse(`${day}T00:00:00Z`);
const addDays = (day: string, days: number): string => toDay(msOf(day) + days * DAY_MS);
const pad = (n: number): string => String(n).padStart(2, '0');
const lastOfMonth = (year: number, month: number): string => toDay(Date.UTC(year, month, 0));

/** Monday of ISO week `week` of `year` (week 1 holds January 4th). */
function isoWeekMonday(year: number, week: number): string {
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  return toDay(jan4 - weekday * DAY_MS + (week - 1) * 7 * DAY_MS);
}

/** ISO year and week of a day. */
function isoWeekOf(day: string): { year: number; week: number } {
  const ms = msOf(day);
  const thursday = ms + (3 - ((new Date(ms).getUTCDay() + 6) % 7)) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  return { year, week: Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1 };
}

function rangeOf(value: string, today: string): DayRange | undefined {
  if (value === 'PRESENT_REF') return { from: today, to: today };
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return { from: value, to: value };
  let m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m) {
    const [year, month] = [Number(m[1]), Number(m[2])];
    if (month < 1 || month > 12) return undefined;
    return { from: `${m[1]}-${m[2]}-01`, to: lastOfMonth(year, month) };
  }
  if ((m = /^(\d{4})-W(\d{2})(-WE)?$/.exec(value))) {
    const monday = isoWeekMonday(Number(m[1]), Number(m[2]));
    return m[3]
      ? { from: addDays(monday, 5), to: addDays(monday, 6) }
      : { from: monday, to: addDays(monday, 6) };
  }
  if ((m = /^(\d{4})$/.exec(value))) return { from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
  if ((m = /^(\d{3})X$/.exec(value))) return { from: `${m[1]}0-01-01`, to: `${m[1]}9-12-31` };
  return undefined;
}

/**
 * The days an AMAZON.DATE value covers: a day, an ISO week ("2026-W46"), its weekend
 * ("2026-W46-WE"), a month, a year, a decade, or PRESENT_REF. A range running past `today` ends
 * today (nobody has transactions tomorrow). Seasons and unknown forms give undefined.
 *
 * @example
 * parseAmazonDate('2026-W47', '2026-11-21'); // { from: '2026-11-16', to: '2026-11-21' }
 */
export function parseAmazonDate(value: string, today: string): DayRange | undefined {
  const range = rangeOf(value.trim(), today);
  if (!range || Number.isNaN(msOf(range.from)) || Number.isNaN(msOf(range.to))) return undefined;
  return range.from <= today && range.to > today ? { from: range.from, to: today } : range;
}

/**
 * The AMAZON.DATE value Alexa sends for a range a customer named ("last week" -> "2026-W46"), or
 * undefined when Alexa has no value for it ("since Monday"). The inverse of parseAmazonDate.
 */
export function toAmazonDate(range: DayRange, today: string): string | undefined {
  const { from, to } = range;
  const ends = (full: string): boolean => to === full || (to === today && today < full && from <= today);
  if (from === to) return from;
  const [year, month] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  if (from.endsWith('-01-01') && ends(`${year}-12-31`)) return String(year);
  if (from.endsWith('-01') && ends(lastOfMonth(year, month))) return `${year}-${pad(month)}`;
  const week = isoWeekOf(from);
  const monday = isoWeekMonday(week.year, week.week);
  const name = `${week.year}-W${pad(week.week)}`;
  if (from === monday && ends(addDays(monday, 6))) return name;
  if (from === addDays(monday, 5) && to === addDays(monday, 6)) return `${name}-WE`;
  return undefined;
}

/** Today's date in a time zone, as YYYY-MM-DD (dayIn keeps each zone's answer for the second asked). */
export function todayIn(now: Date, timeZone: string): string {
  return dayIn(now, timeZone);
}
