/**
 * Where a full-stack turn spends its time: starts the bankbot child with --cpu-prof, sends
 * sequential signed turns, and leaves the .cpuprofile in PROFILE_DIR (default /tmp/bankbot-prof).
 * Run: node --import tsx bench/http/profile-stack.ts [turns]
 */
import { alexaTrust, signedBalancePool } from './alexa-pool.js';
import { startServerChild } from './child.js';
import { signedTurn } from './signed-turn.js';
import { startBenchRedis } from './redis.js';

const turns = Number(process.argv[2] ?? 300);
const dir = process.env.PROFILE_DIR ?? '/tmp/bankbot-prof';
const redis = await startBenchRedis();
const started = performance.now();
const child = await startServerChild(
  'bench/http/bankbot.child.ts',
  {
    BENCH_REDIS_URL: redis.url,
    BENCH_ALEXA_TRUST: alexaTrust(),
  },
  { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] },
);
console.log(`child ready after ${(performance.now() - started).toFixed(0)} ms`);
const pool = signedBalancePool(turns, 50);
const t0 = performance.now();
for (const request of pool) await signedTurn(child.port, request);
console.log(`${turns} sequential turns: ${((performance.now() - t0) / turns).toFixed(2)} ms each`);
await child.stop();
await redis.stop();
console.log(`profile in ${dir}`);
