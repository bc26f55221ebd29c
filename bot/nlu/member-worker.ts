/** Worker thread of task-pool.ts: runs the round tasks it is sent, on the set it was started with. */
import { parentPort, workerData } from 'node:worker_threads';
import { runRoundTask } from './member-task.js';
import type { RoundTask, TrainingSet } from './member-task.js';

const set: TrainingSet = workerData;
parentPort?.on('message', ({ id, task }: { id: number; task: RoundTask }) => {
  const result = runRoundTask(set, task);
  // Transferred, not copied: the weights of a large model are tens of megabytes.
  const { models } = result;
  const weights = (models ? [models.svm.weights, ...models.mlps.flatMap(({ w1, w2 }) => [w1, w2])] : [])
    .map(({ buffer }) => buffer)
    .filter((buffer): buffer is ArrayBuffer => buffer instanceof ArrayBuffer);
  parentPort?.postMessage({ id, result }, [result.svmScores.buffer, result.mlpScores.buffer, ...weights]);
});
