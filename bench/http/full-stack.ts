import { ALEXA_PATH } from '../../adapters/channels/alexa.channel.js';
import { signedBalancePool } from './alexa-pool.js';
import { startServerChild } from './child.js';
import { runLoad, type BenchRequest, type LoadResult } from './load.js';
import { runPaced, type PacedResult } from './paced.js';
import { signedTurn } from './signed-turn.js';
import { redisPerTurn, type RedisPerTurn } from './redis-commands.js';
import type { BenchRedis } from './redis.js';
import { median } from './stats.js';

export const BANKBOT_CHILD = 'bench/http/bankbot.child.ts';
/** Distinct conversations the load cycles through: far above the connections in flight. */
const SESSIONS = 2000;

export interface StackEnv {
  readonly redis: BenchRedis;
  readonly env: Record<string, string>;
  readonly connections: number;
  readonly seconds: number;
}

export interface FullStackResult {
  readonly max: LoadResult;
  readonly half: PacedResult;
  readonly rssBytes: number;
  readonly peakRssBytes: number;
  /** Redis commands per turn with the bench child's settings (rate limits off). */
  readonly redis: RedisPerTurn;
}

const pick = (pool: readonly BenchRequest[]) => (i: number) => pool[i % pool.length]!;

/**
 * Load on the full stack: a warm-up that also estimates the rate, the maximum (closed loop,
 * autocannon), then half that rate evenly paced (open loop, runPaced) for the p99 a half-loaded
 * instance shows. Every run gets a
 * pool signed just before it, used once, so no request is replayed or stale.
 */
export async function measureFullStack(
  stack: StackEnv,
  log: (line: string) => void,
): Promise<FullStackResult> {
  const child = await startServerChild(BANKBOT_CHILD, stack.env);
  try {
    const { max, url, signed } = await maxThroughput(child.port, stack, log);
    const rss = child.rss();
    const halfRate = Math.max(1, Math.round(max.rps / 2));
    const half = await runPaced({
      url,
      rate: halfRate,
      count: halfRate * stack.seconds,
      connections: stack.connections,
      next: pick(signed(halfRate * stack.seconds)),
    });
    const redis = await redisPerTurn(child.port, stack.redis, SESSIONS * 2);
    return {
      max,
      half,
      rssBytes: rss.now,
      peakRssBytes: rss.peak,
      redis,
    };
  } finally {
    await child.stop();
  }
}

/** The maximum throughput alone, with `env` added to the child's (BENCH_WORKERS, say). */
export async function measureStackMax(
  stack: StackEnv,
  env: Record<string, string>,
  log: (line: string) => void,
): Promise<LoadResult> {
  const child = await startServerChild(BANKBOT_CHILD, { ...stack.env, ...env });
  try {
    return (await maxThroughput(child.port, stack, log)).max;
  } finally {
    await child.stop();
  }
}

/**
 * A sanity turn, then warm-up rounds of about two seconds until the turn runs at its steady rate
 * (at least three rounds, then until a round is within 10% of the one before, at most six), whose
 * last round estimates the rate; then the closed-loop maximum. For its first seconds a server also
 * builds its entity models in the background (warmUpEntitiesInBackground) and V8 optimises the
 * turn: one short warm-up measured that, not the steady rate.
 */
async function maxThroughput(
  port: number,
  stack: StackEnv,
  log: (line: string) => void,
): Promise<{ max: LoadResult; url: string; signed: (count: number) => BenchRequest[] }> {
  const [probe] = signedBalancePool(1, 1, SESSIONS);
  const answer = await signedTurn(port, probe!);
  log(`  sanity: HTTP ${answer.status} ${answer.body.replace(/\d/g, '#').slice(0, 140)}`);
  if (answer.status !== 200) throw new Error('bench: the full stack does not answer a signed balance turn');
  const url = `http://127.0.0.1:${port}${ALEXA_PATH}`;
  const signed = (count: number): BenchRequest[] => {
    const started = performance.now();
    const pool = signedBalancePool(count + stack.connections * 2, SESSIONS);
    log(`  signed ${pool.length} requests in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return pool;
  };
  const signAndRun = async (count: number): Promise<LoadResult> =>
    runLoad({ url, connections: stack.connections, amount: count, next: pick(signed(count)) });
  let warm = await signAndRun(1000);
  for (let round = 1; round <= 6; round += 1) {
    const previous = warm;
    warm = await signAndRun(Math.max(1000, Math.round(previous.rps * 2)));
    log(`  warm-up ${round}: ${warm.rps.toFixed(0)} req/s, ${warm.errors} errors`);
    if (round >= 3 && Math.abs(warm.rps - previous.rps) <= previous.rps * 0.1) break;
  }
  const max = await signAndRun(Math.round(warm.rps * 1.15 * stack.seconds));
  return { max, url, signed };
}

/**
 * Redis commands per turn with the child's settings changed by `env` (rate limits off, or checked in
 * Redis on every request).
 */
export async function redisPerTurnWith(
  stack: StackEnv,
  env: Record<string, string>,
  run: number,
): Promise<RedisPerTurn> {
  const child = await startServerChild(BANKBOT_CHILD, { ...stack.env, ...env });
  try {
    // Conversations of their own (run 0, 1, ...), apart from the full stack's and cold start's.
    return await redisPerTurn(child.port, stack.redis, SESSIONS * (4 + run));
  } finally {
    await child.stop();
  }
}

/** Process spawn to the first 200 on a signed turn (the NLU model is already cached on disk). */
export async function measureColdStart(env: Record<string, string>, runs: number): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    const child = await startServerChild(BANKBOT_CHILD, env);
    try {
      const [request] = signedBalancePool(1, 1, SESSIONS * 3 + run);
      const { status } = await signedTurn(child.port, request!);
      if (status !== 200) throw new Error(`bench: the first turn answered ${status}`);
      times.push(performance.now() - started);
    } finally {
      await child.stop();
    }
  }
  return median(times);
}

/** Mean Redis MEMORY USAGE (key, value and overhead) of the conversation keys the runs left idle. */
export async function bytesPerConversation(
  redis: BenchRedis,
  prefix: string,
): Promise<{ bytes: number; keys: number }> {
  const sizes: number[] = [];
  for await (const keys of redis.client.scanIterator({ MATCH: `${prefix}*/conversations/*`, COUNT: 1000 })) {
    for (const key of keys) {
      if (sizes.length >= 1000) break;
      sizes.push((await redis.client.memoryUsage(key)) ?? 0);
    }
  }
  const total = sizes.reduce((sum, size) => sum + size, 0);
  return { bytes: sizes.length > 0 ? total / sizes.length : Number.NaN, keys: sizes.length };
}
