import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { progressLine, runWithProgress } from '../../bot/cli/run-script.js';
import { isProgressMessage, type ProgressMessage } from '../../bot/nlu/progress-report.js';

/** A small English corpus: three intents, enough to train in a moment. */
const CORPUS = {
  name: 'tiny',
  locale: 'en-US',
  data: [
    {
      intent: 'balance.check',
      utterances: [
        "what's my balance",
        'how much money do i have',
        'show my balance',
        'balance please',
        'how much is in my account',
        'account balance',
      ],
      tests: ['what is my balance'],
    },
    {
      intent: 'common.greeting',
      utterances: ['hello', 'hi there', 'good morning', 'hey', 'hiya', 'good evening'],
      tests: ['hi'],
    },
    {
      intent: 'common.goodbye',
      utterances: ['bye', 'goodbye', 'see you later', 'that is all', 'thanks bye', 'see you'],
      tests: ['bye bye'],
    },
  ],
};

function captured(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

describe('bankbot progress bars', () => {
  it('draws a spinner until the job reports, then a bar with the share done', () => {
    assert.equal(
      progressLine({ label: 'training the NLU', seconds: 1.25, frame: 0 }),
      '⠋ training the NLU 1.3 s',
    );
    const half = progressLine({
      label: 'training the NLU',
      seconds: 3,
      frame: 1,
      step: { label: 'training en', done: 3, total: 6 },
    });
    assert.equal(half, `⠙ training the NLU ${'█'.repeat(12)}${'░'.repeat(12)}  50% training en 3.0 s`);
    const over = progressLine({ label: 'x', seconds: 0, frame: 2, step: { label: 'y', done: 9, total: 6 } });
    assert.match(over, /█{24} 100% y/);
  });

  it("redraws the bar on a terminal as the job's progress messages arrive", async () => {
    const out = captured();
    const script =
      "process.send({ progress: { label: 'evaluating en', done: 1, total: 4 } });" +
      "process.send({ progress: { label: 'evaluating en', done: 4, total: 4 } }, () => process.exit(0));";
    const code = await runWithProgress('evaluating the NLU', process.execPath, ['-e', script], {
      stream: out.stream,
      live: true,
    });
    assert.equal(code, 0);
    assert.match(out.text(), / {2}25% evaluating en/);
    assert.match(out.text(), / 100% evaluating en/);
    assert.match(out.text(), /✔ evaluating the NLU \(\d+\.\d s\)\n$/);
  });

  it('prints a start and an end line, and no bar, when stderr is not a terminal', async () => {
    const out = captured();
    const script = "process.send({ progress: { label: 'x', done: 1, total: 2 } }, () => process.exit(3));";
    const code = await runWithProgress('training the NLU', process.execPath, ['-e', script], {
      stream: out.stream,
      live: false,
    });
    assert.equal(code, 3);
    assert.match(out.text(), /^training the NLU\.\.\.\n✖ training the NLU \(\d+\.\d s\)\n$/);
  });

  it('reports every training round of every language from the training CLI', async () => {
    const root = mkdtempSync(join(tmpdir(), 'bankbot-progress-'));
    try {
      mkdirSync(join(root, 'models', 'en'), { recursive: true });
      writeFileSync(join(root, 'models', 'en', 'tiny.json'), JSON.stringify(CORPUS));
      const child = fork('bot/nlu/train-cli.ts', [join(root, 'models'), join(root, 'cache')], {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      const steps: ProgressMessage['progress'][] = [];
      child.on('message', (message) => {
        if (isProgressMessage(message)) steps.push(message.progress);
      });
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      assert.equal(code, 0);
      assert.ok(steps.length > 1, JSON.stringify(steps));
      assert.deepEqual(
        steps.map((step) => step.done),
        steps.map((_, index) => index + 1),
        'one report per round, in order',
      );
      const last = steps.at(-1);
      assert.equal(last?.done, last?.total);
      assert.ok(steps.every((step) => step.label === 'training en'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
