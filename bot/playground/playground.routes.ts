import { randomUUID } from 'node:crypto';
import { CodedError, errorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { CustomerProfile } from '../ports/bank.port.js';
import type { BotLogic } from '../ports/channel.port.js';
import { PREVIEW_CHANNELS, type ChannelPreviewPort } from '../ports/preview.port.js';
import { errorResponse, type HttpRequest, type HttpResponse, type Route } from '../server.js';
import type { TurnTrace } from '../turn-trace.js';
import { PlaygroundAdapter } from './playground-adapter.js';
import { staticRoutes } from './static-assets.js';
import { readTurnRequest, type TurnRequest } from './turn-request.js';
import type { TurnRecognition, TurnResponse } from './turn-response.js';

export const PLAYGROUND_PATH = '/playground';

export interface PlaygroundOptions {
  /** Renders a turn as each channel would. */
  readonly preview: ChannelPreviewPort;
  /** The sandbox bank's customers: the only people the playground chats as. */
  readonly customerIds: () => readonly string[];
  readonly profile: (customerId: string) => Promise<CustomerProfile>;
  readonly logger: Logger;
  /** Turns running at once before new ones get 429 (default 4): each one runs the NLU. */
  readonly maxTurnsInFlight?: number;
}

const ALTERNATIVES = 3;

function recognitionOf(trace: TurnTrace | undefined): TurnRecognition | null {
  if (!trace) return null;
  const { intent, score, intents, entities } = trace.recognition;
  const alternatives = intents.filter((candidate) => candidate.intent !== intent).slice(0, ALTERNATIVES);
  return { intent, confidence: score, route: trace.route, alternatives, entities };
}

/**
 * The web playground (PLAYGROUND=on, sandbox bank only): the page at /playground, the sandbox
 * customers at GET /playground/api/customers, and POST /playground/api/turn, which runs one message
 * through the real bot and answers with the channel's native payload, the view drawn from it and
 * what the NLU recognised. Each channel view is its own conversation, addressed by
 * channel + customer + a server-minted id.
 */
export function createPlaygroundRoutes(options: PlaygroundOptions, logic: BotLogic): Route[] {
  const adapter = new PlaygroundAdapter(options.logger);
  const limit = options.maxTurnsInFlight ?? 4;
  let inFlight = 0;

  const customers = async (): Promise<HttpResponse> => {
    const ids = options.customerIds();
    const listed = await Promise.all(
      ids.map(async (id) => {
        try {
          const { firstName, locale } = await options.profile(id);
          return { id, firstName, locale };
        } catch (error) {
          options.logger.warn({ event: 'playground.profile_unavailable', code: errorCode(error) });
          return { id };
        }
      }),
    );
    return { status: 200, body: { customers: listed, channels: PREVIEW_CHANNELS } };
  };

  const run = async (request: TurnRequest): Promise<HttpResponse> => {
    const conversationId = request.conversationId ?? randomUUID();
    const turn = await adapter.runTurn(
      {
        conversationId: `${request.channel}.${request.customer}.${conversationId}`,
        customerId: request.customer,
        text: request.text,
      },
      logic,
    );
    const preview = options.preview.render(request.channel, turn.sent, { recipientId: conversationId });
    const body: TurnResponse = {
      conversationId,
      channel: request.channel,
      ...preview,
      recognition: recognitionOf(turn.trace),
    };
    return { status: 200, body };
  };

  const turn = async (httpRequest: HttpRequest): Promise<HttpResponse> => {
    const request = readTurnRequest(httpRequest);
    if (!options.customerIds().includes(request.customer))
      throw new CodedError('PLAYGROUND_ERR_UNKNOWN_CUSTOMER');
    if (inFlight >= limit) {
      options.logger.info({ event: 'http.rejected', code: 'PLAYGROUND_ERR_BUSY', path: httpRequest.path });
      return errorResponse('PLAYGROUND_ERR_BUSY', { 'retry-after': '1' });
    }
    inFlight += 1;
    try {
      return await run(request);
    } finally {
      inFlight -= 1;
    }
  };

  return [
    ...staticRoutes(PLAYGROUND_PATH),
    { method: 'GET', path: `${PLAYGROUND_PATH}/api/customers`, handler: customers },
    { method: 'POST', path: `${PLAYGROUND_PATH}/api/turn`, handler: turn },
  ];
}
