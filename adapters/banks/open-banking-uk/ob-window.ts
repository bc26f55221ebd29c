import type { TransactionQuery } from '../../../bot/ports/bank.port.js';
import { isDay } from '../sandbox/calendar.js';

const DAY_MS = 86_400_000;

function widened(bound: string | undefined, side: -1 | 1): string | undefined {
  if (bound === undefined) return undefined;
  const start = isDay(bound) ? Date.parse(`${bound}T00:00:00Z`) + (side > 0 ? DAY_MS : 0) : Date.parse(bound);
  return new Date(start + side * DAY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The `fromBookingDateTime` / `toBookingDateTime` filter sent to the ASPSP: a day wider than the
 * query on each side, because the standard has the ASPSP ignore time zones in these parameters.
 * The exact bounds (a bare day meaning the customer's local day) are applied to what comes back.
 */
export function bookingWindow(query: TransactionQuery): Record<string, string | undefined> {
  return { fromBookingDateTime: widened(query.from, -1), toBookingDateTime: widened(query.to, 1) };
}
