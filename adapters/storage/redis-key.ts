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
  const escaped = key.replace(/[%{}]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  const owner =
    /^(customers\/[^/]+)(\/.*)$/s.exec(escaped) ??
    /^([^/]+\/(?:conversations|users)\/[^/]+)(\/.*)$/s.exec(escaped);
  if (!owner) return prefix + escaped;
  return `${prefix}{${owner[1] ?? ''}}${owner[2] ?? ''}`;
}

/** Rejects prefixes that would break the hash-tag layout above. */
export function assertValidPrefix(prefix: string): void {
  if (/[{}]/.test(prefix)) {
    throw new RangeError('Redis storage prefix must not contain "{" or "}".');
  }
}
