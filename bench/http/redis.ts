import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';

type BenchRedisClient = ReturnType<typeof newClient>;
const newClient = (url: string) => createClient({ url });
import { freePort } from './child.js';

/** A redis-server of the bench's own (no persistence), and a client for INFO / MEMORY USAGE. */
export interface BenchRedis {
  readonly url: string;
  readonly client: BenchRedisClient;
  stop(): Promise<void>;
}

/**
 * Not test/support/redis-server.ts: importing it registers a node:test hook, which prints a TAP
 * report at the end of the bench.
 */
export async function startBenchRedis(): Promise<BenchRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'bankbot-bench-redis-'));
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('error', () => undefined);
  const url = `redis://127.0.0.1:${port}`;
  const client = newClient(url);
  client.on('error', () => undefined);
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await client.connect();
      break;
    } catch (error) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`bench: redis-server did not start (${String(error)})`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    url,
    client,
    stop: async () => {
      await client.close().catch(() => undefined);
      child.kill('SIGKILL');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
