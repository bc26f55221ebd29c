/**
 * `npm run bench [-- --quick] [-- --json FILE]`: throughput and latency of the Alexa route through
 * the full stack, against a bare node:http ceiling, a bare botbuilder floor and a Jovo v4 peer,
 * all measured in this run. Each server runs in its own child process; autocannon loads it from
 * here. Not a test: it prints figures and asserts nothing. Method: docs/benchmarks.md.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig } from '../bot/config.js';
import { createConfiguredRecognizer } from '../bot/index.js';
import { silentLogger } from '../bot/logger.js';
import { alexaTrust, balanceBody } from './http/alexa-pool.js';
import { startServerChild } from './http/child.js';
import {
  bytesPerConversation,
  measureColdStart,
  measureFullStack,
  measureStackMax,
  redisPerTurnWith,
} from './http/full-stack.js';
import { figuresOf, type PerProcesses } from './http/figures.js';
import type { RedisPerTurn } from './http/redis-commands.js';
import { runLoad, type LoadResult } from './http/load.js';
import { startBenchRedis } from './http/redis.js';
import { formatNumber, formatRatio, formatTable, median, ratio } from './http/stats.js';

const { values } = parseArgs({
  options: { json: { type: 'string' }, quick: { type: 'boolean' }, workers: { type: 'string' } },
});
const quick = values.quick === true;
/** Processes per server in the second round (bare, Jovo and bankbot each as N cluster workers); 1 skips it. */
const WORKERS = Math.max(1, Number(values.workers ?? 2));
const SECONDS = quick ? 2 : 8;
const CONNECTIONS = 32;
const PREFIX = 'bankbot-bench:';
const log = (line: string): void => console.log(line);

interface Measured extends LoadResult {
  readonly rssBytes: number;
}

/** A server that does not verify signatures, loaded with one fixed balance request. */
async function measurePlain(script: string, env: Record<string, string> = {}): Promise<Measured> {
  const child = await startServerChild(script, env);
  try {
    const body = balanceBody();
    const load = (seconds: number) =>
      runLoad({
        url: `http://127.0.0.1:${child.port}/`,
        connections: CONNECTIONS,
        durationSec: seconds,
        next: () => ({ body, headers: {} }),
      });
    await load(quick ? 1 : 2);
    const result = await load(SECONDS);
    return { ...result, rssBytes: child.rss().now };
  } finally {
    await child.stop();
  }
}

function ensureJovo(): void {
  if (existsSync('bench/jovo/node_modules')) return;
  log('bench/jovo/node_modules is missing: installing the Jovo peer (npm install --prefix bench/jovo) ...');
  execFileSync('npm', ['install', '--prefix', 'bench/jovo', '--no-audit', '--no-fund'], { stdio: 'inherit' });
}

async function nluMedianMs(): Promise<number> {
  const config = loadConfig({ NODE_ENV: 'production' }, '/nonexistent');
  const recognizer = await createConfiguredRecognizer(config, silentLogger());
  const queries = [
    "what's my balance",
    'how much do I have in savings',
    'show my transactions',
    'how much did I spend at Starbucks last month',
    'freeze my card',
    'I lost my card',
    'was the $42.10 at Starbucks last Tuesday me?',
    'talk to a human please',
    'the second one',
    'yes',
  ];
  const context = { locale: 'en-US', timeZone: 'UTC', now: new Date() };
  for (const text of queries) await recognizer.recognize(text, context);
  const times: number[] = [];
  for (let round = 0; round < (quick ? 5 : 30); round += 1) {
    for (const text of queries) {
      const started = performance.now();
      await recognizer.recognize(text, context);
      times.push(performance.now() - started);
    }
  }
  return median(times);
}

