import type { Activity, ResourceResponse, TurnContext } from 'botbuilder-core';
import type { Writable } from 'node:stream';
import {
  CONSOLE_HANDOFF_LINE,
  ConsoleChannel,
  type ConsoleChannelOptions,
} from '../../adapters/channels/console.channel.js';
import { discloseAs } from '../disclosure/policy.js';
import type { ChannelPreviewPort, PreviewChannel } from '../ports/preview.port.js';
import { previewLines } from './channel-preview.js';

type Logic = (context: TurnContext) => Promise<void>;

export interface PreviewChannelOptions extends ConsoleChannelOptions {
  readonly channel: Exclude<PreviewChannel, 'console'>;
  readonly preview: ChannelPreviewPort;
  /** Print the native JSON instead of the summary. */
  readonly raw: boolean;
  readonly output: Writable;
}

/** Messenger's Send API bodies need a recipient; the terminal has none. */
const RECIPIENT = 'PSID';

/**
 * The console chat, with each turn's replies shown the way another channel renders them, under
 * that channel's disclosure policy. The conversation itself stays a console one (on the sandbox
 * the console is trusted as the customer).
 */
export class PreviewConsoleChannel extends ConsoleChannel {
  private pending: Partial<Activity>[] = [];

  constructor(private readonly shown: PreviewChannelOptions) {
    super(shown);
  }

  override async receive(text: string, logic: Logic): Promise<void> {
    this.pending = [];
    // The previewed channel's disclosure policy too: on Alexa the PIN is asked before amounts.
    await super.receive(text, (context) => (discloseAs(context, this.shown.channel), logic(context)));
    this.flush();
  }

  override async sendActivities(
    _context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    this.pending.push(...activities);
    return activities.map((_, index) => ({ id: `preview-reply-${index}` }));
  }

  /** Renders one turn at once: Alexa and Google answer a turn with one response. */
  private flush(): void {
    const { channel, preview, raw, output, interactive } = this.shown;
    const rendered = preview.render(channel, this.pending, { recipientId: RECIPIENT });
    const lines = previewLines(rendered, raw);
    const prefix = interactive ? `${channel} › ` : '';
    const [head, ...rest] = lines;
    if (head !== undefined) output.write(`${prefix}${head}\n`);
    for (const line of rest) output.write(`${' '.repeat(prefix.length)}${line}\n`);
    if (rendered.handoff) output.write(`${CONSOLE_HANDOFF_LINE}\n`);
    this.pending = [];
  }
}
