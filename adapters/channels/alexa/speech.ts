import { currencyNameFormat, dayIn, plainNumberFormat } from '../../../bot/intl-cache.js';
import { toDecimalString, type Money } from '../../../bot/money.js';
import type { RenderOptions } from '../../../bot/render-text.js';
import type { Phrase } from '../../../bot/reply.js';

/** A piece of speech: words to escape, or SSML markup already well formed. */
export type SpeechAtom = { readonly text: string } | { readonly ssml: string };

const WORDS: Readonly<Record<string, readonly [string, string, string, string]>> = {
  USD: ['dollar', 'dollars', 'cent', 'cents'],
  GBP: ['pound', 'pounds', 'penny', 'pence'],
  EUR: ['euro', 'euros', 'cent', 'cents'],
};

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
const XML_SPECIAL = /[&<>"']/;
const XML_SPECIALS = /[&<>"']/g;

export function escapeXml(text: string): string {
  return XML_SPECIAL.test(text) ? text.replace(XML_SPECIALS, (c) => ENTITIES[c] ?? c) : text;
}

/** Locales whose numbers are Latin digits grouped by three, never grouping a number under 1,000. */
const PLAIN_ENGLISH = /^en(?:-[A-Z]{2})?$/;

/** `units` with "," between groups of three digits: "1234567" -> "1,234,567". */
function commaGrouped(units: string): string {
  let out = units.slice(0, units.length % 3 || 3);
  for (let i = out.length; i < units.length; i += 3) out += `,${units.slice(i, i + 3)}`;
  return out;
}

/** Longest run of digits the by-threes check covers. */
const PROBED_DIGITS = 22;
/** A number of each length from 4 to PROBED_DIGITS digits: grouping depends on the count alone. */
const PROBES = Array.from({ length: PROBED_DIGITS - 3 }, (_, index) =>
  '1234567890'.repeat(3).slice(0, index + 4),
);
/** Per locale: whether its plain number format is `commaGrouped` (asked of Intl once, for every length). */
const groupsByThrees = new Map<string, boolean>();

function groupsByThree(locale: string): boolean {
  let known = groupsByThrees.get(locale);
  if (known === undefined) {
    const format = plainNumberFormat(locale);
    known = PROBES.every((probe) => format(probe) === commaGrouped(probe));
    groupsByThrees.set(locale, known);
  }
  return known;
}

/** `units` (digits, no sign, no leading zero) grouped the locale's way: a number under 1,000 has nothing to group. */
function groupedUnits(units: string, locale: string): string {
  if (units.length <= 3 && PLAIN_ENGLISH.test(locale)) return units;
  return units.length <= PROBED_DIGITS && groupsByThree(locale)
    ? commaGrouped(units)
    : plainNumberFormat(locale)(units);
}

/**
 * Money as a person says it: `$1,234.56` -> "1,234 dollars and 56 cents", `-£5.00` -> "minus 5
 * pounds". Currencies without English words use the locale's currency name.
 */
export function spokenMoney(value: Money, locale: string): string {
  const decimal = toDecimalString(value).replace('-', '');
  const sign = value.minor < 0 ? 'minus ' : '';
  const words = WORDS[value.currency];
  if (!words || !locale.startsWith('en'))
    return `${sign}${currencyNameFormat(locale, value.currency)(decimal)}`;
  const dot = decimal.indexOf('.');
  const units = dot < 0 ? decimal : decimal.slice(0, dot);
  const fraction = dot < 0 ? '' : decimal.slice(dot + 1);
  const major = `${groupedUnits(units, locale)} ${units === '1' ? words[0] : words[1]}`;
  const minor = Number(fraction || '0');
  if (minor === 0) return `${sign}${major}`;
  const minorWords = `${minor} ${minor === 1 ? words[2] : words[3]}`;
  return units === '0' ? `${sign}${minorWords}` : `${sign}${major} and ${minorWords}`;
}

/** A day ("November 18th") through say-as; an instant is first placed in the customer's zone. */
export function spokenDate(iso: string, options: RenderOptions): SpeechAtom {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : dayIn(new Date(iso), options.timeZone);
  return { ssml: `<say-as interpret-as="date">????${day.slice(5, 7)}${day.slice(8, 10)}</say-as>` };
}

const PAUSES = /[()•]/;
/** Exactly the characters `\s` matches. */
const SPACE = /\s/;

function isSpace(code: number): boolean {
  if (code === 32) return true;
  // Every \s character is a control under 0x21 or at least U+00A0.
  return (code < 33 || code >= 0xa0) && SPACE.test(String.fromCharCode(code));
}

/** Where the run of `\s` characters starting at `from` ends. */
function spaceEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length && isSpace(text.charCodeAt(end))) end += 1;
  return end;
}

/** Whether a character comes right after a ")" that is then dropped (`[.,?!:;]`). */
function isStop(code: number): boolean {
  // . , ? ! : ;
  return code === 46 || code === 44 || code === 63 || code === 33 || code === 58 || code === 59;
}

