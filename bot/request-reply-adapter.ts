import { type Activity, type ResourceResponse, type TurnContext } from 'botbuilder-core';
import { ACCESS_TOKEN, REQUEST_CLAIM, type BotLogic, type RequestClaim } from './ports/channel.port.js';
import { BankbotTurnContext, NativeBotAdapter } from './turn-context.js';

const SENT = Symbol('bankbot.sent');

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
   * Runs one turn (the account-linking token in turn state only) and returns every activity sent.
   * `prepare` sees the turn's context before the bot does (to observe the turn, say). With `claim`,
   * the request id is claimed with the state read (REQUEST_CLAIM): a replay rejects with
   * CHANNEL_ERR_STALE.
   */
  protected async collect(
    activity: Partial<Activity>,
    logic: BotLogic,
    accessToken?: string,
    prepare?: (context: TurnContext) => void,
    claim?: RequestClaim,
  ): Promise<Partial<Activity>[]> {
    const context = new BankbotTurnContext(this, activity);
    const sent: Partial<Activity>[] = [];
    context.turnState.set(SENT, sent);
    if (accessToken) context.turnState.set(ACCESS_TOKEN, accessToken);
    if (claim) context.turnState.set(REQUEST_CLAIM, claim);
    prepare?.(context);
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
