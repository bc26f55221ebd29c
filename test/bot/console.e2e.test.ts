import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';

/** Runs `bot/main.ts --console` as `npm start` does, with piped input, and collects its output. */
function chat(
  input: string,
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts', '--console'], {
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('npm start with piped input', () => {
  it('answers each line on stdout and exits 0 at the end of input', async () => {
    const { code, stdout } = await chat("what's my balance\nthanks\n");
    assert.equal(code, 0);
    assert.match(stdout, /^Here are your balances:\n• Everyday Checking \(••6789\): \$[\d,]+\.\d{2} \(/);
    assert.match(stdout, /You're welcome!/);
    assert.doesNotMatch(stdout, /"level"/, 'no log lines on stdout');
  });

  it('chats as the customer given by --customer', async () => {
    const child = await new Promise<string>((resolve, reject) => {
      const p = spawn(
        process.execPath,
        ['--import', 'tsx', 'bot/main.ts', '--console', '--customer', 'sam'],
        {
          env: { ...process.env, PORT: '0', LOG_LEVEL: 'silent' },
        },
      );
      let out = '';
      p.stdout.on('data', (c: Buffer) => (out += c.toString()));
      p.on('error', reject);
      p.on('exit', () => resolve(out));
      p.stdin.end('savings balance\n');
    });
    assert.match(child, /^Your Easy Access Saver \(••7093\) balance is £/);
  });

  it('tells the customer in a plain sentence when the bank is down and keeps serving', async () => {
    const { code, stdout } = await chat("what's my balance\nfreeze my card\nhi\n", { SANDBOX_FAULT: 'down' });
    assert.equal(code, 0);
    const lines = stdout.trim().split('\n');
    assert.equal(
      lines.filter((l) => l === "I can't reach your bank right now. Please try again in a few minutes.")
        .length,
      2,
    );
    assert.match(stdout, /^Hi! I can help with balances/m, 'the third turn is still served');
  });

  it('stops at startup with one line naming a wrong setting', async () => {
    const { code, stdout, stderr } = await chat('hi\n', { PORT: 'not-a-port' });
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.match(stderr, /^bankbot: Invalid setting PORT: .*\n$/);
  });
});
