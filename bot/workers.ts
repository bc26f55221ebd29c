import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { Logger } from './logger.js';

/** How many server processes WORKERS asks for on this machine. */
export function workerCount(setting: number | 'auto'): number {
  return setting === 'auto' ? availableParallelism() : setting;
}

const FIRST_RESTART_MS = 100;
const MAX_RESTART_MS = 10_000;
/** A worker that lived this long is healthy again: its next restart waits the shortest pause. */
const HEALTHY_MS = 30_000;

export interface WorkerOptions {
  readonly count: number;
  readonly logger: Logger;
}

/**
 * One server process per CPU on one machine: this process becomes the primary, forks `count`
 * workers running the same script (each a full instance: its own HTTP server on the shared port,
 * Redis connections and alert consumer; state is in Redis, so any worker serves any turn), restarts
 * a worker that dies, after a pause that doubles up to 10 s while it keeps dying, and stops them
 * all on SIGTERM or SIGINT. Returns true in the primary, which then serves nothing itself, and
 * false in a worker (or when `count` is 1), which goes on to serve.
 */
export function forkWorkers(options: WorkerOptions): boolean {
  if (options.count <= 1 || cluster.isWorker) return false;
  const { logger } = options;
  let stopping = false;
  const restartPause = new Map<number, number>();
  const start = (slot: number): void => {
    const worker = cluster.fork({ BANKBOT_WORKER_SLOT: String(slot) });
    const startedAt = Date.now();
    worker.once('exit', (code, signal) => {
      if (stopping) return;
      const healthy = Date.now() - startedAt > HEALTHY_MS;
      const pause = healthy ? FIRST_RESTART_MS : Math.min((restartPause.get(slot) ?? 50) * 2, MAX_RESTART_MS);
      restartPause.set(slot, pause);
      logger.warn({
        event: 'worker.exit',
        code: 'SERVER_ERR_WORKER_EXIT',
        slot,
        exitCode: code,
        signal,
        restartMs: pause,
      });
      setTimeout(() => start(slot), pause).unref();
    });
  };
  for (let slot = 0; slot < options.count; slot += 1) start(slot);
  logger.info({ event: 'workers.started', workers: options.count });
  const stop = (signal: NodeJS.Signals): void => {
    stopping = true;
    const alive = Object.values(cluster.workers ?? {}).filter(
      (worker): worker is Worker => worker !== undefined,
    );
    let left = alive.length;
    if (left === 0) process.exit(0);
    for (const worker of alive) {
      worker.once('exit', () => {
        left -= 1;
        if (left === 0) process.exit(0);
      });
      worker.process.kill(signal);
    }
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  return true;
}
