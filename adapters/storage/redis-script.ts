import { createHash } from 'node:crypto';
import type { RedisStorage } from './redis.storage.js';

/** A Lua script and the SHA1 Redis files it under. */
export interface RedisScript {
  readonly source: string;
  readonly sha1: string;
}

export const redisScript = (source: string): RedisScript => ({
  source,
  sha1: createHash('sha1').update(source).digest('hex'),
});

/** Runs a script by its SHA1 (one round trip), sending the source only when Redis has forgotten it. */
export async function runScript(
  redis: Pick<RedisStorage, 'command'>,
  script: RedisScript,
  keys: string[],
  args: string[],
): Promise<unknown> {
  const options = { keys, arguments: args };
  try {
    return await redis.command((client) => client.evalSha(script.sha1, options));
  } catch (error) {
    // Redis forgets scripts on restart or SCRIPT FLUSH; EVAL registers it again for the next EVALSHA.
    if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
    return redis.command((client) => client.eval(script.source, options));
  }
}
