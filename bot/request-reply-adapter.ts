import { type Activity, type ResourceResponse, type TurnContext } from 'botbuilder-core';
import { ACCESS_TOKEN, REQUEST_CLAIM, type BotLogic, type RequestClaim } from './ports/channel.port.js';
import { BankbotTurnContext, NativeBotAdapter } from './turn-context.js';

const SENT = Symbol('bankbot.sent');

/** What a request brings to its turn besides the activity (see RequestReplyAdapter.collect). */
export interface TurnExtras {
  readonly accessToken?: string | undefined;
  readonly claim?: RequestClaim | undefined;
  readonly prepare?: (context: TurnContext) => void;
}

/**
 * Base for channels that answer inside the request (Alexa, Google webhooks, in-memory tests):
 * everything the bot sends during a turn is collected and handed back to become one response.
 * Such platforms cannot edit what was said or be written to outside a request.
 */
export abstract class RequestReplyAdapter extends NativeBotAdapter {
  protected constructor(private readonly channelName: string) {
    super();
  }

  /**
   * Runs one turn and returns every activity sent. `accessToken` (account linking) is kept in turn
   * state only; `claim` marks the request in its conversation's state (REQUEST_CLAIM), so a copy
   * rejects with ReplayedRequestError; `prepare` sees the turn's context before the bot does (to
   * observe the turn, say).
   */
  protected async collect(
    activity: Partial<Activity>,
    logic: BotLogic,
    extras: TurnExtras = {},
  ): Promise<Partial<Activity>[]> {
    const context = new BankbotTurnContext(this, activity);
    const sent: Partial<Activity>[] = [];
    context.turnState.set(SENT, sent);
    if (extras.accessToken) context.turnState.set(ACCESS_TOKEN, extras.accessToken);
    if (extras.claim) context.turnState.set(REQUEST_CLAIM, extras.claim);
    extras.prepare?.(context);
    await this.runMiddleware(context, logic);
    return sent;
  }

  override async sendActivities(
    context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    const sent = context.turnState.get(SENT) as Partial<Activity>[] | undefined;
    sent?.push(...activities);
    return activities.map((_, index) => ({ id: `${this.channelName}-${index}` }));
  }

  override async updateActivity(): Promise<void> {
    throw new Error(`${this.channelName}: a sent message cannot be edited`);
  }

  override async deleteActivity(): Promise<void> {
    throw new Error(`${this.channelName}: a sent message cannot be deleted`);
  }

  override async continueConversation(): Promise<void> {
    throw new Error(`${this.channelName}: no push outside a request`);
  }
}
