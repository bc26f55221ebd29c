import { createHash } from 'node:crypto';

/**
 * Compare-and-set for one key, run atomically by Redis.
 *
 * KEYS[1] the Redis key; ARGV[1] the eTag the writer last read ('' or '*' = overwrite);
 * ARGV[2] the new JSON document (already carrying its new eTag); ARGV[3] TTL in seconds or ''.
 * Returns 1 when written, 0 on an eTag conflict. A missing item is always written, as MemoryStorage does.
 */
export const CAS_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if current and ARGV[1] ~= '' and ARGV[1] ~= '*' then
  local ok, stored = pcall(cjson.decode, current)
  if not ok or type(stored) ~= 'table' or stored.eTag ~= ARGV[1] then
    return 0
  end
end
if ARGV[3] ~= '' then
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
else
  redis.call('SET', KEYS[1], ARGV[2])
end
return 1
`;

/** The SHA1 Redis files the script under, for EVALSHA. */
export const CAS_SHA1 = createHash('sha1').update(CAS_SCRIPT).digest('hex');
