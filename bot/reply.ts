import type { Money } from './money.js';

/** What kind of customer data a part of a reply discloses. Channels decide what to show per class. */
export type Sensitivity = 'balance' | 'transaction' | 'accountNumber' | 'personal';

export interface MoneyPart {
  readonly kind: 'money';
  readonly value: Money;
  readonly sensitivity: Sensitivity;
}

/** A calendar day (YYYY-MM-DD) or an instant (ISO 8601), shown in the customer's locale and zone. */
export interface DatePart {
  readonly kind: 'date';
  readonly iso: string;
}

/** Any other sensitive text: a merchant name, a masked number, the customer's first name. */
export interface SensitiveTextPart {
  readonly kind: 'text';
  readonly value: string;
  readonly sensitivity: Sensitivity;
}

export type Part = string | MoneyPart | DatePart | SensitiveTextPart;
export type Phrase = readonly Part[];

export interface Choice {
  /** What the button shows and what a voice user can say. */
  readonly title: string;
  /** What comes back when tapped (Messenger payload, postback); the title is used when absent. */
  readonly value?: string;
}

export interface ListItem {
  readonly title: Phrase;
  readonly subtitle?: Phrase;
}

/**
 * One channel-neutral reply. Dialogs build it; each channel renders it natively (text bubble,
 * quick replies, template, SSML, card), applying its own limits and disclosure policy.
 */
export interface Reply {
  readonly text: Phrase;
  /** A voice variant when reading `text` aloud would be awkward. */
  readonly speech?: Phrase;
  readonly items?: readonly ListItem[];
  readonly choices?: readonly Choice[];
  /** True when the bot waits for an answer: voice channels keep the microphone open. */
  readonly expectsInput: boolean;
  /** Asks the customer to link their bank account: Alexa's LinkAccount card, Messenger's log-in button. */
  readonly linkAccount?: boolean;
}

/** Amount of money to show; `sensitivity` says whether it is a balance or a transaction detail. */
export function amount(value: Money, sensitivity: Sensitivity = 'transaction'): MoneyPart {
  return { kind: 'money', value, sensitivity };
}

export function day(iso: string): DatePart {
  return { kind: 'date', iso };
}

export function sensitive(value: string, sensitivity: Sensitivity = 'transaction'): SensitiveTextPart {
  return { kind: 'text', value, sensitivity };
}

/**
 * Tagged template that keeps interpolated money, dates and sensitive text as typed parts;
 * interpolated phrases are spliced in.
 *
 * @example
 * say`Your balance is ${amount(balance.current, 'balance')}.`
 */
export function say(strings: TemplateStringsArray, ...values: readonly (Part | Phrase | number)[]): Phrase {
  const parts: Part[] = [];
  for (let index = 0; index < strings.length; index++) {
    const chunk = strings[index];
    if (chunk) parts.push(chunk);
    const value = values[index];
    if (value === undefined) continue;
    if (typeof value === 'number') parts.push(String(value));
    else if (isPhrase(value)) for (let at = 0; at < value.length; at++) parts.push(value[at] as Part);
    else parts.push(value);
  }
  return parts;
}

function isPhrase(value: Part | Phrase): value is Phrase {
  return Array.isArray(value);
}

export interface ReplyExtras {
  readonly speech?: Phrase;
  readonly items?: readonly ListItem[];
  readonly choices?: readonly (Choice | string)[];
  readonly expectsInput?: boolean;
  readonly linkAccount?: boolean;
}

/** Builds a reply; a reply with choices expects input unless told otherwise. */
export function reply(text: Phrase | string, extras: ReplyExtras = {}): Reply {
  const choices = extras.choices?.map((choice) => (typeof choice === 'string' ? { title: choice } : choice));
  return {
    text: typeof text === 'string' ? [text] : text,
    ...(extras.speech ? { speech: extras.speech } : {}),
    ...(extras.items ? { items: extras.items } : {}),
    ...(choices ? { choices } : {}),
    expectsInput: extras.expectsInput ?? (choices !== undefined && choices.length > 0),
    ...(extras.linkAccount ? { linkAccount: true } : {}),
  };
}

/**
 * The sensitivity classes a reply shows (text and list items) and speaks (its speech, or what it
 * shows when it has no speech variant), each in the order they first appear.
 */
export interface ReplyClasses {
  readonly shown: ReadonlySet<Sensitivity>;
  readonly spoken: ReadonlySet<Sensitivity>;
}

function addClasses(found: Set<Sensitivity>, phrase: Phrase | undefined): void {
  if (phrase === undefined) return;
  for (let index = 0; index < phrase.length; index++) {
    const part = phrase[index] as Part;
    if (typeof part !== 'string' && 'sensitivity' in part) found.add(part.sensitivity);
  }
}

function addItemClasses(found: Set<Sensitivity>, items: readonly ListItem[] | undefined): void {
  if (items === undefined) return;
  for (const item of items) {
    addClasses(found, item.title);
    addClasses(found, item.subtitle);
  }
}

/*
 * Not memoized per reply: measured, a WeakMap entry per reply costs more (about 1 µs) than these
 * scans of a reply's few parts (0.1–0.3 µs), and a reply is scanned once or twice per turn.
 */

/** What the reply shows and what it speaks, in one pass over each phrase. */
export function classesOf(value: Reply): ReplyClasses {
  const shown = new Set<Sensitivity>();
  addClasses(shown, value.text);
  addItemClasses(shown, value.items);
  if (value.speech === undefined) return { shown, spoken: shown };
  const spoken = new Set<Sensitivity>();
  addClasses(spoken, value.speech);
  return { shown, spoken };
}

/** Every sensitivity class a reply discloses, for consent checks and audit. */
export function sensitivityOf(value: Reply): ReadonlySet<Sensitivity> {
  const found = new Set<Sensitivity>();
  addClasses(found, value.text);
  addClasses(found, value.speech);
  addItemClasses(found, value.items);
  return found;
}
