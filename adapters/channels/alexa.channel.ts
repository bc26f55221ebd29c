import { X509Certificate } from 'node:crypto';
import { readdirSync } from 'node:fs';
import type { Config } from '../../bot/config.js';
import { loadCorpora } from '../../bot/nlu/corpus.js';
import type { BotLogic, ChannelDeps, ChannelPort } from '../../bot/ports/channel.port.js';
import { errorResponse, type HttpRequest, type HttpResponse } from '../../bot/server.js';
import { AlexaAdapter } from './alexa/alexa-adapter.js';
import { todayIn } from './alexa/amazon-date.js';
import { fetchCertChain, systemRoots, type CertChainFetcher } from './alexa/cert-chain.js';
import type { AlexaEnvelope } from './alexa/envelope.js';
import { createIntentTable } from './alexa/intent-names.js';
import { toAlexaTurn } from './alexa/request-mapper.js';
import { createProactiveEvents } from './alexa/proactive-events.js';
import { createAlexaVerifier, replayWindowEnd } from './alexa/request-verifier.js';
import type { AlexaResponseEnvelope } from './alexa/response-renderer.js';
import { alexaTurnResponse } from './alexa/turn-response.js';

export const ALEXA_PATH = '/api/alexa';

/** Test-only injection; production reads settings from `config` alone. */
export interface AlexaTestOptions {
  /** PEM roots to trust instead of Node's bundled CA list (a test CA). */
  readonly trustedRoots?: readonly string[];
  /** Where certificate chains come from instead of an HTTPS download. */
  readonly fetchCertChain?: CertChainFetcher;
  /** The verifier's clock (the bot keeps `deps.now`). */
  readonly now?: () => Date;
  /** bankbot intents, instead of reading them from the corpora in NLU_MODELS_DIR. */
  readonly intents?: readonly string[];
}

/** An empty response: what Alexa gets for requests that need no speech (SessionEndedRequest and the like). */
const EMPTY: AlexaResponseEnvelope = { version: '1.0', response: {} };

function skillIdsOf(config: Config): ReadonlySet<string> {
  return new Set(
    (config.ALEXA_SKILL_IDS ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
  );
}

/** Every intent of every language's corpora: the names Alexa intents resolve to. */
function corpusIntents(modelsDir: string): string[] {
  const languages = readdirSync(modelsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name);
  return languages.flatMap((language) =>
    loadCorpora(modelsDir, language).flatMap((corpus) => corpus.data.map((entry) => entry.intent)),
  );
}

/**
 * Alexa custom skill endpoint, `POST /api/alexa`: verified per Amazon's rules (see
 * createAlexaVerifier), mapped to a turn (see toAlexaTurn), answered with one rendered response
 * (see renderAlexaResponse). Answers 503 CHANNEL_ERR_NOT_CONFIGURED until ALEXA_SKILL_IDS is set.
 */
export function createAlexaChannel(
  config: Config,
  deps: ChannelDeps,
  options: AlexaTestOptions = {},
): ChannelPort {
  const skillIds = skillIdsOf(config);
  const adapter = new AlexaAdapter(deps.logger);
  const intents = createIntentTable(
    skillIds.size === 0 ? [] : (options.intents ?? corpusIntents(config.NLU_MODELS_DIR)),
  );
  const testRoots = options.trustedRoots;
  /** The verifier's clock: what request timestamps are checked (and replay marks timed) against. */
  const clock = options.now ?? (() => new Date());
  const verify = createAlexaVerifier({
    skillIds,
    fetchCertChain: options.fetchCertChain ?? fetchCertChain,
    trustedRoots: testRoots ? () => testRoots.map((pem) => new X509Certificate(pem)) : systemRoots,
    now: clock,
    logger: deps.logger,
  });
  const defaults = { locale: config.DEFAULT_LOCALE, timeZone: config.DEFAULT_TIME_ZONE };

  async function answer(envelope: AlexaEnvelope, logic: BotLogic): Promise<AlexaResponseEnvelope> {
    const { type, requestId } = envelope.request;
    const turn = toAlexaTurn(envelope, {
      intents,
      today: todayIn(deps.now(), config.DEFAULT_TIME_ZONE),
      defaultLocale: config.DEFAULT_LOCALE,
    });
    deps.logger.info({ event: 'alexa.request', type, requestId, linked: turn?.accessToken !== undefined });
    if (!turn) return EMPTY;
    // Marked in the conversation's state until its window ends: a copy sent to another instance is refused.
    const claim = { id: requestId, ttlMs: replayWindowEnd(envelope) - clock().getTime() };
    const sent = await adapter.runTurn(turn, logic, claim);
    // Amazon ignores speech in answer to SessionEndedRequest; its reason says whether Alexa hit an error.
    if (type === 'SessionEndedRequest') {
      deps.logger.info({ event: 'alexa.session_ended', requestId, reason: envelope.request.reason });
      return EMPTY;
    }
    if (sent.some((activity) => activity.type === 'event' && activity.name === 'handoff.initiate'))
      deps.logger.info({ event: 'alexa.handoff', requestId });
    return alexaTurnResponse(sent, defaults);
  }

  const { ALEXA_CLIENT_ID: clientId, ALEXA_CLIENT_SECRET: clientSecret } = config;
  const notifications =
    clientId && clientSecret && skillIds.size > 0
      ? createProactiveEvents({
          clientId,
          clientSecret,
          tokenUrl: config.ALEXA_LWA_TOKEN_URL,
          apiUrl: config.ALEXA_API_URL,
          stage: config.ALEXA_EVENTS_STAGE,
          source: 'Your bank',
          locale: config.DEFAULT_LOCALE,
          now: deps.now,
          logger: deps.logger,
        })
      : undefined;

  return {
    id: 'alexa',
    ...(notifications ? { pushAlert: (target) => notifications.push(target) } : {}),
    routes: (logic) => [
      {
        method: 'POST',
        path: ALEXA_PATH,
        handler: async (request: HttpRequest): Promise<HttpResponse> => {
          if (skillIds.size === 0) return errorResponse('CHANNEL_ERR_NOT_CONFIGURED');
          return { status: 200, body: await answer(await verify(request), logic) };
        },
      },
    ],
  };
}
