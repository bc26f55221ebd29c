/**
 * The framework floor: a bare botbuilder bot (ActivityHandler, a fixed sentence) behind a tiny
 * Alexa-shaped adapter on node:http. No verification, NLU, dialogs, bank or state: what a
 * botbuilder turn costs before bankbot adds anything.
 */
import { createServer } from 'node:http';
import {
  ActivityHandler,
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder-core';
import { announcePort, forkBenchWorkers } from '../http/child.js';

interface AlexaShape {
  readonly session?: { readonly sessionId?: string; readonly user?: { readonly userId?: string } };
  readonly request?: { readonly requestId?: string; readonly intent?: { readonly name?: string } };
}

/** Collects what the bot sends during one request; the HTTP answer is built from it. */
class RequestReplyAdapter extends BotAdapter {
  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const sent = context.turnState.get('sent') as Partial<Activity>[];
    sent.push(...activities);
    return activities.map((_, i) => ({ id: String(i) }));
  }
  async updateActivity(): Promise<void> {
    throw new Error('not supported');
  }
  async deleteActivity(): Promise<void> {
    throw new Error('not supported');
  }
  async continueConversation(_reference: Partial<ConversationReference>): Promise<void> {
    throw new Error('not supported');
  }

  async runTurn(envelope: AlexaShape, bot: ActivityHandler): Promise<Partial<Activity>[]> {
    const userId = envelope.session?.user?.userId ?? 'user';
    const activity: Partial<Activity> = {
      type: ActivityTypes.Message,
      channelId: 'alexa',
      id: envelope.request?.requestId ?? '',
      text: envelope.request?.intent?.name ?? '',
      from: { id: userId, name: userId },
      recipient: { id: 'bot', name: 'bot' },
      conversation: {
        id: envelope.session?.sessionId ?? 'session',
        isGroup: false,
        conversationType: '',
        name: '',
      },
      serviceUrl: '',
      timestamp: new Date(),
    };
    const context = new TurnContext(this, activity);
    const sent: Partial<Activity>[] = [];
    context.turnState.set('sent', sent);
    await this.runMiddleware(context, (turn) => bot.run(turn));
    return sent;
  }
}

class FloorBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity('Your current account balance is $1,234.56.');
      await next();
    });
  }
}

if (!forkBenchWorkers()) serve();

function serve(): void {
  const adapter = new RequestReplyAdapter();
  const bot = new FloorBot();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const envelope = JSON.parse(Buffer.concat(chunks).toString('utf8')) as AlexaShape;
      adapter
        .runTurn(envelope, bot)
        .then((sent) => {
          const text = sent.map((activity) => activity.text ?? '').join(' ');
          const body = JSON.stringify({
            version: '1.0',
            response: { outputSpeech: { type: 'PlainText', text }, shouldEndSession: true },
          });
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
        })
        .catch(() => res.writeHead(500).end());
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    announcePort(typeof address === 'object' && address ? address.port : 0);
  });
}
