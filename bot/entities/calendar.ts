/**
 * Calendar days as 'YYYY-MM-DD' strings, which compare correctly as strings and carry no time
 * zone. All arithmetic goes through UTC so the server's own zone never shifts a day.
 */
import { dateFormat } from '../intl-cache.js';

/** A calendar day, 'YYYY-MM-DD'. */
export type Day = string;

/** The customer's wall clock at `now` in `timeZone`. */
export interface WallClock {
  readonly today: Day;
  readonly hour: number;
  readonly minute: number;
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  // Throws RangeError on an unknown zone: a misconfigured zone must not silently shift days.
  return dateFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}

export function wallClock(now: Date, timeZone: string): WallClock {
  const parts = new Map(
    formatterFor(timeZone)
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  const year = (parts.get('year') ?? '').padStart(4, '0');
  return {
    today: `${year}-${parts.get('month')}-${parts.get('day')}`,
    hour: Number(parts.get('hour')),
    minute: Number(parts.get('minute')),
  };
}

/**
 * The recogniser reads a reference date through its local-time getters, so it gets a Date whose
 * local fields show the customer's wall clock, whatever zone the server runs in.
 */
export function recognizerReference(clock: WallClock): Date {
  const [year, month, day] = clock.today.split('-').map(Number);
  const reference = new Date(year ?? 1970, (month ?? 1) - 1, day ?? 1, clock.hour, clock.minute);
  // A server-local DST gap can push the hour past midnight; noon keeps the day right.
  return reference.getDate() === day ? reference : new Date(year ?? 1970, (month ?? 1) - 1, day ?? 1, 12);
}

export function isDay(value: string | undefined): value is Day {
  return value !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value);
}

export function addDays(day: Day, days: number): Day {
  const [year, month, date] = day.split('-').map(Number);
  const shifted = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, (date ?? 1) + days));
  return shifted.toISOString().slice(0, 10);
}
