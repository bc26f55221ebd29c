import { dateFormat } from './intl-cache.js';
import { formatMoney } from './money.js';
import type { Part, Phrase, Reply } from './reply.js';

export interface RenderOptions {
  readonly locale: string;
  readonly timeZone: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** 'Nov 19' for a day or an instant, in the customer's zone; a day string is taken as that day. */
export function formatDate(iso: string, options: RenderOptions): string {
  const isDay = DAY.test(iso);
  const date = new Date(isDay ? `${iso}T12:00:00Z` : iso);
  const timeZone = isDay ? 'UTC' : options.timeZone;
  return dateFormat(options.locale, { month: 'short', day: 'numeric', timeZone }).format(date);
}

export function renderPart(part: Part, options: RenderOptions): string {
  if (typeof part === 'string') return part;
  switch (part.kind) {
    case 'money':
      return formatMoney(part.value, options.locale);
    case 'date':
      return formatDate(part.iso, options);
    case 'text':
      return part.value;
  }
}

export function renderPhrase(phrase: Phrase, options: RenderOptions): string {
  return phrase.map((part) => renderPart(part, options)).join('');
}

/** Plain text of a reply, list items as bullet lines: what the console and transcripts show. */
export function renderText(value: Reply, options: RenderOptions): string {
  const lines = [renderPhrase(value.text, options)];
  for (const item of value.items ?? []) {
    const subtitle = item.subtitle ? ` (${renderPhrase(item.subtitle, options)})` : '';
    lines.push(`• ${renderPhrase(item.title, options)}${subtitle}`);
  }
  return lines.join('\n');
}
