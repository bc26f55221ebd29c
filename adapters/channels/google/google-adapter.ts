import { ActivityTypes, type Activity } from 'botbuilder-core';
import type { RenderOptions } from '../../../bot/render-text.js';
import type { Reply } from '../../../bot/reply.js';
import type { BotLogic, RequestClaim } from '../../../bot/ports/channel.port.js';
import { RequestReplyAdapter } from '../../../bot/request-reply-adapter.js';
import { formatOf, replyOf } from '../../../bot/turn.js';
import type { HandoffNote } from './dialogflow-response.js';
import type { InboundTurn } from './dialogflow-request.js';

/** What the bot said during one turn, ready for a renderer. */
export interface TurnOutput {
  readonly replies: readonly Reply[];
  readonly format: RenderOptions;
  readonly handoff?: HandoffNote;
}

/** A message without a neutral reply (the engine's error sentences) as a plain reply. */
function asReply(activity: Partial<Activity>): Reply {
  return (
    replyOf(activity) ?? {
      text: [activity.text ?? ''],
      expectsInput: activity.inputHint === 'expectingInput',
    }
  );
}

function handoffOf(activities: readonly Partial<Activity>[]): HandoffNote | undefined {
  const event = activities.find((a) => a.type === ActivityTypes.Event && a.name === 'handoff.initiate');
  if (!event) return undefined;
  const value: unknown = event.value;
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const topics = Array.isArray(record.topics)
    ? record.topics.filter((t: unknown): t is string => typeof t === 'string')
    : [];
  return { reason: typeof record.reason === 'string' ? record.reason : 'customer_request', topics };
}

/** What the bot said during one turn (every activity it sent), ready for a renderer. */
export function turnOutputOf(sent: readonly Partial<Activity>[], defaults: RenderOptions): TurnOutput {
  const messages = sent.filter((activity) => activity.type === ActivityTypes.Message);
  const handoff = handoffOf(sent);
  return {
    replies: messages.map(asReply),
    format: formatOf(messages.find((m) => replyOf(m)) ?? {}, defaults),
    ...(handoff ? { handoff } : {}),
  };
}

/**
 * Google's webhooks are request/response: a turn's activities are collected and returned as one
 * HTTP answer. Google cannot be written to outside a request, so nothing is pushed.
 */
export class GoogleAdapter extends RequestReplyAdapter {
  constructor(private readonly defaults: RenderOptions) {
    super('google');
  }

  /**
   * Runs one turn, the access token in turn state only, and returns what the bot said. With
   * `claim`, a copy of a request the conversation already answered rejects with
   * ReplayedRequestError.
   */
  async process(turn: InboundTurn, logic: BotLogic, claim?: RequestClaim): Promise<TurnOutput> {
    const sent = await this.collect(turn.activity, logic, { accessToken: turn.accessToken, claim });
    return turnOutputOf(sent, this.defaults);
  }
}
