/**
 * Work acknowledged before it is done: tasks run one at a time per key (a customer's messages in
 * the order they arrived) and `settle()` waits for everything in flight.
 */
export interface WorkQueue {
  /** Runs `task` after the key's earlier tasks; a task that throws is reported to `onError`. */
  enqueue(key: string, task: () => Promise<void>): void;
  /** Resolves when no task is queued or running. */
  settle(): Promise<void>;
}

export function createWorkQueue(onError: (error: unknown) => void): WorkQueue {
  const tails = new Map<string, Promise<void>>();
  const running = new Set<Promise<void>>();
  return {
    enqueue(key, task) {
      const run = (tails.get(key) ?? Promise.resolve()).then(task).catch(onError);
      tails.set(key, run);
      running.add(run);
      void run.finally(() => {
        running.delete(run);
        if (tails.get(key) === run) tails.delete(key);
      });
    },
    async settle() {
      while (running.size > 0) await Promise.all(running);
    },
  };
}
