import type { Activity } from 'botbuilder-core';
import type { RenderOptions } from '../../../bot/render-text.js';
import { reply, type Reply } from '../../../bot/reply.js';
import { formatOf, replyOf } from '../../../bot/turn.js';
import { renderAlexaResponse, type AlexaResponseEnvelope } from './response-renderer.js';

/** A message without a neutral reply (the engine's error sentences) as a plain reply. */
function replyFor(activity: Partial<Activity>): Reply {
  return (
    replyOf(activity) ?? reply(activity.text ?? '', { expectsInput: activity.inputHint === 'expectingInput' })
  );
}

/**
 * The one Alexa response for everything the bot sent during a turn: its messages rendered
 * together, in the locale and zone of the first (`defaults` when it names none).
 */
export function alexaTurnResponse(
  sent: readonly Partial<Activity>[],
  defaults: RenderOptions,
): AlexaResponseEnvelope {
  const messages = sent.filter((activity) => activity.type === 'message');
  const format = messages[0] ? formatOf(messages[0], defaults) : defaults;
  return renderAlexaResponse(messages.map(replyFor), format);
}
