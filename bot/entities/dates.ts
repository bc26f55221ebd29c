import type { DateRangeEntity } from '../recognition.js';
import { recognizerReference, type WallClock } from './calendar.js';
import type { EntityCulture } from './culture.js';
import { mayContainDate } from './date-gate.js';
import { plausibleDates, resolveDateRange } from './date-range.js';
import { rewriteForDates } from './date-workarounds.js';
import { findDates, type DateHit } from './recognizers.js';

export interface DatesFound {
  readonly dateRange?: DateRangeEntity;
  /** Every date, time and duration found, so their numbers are not read as choices. */
  readonly hits: readonly DateHit[];
}

/**
 * Runs the date recogniser (unless the gate shows the text cannot hold a date) and resolves the
 * first usable date into a range. `useGate: false` exists for the test that proves the gate
 * never changes the answer.
 */
export function findDateEntities(
  text: string,
  prepared: string,
  culture: EntityCulture,
  clock: WallClock,
  useGate = true,
): DatesFound {
  if (useGate && !mayContainDate(text)) return { hits: [] };
  const found = findDates(rewriteForDates(prepared, culture.language), culture, recognizerReference(clock));
  const hits = plausibleDates(found, text, culture.language);
  const dateRange = resolveDateRange(hits, text, clock.today, culture.language);
  return dateRange === undefined ? { hits } : { dateRange, hits };
}
