import type { AlertRecord } from '../../bot/alerts/alert.js';
import type { AlertRecords, SendClaim } from '../../bot/ports/alert-records.port.js';
import { customerKey } from '../storage/customer-keys.js';
import { toRedisKey } from '../storage/redis-key.js';
import type { RedisStorage } from '../storage/redis.storage.js';
import { parseAlertRecord } from './alert-record-json.js';
import { withFields } from '../../bot/objects.js';

export interface RedisAlertRecordsOptions {
  readonly redis: Pick<RedisStorage, 'prefix' | 'command'>;
  /** How long records and lists live after their last change (seconds). */
  readonly ttlSeconds: number;
  readonly now?: () => Date;
}

/** Creates the record unless the key exists (a replayed id). */
const CREATE = `if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'record', ARGV[1], 'attempts', '0')
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1`;

/** Merges a patch; a final status (answered, expired, failed) is never replaced. */
const UPDATE = `local current = redis.call('HGET', KEYS[1], 'record')
if not current then return 0 end
local record = cjson.decode(current)
local patch = cjson.decode(ARGV[1])
local final = { answered = true, expired = true, failed = true }
if final[record.status] then patch.status = nil; patch.outcome = nil end
for k, v in pairs(patch) do record[k] = v end
record.updatedAt = ARGV[2]
redis.call('HSET', KEYS[1], 'record', cjson.encode(record))
return 1`;

/** Sets a field to ARGV[2] only while it holds ARGV[1]; an empty ARGV[2] deletes it. */
const SWAP = `if redis.call('HGET', KEYS[1], ARGV[3]) ~= ARGV[1] then return 0 end
if ARGV[2] == '' then redis.call('HDEL', KEYS[1], ARGV[3]) else redis.call('HSET', KEYS[1], ARGV[3], ARGV[2]) end
return 1`;

const SENT = 'sent';

/**
 * Alert records in Redis: one hash per alert (`alerts/<id>`: the record as JSON, an attempt
 * counter, one send mark per channel user, one presented mark per channel), and per customer,
 * hash-tagged with their other records, the set of their alerts and of their open alerts.
 * Records and sets expire `ttlSeconds` after their last creation.
 */
export function createRedisAlertRecords(options: RedisAlertRecordsOptions): AlertRecords {
  const { redis } = options;
  const now = options.now ?? (() => new Date());
  const ttl = String(options.ttlSeconds);
  const alertKey = (alertId: string): string => `${redis.prefix}alerts/${alertId}`;
  const listKey = (customerId: string, name: string): string =>
    toRedisKey(redis.prefix, customerKey(customerId, name));
  const script = (source: string, key: string, args: string[]): Promise<number> =>
    redis.command((c) => c.eval(source, { keys: [key], arguments: args })).then(Number);
  const swap = (alertId: string, field: string, from: string, to: string): Promise<boolean> =>
    script(SWAP, alertKey(alertId), [from, to, field]).then((n) => n === 1);
  const addTo = async (key: string, alertId: string): Promise<void> => {
    await redis.command((c) => c.multi().sAdd(key, alertId).expire(key, options.ttlSeconds).exec());
  };

  return {
    async create(record: AlertRecord) {
      const created = await script(CREATE, alertKey(record.alertId), [JSON.stringify(record), ttl]);
      if (created === 1) await addTo(listKey(record.customerId, 'alerts'), record.alertId);
      return created === 1;
    },
    async get(alertId) {
      const [json, attempts] = await redis.command((c) => c.hmGet(alertKey(alertId), ['record', 'attempts']));
      const record = parseAlertRecord(json);
      return record ? withFields(record, { attempts: Number(attempts ?? 0) }) : undefined;
    },
    async discard(alertId) {
      const record = parseAlertRecord(await redis.command((c) => c.hGet(alertKey(alertId), 'record')));
      await redis.command((c) => c.del(alertKey(alertId)));
      if (record) await redis.command((c) => c.sRem(listKey(record.customerId, 'alerts'), alertId));
    },
    async update(alertId, patch) {
      await script(UPDATE, alertKey(alertId), [JSON.stringify(patch), now().toISOString()]);
    },
    async countAttempt(alertId) {
      return redis.command((c) => c.hIncrBy(alertKey(alertId), 'attempts', 1));
    },
    async claimSend(alertId, target, consumer): Promise<SendClaim> {
      const field = `send:${target}`;
      const key = alertKey(alertId);
      if (await redis.command((c) => c.hSetNX(key, field, consumer))) return { state: 'claimed' };
      const holder = await redis.command((c) => c.hGet(key, field));
      if (holder === null || holder === undefined) return this.claimSend(alertId, target, consumer);
      return holder === SENT ? { state: 'sent' } : { state: 'sending', by: holder };
    },
    takeOver: (alertId, target, from, consumer) => swap(alertId, `send:${target}`, from, consumer),
    async markSent(alertId, target) {
      await redis.command((c) => c.hSet(alertKey(alertId), `send:${target}`, SENT));
    },
    async release(alertId, target, consumer) {
      await swap(alertId, `send:${target}`, consumer, '');
    },
    async markPresented(alertId, channelId) {
      return redis.command((c) => c.hSetNX(alertKey(alertId), `presented:${channelId}`, '1')).then(Boolean);
    },
    addOpen: (customerId, alertId) => addTo(listKey(customerId, 'alerts-open'), alertId),
    openFor: (customerId) => redis.command((c) => c.sMembers(listKey(customerId, 'alerts-open'))),
    async closeOpen(customerId, alertId) {
      await redis.command((c) => c.sRem(listKey(customerId, 'alerts-open'), alertId));
    },
    async erase(customerId) {
      const all = listKey(customerId, 'alerts');
      const ids = await redis.command((c) => c.sMembers(all));
      const queued: string[] = [];
      const dead: string[] = [];
      let deleted = 0;
      for (const alertId of ids) {
        const record = parseAlertRecord(await redis.command((c) => c.hGet(alertKey(alertId), 'record')));
        if (record?.entryId) queued.push(record.entryId);
        if (record?.deadEntryId) dead.push(record.deadEntryId);
        deleted += await redis.command((c) => c.del(alertKey(alertId)));
      }
      await redis.command((c) => c.del([all, listKey(customerId, 'alerts-open')]));
      return { deleted, entries: { queued, dead } };
    },
  };
}
