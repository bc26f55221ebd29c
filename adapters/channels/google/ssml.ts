import { dateFormat } from '../../../bot/intl-cache.js';
import { absMoney, formatMoney } from '../../../bot/money.js';
import type { RenderOptions } from '../../../bot/render-text.js';
import type { ListItem, Part, Phrase, Reply } from '../../../bot/reply.js';
import { MAX_SPOKEN_ITEMS } from './limits.js';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Text made safe inside SSML: a merchant called "A&B <Ltd>" must not break (or inject) markup. */
export function escapeSsml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/** 'November 19' / '19 November': the long month reads naturally where 'Nov 19' reads as letters. */
function spokenDate(iso: string, options: RenderOptions): string {
  const isDay = DAY.test(iso);
  const date = new Date(isDay ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormat(options.locale, {
    month: 'long',
    day: 'numeric',
    timeZone: isDay ? 'UTC' : options.timeZone,
  }).format(date);
}

/** One part of a phrase as SSML: money through the TTS currency reading, masked numbers as digits. */
export function ssmlPart(part: Part, options: RenderOptions): string {
  if (typeof part === 'string') return escapeSsml(part);
  switch (part.kind) {
    case 'money': {
      const sign = part.value.minor < 0 ? 'minus ' : '';
      const shown = escapeSsml(formatMoney(absMoney(part.value), options.locale));
      return `${sign}<say-as interpret-as="currency" language="${escapeSsml(options.locale)}">${shown}</say-as>`;
    }
    case 'date':
      return escapeSsml(spokenDate(part.iso, options));
    case 'text': {
      const digits = part.value.replace(/\D/g, '');
      if (part.sensitivity === 'accountNumber' && digits)
        return `ending in <say-as interpret-as="characters">${digits}</say-as>`;
      return escapeSsml(part.value);
    }
  }
}

export function ssmlPhrase(phrase: Phrase, options: RenderOptions): string {
  return phrase.map((part) => ssmlPart(part, options)).join('');
}

function spokenItem(item: ListItem, options: RenderOptions): string {
  const subtitle = item.subtitle ? `, ${ssmlPhrase(item.subtitle, options)}` : '';
  return `<break time="300ms"/>${ssmlPhrase(item.title, options)}${subtitle}.`;
}

/**
 * The inner SSML of one reply (no <speak> root): its voice variant when it has one, otherwise its
 * text followed by the first list items.
 */
export function replySsml(value: Reply, options: RenderOptions): string {
  if (value.speech) return ssmlPhrase(value.speech, options);
  const items = (value.items ?? []).slice(0, MAX_SPOKEN_ITEMS).map((item) => spokenItem(item, options));
  return [ssmlPhrase(value.text, options), ...items].join(' ');
}

/** Wraps inner SSML fragments in one <speak> document, with a pause between fragments. */
export function speak(fragments: readonly string[]): string {
  return `<speak>${fragments.join('<break time="500ms"/>')}</speak>`;
}
