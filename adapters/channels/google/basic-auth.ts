import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: Buffer): Buffer => createHash('sha256').update(value).digest();

/**
 * Whether an `Authorization: Basic ...` header carries exactly `user:password`. Both sides are
 * hashed first so the comparison is constant-time and leaks no length.
 */
export function basicAuthMatches(header: string | undefined, user: string, password: string): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(header ?? '');
  const given = Buffer.from(match?.[1] ?? '', 'base64');
  const expected = Buffer.from(`${user}:${password}`, 'utf8');
  // Always compare, even without a header, so a missing header takes as long as a wrong one.
  return timingSafeEqual(digest(given), digest(expected)) && match !== null;
}
