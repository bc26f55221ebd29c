import type { DateRangeEntity } from '../recognition.js';
import { addDays, isDay, type Day } from './calendar.js';
import type { Language } from './culture.js';
import type { DateHit, DateValue } from './recognizers.js';
import { foldText } from './text.js';

interface Range {
  readonly from: Day;
  readonly to: Day;
}

/** Stands for "up to now" in "since March 3" until the range is clamped at today. */
const OPEN_END = '9999-12-31';

const LAST_WEEKDAY: Record<Language, RegExp> = {
  en: /^last\s+(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/,
  es: /^(?:el\s+)?(?:pasado\s+)?(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo)(?:\s+pasado)?$/,
};

/**
 * Date hits that are really dates. Dropped: a bare "3" ("el 3" is far more often a choice in a
 * list than a day of the month) and Spanish "mi" ("my"), which the recogniser sometimes reads as
 * miércoles ("el pasado mi...").
 */
export function plausibleDates(hits: readonly DateHit[], text: string, language: Language): DateHit[] {
  return hits.filter((hit) => {
    const words = foldText(text.slice(hit.start, hit.end)).trim();
    return !/^\d{1,2}$/.test(words) && !(language === 'es' && /(?:^|\s)mi$/.test(words));
  });
}

function day(dateTime: string | undefined): Day | undefined {
  const candidate = dateTime?.slice(0, 10);
  return isDay(candidate) ? candidate : undefined;
}

/** One resolution candidate as inclusive days, before choosing among candidates and clamping. */
function toRange(value: DateValue): Range | undefined {
  if (value.timex?.endsWith('_REF')) return undefined; // "now", "recently": no calendar days
  if (value.timex && /PT\d+S\)$/.test(value.timex)) return undefined; // "the last second" is no period to search
  const start = day(value.start);
  const end = day(value.end);
  switch (value.type) {
    case 'date':
    case 'datetime': {
      const single = day(value.value);
      return single === undefined ? undefined : { from: single, to: single };
    }
    case 'daterange':
      // A daterange without a timex is the recogniser's broken fallback (the current month).
      if (value.timex === undefined || start === undefined) return undefined;
      if (value.mod === 'since') return { from: start, to: OPEN_END };
      if (value.mod === 'after') return { from: addDays(start, 1), to: OPEN_END };
      if (value.mod !== undefined || end === undefined) return undefined; // "before March 3": no start
      // "(2026-11-01,2026-11-15,P14D)" is an explicit from-to: customers mean the 15th included.
      // Named periods ("2026-W46", "2026-10") come with an exclusive end.
      return { from: start, to: value.timex.startsWith('(') ? end : addDays(end, -1) };
    case 'datetimerange': {
      if (start === undefined || end === undefined) return undefined;
      const endsAtMidnight = value.end?.endsWith('00:00:00') === true && end > start;
      return { from: start, to: endsAtMidnight ? addDays(end, -1) : end };
    }
    default:
      return undefined; // times, durations, sets
  }
}

/**
 * Turns the first usable date the recogniser found into inclusive days in the customer's
 * calendar. Where the recogniser offers candidates ("October" this year or next), the most recent
 * one that has started wins; ranges are clamped at today and a range wholly in the future
 * ("tomorrow", "next week") is dropped, since transactions cannot be there yet.
 *
 * "last Tuesday": the recogniser returns Tuesday of the previous week, customers mean the most
 * recent Tuesday before today, so the day moves a week forward when that is still in the past.
 */
export function resolveDateRange(
  hits: readonly DateHit[],
  text: string,
  today: Day,
  language: Language,
): DateRangeEntity | undefined {
  for (const hit of hits) {
    const hitText = text.slice(hit.start, hit.end);
    const started = hit.values
      .map(toRange)
      .filter((range): range is Range => range !== undefined && range.from <= today && range.from <= range.to)
      .sort((a, b) => (a.from < b.from ? 1 : a.from > b.from ? -1 : 0));
    let range = started[0];
    if (range === undefined) continue;
    const lastWeekday = LAST_WEEKDAY[language].test(foldText(hitText).trim().replace(/\s+/g, ' '));
    if (lastWeekday && range.from === range.to && addDays(range.from, 7) < today) {
      const moved = addDays(range.from, 7);
      range = { from: moved, to: moved };
    }
    return { from: range.from, to: range.to < today ? range.to : today, text: hitText };
  }
  return undefined;
}
