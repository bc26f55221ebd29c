import { renderText, type RenderOptions } from '../../../bot/render-text.js';
import type { Reply } from '../../../bot/reply.js';
import { phraseAtoms, spokenList, toSsml, type SpeechAtom } from './speech.js';
import { withFields } from '../../../bot/objects.js';

/** Alexa's limits for a custom-skill response. */
export const ALEXA_LIMITS = {
  speechChars: 8000,
  repromptChars: 8000,
  /** Title and content together. */
  cardChars: 8000,
  responseBytes: 24 * 1024,
  /** List items read aloud; the card shows them all. */
  spokenItems: 3,
} as const;

export const CARD_TITLE = 'Your bank';

type Speech = { readonly type: 'SSML'; readonly ssml: string };
export type AlexaCard =
  | { readonly type: 'Simple'; readonly title: string; readonly content: string }
  | { readonly type: 'LinkAccount' };

/** The response envelope a custom skill returns. */
export interface AlexaResponseEnvelope {
  readonly version: '1.0';
  readonly response: {
    readonly outputSpeech?: Speech;
    readonly card?: AlexaCard;
    readonly reprompt?: { readonly outputSpeech: Speech };
    readonly shouldEndSession?: boolean;
  };
}

/** Where merged display texts are split again: each reply's text is one paragraph of the card. */
export const CARD_SEPARATOR = '\n\n';
const BREAK: SpeechAtom = { ssml: '<break strength="strong"/>' };

function question(reply: Reply, options: RenderOptions, atoms: SpeechAtom[] = []): SpeechAtom[] {
  phraseAtoms(reply.speech ?? reply.text, options, atoms);
  const choices = (reply.choices ?? []).map((choice) => choice.title.replace(/[?.!]+$/, ''));
  if (reply.expectsInput && choices.length > 0 && !reply.items?.length)
    atoms.push({ text: ` You can say ${spokenList(choices)}.` });
  return atoms;
}

/** A reply read aloud, appended to `atoms`; only the last reply offers its choices, earlier ones are overtaken. */
function spoken(reply: Reply, options: RenderOptions, last: boolean, atoms: SpeechAtom[]): SpeechAtom[] {
  if (last) question(reply, options, atoms);
  else phraseAtoms(reply.speech ?? reply.text, options, atoms);
  if (reply.speech || !reply.items?.length) return atoms;
  const read = reply.items.slice(0, ALEXA_LIMITS.spokenItems);
  for (const item of read) {
    atoms.push({ text: ' ' });
    phraseAtoms(item.title, options, atoms);
    if (item.subtitle) {
      atoms.push({ text: ', ' });
      phraseAtoms(item.subtitle, options, atoms);
    }
    endSentence(atoms);
  }
  const more = reply.items.length - read.length;
  if (more > 0) atoms.push({ text: ` And ${more} more in the Alexa app.` });
  return atoms;
}

/** Ends an item with a full stop, dropping the comma a masked number's "ending in 1234," left. */
function endSentence(atoms: SpeechAtom[]): void {
  const last = atoms.at(-1);
  if (last && 'text' in last && /,\s*$/.test(last.text))
    atoms[atoms.length - 1] = { text: last.text.replace(/,\s*$/, '') };
  atoms.push({ text: '.' });
}

function speech(ssml: string): Speech {
  return { type: 'SSML', ssml };
}

function card(replies: readonly Reply[], options: RenderOptions, title: string): AlexaCard {
  if (replies.some((reply) => reply.linkAccount)) return { type: 'LinkAccount' };
  const content = replies.map((reply) => renderText(reply, options)).join(CARD_SEPARATOR);
  const room = ALEXA_LIMITS.cardChars - title.length;
  return {
    type: 'Simple',
    title,
    content: content.length > room ? `${content.slice(0, room - 1)}…` : content,
  };
}

function bytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}

