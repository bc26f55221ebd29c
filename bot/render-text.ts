import { shortDayFormat } from './intl-cache.js';
import { objectMemo } from './object-memo.js';
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
  return shortDayFormat(options.locale, timeZone).format(date);
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
  let text = '';
  for (const part of phrase) text += renderPart(part, options);
  return text;
}

/**
 * What a reply rendered to, in one locale and zone. A reply is rendered several times per turn
 * (its activity, again by the disclosure filter, the Alexa card), so the result is kept on the
 * reply object itself ({@link objectMemo}): it goes when the reply does, so it never outlives the
 * turn, and no formatted amount is ever kept across turns. Replies are immutable, so the result
 * cannot go stale.
 */
interface Rendered {
  readonly locale: string;
  readonly timeZone: string;
  text?: string;
  speech?: string;
}

const renderings = objectMemo<Reply, Rendered>('bankbot.rendered');

function renderedOf(value: Reply, options: RenderOptions): Rendered {
  const known = renderings.get(value);
  if (known !== undefined && known.locale === options.locale && known.timeZone === options.timeZone)
    return known;
  const fresh: Rendered = { locale: options.locale, timeZone: options.timeZone };
  renderings.set(value, fresh);
  return fresh;
}

function textOf(value: Reply, options: RenderOptions): string {
  let text = renderPhrase(value.text, options);
  for (const item of value.items ?? []) {
    const subtitle = item.subtitle ? ` (${renderPhrase(item.subtitle, options)})` : '';
    text += `\n• ${renderPhrase(item.title, options)}${subtitle}`;
  }
  return text;
}

/** Plain text of a reply, list items as bullet lines: what the console and transcripts show. */
export function renderText(value: Reply, options: RenderOptions): string {
  const rendered = renderedOf(value, options);
  return (rendered.text ??= textOf(value, options));
}

/** What a reply says aloud as plain text: `renderPhrase(value.speech ?? value.text, options)`. */
export function renderSpeech(value: Reply, options: RenderOptions): string {
  const phrase = value.speech ?? value.text;
  // Without items, the text is that one phrase rendered.
  if (phrase === value.text && !value.items?.length) return renderText(value, options);
  const rendered = renderedOf(value, options);
  return (rendered.speech ??= renderPhrase(phrase, options));
}
