import { createHash } from 'node:crypto';
import type { Config } from '../../../bot/config.js';
import { CodedError } from '../../../bot/errors.js';
import type { BotLogic, ChannelDeps } from '../../../bot/ports/channel.port.js';
import { parseJson, type HttpRequest, type HttpResponse } from '../../../bot/server.js';
import { actionsTurn, bearerToken, handlerRequestSchema } from './actions-request.js';
import { renderHandlerResponse } from './actions-response.js';
import type { AssistantTokenVerifier } from './assistant-token.js';
import type { GoogleAdapter } from './google-adapter.js';
import type { RecentKeys } from './recent-keys.js';

export const ACTIONS_PATH = '/api/google/actions';
export const SIGNATURE_HEADER = 'google-assistant-signature';
const HEALTH_CHECK = 'actions.handler.HEALTH_CHECK';

export interface ActionsRouteDeps {
  readonly config: Config;
  readonly deps: ChannelDeps;
  readonly adapter: GoogleAdapter;
  /** Undefined when GOOGLE_ACTIONS_PROJECT_ID is not set. */
  readonly verify: AssistantTokenVerifier | undefined;
  /** Token + body pairs already answered, kept until the token expires. */
  readonly seen: RecentKeys;
}

/**
 * Actions Builder conversation webhook: the Google-signed JWT verified before the body is parsed;
 * the same token with the same body again (a replay within the token's life) is refused as stale.
 */
export function actionsHandler(route: ActionsRouteDeps, logic: BotLogic) {
  const { deps, adapter, verify, seen } = route;
  return async (request: HttpRequest): Promise<HttpResponse> => {
    if (!verify) throw new CodedError('CHANNEL_ERR_NOT_CONFIGURED');
    const token = request.headers[SIGNATURE_HEADER];
    if (typeof token !== 'string' || token === '') throw new CodedError('CHANNEL_ERR_BAD_SIGNATURE');
    const { expiresAt } = await verify(token);
    const key = createHash('sha256').update(token).update('\n').update(request.rawBody).digest('base64url');
    const now = deps.now();
    if (!seen.add(key, expiresAt, now.getTime())) throw new CodedError('CHANNEL_ERR_STALE');
    const parsed = handlerRequestSchema.safeParse(parseJson(request));
    if (!parsed.success) throw new CodedError('CHANNEL_ERR_BAD_PAYLOAD');
    // Google's health check expects an empty answer and is no customer turn.
    if (parsed.data.handler?.name === HEALTH_CHECK) return { status: 200, body: {} };
    const authorization = request.headers.authorization;
    const turn = actionsTurn(parsed.data, bearerToken(authorization), now);
    const output = await adapter.process(turn, logic);
    const where = {
      sessionId: parsed.data.session.id,
      ...(parsed.data.scene?.name ? { scene: parsed.data.scene.name } : {}),
    };
    return { status: 200, body: renderHandlerResponse(output.replies, output.format, where) };
  };
}
