/**
 * Where a full-stack turn spends its time: starts the bankbot child with --cpu-prof, warms it with
 * sequential signed turns, then loads it with autocannon (32 connections, each request signed and
 * sent once), and leaves the .cpuprofile in PROFILE_DIR (default /tmp/bankbot-prof). The profile's
 * first `readyMs` (printed) are start-up.
 * Run: node --import tsx bench/http/profile-stack.ts [turns under load]
 */
import { ALEXA_PATH } from '../../adapters/channels/alexa.channel.js';
import { alexaTrust, signedBalancePool } from './alexa-pool.js';
import { startServerChild } from './child.js';
import { runLoad } from './load.js';
import { signedTurn } from './signed-turn.js';
import { startBenchRedis } from './redis.js';

const turns = Number(process.argv[2] ?? 20_000);
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
for (const request of signedBalancePool(200, 50, 100_000)) await signedTurn(child.port, request);
console.log(`child ready and warm after ${(performance.now() - started).toFixed(0)} ms (readyMs)`);
const pool = signedBalancePool(turns, 2000);
const load = await runLoad({
  url: `http://127.0.0.1:${child.port}${ALEXA_PATH}`,
  connections: 32,
  amount: turns,
  next: (i) => pool[i % pool.length]!,
});
console.log(
  `${turns} turns under load: ${load.rps.toFixed(0)} req/s, p99 ${load.p99Ms} ms, ${load.errors} errors`,
);
await child.stop();
await redis.stop();
console.log(`profile in ${dir}`);
