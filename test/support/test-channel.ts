import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder-core';

type Logic = (context: TurnContext) => Promise<void>;

/** An in-memory channel: `say()` runs one message through the bot and returns what it sent. */
export class TestChannel extends BotAdapter {
  private outbox: Partial<Activity>[] = [];
  private readonly reference: Partial<ConversationReference>;

  constructor(
    private readonly logic: Logic,
    options: { customerId: string; conversationId?: string; channelId?: string },
  ) {
    super();
    this.reference = {
      channelId: options.channelId ?? 'console',
      serviceUrl: 'test://',
      user: { id: options.customerId, name: options.customerId },
      bot: { id: 'bankbot', name: 'bankbot' },
      conversation: {
        id: options.conversationId ?? `test-${options.customerId}`,
        isGroup: false,
        conversationType: 'personal',
        name: 'test',
      },
    };
  }

  async say(text: string): Promise<Partial<Activity>[]> {
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Message, text },
      this.reference,
      true,
    );
    this.outbox = [];
    await this.runMiddleware(new TurnContext(this, activity), this.logic);
    return this.outbox;
  }

  override async sendActivities(
    _context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    this.outbox.push(...activities);
    return activities.map((_, index) => ({ id: String(index) }));
  }

  override async updateActivity(): Promise<void> {}
  override async deleteActivity(): Promise<void> {}
  override async continueConversation(
    reference: Partial<ConversationReference>,
    logic: Logic,
  ): Promise<void> {
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'continueConversation' },
      reference,
      true,
    );
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }
}
