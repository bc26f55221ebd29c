import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, withPlaygroundDefault } from '../../bot/config.js';

const ENV = { ...process.env, PORT: '0', REDIS_URL: '', LOG_LEVEL: 'info', PLAYGROUND: '', BANK: 'sandbox' };

/** Starts bot/main.ts (what npm start and npm run serve run). */
function start(args: string[], env: NodeJS.ProcessEnv = ENV): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts', ...args], { env });
}

/** Resolves with the first log event among `events` the process writes, or rejects when it exits first. */
function firstEvent(
  child: ChildProcessWithoutNullStreams,
  events: readonly string[],
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stderr });
    lines.on('line', (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        if (events.includes(String(entry.event))) resolve(entry);
      } catch {
        // not a log line
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before ${events.join(' or ')}`)));
  });
}

function exited(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('playground at startup', () => {
  it('is on under npm start: the URL is announced and serves the page while the console chats', async () => {
    const child = start(['--console']);
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const ready = await firstEvent(child, ['playground.ready']);
    const url = String(ready.url);
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/playground$/);
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /bankbot playground/);
    child.stdin.end("what's my balance\n");
    assert.equal(await exited(child), 0);
    assert.match(stdout, /balances/);
  });

  it('is off under npm run serve unless PLAYGROUND=on', async () => {
    for (const [setting, status] of [
      ['', 404],
      ['on', 200],
    ] as const) {
      const child = start([], { ...ENV, PLAYGROUND: setting });
      try {
        const listening = await firstEvent(child, ['http.listening']);
        const response = await fetch(`http://127.0.0.1:${String(listening.port)}/playground`);
        assert.equal(response.status, status, `PLAYGROUND=${setting}`);
      } finally {
        child.kill('SIGTERM');
        await exited(child);
      }
    }
  });

  it('refuses PLAYGROUND=on with a bank other than the sandbox, naming the setting', () => {
    const env = { BANK: 'open-banking-uk', OPEN_BANKING_BASE_URL: 'http://127.0.0.1:9', PLAYGROUND: 'on' };
    assert.throws(
      () => loadConfig(env, '/nonexistent'),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /^Invalid setting PLAYGROUND: on needs BANK=sandbox/);
        return true;
      },
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
      env: { ...ENV, ...env },
      encoding: 'utf8',
    });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /bankbot: Invalid setting PLAYGROUND: on needs BANK=sandbox/);
  });

  it('defaults to on for the console chat on the sandbox bank only, and keeps an explicit setting', () => {
    const cases = [
      [{}, true, 'on'],
      [{}, false, 'off'],
      [{ BANK: 'open-banking-uk', OPEN_BANKING_BASE_URL: 'http://127.0.0.1:9' }, true, 'off'],
      [{ PLAYGROUND: 'off' }, true, 'off'],
      [{ PLAYGROUND: 'on' }, false, 'on'],
    ] as const;
    for (const [env, consoleChat, expected] of cases) {
      const config = withPlaygroundDefault(loadConfig(env, '/nonexistent'), consoleChat);
      assert.equal(config.PLAYGROUND, expected, `${JSON.stringify(env)} console ${consoleChat}`);
    }
  });
});
