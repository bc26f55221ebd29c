import { CodedError } from '../../../bot/errors.js';
import { errorResponse, type HttpRequest, type HttpResponse } from '../../../bot/server.js';
import { sameSecret } from '../../../bot/secrets.js';

/** Meta's challenges are short tokens; anything else is not echoed back. */
const CHALLENGE = /^[\x21-\x7e]{1,512}$/;

/**
 * The subscription handshake: `hub.mode=subscribe` with the configured verify token gets the
 * challenge back as plain text; a wrong token gets 403 (Botkit answered 200 "OK"), a malformed
 * query 400.
 */
export function answerHandshake(request: HttpRequest, verifyToken: string): HttpResponse {
  const mode = request.query.get('hub.mode');
  const token = request.query.get('hub.verify_token') ?? '';
  const challenge = request.query.get('hub.challenge') ?? '';
  if (mode !== 'subscribe' || !CHALLENGE.test(challenge)) return errorResponse('CHANNEL_ERR_BAD_PAYLOAD');
  if (!sameSecret(token, verifyToken)) return errorResponse('CHANNEL_ERR_FORBIDDEN');
  return { status: 200, body: challenge };
}

/** The verified raw body as JSON; a leading UTF-8 BOM is tolerated. */
export function parseWebhookBody(rawBody: Buffer): unknown {
  const text = rawBody.toString('utf8').replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CodedError('HTTP_ERR_BAD_JSON');
  }
}
