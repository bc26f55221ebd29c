import { extractEntities } from '../../../bot/entities/extract.js';
import { currencyExponent } from '../../../bot/money.js';
import type { AmountEntity } from '../../../bot/recognition.js';

/** Phrases that become slot references in samples, each list longest first. */
export interface SampleVocabulary {
  readonly merchants: readonly string[];
  readonly accounts: readonly string[];
  readonly comparisons: readonly string[];
  /** Data category words, for the consent intents only. */
  readonly categories?: readonly string[];
}

/** Any instant: only where amounts and dates are in a sentence matters, not what they resolve to. */
const REFERENCE = { locale: 'en-US', timeZone: 'UTC', now: new Date('2026-01-15T12:00:00Z') };

/** `text` with every regular-expression character escaped. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function wordPattern(phrases: readonly string[]): RegExp | undefined {
  if (phrases.length === 0) return undefined;
  return new RegExp(`(?<![\\p{L}\\p{N}'])(${phrases.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}'])`, 'u');
}

/** How an amount is said, as slots: "{amount} {currency} and {cents}", "{amount} {cents}", ... */
function amountSlots(amount: AmountEntity): string {
  const fraction = amount.minor % 10 ** currencyExponent(amount.currency ?? 'USD') !== 0;
  if (amount.currency) return fraction ? '{amount} {currency} and {cents}' : '{amount} {currency}';
  return fraction ? '{amount} {cents}' : '{amount}';
}

function replaceOnce(text: string, pattern: RegExp | undefined, slot: string): string {
  return pattern ? text.replace(pattern, slot) : text;
}

/**
 * A corpus sentence as an Alexa sample utterance: lower case, amounts / dates / merchants /
 * accounts replaced by slot references (when a vocabulary is given), and only what Alexa allows
 * (letters, spaces, apostrophes inside words). Sentences left with digits are dropped
 * (undefined): Alexa samples spell numbers out.
 *
 * @example
 * toSample('Show me payments over $100 last month', vocabulary);
 * // 'show me payments {comparison} {amount} {currency} {date}'
 */
export function toSample(utterance: string, vocabulary?: SampleVocabulary): string | undefined {
  let text = utterance.replace(/’/g, "'").toLowerCase();
  if (vocabulary) {
    const entities = extractEntities(utterance, REFERENCE);
    const [amount] = entities.amounts;
    const at = amount ? text.indexOf(amount.text.toLowerCase()) : -1;
    if (amount && at >= 0) {
      const before = text.slice(0, at);
      const comparison = wordPattern(vocabulary.comparisons)?.source;
      const prefix = comparison
        ? before.replace(new RegExp(`${comparison}\\s*$`, 'u'), '{comparison} ')
        : before;
      text = `${prefix}${amountSlots(amount)}${text.slice(at + amount.text.length)}`;
    }
    const date = entities.dateRange?.text.toLowerCase();
    if (date && text.includes(date)) text = text.replace(date, '{date}');
    text = replaceOnce(text, wordPattern(vocabulary.merchants), '{merchant}');
    text = replaceOnce(text, wordPattern(vocabulary.accounts), '{account}');
    text = replaceOnce(text, wordPattern(vocabulary.categories ?? []), '{category}');
  }
  const sample = text
    .replace(/[^\p{L}\p{N}\s'{}]/gu, ' ')
    .replace(/(?<!\p{L})'|'(?!\p{L})/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return sample && !/\p{N}/u.test(sample) ? sample : undefined;
}

/** The slot names a sample refers to. */
export function slotsOf(sample: string): string[] {
  return [...sample.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
}
