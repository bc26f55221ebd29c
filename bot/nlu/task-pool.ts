import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { runRoundTask } from './member-task.js';
import type { RoundResult, RoundTask, TrainingSet } from './member-task.js';

/** Below this many sentences, a worker thread costs more to start than it saves. */
const PARALLEL_MIN_ROWS = 500;
/** Two threads: the budget machine has two cores, and a bot's host has other work to do. */
const MAX_THREADS = 2;

export const threadsFor = (rows: number): number =>
  rows < PARALLEL_MIN_ROWS ? 1 : Math.max(1, Math.min(MAX_THREADS, availableParallelism()));

// The worker has the extension of this file: .ts when run through tsx, .js once built.
const extension = extname(fileURLToPath(import.meta.url));
const workerUrl = new URL(`./member-worker${extension}`, import.meta.url);

/**
 * Under tsx on Node 20, worker threads do not inherit its TypeScript loader: the worker registers
 * it first. Built JavaScript starts the worker directly.
 */
function startWorker(set: TrainingSet): Worker {
  if (extension !== '.ts') return new Worker(workerUrl, { workerData: set });
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const source = `import(${tsx}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl.href)}); })`;
  return new Worker(source, { eval: true, workerData: set });
}

/** Sends tasks to a worker, all at once (it runs them in turn), and collects their results. */
function delegate(worker: Worker, tasks: readonly [number, RoundTask][], onDone: () => void) {
  return new Promise<Map<number, RoundResult>>((resolve, reject) => {
    const results = new Map<number, RoundResult>();
    worker.on('message', ({ id, result }: { id: number; result: RoundResult }) => {
      results.set(id, result);
      onDone();
      if (results.size === tasks.length) resolve(results);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`NLU training worker exited with code ${code}`)));
    tasks.forEach(([id, task]) => worker.postMessage({ id, task }));
    if (tasks.length === 0) resolve(results);
  });
}

/**
 * Runs the tasks on this thread and `threads - 1` workers and returns their results in task order.
 * Tasks are dealt out up front, largest first, to whoever has the least work; the results do not
 * depend on the number of threads, since every task is seeded on its own.
 */
export async function runTasks(
  set: TrainingSet,
  tasks: readonly RoundTask[],
  threads: number,
  /** Called as each task finishes, on whichever thread (for progress bars). */
  onDone: () => void = () => undefined,
): Promise<RoundResult[]> {
  const shares: [number, RoundTask][][] = Array.from({ length: Math.max(1, threads) }, () => []);
  const load = shares.map(() => 0);
  [...tasks.entries()]
    .sort((a, b) => b[1].train.length - a[1].train.length)
    .forEach((entry) => {
      const least = load.indexOf(Math.min(...load));
      shares[least]!.push(entry);
      load[least]! += entry[1].train.length;
    });
  const workers = shares.slice(1).map(() => startWorker(set));
  try {
    const delegated = Promise.all(workers.map((worker, w) => delegate(worker, shares[w + 1]!, onDone)));
    // Keeps a rejection from going unhandled while this thread is busy with its own share.
    delegated.catch(() => undefined);
    const results = new Map(
      shares[0]!.map(([id, task]) => {
        const result = runRoundTask(set, task);
        onDone();
        return [id, result] as const;
      }),
    );
    for (const map of await delegated) map.forEach((result, id) => results.set(id, result));
    return tasks.map((_, id) => results.get(id)!);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
