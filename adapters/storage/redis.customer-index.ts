import type { ChannelUserRef, CustomerIndex } from '../../bot/ports/customer-data.port.js';
import { customerKey } from './customer-keys.js';
import { consentSnapshotOf } from './redis.consent-ledger.js';
import { toRedisKey } from './redis-key.js';
import { redisScript, runScript } from './redis-script.js';
import type { RedisStorage } from './redis.storage.js';

export interface RedisCustomerIndexOptions {
  /** The Redis storage whose connection, prefix and timeouts the index shares. */
  readonly redis: Pick<RedisStorage, 'prefix' | 'command'>;
  /** How long a conversation stays listed after it was last added (ms). */
  readonly retentionMs: number;
}

/**
 * Adds or refreshes one conversation, drops those not refreshed within the retention period, and
 * lets the whole set expire after a retention period without new conversations. With a second key
 * (the customer's consent hash, same slot) it returns that hash as HGETALL does.
 */
const ADD_CONVERSATION = redisScript(`
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
if KEYS[2] then return redis.call('HGETALL', KEYS[2]) end
return 1
`);

/** HGETALL's flat [field, value, ...] reply as a record. */
function hashOf(reply: unknown): Record<string, string> {
  const hash: Record<string, string> = {};
  if (!Array.isArray(reply)) throw new Error('customer index: unexpected reply from Redis');
  for (let i = 0; i + 1 < reply.length; i += 2) hash[String(reply[i])] = String(reply[i + 1]);
  return hash;
}

const userMember = (user: ChannelUserRef): string =>
  `${encodeURIComponent(user.channelId)}/${encodeURIComponent(user.userId)}`;

function userOf(member: string): ChannelUserRef[] {
  const [channelId, userId] = member.split('/');
  return channelId && userId
    ? [{ channelId: decodeURIComponent(channelId), userId: decodeURIComponent(userId) }]
    : [];
}

/**
 * The customer index in Redis, hash-tagged with the customer's other records:
 * `{customers/<id>}/conversations`, a sorted set of conversation storage keys scored by when they
 * were added (one script call, one round trip), and `{customers/<id>}/channel-users`, a set.
 * Beside the consent ledger of the same storage (redis.consent-ledger.ts), it adds a conversation
 * and reads the consent in one script call.
 */
export function createRedisCustomerIndex(options: RedisCustomerIndexOptions): CustomerIndex {
  const { redis } = options;
  const key = (customerId: string, record: 'conversations' | 'channel-users' | 'consent'): string =>
    toRedisKey(redis.prefix, customerKey(customerId, record));

  const addArgs = (conversationKey: string, at: Date): string[] => {
    const score = at.getTime();
    return [String(score), conversationKey, String(score - options.retentionMs), String(options.retentionMs)];
  };

  return {
    async addConversation(customerId, conversationKey, at) {
      await runScript(
        redis,
        ADD_CONVERSATION,
        [key(customerId, 'conversations')],
        addArgs(conversationKey, at),
      );
    },
    async addConversationReadingConsent(customerId, conversationKey, at) {
      const keys = [key(customerId, 'conversations'), key(customerId, 'consent')];
      const reply = await runScript(redis, ADD_CONVERSATION, keys, addArgs(conversationKey, at));
      return consentSnapshotOf(hashOf(reply));
    },
    async addChannelUser(customerId, user) {
      await redis.command((c) => c.sAdd(key(customerId, 'channel-users'), userMember(user)));
    },
    async removeChannelUser(customerId, user) {
      await redis.command((c) => c.sRem(key(customerId, 'channel-users'), userMember(user)));
    },
    async list(customerId) {
      const [conversations, users] = await Promise.all([
        redis.command((c) => c.zRangeWithScores(key(customerId, 'conversations'), 0, -1)),
        redis.command((c) => c.sMembers(key(customerId, 'channel-users'))),
      ]);
      return {
        conversations: conversations.map(({ value, score }) => ({ key: value, at: score })),
        channelUsers: users.sort().flatMap(userOf),
      };
    },
    erase: (customerId) =>
      redis.command((c) => c.del([key(customerId, 'conversations'), key(customerId, 'channel-users')])),
  };
}
