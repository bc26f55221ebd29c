import { dayIn, numberFormat } from '../../../bot/intl-cache.js';
import { toDecimalString, type Money } from '../../../bot/money.js';
import type { RenderOptions } from '../../../bot/render-text.js';
import type { Part, Phrase } from '../../../bot/reply.js';

/** A piece of speech: words to escape, or SSML markup already well formed. */
export type SpeechAtom = { readonly text: string } | { readonly ssml: string };

const WORDS: Readonly<Record<string, readonly [string, string, string, string]>> = {
  USD: ['dollar', 'dollars', 'cent', 'cents'],
  GBP: ['pound', 'pounds', 'penny', 'pence'],
  EUR: ['euro', 'euros', 'cent', 'cents'],
};

export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`,
  );
}

/**
 * Money as a person says it: `$1,234.56` -> "1,234 dollars and 56 cents", `-£5.00` -> "minus 5
 * pounds". Currencies without English words use the locale's currency name.
 */
export function spokenMoney(value: Money, locale: string): string {
  const decimal = toDecimalString(value).replace('-', '');
  const sign = value.minor < 0 ? 'minus ' : '';
  const words = WORDS[value.currency];
  if (!words || !locale.startsWith('en')) {
    const format = numberFormat(locale, {
      style: 'currency',
      currency: value.currency,
      currencyDisplay: 'name',
    });
    return `${sign}${(format.format as (n: string) => string)(decimal)}`;
  }
  const [units = '0', fraction = ''] = decimal.split('.');
  const grouped = (numberFormat(locale).format as (n: string) => string)(units);
  const major = `${grouped} ${units === '1' ? words[0] : words[1]}`;
  const minor = Number(fraction || '0');
  const minorWords = `${minor} ${minor === 1 ? words[2] : words[3]}`;
  if (minor === 0) return `${sign}${major}`;
  return units === '0' ? `${sign}${minorWords}` : `${sign}${major} and ${minorWords}`;
}

/** A day ("November 18th") through say-as; an instant is first placed in the customer's zone. */
export function spokenDate(iso: string, options: RenderOptions): SpeechAtom {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : dayIn(new Date(iso), options.timeZone);
  return { ssml: `<say-as interpret-as="date">????${day.slice(5, 7)}${day.slice(8, 10)}</say-as>` };
}

/** "(••6789)" reads as ", ending in 6 7 8 9,". */
function spokenText(part: string): string {
  return part
    .replace(/\s*\(/g, ', ')
    .replace(/\)(?=[.,?!:;])/g, '')
    .replace(/\)/g, ',')
    .replace(/•/g, '');
}

function atomOf(part: Part, options: RenderOptions): SpeechAtom[] {
  if (typeof part === 'string') return [{ text: part }];
  switch (part.kind) {
    case 'money':
      return [{ text: spokenMoney(part.value, options.locale) }];
    case 'date':
      return [spokenDate(part.iso, options)];
    case 'text': {
      const digits = /^[•*x.\s]*(\d{2,6})$/i.exec(part.value)?.[1];
      return part.sensitivity === 'accountNumber' && digits
        ? [{ text: 'ending in ' }, { ssml: `<say-as interpret-as="digits">${digits}</say-as>` }]
        : [{ text: part.value }];
    }
  }
}

/** A phrase as speech; neighbouring words are joined first so "(" and ")" read as pauses across parts. */
export function phraseAtoms(phrase: Phrase, options: RenderOptions): SpeechAtom[] {
  const atoms: SpeechAtom[] = [];
  for (const atom of phrase.flatMap((part) => atomOf(part, options))) {
    const last = atoms.at(-1);
    if ('text' in atom && last && 'text' in last) atoms[atoms.length - 1] = { text: last.text + atom.text };
    else atoms.push(atom);
  }
  return atoms.map((atom) => ('text' in atom ? { text: spokenText(atom.text) } : atom));
}

/** "a, b, or c". */
export function spokenList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  if (items.length === 2) return `${items[0]} or ${items[1]}`;
  return `${items.slice(0, -1).join(', ')}, or ${items.at(-1)}`;
}

/**
 * `<speak>…</speak>` of at most `limit` characters: atoms are escaped and appended until the next
 * would not fit; words are then cut at a space, so no tag or entity is ever split.
 */
export function toSsml(atoms: readonly SpeechAtom[], limit: number): string {
  const open = '<speak>';
  const close = '</speak>';
  let budget = limit - open.length - close.length;
  let body = '';
  for (const atom of atoms) {
    const piece = 'ssml' in atom ? atom.ssml : escapeXml(atom.text);
    if (piece.length <= budget) {
      body += piece;
      budget -= piece.length;
      continue;
    }
    if ('text' in atom) {
      const cut = piece.lastIndexOf(' ', budget);
      if (cut > 0) body += piece.slice(0, cut);
    }
    break;
  }
  return `${open}${body.replace(/\s+/g, ' ').trim()}${close}`;
}
