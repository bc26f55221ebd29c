import { z } from 'zod';
import { CodedError } from '../errors.js';
import { PREVIEW_CHANNELS } from '../ports/preview.port.js';
import { parseJson, type HttpRequest } from '../server.js';

/** Longest message the playground takes (Messenger's own limit is 2,000 characters). */
export const MAX_TEXT_CHARS = 1000;

const turnSchema = z
  .object({
    channel: z.enum(PREVIEW_CHANNELS),
    customer: z.string().regex(/^[a-z0-9-]{1,40}$/),
    text: z.string().trim().min(1).max(MAX_TEXT_CHARS),
    /** The conversation to continue; absent, a new one starts. Minted by the server. */
    conversationId: z.uuid().optional(),
  })
  .strict();

export type TurnRequest = z.infer<typeof turnSchema>;

/**
 * The page's own origin only: a page elsewhere must not drive the playground from a developer's
 * browser. JSON is required, so a cross-site form cannot post without a CORS preflight (which is
 * never granted), and an Origin, when sent, must be this server's.
 */
function checkOrigin(request: HttpRequest): void {
  const origin = request.headers.origin;
  const host = request.headers.host;
  if (request.headers['sec-fetch-site'] === 'cross-site') throw new CodedError('PLAYGROUND_ERR_CROSS_ORIGIN');
  if (origin === undefined) return;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new CodedError('PLAYGROUND_ERR_CROSS_ORIGIN');
  }
  if (!host || originHost !== host) throw new CodedError('PLAYGROUND_ERR_CROSS_ORIGIN');
}

function isJson(request: HttpRequest): boolean {
  const type = request.headers['content-type'] ?? '';
  return /^application\/json\s*(;|$)/i.test(type);
}

/** A POST /playground/api/turn body, checked: origin, media type, JSON, then the fields. */
export function readTurnRequest(request: HttpRequest): TurnRequest {
  checkOrigin(request);
  if (!isJson(request)) throw new CodedError('HTTP_ERR_UNSUPPORTED_TYPE');
  const parsed = turnSchema.safeParse(parseJson(request));
  if (!parsed.success) throw new CodedError('HTTP_ERR_BAD_REQUEST');
  return parsed.data;
}
