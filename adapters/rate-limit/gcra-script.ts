import { redisScript } from '../storage/redis-script.js';

/**
 * gcra() (gcra.ts) run atomically by Redis, on the server's clock so instances with skewed clocks
 * agree. KEYS[1] the limiter key; ARGV[1] window in ms; ARGV[2] the limit.
 * Returns { allowed (1|0), remaining, retryAfterMs }. Needs Redis 5+ (effects replication).
 */
const GCRA_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local window = tonumber(ARGV[1])
local interval = window / tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '') or now
if tat < now then tat = now end
local next = tat + interval
local allow_at = next - window
if allow_at > now + 1e-9 then
  return { 0, 0, math.max(1, math.ceil(allow_at - now)) }
end
redis.call('SET', KEYS[1], string.format('%.3f', next), 'PX', math.max(1, math.ceil(next - now)))
return { 1, math.floor((window - (next - now)) / interval + 1e-9), 0 }
`;

export const GCRA = redisScript(GCRA_SCRIPT);

/**
 * Charges requests that instances have already let through (synced-limits.ts): for each key,
 * KEYS[i] with ARGV[i] the ms to add to its theoretical arrival time (from now, if that has passed;
 * 0 only reads it). Returns, per key, how many ms ahead of the server's clock the shared time now is (as a string,
 * so fractions survive). The key expires once that time has passed.
 */
const CHARGE_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local ahead = {}
for i, key in ipairs(KEYS) do
  local tat = tonumber(redis.call('GET', key) or '') or now
  if tat < now then tat = now end
  local debt = tonumber(ARGV[i])
  tat = tat + debt
  if debt > 0 then
    redis.call('SET', key, string.format('%.3f', tat), 'PX', math.max(1, math.ceil(tat - now)))
  end
  ahead[i] = string.format('%.3f', tat - now)
end
return ahead
`;

export const CHARGE = redisScript(CHARGE_SCRIPT);
