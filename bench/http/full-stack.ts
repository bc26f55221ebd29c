import { ALEXA_PATH } from '../../adapters/channels/alexa.channel.js';
import { signedBalancePool } from './alexa-pool.js';
import { startServerChild, type ServerChild } from './child.js';
import { runLoad, type BenchRequest, type LoadResult } from './load.js';
import type { BenchRedis } from './redis.js';
import { commandDelta, median, parseCommandStats } from './stats.js';

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
  readonly half: LoadResult;
  readonly rssBytes: number;
  readonly peakRssBytes: number;
  /** Commands the bot sent per turn (its round trips), from MONITOR: scripts' inner calls excluded. */
  readonly roundTripsPerTurn: number;
  /** Every command Redis executed per turn (INFO commandstats), the CAS script's GET and SET included. */
  readonly commandsPerTurn: number;
  readonly commandBreakdown: Record<string, number>;
}

const pick = (pool: readonly BenchRequest[]) => (i: number) => pool[i % pool.length]!;

/** One signed turn; resolves with the response's status and body. */
export async function signedTurn(
  port: number,
  request: BenchRequest,
): Promise<{ status: number; body: string }> {
  const response = await fetch(`http://127.0.0.1:${port}${ALEXA_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...request.headers },
    body: request.body,
  });
  return { status: response.status, body: await response.text() };
}

/**
 * Load on the full stack: a warm-up that also estimates the rate, the maximum (closed loop), then
 * half that rate paced (open loop) for the p99 a lightly loaded instance shows. Every run gets a
 * pool signed just before it, used once, so no request is replayed or stale.
 */
export async function measureFullStack(
  stack: StackEnv,
  log: (line: string) => void,
): Promise<FullStackResult> {
  const child = await startServerChild(BANKBOT_CHILD, stack.env);
  try {
    const [probe] = signedBalancePool(1, 1, SESSIONS);
    const answer = await signedTurn(child.port, probe!);
    log(`  sanity: HTTP ${answer.status} ${answer.body.replace(/\d/g, '#').slice(0, 140)}`);
    if (answer.status !== 200) throw new Error('bench: the full stack does not answer a signed balance turn');

    const signAndRun = async (count: number, rate?: number): Promise<LoadResult> => {
      const started = performance.now();
      const pool = signedBalancePool(count + stack.connections * 2, SESSIONS);
      log(`  signed ${pool.length} requests in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      return runLoad({
        url: `http://127.0.0.1:${child.port}${ALEXA_PATH}`,
        connections: stack.connections,
        amount: count,
        ...(rate !== undefined ? { overallRate: rate } : {}),
        next: pick(pool),
      });
    };
    const warm = await signAndRun(Math.max(500, Math.round(stack.seconds * 150)));
    log(`  warm-up: ${warm.rps.toFixed(0)} req/s, ${warm.errors} errors`);
    const max = await signAndRun(Math.round(warm.rps * 1.15 * stack.seconds));
    const rss = child.rss();
    const halfRate = Math.max(1, Math.round(max.rps / 2));
    const half = await signAndRun(halfRate * stack.seconds, halfRate);
    const commands = await commandsPerTurn(child, stack.redis);
    return {
      max,
      half,
      rssBytes: rss.now,
      peakRssBytes: rss.peak,
      roundTripsPerTurn: commands.roundTrips,
      commandsPerTurn: commands.perTurn,
      commandBreakdown: commands.breakdown,
    };
  } finally {
    await child.stop();
  }
}

const TURNS_FOR_COMMANDS = 100;

/**
 * Sequential turns (10 conversations, the first turn of each new) between two INFO commandstats,
 * with MONITOR on to tell the bot's own commands from those a Lua script runs inside Redis.
 */
async function commandsPerTurn(
  child: ServerChild,
  redis: BenchRedis,
): Promise<{ roundTrips: number; perTurn: number; breakdown: Record<string, number> }> {
  const pool = signedBalancePool(TURNS_FOR_COMMANDS, 10, SESSIONS * 2);
  const monitor = redis.client.duplicate();
  await monitor.connect();
  let fromClients = 0;
  await monitor.monitor((line: string) => {
    if (!/\[\d+ lua\]/.test(line) && !/"info"/i.test(line)) fromClients += 1;
  });
  const before = parseCommandStats(await redis.client.info('commandstats'));
  for (const request of pool) {
    const { status } = await signedTurn(child.port, request);
    if (status !== 200) throw new Error(`bench: a turn answered ${status} while counting Redis commands`);
  }
  const after = parseCommandStats(await redis.client.info('commandstats'));
  monitor.destroy();
  const delta = commandDelta(before, after, ['info']);
  const total = [...delta.values()].reduce((sum, calls) => sum + calls, 0);
  return {
    roundTrips: fromClients / TURNS_FOR_COMMANDS,
    perTurn: total / TURNS_FOR_COMMANDS,
    breakdown: Object.fromEntries(
      [...delta].map(([command, calls]) => [command, calls / TURNS_FOR_COMMANDS]),
    ),
  };
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
