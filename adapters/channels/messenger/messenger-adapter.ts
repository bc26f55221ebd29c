import type { TurnContext } from 'botbuilder-core';
import { ActivityTypes, type Activity, type ResourceResponse } from 'botbuilder-core';
import { FacebookAdapter } from 'botbuilder-adapter-facebook';
import type { Logger } from '../../../bot/logger.js';
import type { BotLogic } from '../../../bot/ports/channel.port.js';
import type { RenderOptions } from '../../../bot/render-text.js';
import type { Reply } from '../../../bot/reply.js';
import { toActivity } from '../../../bot/turn.js';
import { GraphClient, type GraphClientSettings } from './graph-client.js';
import { CHANNEL_ID, linkingActivity, messageActivity } from './inbound-activity.js';
import type { MessagingType } from './send-api.js';
import { renderActivity, type ActivitySendOptions } from './send-api-render.js';
import { UserLocales } from './user-locale.js';
import type { LinkingEvent, TurnEvent } from './webhook-events.js';
import { withFields } from '../../../bot/objects.js';
import { BankbotTurnContext, runNativeMiddleware } from '../../../bot/turn-context.js';

/** The Graph client's settings plus what rendering and the package's options need. */
export interface MessengerAdapterSettings extends GraphClientSettings {
  readonly verifyToken: string;
  readonly defaults: RenderOptions;
  readonly linkUrl: string;
  readonly onHandoff?: (psid: string) => void;
}

const HANDOFF = 'handoff.initiate';

/** How a pushed turn (an alert) is sent: set in the turn's state by {@link MessengerAdapter.pushTurn}. */
export type PushOptions = Pick<ActivitySendOptions, 'messagingType' | 'tag' | 'metadata' | 'confirmAs'>;
const PUSH = Symbol('bankbot.messengerPush');

/**
 * botbuilder-adapter-facebook's FacebookAdapter, kept for its BotAdapter plumbing, options and
 * continueConversation, with the parts that fall short replaced: the Graph client (fetch, bearer
 * token, retries, surfaced errors), inbound mapping (webhook events arrive pre-verified and
 * pre-classified from the channel) and sending (native rendering of the neutral reply).
 */
export class MessengerAdapter extends FacebookAdapter {
  private readonly graph: GraphClient;
  private readonly logger: Logger;
  private readonly locales: UserLocales;

  constructor(private readonly settings: MessengerAdapterSettings) {
    super({
      verify_token: settings.verifyToken,
      app_secret: settings.appSecret,
      access_token: settings.pageToken,
      api_host: new URL(settings.baseUrl).host,
      api_version: settings.version,
    });
    this.graph = new GraphClient(settings);
    this.locales = new UserLocales(this.graph, { ttlMs: 24 * 3600_000, maxEntries: 10_000 });
    this.logger = settings.logger;
  }

  /** botbuilder's runMiddleware without its per-call generator (see bot/turn-context.ts). */
  protected override runMiddleware(
    context: TurnContext,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    return runNativeMiddleware(
      { middleware: this.middleware, onTurnError: this.onTurnError },
      context,
      logic,
    );
  }

  /** The package asks for its API client here; bankbot's runs on fetch (the `request` shim is never called). */
  override async getAPI(): Promise<GraphClient> {
    return this.graph;
  }

  /** Runs the bot on a customer's message, quick-reply tap or postback. */
  async runTurn(event: TurnEvent, logic: BotLogic): Promise<void> {
    const locale = await this.locales.of(event.psid);
    const activity = withFields(messageActivity(event, this.settings.baseUrl), locale ? { locale } : {});
    await this.runMiddleware(new BankbotTurnContext(this, activity), logic);
  }

  /** Runs `logic` in a turn the bot starts on the customer's thread; what it sends goes out as `push` says. */
  async pushTurn(psid: string, push: PushOptions, logic: BotLogic): Promise<void> {
    const reference = {
      channelId: CHANNEL_ID,
      serviceUrl: this.settings.baseUrl,
      user: { id: psid, name: psid, role: 'user' },
      bot: { id: 'page', name: 'page', role: 'bot' },
      conversation: { id: psid, isGroup: false, conversationType: 'personal', name: 'messenger' },
    };
    await this.continueConversation(reference, async (context) => {
      context.turnState.set(PUSH, push);
      await logic(context);
    });
  }

  /** Sends a reply outside the bot's dialogs (the account-linking confirmation). */
  async confirm(event: LinkingEvent, value: Reply): Promise<void> {
    const activity = linkingActivity(event, this.settings.baseUrl);
    await this.runMiddleware(new BankbotTurnContext(this, activity), async (context) => {
      await context.sendActivity(toActivity(value, this.settings.defaults));
    });
  }

  /**
   * Renders each message natively and sends it, in order; a failed send rejects (after the Graph
   * client's retries) instead of being swallowed, so the turn's caller logs it with its code.
   */
  override async sendActivities(
    context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    const psid = context.activity.conversation?.id ?? '';
    // A continued conversation is the bot speaking first, not a response to a customer message.
    const push = context.turnState.get(PUSH) as PushOptions | undefined;
    const messagingType: MessagingType =
      push?.messagingType ?? (context.activity.name === 'continueConversation' ? 'UPDATE' : 'RESPONSE');
    const api = await this.getAPI();
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === ActivityTypes.Event && activity.name === HANDOFF) {
        // pass_thread_control to a human inbox app is future work: the handoff is recorded only.
        this.logger.info({ event: 'messenger.handoff', psid });
        this.settings.onHandoff?.(psid);
        responses.push({ id: '' });
        continue;
      }
      if (activity.type !== ActivityTypes.Message) {
        responses.push({ id: '' });
        continue;
      }
      const { defaults, linkUrl } = this.settings;
      const psidOf = activity.conversation?.id ?? psid;
      let id = '';
      const options = withFields(push, { psid: psidOf, messagingType, defaults, linkUrl });
      for (const body of renderActivity(activity, options)) {
        const sent = await api.callAPI('/me/messages', 'POST', body);
        id = typeof sent.message_id === 'string' ? sent.message_id : id;
      }
      responses.push({ id });
    }
    return responses;
  }
}
