import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import type { Config } from '../../bot/config.js';
import type { ChannelDeps, ChannelPort } from '../../bot/ports/channel.port.js';
import { actionsHandler, ACTIONS_PATH } from './google/actions.route.js';
import { createAssistantTokenVerifier } from './google/assistant-token.js';
import { dialogflowHandler, DIALOGFLOW_PATH } from './google/dialogflow.route.js';
import { GoogleAdapter } from './google/google-adapter.js';
import { RecentKeys } from './google/recent-keys.js';

/** Test-only injection; production reads `config` alone. */
export interface GoogleTestOptions {
  /** Google's signing keys (e.g. `createLocalJWKSet(...)`) instead of fetching GOOGLE_JWKS_URL. */
  readonly keys?: JWTVerifyGetKey;
  /** Clock for token checks (defaults to the bot's). */
  readonly now?: () => Date;
  /** How many request ids each route remembers for replay detection (default 10,000). */
  readonly replayMemory?: number;
}

const REPLAY_MEMORY = 10_000;
const JWKS_TIMEOUT_MS = 3000;

/**
 * Google: Dialogflow ES v2 fulfillment on POST /api/google (HTTP Basic auth, GOOGLE_WEBHOOK_USER /
 * GOOGLE_WEBHOOK_PASSWORD) and the Actions Builder webhook on POST /api/google/actions (Google-signed
 * JWT, audience GOOGLE_ACTIONS_PROJECT_ID). A route without its settings answers 503.
 * Conversational Actions were turned down on 2023-06-13: see docs/channels-google.md.
 */
export function createGoogleChannel(
  config: Config,
  deps: ChannelDeps,
  options: GoogleTestOptions = {},
): ChannelPort {
  const adapter = new GoogleAdapter({ locale: config.DEFAULT_LOCALE, timeZone: config.DEFAULT_TIME_ZONE });
  const memory = options.replayMemory ?? REPLAY_MEMORY;
  const projectId = config.GOOGLE_ACTIONS_PROJECT_ID;
  const verify = projectId
    ? createAssistantTokenVerifier({
        projectId,
        keys:
          options.keys ??
          createRemoteJWKSet(new URL(config.GOOGLE_JWKS_URL), { timeoutDuration: JWKS_TIMEOUT_MS }),
        now: options.now ?? deps.now,
      })
    : undefined;
  const dialogflow = { config, deps, adapter, seen: new RecentKeys(memory) };
  const actions = { config, deps, adapter, verify, seen: new RecentKeys(memory) };
  return {
    id: 'google',
    routes: (logic) => [
      { method: 'POST', path: DIALOGFLOW_PATH, handler: dialogflowHandler(dialogflow, logic) },
      { method: 'POST', path: ACTIONS_PATH, handler: actionsHandler(actions, logic) },
    ],
  };
}
