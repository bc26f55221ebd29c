import { cpus, loadavg } from 'node:os';
import type { FullStackResult } from './full-stack.js';
import type { LoadResult } from './load.js';
import type { RedisPerTurn } from './redis-commands.js';
import { ratio } from './stats.js';

/** What one bench run measured, as `bench/run.ts` gathers it. */
export interface RunFigures {
  readonly quick: boolean;
  readonly loadAtStart: number;
  readonly stack: FullStackResult;
  /** Redis per turn with both rate limits off, and with both checked in Redis on every request. */
  readonly limitsOff: RedisPerTurn;
  readonly limitsEveryRequest: RedisPerTurn;
  readonly bareBefore: LoadResult;
  readonly bareAfter: LoadResult;
  readonly floor: LoadResult;
  readonly jovo: LoadResult;
  readonly coldStartMs: number;
  readonly memory: { readonly bytes: number; readonly keys: number };
  readonly nluMs: number;
  /** The second round, `count` processes per server (absent with --workers 1). */
  readonly perProcesses?: PerProcesses;
}

export interface PerProcesses {
  readonly count: number;
  readonly bare: LoadResult;
  readonly jovo: LoadResult;
  readonly bankbot: LoadResult;
}

/** The `--json` document: the keys issue #9 names (alexaTurn, bare, peer, floor, ...) and the detail behind them. */
export function figuresOf(run: RunFigures) {
  const {
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
    perProcesses,
  } = run;
  const bareRps = (bareBefore.rps + bareAfter.rps) / 2;
  return {
    date: new Date().toISOString(),
    quick,
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model ?? '',
      node: process.version,
      loadAverage: { start: loadAtStart, end: loadavg()[0] ?? 0 },
    },
    alexaTurn: {
      rps: stack.max.rps,
      p50Ms: stack.max.p50Ms,
      p99Ms: stack.max.p99Ms,
      p99AtHalfLoadMs: stack.half.p99Ms,
      halfLoad: {
        rps: stack.half.rps,
        p50Ms: stack.half.p50Ms,
        p99FromSendMs: stack.half.p99FromSendMs,
        p99SenderLateMs: stack.half.p99LateMs,
      },
      errors: stack.max.errors + stack.half.errors,
      rssBytes: stack.rssBytes,
      peakRssBytes: stack.peakRssBytes,
    },
    bare: { rps: bareRps, before: bareBefore.rps, after: bareAfter.rps },
    peer: {
      name: 'Jovo 4.6.2',
      rps: jovo.rps,
      p50Ms: jovo.p50Ms,
      p99Ms: jovo.p99Ms,
      errors: jovo.errors,
    },
    floor: { rps: floor.rps, p50Ms: floor.p50Ms, p99Ms: floor.p99Ms, errors: floor.errors },
    ratios: {
      bare: ratio(stack.max.rps, bareRps),
      peer: ratio(stack.max.rps, jovo.rps),
      floor: ratio(stack.max.rps, floor.rps),
    },
    // Round trips per turn as deployed (both rate limits on, synced), averaged over 10 conversations
    // of 10 turns (one first turn in ten).
    redisCommandsPerTurn: stack.redis.roundTrips.mean,
    redis: { asDeployed: stack.redis, rateLimitsOff: limitsOff, rateLimitsEveryRequest: limitsEveryRequest },
    coldStartMs,
    bytesPerConversation: memory.bytes,
    nluMedianMs: nluMs,
    ...(perProcesses
      ? {
          workers: {
            count: perProcesses.count,
            bare: { rps: perProcesses.bare.rps },
            peer: { name: 'Jovo 4.6.2', rps: perProcesses.jovo.rps },
            alexaTurn: {
              rps: perProcesses.bankbot.rps,
              p50Ms: perProcesses.bankbot.p50Ms,
              p99Ms: perProcesses.bankbot.p99Ms,
              errors: perProcesses.bankbot.errors,
            },
            ratios: {
              bare: ratio(perProcesses.bankbot.rps, perProcesses.bare.rps),
              bareOneProcess: ratio(perProcesses.bankbot.rps, bareRps),
              peer: ratio(perProcesses.bankbot.rps, perProcesses.jovo.rps),
            },
          },
        }
      : {}),
  };
}