const OPEN = 40; // (
const CLOSE = 41; // )
const BULLET = 0x2022; // •

/**
 * "(••6789)" reads as ", ending in 6 7 8 9,". In one pass, the same as these in turn:
 * `replace(/\s*\(/g, ', ')`, `replace(/\)(?=[.,?!:;])/g, '')`, `replace(/\)/g, ',')`, `replace(/•/g, '')`.
 */
export function spokenText(part: string): string {
  if (!PAUSES.test(part)) return part;
  let out = '';
  let from = 0;
  for (let i = 0; i < part.length; i += 1) {
    const code = part.charCodeAt(i);
    if (code === OPEN) {
      let start = i;
      while (start > from && isSpace(part.charCodeAt(start - 1))) start -= 1;
      out += `${part.slice(from, start)}, `;
      from = i + 1;
    } else if (code === CLOSE) {
      out += part.slice(from, i);
      from = i + 1;
      // What follows in the text after the first replace: ", " when spaces then "(" come next.
      const next = part.charCodeAt(i + 1);
      const dropped =
        isStop(next) || next === OPEN || (isSpace(next) && part.charCodeAt(spaceEnd(part, i + 1)) === OPEN);
      if (!dropped) out += ',';
    } else if (code === BULLET) {
      out += part.slice(from, i);
      from = i + 1;
    }
  }
  return from === 0 ? part : out + part.slice(from);
}

const MASKED_DIGITS = /^[•*x.\s]*(\d{2,6})$/i;

/**
 * A phrase as speech; neighbouring words are joined first so "(" and ")" read as pauses across parts.
 * Appends to `atoms` (a new list when none is given) and returns it.
 */
export function phraseAtoms(phrase: Phrase, options: RenderOptions, atoms: SpeechAtom[] = []): SpeechAtom[] {
  // Words not yet appended: joined first, so "(" and ")" read as pauses across parts.
  let words: string | undefined;
  for (const part of phrase) {
    let text: string;
    if (typeof part === 'string') text = part;
    else if (part.kind === 'money') text = spokenMoney(part.value, options.locale);
    else if (part.kind === 'date') {
      if (words !== undefined) atoms.push({ text: spokenText(words) });
      words = undefined;
      atoms.push(spokenDate(part.iso, options));
      continue;
    } else {
      const digits = part.sensitivity === 'accountNumber' ? MASKED_DIGITS.exec(part.value)?.[1] : undefined;
      if (digits) {
        atoms.push({ text: spokenText(words === undefined ? 'ending in ' : `${words}ending in `) });
        words = undefined;
        atoms.push({ ssml: `<say-as interpret-as="digits">${digits}</say-as>` });
        continue;
      }
      text = part.value;
    }
    words = words === undefined ? text : words + text;
  }
  if (words !== undefined) atoms.push({ text: spokenText(words) });
  return atoms;
}

/** "a, b, or c". */
export function spokenList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  if (items.length === 2) return `${items[0]} or ${items[1]}`;
  return `${items.slice(0, -1).join(', ')}, or ${items.at(-1)}`;
}

const SPEAK_OPEN = '<speak>';
const SPEAK_CLOSE = '</speak>';
/**
 * Whether `replace(/\s+/g, ' ')` would leave a trimmed text as it is: no whitespace but single
 * " ". One pass over char codes; the regex test it replaces scanned four alternatives at every
 * position (about 4% of a balance turn).
 */
function hasSingleSpacesOnly(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c > 32 && c < 0xa0) continue;
    if (c === 32) {
      if (i + 1 < text.length && isSpace(text.charCodeAt(i + 1))) return false;
    } else if (isSpace(c)) return false;
  }
  return true;
}

/**
 * `<speak>…</speak>` of at most `limit` characters: atoms are escaped and appended until the next
 * would not fit; words are then cut at a space, so no tag or entity is ever split.
 */
export function toSsml(atoms: readonly SpeechAtom[], limit: number): string {
  let budget = limit - SPEAK_OPEN.length - SPEAK_CLOSE.length;
  let body = '';
  for (const atom of atoms) {
    const text = 'text' in atom ? atom.text : undefined;
    const piece = text === undefined ? (atom as { readonly ssml: string }).ssml : escapeXml(text);
    if (piece.length <= budget) {
      body += piece;
      budget -= piece.length;
      continue;
    }
    if (text !== undefined) {
      const cut = piece.lastIndexOf(' ', budget);
      if (cut > 0) body += piece.slice(0, cut);
    }
    break;
  }
  // Spaces trimmed and collapsed (trimming first gives the same text); most bodies have nothing
  // to collapse, so that copy is skipped then.
  const trimmed = body.trim();
  const spoken = hasSingleSpacesOnly(trimmed) ? trimmed : trimmed.replace(/\s+/g, ' ');
  return SPEAK_OPEN + spoken + SPEAK_CLOSE;
}
