import { ActivityTypes, type Activity, type ResourceResponse, type TurnContext } from 'botbuilder-core';
import type { Writable } from 'node:stream';
import { ConsoleChannel, type ConsoleChannelOptions } from '../../adapters/channels/console.channel.js';
import { reply, type Reply } from '../reply.js';
import { formatOf, replyOf } from '../turn.js';
import { previewTurn, type PreviewChannel, type PreviewOptions } from './channel-preview.js';

type Logic = (context: TurnContext) => Promise<void>;

export interface PreviewChannelOptions extends ConsoleChannelOptions {
  readonly channel: Exclude<PreviewChannel, 'console'>;
  readonly preview: PreviewOptions;
  readonly output: Writable;
}

/**
 * The console chat, with each turn's replies shown the way another channel renders them. The
 * conversation itself stays a console one (on the sandbox the console is trusted as the customer).
 */
export class PreviewConsoleChannel extends ConsoleChannel {
  private pending: Partial<Activity>[] = [];

  constructor(private readonly preview: PreviewChannelOptions) {
    super(preview);
  }

  override async receive(text: string, logic: Logic): Promise<void> {
    this.pending = [];
    await super.receive(text, logic);
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
    const messages = this.pending.filter((activity) => activity.type === ActivityTypes.Message);
    const handoff = this.pending.some(
      (activity) => activity.type === ActivityTypes.Event && activity.name === 'handoff.initiate',
    );
    const replies: Reply[] = messages.map((activity) => replyOf(activity) ?? reply(activity.text ?? ''));
    const first = messages[0];
    const format = first ? formatOf(first, this.preview.preview) : this.preview.preview;
    const lines = previewTurn(this.preview.channel, replies, { ...this.preview.preview, ...format });
    const prefix = this.preview.interactive ? `${this.preview.channel} › ` : '';
    const [head = '', ...rest] = lines;
    if (lines.length > 0) this.preview.output.write(`${prefix}${head}\n`);
    for (const line of rest) this.preview.output.write(`${' '.repeat(prefix.length)}${line}\n`);
    if (handoff) this.preview.output.write('(handing over to a member of the team)\n');
    this.pending = [];
  }
}
