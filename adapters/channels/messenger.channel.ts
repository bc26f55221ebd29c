import type { Config } from '../../bot/config.js';
import { CodedError, errorCode } from '../../bot/errors.js';
import type { Logger } from '../../bot/logger.js';
import type { AlertTarget, BotLogic, ChannelDeps, ChannelPort } from '../../bot/ports/channel.port.js';
import { errorResponse, type HttpRequest, type HttpResponse, type Route } from '../../bot/server.js';
import { applyAccountLinking } from './messenger/account-linking.js';
import { createDeliveryDedup, deliveryEraser, type DedupOptions } from './messenger/delivery-dedup.js';
import { GraphSendError } from './messenger/graph-client.js';
import { CHANNEL_ID } from './messenger/inbound-activity.js';
import { MessengerAdapter } from './messenger/messenger-adapter.js';
import { DEFAULT_RETRY, type RetryPolicy } from './messenger/retry-policy.js';
import { createInboundWindow } from './messenger/inbound-window.js';
import { verifyHubSignature } from './messenger/signature.js';
import { readWebhook, type EchoEvent, type InboundEvent } from './messenger/webhook-events.js';
import { answerHandshake, parseWebhookBody } from './messenger/webhook-http.js';
import { createWorkQueue } from './messenger/work-queue.js';
import { withFields } from '../../bot/objects.js';

export const MESSENGER_PATH = '/api/messenger';
/** Until a MESSENGER_LINK_URL setting exists: the bank's account-linking page for the log-in button. */
export const DEFAULT_LINK_URL = 'https://bank.example/link';
/** The metadata a pushed alert's messages carry, returned in their echoes. */
const ALERT_METADATA = 'bankbot-alert:';

export interface MessengerChannelOptions {
  /** The bank's account-linking page opened by the log-in button (default DEFAULT_LINK_URL). */
  readonly linkUrl?: string;
  /** Backoff for Graph sends (tests shorten the delays). */
  readonly retry?: Partial<RetryPolicy>;
  /** Delivery de-duplication window and in-memory size. */
  readonly dedup?: Pick<DedupOptions, 'ttlMs' | 'memorySize'>;
  /** Called when the bot hands a conversation to a person (it is always logged). */
  readonly onHandoff?: (psid: string) => void;
}

/** The Messenger channel; `settle()` waits for turns acknowledged but still running. */
export interface MessengerChannelPort extends ChannelPort {
  settle(): Promise<void>;
}

function failureDetail(error: unknown): Record<string, unknown> {
  for (let cause = error, depth = 0; depth < 5 && cause instanceof Error; depth += 1) {
    if (cause instanceof GraphSendError)
      return { status: cause.status, graphCode: cause.graphCode, attempts: cause.attempts };
    cause = cause.cause ?? (cause as { error?: unknown }).error;
  }
  return {};
}

function notConfigured(logger: Logger): MessengerChannelPort {
  logger.warn({ event: 'messenger.not_configured', code: 'CHANNEL_ERR_NOT_CONFIGURED' });
  const refuse = (): HttpResponse => errorResponse('CHANNEL_ERR_NOT_CONFIGURED');
  return {
    id: CHANNEL_ID,
    routes: () => [
      { method: 'GET', path: MESSENGER_PATH, handler: refuse },
      { method: 'POST', path: MESSENGER_PATH, handler: refuse },
    ],
    settle: async () => undefined,
  };
}

/**
 * Messenger on botbuilder-adapter-facebook: GET/POST /api/messenger. Requests are verified
 * (X-Hub-Signature-256) before parsing, acknowledged with 200 at once, then processed in the
 * background, one at a time per customer; redeliveries (same `mid`) run no second turn. Without
 * MESSENGER_APP_SECRET, MESSENGER_VERIFY_TOKEN and MESSENGER_PAGE_TOKEN both routes answer 503.
 */