function describeRedis(label: string, redis: RedisPerTurn): string {
  const { roundTrips: trips, executed } = redis;
  return (
    `${label}: round trips ${trips.later.toFixed(2)} per later turn, ${trips.first.toFixed(2)} on a first turn ` +
    `(mean ${trips.mean.toFixed(2)}); executed ${executed.later.toFixed(2)} / ${executed.first.toFixed(2)} ` +
    JSON.stringify(redis.breakdown.later)
  );
}

/** bare, Jovo and bankbot again, each as `count` processes sharing one port (maximum throughput only). */
async function measureWorkers(
  count: number,
  stack: Parameters<typeof measureStackMax>[0],
): Promise<PerProcesses> {
  const env = { BENCH_WORKERS: String(count) };
  log(`bare node:http ×${count} ...`);
  const bare = await measurePlain('bench/http/bare.child.ts', env);
  log(`Jovo 4.6.2 ×${count} ...`);
  const jovo = await measurePlain('bench/jovo/server.js', env);
  log(`bankbot Alexa ×${count} (WORKERS=${count}) ...`);
  const bankbot = await measureStackMax(stack, env, log);
  return { count, bare, jovo, bankbot };
}

async function main(): Promise<void> {
  const began = Date.now();
  log(`bankbot bench ${quick ? '(quick) ' : ''}${new Date().toISOString()}`);
  log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
  // Other work on the machine skews every figure; the ratios within one run are what to compare.
  const loadAtStart = loadavg()[0] ?? 0;
  log(`load average at start: ${loadAtStart.toFixed(1)}`);
  ensureJovo();
  const nluMs = await nluMedianMs();
  log(`NLU: median ${nluMs.toFixed(2)} ms per query (in-process, cached model)`);

  const redis = await startBenchRedis();
  try {
    const env = {
      BENCH_REDIS_URL: redis.url,
      BENCH_REDIS_PREFIX: PREFIX,
      BENCH_ALEXA_TRUST: alexaTrust(),
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    };
    log('bare node:http ...');
    const bareBefore = await measurePlain('bench/http/bare.child.ts');
    log('botbuilder floor ...');
    const floor = await measurePlain('bench/floor/floor-bot.child.ts');
    log('Jovo 4.6.2 ...');
    const jovo = await measurePlain('bench/jovo/server.js');
    log('bankbot Alexa, full stack ...');
    const stack = await measureFullStack({ redis, env, connections: CONNECTIONS, seconds: SECONDS }, log);
    const stackEnv = { redis, env, connections: CONNECTIONS, seconds: SECONDS };
    log('Redis commands per turn with the rate limits off ...');
    const limitsOff = await redisPerTurnWith(
      stackEnv,
      { RATE_LIMIT_PER_IP: '0', RATE_LIMIT_PER_CUSTOMER: '0' },
      0,
    );
    log('Redis commands per turn with the rate limits checked in Redis on every request ...');
    const limitsEveryRequest = await redisPerTurnWith(stackEnv, { RATE_LIMIT_SYNC_MS: '0' }, 1);
    log('bare node:http again ...');
    const bareAfter = await measurePlain('bench/http/bare.child.ts');
    const bareRps = (bareBefore.rps + bareAfter.rps) / 2;
    const perProcesses =
      WORKERS > 1
        ? await measureWorkers(WORKERS, { redis, env, connections: CONNECTIONS, seconds: SECONDS })
        : undefined;
    log('cold start ...');
    const coldStartMs = await measureColdStart(env, quick ? 1 : 3);
    const memory = await bytesPerConversation(redis, PREFIX);

    const mb = (bytes: number) => formatNumber(bytes / 1024 / 1024, 0);
    const row = (name: string, r: LoadResult, rss: number): string[] => [
      name,
      formatNumber(r.rps),
      formatNumber(r.p50Ms, 1),
      formatNumber(r.p99Ms, 1),
      String(r.errors),
      mb(rss),
      formatRatio(ratio(r.rps, bareRps)),
    ];
    log('');
    log(
      formatTable([
        ['server', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'RSS MB', '× bare'],
        row('bare node:http (before)', bareBefore, bareBefore.rssBytes),
        row('bare node:http (after)', bareAfter, bareAfter.rssBytes),
        row('botbuilder floor', floor, floor.rssBytes),
        row('Jovo 4.6.2', jovo, jovo.rssBytes),
        row('bankbot Alexa (max)', stack.max, stack.rssBytes),
        row('bankbot Alexa (half load)', stack.half, stack.peakRssBytes),
      ]),
    );
    log('');
    log(`bankbot / bare:  ${formatRatio(ratio(stack.max.rps, bareRps))}   (target ≥ 0.20×)`);
    log(`bankbot / Jovo:  ${formatRatio(ratio(stack.max.rps, jovo.rps))}   (target ≥ 4×)`);
    log(`bankbot / floor: ${formatRatio(ratio(stack.max.rps, floor.rps))}`);
    log(
      `p99 at half load: ${formatNumber(stack.half.p99Ms, 1)} ms   (target ≤ 20 ms); ` +
        `${formatNumber(stack.half.p99FromSendMs, 1)} ms counted from the actual send ` +
        `(p99 lateness of the sender ${formatNumber(stack.half.p99LateMs, 1)} ms)`,
    );
    if (perProcesses) {
      const { count, bare, jovo: peer, bankbot } = perProcesses;
      log('');
      log(`${count} processes each (node:cluster on one port; bankbot through its own WORKERS=${count}):`);
      log(
        formatTable([
          ['server', 'req/s', 'p50 ms', 'p99 ms', 'errors', '× bare'],
          ...(
            [
              [`bare node:http ×${count}`, bare],
              [`Jovo 4.6.2 ×${count}`, peer],
              [`bankbot Alexa ×${count}`, bankbot],
            ] as const
          ).map(([name, r]) => [
            name,
            formatNumber(r.rps),
            formatNumber(r.p50Ms, 1),
            formatNumber(r.p99Ms, 1),
            String(r.errors),
            formatRatio(ratio(r.rps, bare.rps)),
          ]),
        ]),
      );
      log(
        `bankbot ×${count} / bare ×1: ${formatRatio(ratio(bankbot.rps, bareRps))}; / bare ×${count}: ` +
          `${formatRatio(ratio(bankbot.rps, bare.rps))}; / Jovo ×${count}: ${formatRatio(ratio(bankbot.rps, peer.rps))}`,
      );
      log('');
    }
    log('Redis per turn (round trips = commands the bot sends, MONITOR; executed = INFO commandstats):');
    log(
      describeRedis('  as deployed: both rate limits on, synced every 100 ms', stack.redis) +
        '   (target ≤ 2)',
    );
    log(describeRedis('  rate limits off                                     ', limitsOff));
    log(describeRedis('  both rate limits checked in Redis on every request  ', limitsEveryRequest));
    log(`cold start: ${coldStartMs.toFixed(0)} ms   (target ≤ 1500 ms)`);
    log(`bytes per idle conversation: ${formatNumber(memory.bytes)} (${memory.keys} keys)   (target ≤ 1024)`);
    log(`NLU median per query: ${nluMs.toFixed(2)} ms`);
    log(`server peak RSS (bankbot): ${mb(stack.peakRssBytes)} MB`);
    log(
      `bench took ${((Date.now() - began) / 1000).toFixed(0)} s; load average at end ${(loadavg()[0] ?? 0).toFixed(1)}`,
    );

    if (values.json) {
      const figures = figuresOf({
        quick,
        loadAtStart,
        stack,
        limitsOff,
        limitsEveryRequest,
        bareBefore,
        bareAfter,
        floor,
        jovo,
        coldStartMs,
        memory,
        nluMs,
        ...(perProcesses ? { perProcesses } : {}),
      });
      writeFileSync(values.json, `${JSON.stringify(figures, null, 2)}\n`);
      log(`figures written to ${values.json}`);
    }
  } finally {
    await redis.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
