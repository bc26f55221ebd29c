import { findAccountKind } from '../../../bot/entities/account-kind.js';
import { currencyExponent } from '../../../bot/money.js';
import type { AccountKind } from '../../../bot/ports/bank.port.js';
import type { AmountEntity, Entities, Recognition } from '../../../bot/recognition.js';
import { parseAmazonDate } from './amazon-date.js';
import type { AlexaIntent, AlexaSlot } from './envelope.js';
import type { IntentMeaning } from './intent-names.js';
import {
  ACCOUNT_VALUES,
  CATEGORY_VALUES,
  COMPARISON_VALUES,
  CURRENCY_VALUES,
  valueIdOf,
  type SlotValue,
} from './slot-types.js';
import { withFields } from '../../../bot/objects.js';

/** The slot's spoken value and, when entity resolution matched, the resolved value. */
function read(slot: AlexaSlot | undefined): { spoken?: string; id?: string; name?: string } {
  const spoken = slot?.value?.trim() || undefined;
  const match = slot?.resolutions?.resolutionsPerAuthority.find((r) => r.status.code === 'ER_SUCCESS_MATCH')
    ?.values?.[0]?.value;
  return withFields(
    spoken ? { spoken } : {},
    match?.id ? { id: match.id } : {},
    match ? { name: match.name } : {},
  );
}

function resolved(slot: AlexaSlot | undefined, values: readonly SlotValue[]): string | undefined {
  const { spoken, id } = read(slot);
  if (id && values.some((value) => value.id === id)) return id;
  return spoken ? valueIdOf(values, spoken) : undefined;
}

/** Minor units said after the whole units, as exactly `exponent` digits ("5" cents -> "05"), or ''. */
function centsOf(slot: AlexaSlot | undefined, exponent: number): string {
  const cents = read(slot).spoken;
  return cents && /^\d+$/.test(cents) && Number(cents) < 10 ** exponent ? cents.padStart(exponent, '0') : '';
}

/** amount (whole units, or a decimal) + cents + currency -> integer minor units. */
function amountOf(slots: Record<string, AlexaSlot>): AmountEntity | undefined {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(read(slots.amount).spoken ?? '');
  if (!match) return undefined;
  const currency = resolved(slots.currency, CURRENCY_VALUES);
  const exponent = currencyExponent(currency ?? 'USD');
  const fraction = (match[2] ?? centsOf(slots.cents, exponent)).padEnd(exponent, '0');
  if (fraction.length > exponent) return undefined;
  const minor = Number(`${match[1]}${fraction}`);
  if (!Number.isSafeInteger(minor)) return undefined;
  const decimal = exponent > 0 ? `${match[1]}.${fraction}` : (match[1] ?? '');
  return { minor, ...(currency ? { currency } : {}), text: currency ? `${decimal} ${currency}` : decimal };
}

function positiveInteger(slot: AlexaSlot | undefined): number | undefined {
  const n = Number.parseInt(read(slot).spoken ?? '', 10);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

function accountKindOf(slot: AlexaSlot | undefined): AccountKind | undefined {
  const id = resolved(slot, ACCOUNT_VALUES);
  const known = ACCOUNT_VALUES.find((value) => value.id === id)?.id;
  const spoken = read(slot).spoken;
  return known ?? (spoken ? findAccountKind(spoken, 'en') : undefined);
}

/**
 * What Alexa understood, as bankbot's Recognition. Alexa sends slots, not words, so `text` is
 * rebuilt from the words the dialogs read: a code's digits (CodeIntent), the comparison ("over"),
 * the account as said ("debit card", matched to card and account names), "at <merchant>" (the
 * resolved name when entity resolution matched, else the words said, so an unknown merchant is
 * still reported by name) and the data category of a consent ("alerts").
 */
export function recognitionOf(
  intent: AlexaIntent | undefined,
  meaning: IntentMeaning,
  locale: string,
  today: string,
): Recognition {
  const slots = intent?.slots ?? {};
  const amount = amountOf(slots);
  const date = read(slots.date).spoken;
  const dateRange = date ? parseAmazonDate(date, today) : undefined;
  const ordinal = positiveInteger(slots.ordinal);
  // A code is read by the step-up question from `text`; as a number it can also pick an option.
  const code = /^\d+$/.test(read(slots.code).spoken ?? '') ? read(slots.code).spoken : undefined;
  const number = positiveInteger(slots.number) ?? positiveInteger(slots.code);
  const accountKind = accountKindOf(slots.account);
  const merchant = read(slots.merchant);
  const entities: Entities = {
    amounts: amount ? [amount] : [],
    numbers: number === undefined ? [] : [number],
    ...(dateRange ? { dateRange: withFields(dateRange, { text: date ?? '' }) } : {}),
    ...(ordinal === undefined ? {} : { ordinal }),
    ...(accountKind ? { accountKind } : {}),
  };
  const merchantName = merchant.name ?? merchant.spoken;
  const words = [
    code,
    amount ? resolved(slots.comparison, COMPARISON_VALUES) : undefined,
    read(slots.account).spoken,
    merchantName ? `at ${merchantName}` : undefined,
    resolved(slots.category, CATEGORY_VALUES),
  ];
  return {
    text: words.filter((word) => word !== undefined).join(' '),
    locale,
    intent: meaning.intent,
    score: meaning.score,
    intents: [{ intent: meaning.intent, score: meaning.score }],
    entities,
  };
}
