import type { CustomerProfile, Merchant } from '../../../bot/ports/bank.port.js';
import type { SandboxAccountFixture, SandboxCardFixture } from './fixture.js';
import type { SandboxStepUp } from './step-up.js';

/** Signed minor units: a fixed amount or an inclusive [min, max] range. Negative is money leaving. */
export type AmountSpec = number | readonly [number, number];

export type Schedule =
  /** Any day, with this probability. */
  | { readonly every: 'day'; readonly chance: number }
  /** On these weekdays (0 = Sunday), with this probability (default 1). */
  | { readonly every: 'week'; readonly weekdays: readonly number[]; readonly chance?: number }
  /** On these days of the month; 31 means the month's last day. */
  | { readonly every: 'month'; readonly days: readonly number[] };

/** A habit: who is paid, how much, how often, when in the day, from which account and card. */
export interface SpendPattern {
  readonly merchant: Merchant;
  readonly accountId: string;
  readonly cardId?: string;
  readonly amount: AmountSpec;
  readonly schedule: Schedule;
  /** Local hours [from, to): the transaction happens at a random minute in between. */
  readonly hours: readonly [number, number];
  /** The other leg of a move between the customer's own accounts: same amount, opposite sign. */
  readonly transfer?: { readonly accountId: string; readonly merchant: Merchant };
}

/** A transaction placed on purpose, relative to today, so demos can rely on it. */
export interface PinnedTransaction {
  readonly daysAgo: number;
  /** Local wall-clock time, minutes after midnight. */
  readonly minuteOfDay: number;
  readonly merchant: Merchant;
  readonly accountId: string;
  readonly cardId?: string;
  readonly amountMinor: number;
}

/**
 * A demo customer before their history is generated. `cushionMinor` is the lowest the balance
 * gets over the window (deposit accounts) or the least that is owed (credit), so the generated
 * history never overdraws nor pays a card into credit.
 */
export interface Persona {
  readonly profile: CustomerProfile;
  readonly accounts: readonly (Omit<SandboxAccountFixture, 'balanceMinor'> & {
    readonly cushionMinor: number;
  })[];
  readonly cards: readonly SandboxCardFixture[];
  readonly patterns: readonly SpendPattern[];
  readonly pinned: readonly PinnedTransaction[];
  readonly stepUp?: SandboxStepUp;
}

// Shorthands that keep a persona file a readable table.

export function merchant(name: string, descriptor: string, category: string): Merchant {
  return { name, descriptor, category };
}

export const daily = (chance: number): Schedule => ({ every: 'day', chance });
export const weekly = (weekdays: readonly number[], chance = 1): Schedule => ({
  every: 'week',
  weekdays,
  chance,
});
export const monthly = (...days: number[]): Schedule => ({ every: 'month', days });

/** A pattern builder for one account (and card, for card payments). */
export function payments(accountId: string, cardId?: string) {
  return (
    merchant: Merchant,
    amount: AmountSpec,
    schedule: Schedule,
    hours: readonly [number, number],
  ): SpendPattern => ({
    merchant,
    accountId,
    ...(cardId === undefined ? {} : { cardId }),
    amount,
    schedule,
    hours,
  });
}

/** A move between two of the customer's own accounts, one leg on each. */
export function transfer(
  from: string,
  to: string,
  legs: readonly [Merchant, Merchant],
  amount: AmountSpec,
  schedule: Schedule,
  hours: readonly [number, number],
): SpendPattern {
  return {
    merchant: legs[0],
    accountId: from,
    amount,
    schedule,
    hours,
    transfer: { accountId: to, merchant: legs[1] },
  };
}

/** A pinned transaction `daysAgo` days before today at local time `at` ('HH:MM'). */
export function pin(
  daysAgo: number,
  at: `${number}:${number}`,
  accountId: string,
  cardId: string | undefined,
  merchant: Merchant,
  amountMinor: number,
): PinnedTransaction {
  const [hours = 0, minutes = 0] = at.split(':').map(Number);
  return {
    daysAgo,
    minuteOfDay: hours * 60 + minutes,
    merchant,
    accountId,
    ...(cardId ? { cardId } : {}),
    amountMinor,
  };
}
