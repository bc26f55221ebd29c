import type { ChannelUserRef, CustomerIndex } from '../../bot/ports/customer-data.port.js';
import { customerKey } from './customer-keys.js';
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
 * lets the whole set expire after a retention period without new conversations.
 */
const ADD_CONVERSATION = redisScript(`
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`);

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
 */
export function createRedisCustomerIndex(options: RedisCustomerIndexOptions): CustomerIndex {
  const { redis } = options;
  const key = (customerId: string, record: 'conversations' | 'channel-users'): string =>
    toRedisKey(redis.prefix, customerKey(customerId, record));

  return {
    async addConversation(customerId, conversationKey, at) {
      const score = at.getTime();
      const retention = String(options.retentionMs);
      const args = [String(score), conversationKey, String(score - options.retentionMs), retention];
      await runScript(redis, ADD_CONVERSATION, [key(customerId, 'conversations')], args);
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