export function createMessengerChannel(
  config: Config,
  deps: ChannelDeps,
  options: MessengerChannelOptions = {},
): MessengerChannelPort {
  const { MESSENGER_APP_SECRET: appSecret, MESSENGER_VERIFY_TOKEN: verifyToken } = config;
  const pageToken = config.MESSENGER_PAGE_TOKEN;
  if (!appSecret || !verifyToken || !pageToken) return notConfigured(deps.logger);
  const { logger } = deps;
  const adapter = new MessengerAdapter({
    baseUrl: config.MESSENGER_GRAPH_URL,
    version: config.MESSENGER_API_VERSION,
    pageToken,
    appSecret,
    verifyToken,
    retry: withFields(DEFAULT_RETRY, options.retry),
    logger,
    defaults: { locale: config.DEFAULT_LOCALE, timeZone: config.DEFAULT_TIME_ZONE },
    linkUrl: options.linkUrl ?? DEFAULT_LINK_URL,
    ...(options.onHandoff ? { onHandoff: options.onHandoff } : {}),
  });
  const dedup = createDeliveryDedup({ storage: deps.storage, now: deps.now, ...options.dedup });
  deps.customerData?.registerCustomerData('messenger-deliveries', deliveryEraser(deps.storage));
  const queue = createWorkQueue((error) =>
    logger.error({ event: 'messenger.work_failed', code: errorCode(error) }),
  );
  const window = createInboundWindow(deps.storage, deps.now);

  const noteEcho = (echo: EchoEvent): void => {
    if (!echo.metadata.startsWith(ALERT_METADATA)) return;
    const alertId = echo.metadata.slice(ALERT_METADATA.length);
    deps.onAlertSent?.(alertId, { channelId: CHANNEL_ID, userId: echo.psid });
  };

  /** Inside the 24-hour window a push is a RESPONSE; outside it, MESSAGE_TAG ACCOUNT_UPDATE. */
  const pushAlert = async (target: AlertTarget, present: BotLogic): Promise<void> => {
    const open = await window.isOpen(target.userId);
    const how = open
      ? { messagingType: 'RESPONSE' as const }
      : { messagingType: 'MESSAGE_TAG' as const, tag: 'ACCOUNT_UPDATE' as const };
    const metadata = `${ALERT_METADATA}${target.alertId}`;
    await adapter.pushTurn(target.userId, withFields(how, { metadata, confirmAs: 'quick_replies' }), present);
    logger.info({
      event: 'messenger.alert_pushed',
      alertId: target.alertId,
      messagingType: how.messagingType,
    });
  };

  const isRedelivery = async (event: InboundEvent): Promise<boolean> => {
    if (!event.deliveryId) return false;
    try {
      return !(await dedup.firstSeen(event.psid, event.deliveryId));
    } catch (error) {
      // Storage trouble: answering twice beats not answering (the turn reports the outage itself).
      logger.warn({ event: 'messenger.dedup_unavailable', code: errorCode(error) });
      return false;
    }
  };

  const handle = async (event: InboundEvent, logic: BotLogic): Promise<void> => {
    try {
      if (await isRedelivery(event)) {
        logger.info({ event: 'messenger.duplicate', psid: event.psid, kind: event.kind });
        return;
      }
      if (event.kind === 'turn') {
        await window.touch(event.psid).catch((error: unknown) => {
          logger.warn({ event: 'messenger.window_unavailable', code: errorCode(error) });
        });
        await adapter.runTurn(event, logic);
      } else await adapter.confirm(event, await applyAccountLinking(event, deps.identity, logger));
    } catch (error) {
      logger.warn({
        event: 'messenger.turn_failed',
        code: errorCode(error),
        psid: event.psid,
        kind: event.kind,
        ...failureDetail(error),
      });
    }
  };

  const receive = (request: HttpRequest, logic: BotLogic): HttpResponse => {
    // Thrown, so the server logs the rejection with its code like every other refused request.
    if (!verifyHubSignature(request.rawBody, request.headers['x-hub-signature-256'], appSecret))
      throw new CodedError('CHANNEL_ERR_BAD_SIGNATURE');
    const { events, echoes, skipped } = readWebhook(parseWebhookBody(request.rawBody));
    for (const echo of echoes) noteEcho(echo);
    // Read receipts and deliveries come with nearly every message: worth a debug line, not more.
    if (skipped.length > 0) logger.debug({ event: 'messenger.skipped', reasons: skipped });
    for (const event of events) queue.enqueue(event.psid, () => handle(event, logic));
    return { status: 200, body: 'EVENT_RECEIVED' };
  };

  return {
    id: CHANNEL_ID,
    routes: (logic): readonly Route[] => [
      { method: 'GET', path: MESSENGER_PATH, handler: (request) => answerHandshake(request, verifyToken) },
      { method: 'POST', path: MESSENGER_PATH, handler: (request) => receive(request, logic) },
    ],
    continueConversation: (reference, logic) => adapter.continueConversation(reference, logic),
    pushAlert,
    settle: () => queue.settle(),
  };
}
