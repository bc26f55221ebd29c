import { randomUUID } from 'node:crypto';
import { ActivityTypes, type Activity } from 'botbuilder-core';
import { customerSentence, errorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { BotLogic } from '../ports/channel.port.js';
import { RequestReplyAdapter } from '../request-reply-adapter.js';
import { observeTurn, type TurnTrace } from '../turn-trace.js';

/** `activity.channelId` of playground turns; on the sandbox bank its user id is the customer id. */
export const PLAYGROUND_CHANNEL = 'playground';

export interface PlaygroundMessage {
  /** The conversation, unique per channel view and customer. */
  readonly conversationId: string;
  readonly customerId: string;
  readonly text: string;
}

export interface PlaygroundTurn {
  /** Every activity the bot sent, for a channel renderer. */
  readonly sent: readonly Partial<Activity>[];
  /** What the engine recognised and decided; absent when the turn failed before routing. */
  readonly trace?: TurnTrace;
}

/**
 * The playground's channel: request/response, like Alexa and Google, so a turn's activities come
 * back together to be rendered as any channel would. No locale is sent: the bank profile's is used.
 */
export class PlaygroundAdapter extends RequestReplyAdapter {
  constructor(logger: Logger) {
    super(PLAYGROUND_CHANNEL);
    this.onTurnError = async (context, error) => {
      logger.warn({ event: 'playground.turn_failed', code: errorCode(error) });
      await context.sendActivity({
        type: ActivityTypes.Message,
        text: customerSentence(error),
        inputHint: 'acceptingInput',
      });
    };
  }

  async runTurn(message: PlaygroundMessage, logic: BotLogic): Promise<PlaygroundTurn> {
    let trace: TurnTrace | undefined;
    const activity: Partial<Activity> = {
      type: ActivityTypes.Message,
      id: randomUUID(),
      timestamp: new Date(),
      channelId: PLAYGROUND_CHANNEL,
      serviceUrl: `${PLAYGROUND_CHANNEL}://`,
      from: { id: message.customerId, name: message.customerId, role: 'user' },
      recipient: { id: 'bankbot', name: 'bankbot', role: 'bot' },
      conversation: {
        id: message.conversationId,
        isGroup: false,
        conversationType: 'personal',
        name: PLAYGROUND_CHANNEL,
      },
      text: message.text,
    };
    const sent = await this.collect(activity, logic, {
      prepare: (context) => observeTurn(context, (observed) => (trace = observed)),
    });
    return { sent, ...(trace ? { trace } : {}) };
  }
}
