import type { Activity } from 'botbuilder-core';
import { customerSentence, errorCode } from '../../../bot/errors.js';
import type { Logger } from '../../../bot/logger.js';
import type { BotLogic, RequestClaim } from '../../../bot/ports/channel.port.js';
import { RequestReplyAdapter } from '../../../bot/request-reply-adapter.js';
import type { AlexaTurn } from './request-mapper.js';

/**
 * The custom-skill endpoint as a botbuilder adapter. Alexa is request/response: everything the
 * bot sends during a turn is collected and returned, to become one Alexa response.
 */
export class AlexaAdapter extends RequestReplyAdapter {
  constructor(private readonly logger: Logger) {
    super('alexa');
    this.onTurnError = async (context, error) => {
      const code = errorCode(error);
      this.logger.warn({ event: 'alexa.turn_failed', code });
      await context.sendActivity({
        type: 'message',
        text: customerSentence(error),
        inputHint: 'acceptingInput',
      });
    };
  }

  /**
   * Runs the bot on one request; resolves with every activity it sent. With `claim`, a copy of a
   * request the conversation already answered rejects with ReplayedRequestError.
   */
  runTurn(turn: AlexaTurn, logic: BotLogic, claim?: RequestClaim): Promise<Partial<Activity>[]> {
    return this.collect(turn.activity, logic, { accessToken: turn.accessToken, claim });
  }
}
