import {
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder-core';
import { customerSentence, errorCode } from '../../../bot/errors.js';
import type { Logger } from '../../../bot/logger.js';
import { ACCESS_TOKEN, type BotLogic } from '../../../bot/ports/channel.port.js';
import type { AlexaTurn } from './request-mapper.js';

const OUTBOX = Symbol('bankbot.alexa.outbox');

/**
 * The custom-skill endpoint as a botbuilder adapter. Alexa is request/response: everything the
 * bot sends during a turn is collected and returned, to become one Alexa response.
 */
export class AlexaAdapter extends BotAdapter {
  constructor(private readonly logger: Logger) {
    super();
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

  /** Runs the bot on one request; resolves with every activity it sent. */
  async runTurn(turn: AlexaTurn, logic: BotLogic): Promise<Partial<Activity>[]> {
    const context = new TurnContext(this, turn.activity);
    const sent: Partial<Activity>[] = [];
    context.turnState.set(OUTBOX, sent);
    if (turn.accessToken) context.turnState.set(ACCESS_TOKEN, turn.accessToken);
    await this.runMiddleware(context, logic);
    return sent;
  }

  override async sendActivities(
    context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    const outbox = context.turnState.get(OUTBOX) as Partial<Activity>[] | undefined;
    outbox?.push(...activities);
    return activities.map((_, index) => ({ id: `${context.activity.id ?? 'alexa'}-${index}` }));
  }

  override async updateActivity(): Promise<void> {
    throw new Error('alexa: a spoken response cannot be edited');
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('alexa: a spoken response cannot be deleted');
  }

  /** Alexa cannot push outside a request (proactive events are a separate API). */
  override async continueConversation(_reference: Partial<ConversationReference>): Promise<void> {
    throw new Error('alexa: no push outside a request');
  }
}
