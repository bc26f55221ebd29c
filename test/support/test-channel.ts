import { ActivityTypes, TurnContext, type Activity, type ConversationReference } from 'botbuilder-core';
import type { BotLogic } from '../../bot/ports/channel.port.js';
import { RequestReplyAdapter } from '../../bot/request-reply-adapter.js';

/** An in-memory channel: `say()` runs one message through the bot and returns what it sent. */
export class TestChannel extends RequestReplyAdapter {
  private readonly reference: Partial<ConversationReference>;

  constructor(
    private readonly logic: BotLogic,
    options: { customerId: string; conversationId?: string; channelId?: string },
  ) {
    super('test');
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

  say(text: string): Promise<Partial<Activity>[]> {
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Message, text },
      this.reference,
      true,
    );
    return this.collect(activity, this.logic);
  }
}
