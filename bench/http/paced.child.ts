/**
 * The paced load generator in a process of its own (see runPaced in paced.ts): takes one job over
 * IPC, runs it, answers with the result and exits.
 */
import { pace, type PaceJob } from './paced.js';

process.once('message', (job: PaceJob) => {
  pace(job).then(
    (result) => process.send?.(result, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
