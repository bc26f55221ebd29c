import { createHmac } from 'node:crypto';
import { sameSecret } from '../secrets.js';

/** How far an event's timestamp may be from now, either way. */
export const SIGNATURE_WINDOW_SECONDS = 300;
export const TIMESTAMP_HEADER = 'x-bankbot-timestamp';
export const SIGNATURE_HEADER = 'x-bankbot-signature';

export type SignatureCheck = 'ok' | 'missing' | 'stale' | 'invalid';

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">` under the shared secret. */
export function signatureOf(secret: string, timestamp: string, body: Buffer | string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
  return `sha256=${mac}`;
}

/** The two headers a signed request carries (bank events, and the outcome callbacks bankbot sends). */
export function signedHeaders(secret: string, body: Buffer | string, nowMs: number): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  return { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signatureOf(secret, timestamp, body) };
}

/**
 * Checks a signed request: both headers present, the timestamp within five minutes of now, and the
 * signature equal (compared in constant time, through digests so lengths never leak).
 */
export function checkSignature(
  secret: string,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  body: Buffer,
  nowMs: number,
): SignatureCheck {
  const timestamp = headers[TIMESTAMP_HEADER];
  const given = headers[SIGNATURE_HEADER];
  if (typeof timestamp !== 'string' || typeof given !== 'string') return 'missing';
  if (!/^\d{1,12}$/.test(timestamp)) return 'invalid';
  const expected = signatureOf(secret, timestamp, body);
  if (!sameSecret(given, expected)) return 'invalid';
  const skew = Math.abs(nowMs / 1000 - Number(timestamp));
  return skew > SIGNATURE_WINDOW_SECONDS ? 'stale' : 'ok';
}
