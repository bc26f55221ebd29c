import type { Config } from '../../../bot/config.js';
import { CodedError, ReplayedRequestError } from '../../../bot/errors.js';
import type { BotLogic, ChannelDeps } from '../../../bot/ports/channel.port.js';
import { errorResponse, parseJson, type HttpRequest, type HttpResponse } from '../../../bot/server.js';
import { basicAuthMatches } from './basic-auth.js';
import { dialogflowTurn, webhookRequestSchema } from './dialogflow-request.js';
import { renderWebhookResponse } from './dialogflow-response.js';
import type { GoogleAdapter } from './google-adapter.js';
import type { RecentKeys } from './recent-keys.js';

export const DIALOGFLOW_PATH = '/api/google';
const CHALLENGE = { 'www-authenticate': 'Basic realm="bankbot", charset="UTF-8"' };
/**
 * How long a responseId stays marked in its conversation's state. Basic auth has no timestamp, so
 * no window ends a replay's chances; an hour bounds it, and each instance's own memory of recent
 * ids (`seen`) still catches later copies sent to it.
 */
const DIALOGFLOW_CLAIM_MS = 3_600_000;

export interface DialogflowRouteDeps {
  readonly config: Config;
  readonly deps: ChannelDeps;
  readonly adapter: GoogleAdapter;
  /** responseIds already answered: Basic auth has no timestamp, so a replay is recognised by id. */
  readonly seen: RecentKeys;
}

/**
 * Dialogflow ES v2 fulfillment: Basic auth checked before anything is parsed, the WebhookRequest
 * run as one turn, the answer a WebhookResponse. A repeated responseId is acknowledged with an
 * empty WebhookResponse (Dialogflow then uses the intent's own responses) and never runs again.
 */
export function dialogflowHandler(route: DialogflowRouteDeps, logic: BotLogic) {
  const { config, deps, adapter, seen } = route;
  return async (request: HttpRequest): Promise<HttpResponse> => {
    const user = config.GOOGLE_WEBHOOK_USER;
    const password = config.GOOGLE_WEBHOOK_PASSWORD;
    if (!user || !password) throw new CodedError('CHANNEL_ERR_NOT_CONFIGURED');
    if (!basicAuthMatches(request.headers.authorization, user, password)) {
      deps.logger.info({ event: 'google.rejected', code: 'CHANNEL_ERR_BAD_SIGNATURE', route: 'dialogflow' });
      return errorResponse('CHANNEL_ERR_BAD_SIGNATURE', CHALLENGE);
    }
    const parsed = webhookRequestSchema.safeParse(parseJson(request));
    if (!parsed.success) throw new CodedError('CHANNEL_ERR_BAD_PAYLOAD');
    const now = deps.now();
    const { responseId } = parsed.data;
    const duplicate = (): HttpResponse => {
      deps.logger.info({ event: 'google.duplicate', route: 'dialogflow', id: responseId });
      return { status: 200, body: {} };
    };
    if (!seen.add(responseId, Number.POSITIVE_INFINITY, now.getTime())) return duplicate();
    // Marked in the conversation's state too, so a copy sent to another instance is caught.
    const claim = { id: responseId, ttlMs: DIALOGFLOW_CLAIM_MS };
    try {
      const output = await adapter.process(dialogflowTurn(parsed.data, now), logic, claim);
      return { status: 200, body: renderWebhookResponse(output.replies, output.format, output.handoff) };
    } catch (error) {
      if (error instanceof ReplayedRequestError) return duplicate();
      throw error;
    }
  };
}
