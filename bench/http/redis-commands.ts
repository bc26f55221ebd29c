import type { BenchRedis } from './redis.js';
import { signedBalancePool } from './alexa-pool.js';
import { signedTurn } from './signed-turn.js';
import { commandDelta, parseCommandStats } from './stats.js';

/** Per-turn Redis figures, for a conversation's first turn and for its later turns. */
export interface PerTurn {
  readonly first: number;
  readonly later: number;
  /** Over all counted turns (one first turn in every TURNS_PER_CONVERSATION). */
  readonly mean: number;
}

export interface RedisPerTurn {
  /** Commands the bot sent (round trips; a Lua script counts once), from MONITOR. */
  readonly roundTrips: PerTurn;
  /** Every command Redis executed, the scripts' inner GET/SET/ZADD... included (INFO commandstats). */
  readonly executed: PerTurn;
  /** Executed commands per turn by name. */
  readonly breakdown: { readonly first: Record<string, number>; readonly later: Record<string, number> };
}

const CONVERSATIONS = 10;
const TURNS_PER_CONVERSATION = 10;

/**
 * Sequential signed turns: first the first turn of CONVERSATIONS new conversations, then
 * TURNS_PER_CONVERSATION - 1 more turns in each, counted separately between INFO commandstats
 * snapshots, with MONITOR on to tell the bot's own commands from those a Lua script runs.
 */
export async function redisPerTurn(
  port: number,
  redis: BenchRedis,
  firstSession: number,
): Promise<RedisPerTurn> {
  const pool = signedBalancePool(CONVERSATIONS * TURNS_PER_CONVERSATION, CONVERSATIONS, firstSession);
  const monitor = redis.client.duplicate();
  await monitor.connect();
  let sent = 0;
  await monitor.monitor((line: string) => {
    if (!/\[\d+ lua\]/.test(line) && !/"info"/i.test(line)) sent += 1;
  });
  const phase = async (requests: typeof pool) => {
    const before = parseCommandStats(await redis.client.info('commandstats'));
    const sentBefore = sent;
    for (const request of requests) {
      const { status } = await signedTurn(port, request);
      if (status !== 200) throw new Error(`bench: a turn answered ${status} while counting Redis commands`);
    }
    // MONITOR lines arrive asynchronously: let the last ones in before reading the count.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const delta = commandDelta(before, parseCommandStats(await redis.client.info('commandstats')), ['info']);
    const per = (n: number) => n / requests.length;
    return {
      roundTrips: per(sent - sentBefore),
      executed: per([...delta.values()].reduce((sum, calls) => sum + calls, 0)),
      breakdown: Object.fromEntries([...delta].map(([command, calls]) => [command, per(calls)])),
    };
  };
  try {
    const first = await phase(pool.slice(0, CONVERSATIONS));
    const later = await phase(pool.slice(CONVERSATIONS));
    const mean = (f: number, l: number) => (f + l * (TURNS_PER_CONVERSATION - 1)) / TURNS_PER_CONVERSATION;
    return {
      roundTrips: {
        first: first.roundTrips,
        later: later.roundTrips,
        mean: mean(first.roundTrips, later.roundTrips),
      },
      executed: { first: first.executed, later: later.executed, mean: mean(first.executed, later.executed) },
      breakdown: { first: first.breakdown, later: later.breakdown },
    };
  } finally {
    monitor.destroy();
  }
}
