/**
 * Maps a botbuilder storage key to the Redis key that holds it.
 *
 * @remarks
 * Layout: `<prefix><key>`, with the conversation or user part of botbuilder's own key shapes wrapped
 * in a Redis Cluster hash tag, so everything stored for one conversation lands in one slot:
 *
 * | botbuilder key                                   | Redis key (prefix `bankbot:`)                      |
 * |--------------------------------------------------|----------------------------------------------------|
 * | `msteams/conversations/abc/` (ConversationState) | `bankbot:{msteams/conversations/abc}/`             |
 * | `msteams/conversations/abc/users/u1/` (private)  | `bankbot:{msteams/conversations/abc}/users/u1/`    |
 * | `msteams/users/u1/` (UserState)                  | `bankbot:{msteams/users/u1}/`                      |
 * | `customers/c1/consent` (one customer's records)  | `bankbot:{customers/c1}/consent`                   |
 * | anything else, e.g. `settings`                   | `bankbot:settings`                                 |
 *
 * `%`, `{` and `}` inside the key are percent-encoded first, so the only braces in a Redis key are the
 * tag this function adds and two different botbuilder keys never share a Redis key.
 *
 * @example
 * ```ts
 * toRedisKey('bankbot:', 'msteams/conversations/abc/'); // 'bankbot:{msteams/conversations/abc}/'
 * ```
 */
export function toRedisKey(prefix: string, key: string): string {
  const escaped = NEEDS_ESCAPE.test(key) ? key.replace(ESCAPED, escapeChar) : key;
  const end = ownerEnd(escaped);
  if (end < 0) return prefix + escaped;
  return `${prefix}{${escaped.slice(0, end)}}${escaped.slice(end)}`;
}

const NEEDS_ESCAPE = /[%{}]/;
const ESCAPED = /[%{}]/g;
const escapeChar = (char: string): string => `%${char.charCodeAt(0).toString(16).toUpperCase()}`;
const CUSTOMERS = 'customers/';

/**
 * Where the owner part of `key` ends (the `/` after it), or -1: `customers/<id>` followed by `/`,
 * else `<channel>/conversations/<id>` or `<channel>/users/<id>` followed by `/`; each segment non-empty.
 */
function ownerEnd(key: string): number {
  if (key.startsWith(CUSTOMERS)) {
    const end = key.indexOf('/', CUSTOMERS.length);
    if (end > CUSTOMERS.length) return end;
  }
  const channelEnd = key.indexOf('/');
  if (channelEnd <= 0) return -1;
  let idStart: number;
  if (key.startsWith('conversations/', channelEnd + 1)) idStart = channelEnd + 15;
  else if (key.startsWith('users/', channelEnd + 1)) idStart = channelEnd + 7;
  else return -1;
  const end = key.indexOf('/', idStart);
  return end > idStart ? end : -1;
}

/** Rejects prefixes that would break the hash-tag layout above. */
export function assertValidPrefix(prefix: string): void {
  if (/[{}]/.test(prefix)) {
    throw new RangeError('Redis storage prefix must not contain "{" or "}".');
  }
}
