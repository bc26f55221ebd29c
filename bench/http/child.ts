import { spawn, type ChildProcess } from 'node:child_process';
import cluster from 'node:cluster';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A server under test in its own process, so it never shares a core's time with the load generator. */
export interface ServerChild {
  readonly port: number;
  readonly pid: number;
  /** Milliseconds from spawn to the child's "listening" message. */
  readonly readyMs: number;
  /** Current and peak resident set size of the child, in bytes (Linux /proc). */
  rss(): { readonly now: number; readonly peak: number };
  stop(): Promise<void>;
}

/**
 * What `npm run serve` would run for a TypeScript script: its bundle (`dist/bundle/<name>.js`, see
 * bot/build/bundle.ts) when `npm run build` (which `npm run bench` runs first) made one, else its
 * compiled twin (`dist/<path>.js`); the source through tsx when there is neither or BENCH_TSX=1.
 */
export function runnable(script: string): { readonly script: string; readonly tsx: boolean } {
  if (!script.endsWith('.ts')) return { script, tsx: false };
  const name = script.slice(script.lastIndexOf('/') + 1, -3);
  const candidates = [`dist/bundle/${name}.js`, `dist/${script.slice(0, -3)}.js`];
  const built = process.env.BENCH_TSX === '1' ? undefined : candidates.find((file) => existsSync(file));
  return built ? { script: built, tsx: false } : { script, tsx: true };
}

/**
 * Spawns `node [--import tsx] script` (a `.ts` script runs compiled when built, see
 * {@link runnable}); the child sends `{ port }` over IPC once it listens.
 */
export function startServerChild(
  script: string,
  env: Record<string, string> = {},
  options: {
    readonly timeoutMs?: number;
    readonly nodeArgs?: readonly string[];
  } = {},
): Promise<ServerChild> {
  const started = performance.now();
  const target = runnable(script);
  const args = [...(options.nodeArgs ?? []), ...(target.tsx ? ['--import', 'tsx'] : []), target.script];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    // stdout (the server's logs) is discarded, as a log shipper would take it; stderr shows crashes.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bench: ${script} did not start in time`));
    }, options.timeoutMs ?? 120_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bench: ${script} exited with ${code}`));
    });
    child.on('message', (message: unknown) => {
      if (typeof message !== 'object' || message === null || !('port' in message)) return;
      clearTimeout(timer);
      resolve(handle(child, Number(message.port), performance.now() - started));
    });
  });
}

function handle(child: ChildProcess, port: number, readyMs: number): ServerChild {
  const pid = child.pid ?? 0;
  child.removeAllListeners('exit');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    port,
    pid,
    readyMs,
    rss: () => {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (field: string): number =>
        Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
      return { now: kb('VmRSS') * 1024, peak: kb('VmHWM') * 1024 };
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A port free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Sends the listening port to the bench over IPC (children call this). */
export function announcePort(port: number): void {
  process.send?.({ port });
  // The bench ends children with SIGTERM; no graceful drain is measured.
  process.once('SIGTERM', () => process.exit(0));
}

/** Processes a bench child serves in (BENCH_WORKERS, default 1); above 1 they share one port through node:cluster. */
export function benchWorkers(): number {
  return Math.max(1, Number(process.env.BENCH_WORKERS ?? '1'));
}

/**
 * In a cluster primary: announces the shared port to the bench once all `count` workers listen on
 * it (each worker calls announcePort as a single-process child would).
 */
export function announceWhenAllListen(count: number): void {
  const ports: number[] = [];
  cluster.on('message', (_worker, message: unknown) => {
    if (typeof message !== 'object' || message === null || !('port' in message)) return;
    ports.push(Number(message.port));
    if (ports.length === count) process.send?.({ port: ports[0] });
  });
}

/**
 * For the ceiling and floor children: with BENCH_WORKERS above 1, forks that many copies of this
 * script as cluster workers (stopped with the primary) and returns true in the primary.
 */
export function forkBenchWorkers(): boolean {
  const count = benchWorkers();
  if (count <= 1 || cluster.isWorker) return false;
  for (let i = 0; i < count; i += 1) cluster.fork();
  announceWhenAllListen(count);
  process.once('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    process.exit(0);
  });
  return true;
}
