import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadCorpora } from '../../bot/nlu/corpus.js';

const ROOT = process.cwd();
const TUTORIAL = readFileSync(join(ROOT, 'docs/first-dialog.md'), 'utf8');

/** The tutorial's steps (docs/first-dialog.md), run here exactly as a new bank developer types them. */
const SCAFFOLD = 'npx bankbot new dialog loan-payoff';
const PLACEHOLDER =
  'I can help with your loan payoff. This is a placeholder answer that the team replaces with the real one.';
const ANSWER = 'To pay off your loan in full, ask for a payoff quote in the app: it is valid for ten days.';
const CHECK = 'npx bankbot test consistency transcripts nlu alexa-model';

/**
 * A copy of the working tree (tracked and new files, not ignored ones) sharing node_modules, with
 * `../shared` beside it as beside the real one (the bank tests read the standards' specs there).
 */
function copyRepository(): string {
  const parent = mkdtempSync(join(tmpdir(), 'bankbot-new-dialog-'));
  const dir = join(parent, 'bankbot');
  symlinkSync(join(ROOT, '..', 'shared'), join(parent, 'shared'), 'dir');
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\0')
    // node_modules is shared by a link (a linked one is not ignored by "node_modules/").
    .filter((file) => file !== '' && file.split('/')[0] !== 'node_modules' && existsSync(join(ROOT, file)));
  for (const file of files) cpSync(join(ROOT, file), join(dir, file), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

function shell(command: string, cwd: string): { status: number | null; output: string } {
  // Without this the inner test runner would report to this one instead of printing its results.
  const { NODE_TEST_CONTEXT: _, ...env } = process.env;
  const result = spawnSync('sh', ['-c', command], {
    cwd,
    encoding: 'utf8',
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('bankbot new dialog, following docs/first-dialog.md in a copy of the repository', () => {
  let dir: string;
  before(() => {
    dir = copyRepository();
  });
  after(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('shows every step the test runs in the tutorial', () => {
    for (const step of [SCAFFOLD, PLACEHOLDER, ANSWER, CHECK]) assert.ok(TUTORIAL.includes(step), step);
  });

  it('writes the corpus, the dialog, the transcript and the registration line', () => {
    const { status, output } = shell(SCAFFOLD, dir);
    assert.equal(status, 0, output);
    const index = readFileSync(join(dir, 'dialogs/index.ts'), 'utf8');
    assert.match(index, /^import \{ loanPayoff \} from '\.\/loan-payoff\.dialog\.js';$/m);
    assert.match(index, /^ {2}loanPayoff,$/m);
    const corpus = loadCorpora(join(dir, 'nlu-models'), 'en').find((c) => c.name === 'loan-payoff');
    assert.equal(corpus?.data[0]?.intent, 'loan.payoff');
    assert.ok((corpus?.data[0]?.utterances.length ?? 0) >= 20);
    assert.ok((corpus?.data[0]?.tests.length ?? 0) >= 5);
    for (const file of ['dialogs/loan-payoff.dialog.ts', 'test/transcripts/loan-payoff.transcript.yml']) {
      assert.ok(readFileSync(join(dir, file), 'utf8').includes(PLACEHOLDER), file);
    }
  });

  it('refuses the same id twice, with exit code 2', () => {
    const { status, output } = shell(SCAFFOLD, dir);
    assert.equal(status, 2, output);
    assert.match(output, /already exists/);
  });

  it('passes the consistency, transcript, NLU and Alexa model tests after the answer is edited', () => {
    for (const file of ['dialogs/loan-payoff.dialog.ts', 'test/transcripts/loan-payoff.transcript.yml']) {
      const path = join(dir, file);
      writeFileSync(path, readFileSync(path, 'utf8').replace(PLACEHOLDER, ANSWER));
    }
    const { status, output } = shell(CHECK, dir);
    const failures = output.split('\n').filter((line) => /✖|held-out|Error/.test(line));
    assert.equal(status, 0, failures.slice(0, 80).join('\n'));
    assert.match(output, /loan-payoff\.transcript\.yml/, 'the new transcript ran');
  });
});
