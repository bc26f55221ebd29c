import { createHmac, timingSafeEqual } from 'node:crypto';

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/**
 * Checks `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(raw body, app secret)>` over the exact bytes
 * received, in constant time. The legacy SHA-1 `X-Hub-Signature` is deliberately not accepted.
 */
export function verifyHubSignature(
  rawBody: Buffer,
  header: string | readonly string[] | undefined,
  appSecret: string,
): boolean {
  if (typeof header !== 'string') return false;
  const hex = SIGNATURE.exec(header.trim())?.[1];
  if (!hex) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(Buffer.from(hex, 'hex'), expected);
}

/** Graph's `appsecret_proof`: HMAC-SHA256 of the access token with the app secret, in hex. */
export function appSecretProof(accessToken: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(accessToken).digest('hex');
}
