import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';

/** Runs a script that logs through createLogger to fd 1 and ends as `ending` says; returns its stdout lines. */
function logLines(count: number, ending: string): string[] {
  const script = `
    import { createLogger } from './bot/logger.ts';
    const logger = createLogger({ level: 'info', destination: 1 });
    for (let i = 0; i < ${count}; i += 1) logger.info({ event: 'line', i });
    ${ending}
  `;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.split('\n').filter(Boolean);
}

describe('log destination (batched lines)', () => {
  for (const [name, ending, after] of [
    ['at a natural end', '', []],
    ['at process.exit()', 'process.exit(0);', []],
    [
      'when more lines follow a timer',
      "await new Promise((r) => setTimeout(r, 400)); logger.info({ event: 'line', i: -1 });",
      [-1],
    ],
  ] as const) {
    it(`writes every line, in order, ${name}`, () => {
      for (const count of [1, 3, 5000]) {
        const lines = logLines(count, ending).map((line) => JSON.parse(line) as { event: string; i: number });
        assert.deepEqual(
          lines.map((line) => line.i),
          [...Array.from({ length: count }, (_, i) => i), ...after],
        );
      }
    });
  }
});
