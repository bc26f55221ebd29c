import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import {
  ActivityTypes,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder-core';
import { BankbotTurnContext, NativeBotAdapter } from '../../bot/turn-context.js';

export interface ConsoleChannelOptions {
  readonly input: Readable;
  readonly output: Writable;
  /** The sandbox customer this terminal chats as. */
  readonly customerId: string;
  /** Interactive terminal: show a prompt and greet. Piped input prints replies only. */
  readonly interactive: boolean;
  readonly locale?: string;
}

type Logic = (context: TurnContext) => Promise<void>;

/** Printed when the bot hands the conversation to a person. */
export const CONSOLE_HANDOFF_LINE = '(handing over to a member of the team)';

/**
 * What the terminal prints for one outgoing activity (before any prompt prefix): a message's
 * text and its choices in brackets, a line for a handoff, nothing for anything else.
 */
export function consoleLines(activity: Partial<Activity>): string[] {
  if (activity.type === ActivityTypes.Event && activity.name === 'handoff.initiate')
    return [CONSOLE_HANDOFF_LINE];
  if (activity.type !== ActivityTypes.Message) return [];
  const choices = activity.suggestedActions?.actions.map((action) => action.title) ?? [];
  return [activity.text ?? '', ...(choices.length > 0 ? [`  [${choices.join('] [')}]`] : [])];
}

/**
 * Chat in a terminal, or script the bot: one message per input line, each reply printed, and
 * `listen()` resolves at the end of input.
 */
export class ConsoleChannel extends NativeBotAdapter {
  private readonly reference: Partial<ConversationReference>;

  constructor(private readonly options: ConsoleChannelOptions) {
    super();
    this.reference = {
      channelId: 'console',
      serviceUrl: 'console://',
      user: { id: options.customerId, name: options.customerId },
      bot: { id: 'bankbot', name: 'bankbot' },
      conversation: {
        id: `console-${options.customerId}`,
        isGroup: false,
        conversationType: 'personal',
        name: 'console',
      },
      ...(options.locale ? { locale: options.locale } : {}),
    };
  }

  async listen(logic: Logic): Promise<void> {
    const lines = createInterface({ input: this.options.input, terminal: false });
    const prompt = (): void => {
      if (this.options.interactive) this.options.output.write('you › ');
    };
    if (this.options.interactive) await this.receive('hello', logic);
    prompt();
    for await (const line of lines) {
      const text = line.trim();
      if (text) await this.receive(text, logic);
      prompt();
    }
  }

  /** Runs one message through the bot, as if typed. */
  async receive(text: string, logic: Logic): Promise<void> {
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Message, text, id: `console-${Date.now()}`, timestamp: new Date() },
      this.reference,
      true,
    );
    await this.runMiddleware(new BankbotTurnContext(this, activity), logic);
  }

  override async sendActivities(
    _context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    for (const activity of activities) {
      const [first, ...rest] = consoleLines(activity);
      if (first === undefined) continue;
      const prefix = this.options.interactive && activity.type === ActivityTypes.Message ? 'bankbot › ' : '';
      this.options.output.write(`${prefix}${first}\n`);
      for (const line of rest) this.options.output.write(`${line}\n`);
    }
    return activities.map((_, index) => ({ id: `console-reply-${index}` }));
  }

  override async updateActivity(): Promise<void> {
    throw new Error('console: messages cannot be edited');
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('console: messages cannot be deleted');
  }

  override async continueConversation(
    reference: Partial<ConversationReference>,
    logic: Logic,
  ): Promise<void> {
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'continueConversation' },
      reference,
      true,
    );
    await this.runMiddleware(new BankbotTurnContext(this, activity), logic);
  }
}
