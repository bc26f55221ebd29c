import type { Merchant } from '../../../bot/ports/bank.port.js';
import { addDays, monthDay, weekday, zonedInstant } from './calendar.js';
import type { SandboxCustomerFixture, SandboxTransactionFixture } from './fixture.js';
import type { AmountSpec, Persona, Schedule } from './persona.js';
import { createRandom, hashSeed, type Random } from './random.js';
import { withFields } from '../../../bot/objects.js';

/** How many days of history the sandbox holds, ending yesterday. */
export const HISTORY_DAYS = 90;
/** Card payments this many days old or newer are still pending. */
export const PENDING_DAYS = 2;

interface DayFacts {
  readonly weekday: number;
  readonly day: number;
  readonly daysInMonth: number;
}

function isScheduled(schedule: Schedule, facts: DayFacts, random: Random): boolean {
  switch (schedule.every) {
    case 'day':
      return random.chance(schedule.chance);
    case 'week':
      return schedule.weekdays.includes(facts.weekday) && random.chance(schedule.chance ?? 1);
    case 'month':
      return schedule.days.some((wanted) => Math.min(wanted, facts.daysInMonth) === facts.day);
  }
}

function drawAmount(spec: AmountSpec, random: Random, reserved: ReadonlySet<number>): number {
  const amount = typeof spec === 'number' ? spec : random.int(spec[0], spec[1]);
  // Pinned demo amounts must stay unique, or "which one?" demos would find a third match.
  return reserved.has(Math.abs(amount)) ? amount - Math.sign(amount) : amount;
}

/**
 * Generates the persona's history: the days before `today` (the customer's local day), each
 * day from its own seeded stream so a day's transactions do not change as the window moves.
 */
export function generateCustomer(persona: Persona, today: string, seed: number): SandboxCustomerFixture {
  const { profile } = persona;
  const reserved = new Set(persona.pinned.map((pin) => Math.abs(pin.amountMinor)));
  const transactions: SandboxTransactionFixture[] = [];
  const firstPendingDay = addDays(today, -PENDING_DAYS);
  const add = (
    day: string,
    minute: number,
    accountId: string,
    amountMinor: number,
    who: Merchant,
    cardId?: string,
  ) => {
    const pending = cardId !== undefined && day >= firstPendingDay;
    transactions.push({
      accountId,
      ...(cardId === undefined ? {} : { cardId }),
      status: pending ? 'pending' : 'booked',
      date: new Date(zonedInstant(day, minute, profile.timeZone)).toISOString(),
      amountMinor,
      merchant: who,
    });
  };

  for (let daysAgo = HISTORY_DAYS; daysAgo >= 1; daysAgo--) {
    const day = addDays(today, -daysAgo);
    const random = createRandom(hashSeed(seed, profile.id, day));
    const facts = { weekday: weekday(day), ...monthDay(day) };
    for (const pattern of persona.patterns) {
      if (!isScheduled(pattern.schedule, facts, random)) continue;
      const amount = drawAmount(pattern.amount, random, reserved);
      const minute = random.int(pattern.hours[0] * 60, pattern.hours[1] * 60 - 1);
      add(day, minute, pattern.accountId, amount, pattern.merchant, pattern.cardId);
      if (pattern.transfer) add(day, minute, pattern.transfer.accountId, -amount, pattern.transfer.merchant);
    }
  }
  for (const pin of persona.pinned) {
    add(
      addDays(today, -pin.daysAgo),
      pin.minuteOfDay,
      pin.accountId,
      pin.amountMinor,
      pin.merchant,
      pin.cardId,
    );
  }

  const accounts = persona.accounts.map(({ cushionMinor, ...account }) => {
    const booked = transactions
      .filter((tx) => tx.accountId === account.id && tx.status === 'booked')
      .sort((a, b) => a.date.localeCompare(b.date));
    let running = 0;
    let lowest = 0;
    let highest = 0;
    for (const tx of booked) {
      running += tx.amountMinor;
      lowest = Math.min(lowest, running);
      highest = Math.max(highest, running);
    }
    const opening = account.kind === 'credit' ? -cushionMinor - highest : cushionMinor - lowest;
    return withFields(account, { balanceMinor: opening + running });
  });
  return {
    profile,
    accounts,
    cards: persona.cards,
    transactions,
    ...(persona.stepUp ? { stepUp: persona.stepUp } : {}),
  };
}