/** Most bytes one UTF-16 unit of a string takes in JSON (a `\u001f` escape; UTF-8 needs at most 3). */
const MAX_BYTES_PER_UNIT = 6;
/** More than the keys, quotes and braces of the largest envelope `renderAlexaResponse` builds. */
const ENVELOPE_OVERHEAD = 512;

/** Whether the envelope fits Alexa's size limit however its strings serialize (no need to count). */
function surelyFits(envelope: AlexaResponseEnvelope): boolean {
  const { outputSpeech, reprompt, card: shown } = envelope.response;
  let units = (outputSpeech?.ssml.length ?? 0) + (reprompt?.outputSpeech.ssml.length ?? 0);
  if (shown?.type === 'Simple') units += shown.title.length + shown.content.length;
  return units * MAX_BYTES_PER_UNIT + ENVELOPE_OVERHEAD <= ALEXA_LIMITS.responseBytes;
}

/** Cuts the card's content until the whole response fits Alexa's size limit. */
function fit(envelope: AlexaResponseEnvelope): AlexaResponseEnvelope {
  if (surelyFits(envelope)) return envelope;
  let result = envelope;
  for (
    let excess = bytes(result) - ALEXA_LIMITS.responseBytes;
    excess > 0;
    excess = bytes(result) - ALEXA_LIMITS.responseBytes
  ) {
    const current = result.response.card;
    if (current?.type !== 'Simple' || current.content.length === 0) break;
    const keep = Math.max(0, current.content.length - excess - 8);
    result = withFields(result, {
      response: withFields(result.response, {
        card: withFields(current, { content: `${current.content.slice(0, keep)}…` }),
      }),
    });
  }
  return result;
}

/**
 * One Alexa response for the replies of one turn: their speech joined with strong breaks, a
 * reprompt whenever the bot waits for an answer, the session kept open only then, and one card
 * (Simple with every reply's display text, or LinkAccount when the customer must link). Pure.
 */
export function renderAlexaResponse(
  replies: readonly Reply[],
  options: RenderOptions,
  cardTitle: string = CARD_TITLE,
): AlexaResponseEnvelope {
  if (replies.length === 0) return { version: '1.0', response: { shouldEndSession: true } };
  const atoms: SpeechAtom[] = [];
  replies.forEach((reply, index) => {
    if (index > 0) atoms.push(BREAK);
    spoken(reply, options, index === replies.length - 1, atoms);
  });
  const waiting = replies.filter((reply) => reply.expectsInput).at(-1);
  return fit({
    version: '1.0',
    response: {
      outputSpeech: speech(toSsml(atoms, ALEXA_LIMITS.speechChars)),
      card: card(replies, options, cardTitle),
      ...(waiting
        ? {
            reprompt: {
              outputSpeech: speech(toSsml(question(waiting, options), ALEXA_LIMITS.repromptChars)),
            },
          }
        : {}),
      shouldEndSession: waiting === undefined,
    },
  });
}

/** Throws when a response breaks one of Alexa's limits. */
export function checkAlexaLimits(envelope: AlexaResponseEnvelope): void {
  const { outputSpeech, reprompt, card: shown } = envelope.response;
  const ssml = [outputSpeech?.ssml, reprompt?.outputSpeech.ssml];
  for (const text of ssml) {
    if (text === undefined) continue;
    if (!text.startsWith('<speak>') || !text.endsWith('</speak>'))
      throw new Error('alexa: SSML not in <speak>');
    if (text.length > ALEXA_LIMITS.speechChars) throw new Error(`alexa: speech of ${text.length} characters`);
  }
  if (shown?.type === 'Simple' && shown.title.length + shown.content.length > ALEXA_LIMITS.cardChars)
    throw new Error('alexa: card text too long');
  if (bytes(envelope) > ALEXA_LIMITS.responseBytes)
    throw new Error(`alexa: response of ${bytes(envelope)} bytes`);
}
