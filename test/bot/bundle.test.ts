/**
 * `npm run serve` runs the bundle (dist/bundle/main.js, bot/build/bundle.ts): built from this
 * tree, it starts, serves the health check, the playground's static files and a real turn, and
 * trains the NLU in its worker threads (member-worker.js beside it) when the model is not cached.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';

/** Resolves with the first log entry whose event is `event`, or rejects when the process exits first. */
function logged(child: ChildProcessWithoutNullStreams, event: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    for (const input of [child.stdout, child.stderr]) {
      createInterface({ input }).on('line', (line) => {
        try {
          const entry = JSON.parse(line) as Record<string, unknown>;
          if (entry.event === event) resolve(entry);
        } catch {
          // not a log line
        }
      });
    }
    child.once('exit', (code) => reject(new Error(`the bundle exited with ${code} before ${event}`)));
  });
}

describe('the bundle npm run serve runs', () => {
  const children: ChildProcessWithoutNullStreams[] = [];
  const cache = mkdtempSync(join(tmpdir(), 'bankbot-bundle-nlu-'));
  before(() => {
    const built = spawnSync('npm', ['run', 'build', '--silent'], { encoding: 'utf8' });
    assert.equal(built.status, 0, `npm run build failed:\n${built.stdout}\n${built.stderr}`);
  });
  after(() => {
    for (const child of children) child.kill('SIGTERM');
    rmSync(cache, { recursive: true, force: true });
  });

  const serve = (env: Record<string, string>): ChildProcessWithoutNullStreams => {
    const child = spawn(process.execPath, ['dist/bundle/main.js'], {
      env: { ...process.env, PORT: '0', REDIS_URL: '', BANK: 'sandbox', LOG_LEVEL: 'info', ...env },
    });
    children.push(child);
    return child;
  };

  it('serves the health check, the playground and a balance turn', async () => {
    const child = serve({ PLAYGROUND: 'on' });
    const { port } = await logged(child, 'http.listening');
    const base = `http://127.0.0.1:${String(port)}`;
    assert.deepEqual(await (await fetch(`${base}/healthz`)).json(), {
      status: 'ok',
      bank: 'sandbox',
      storage: 'memory',
    });
    const script = await fetch(`${base}/playground/playground.js`);
    assert.equal(script.status, 200);
    assert.ok((await script.text()).length > 100);
    const turn = await fetch(`${base}/playground/api/turn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'console', customer: 'alex', text: "what's my balance" }),
    });
    assert.equal(turn.status, 200);
    const body = (await turn.json()) as { recognition: { intent: string } | null };
    assert.equal(body.recognition?.intent, 'balance.check');
  });

  it('loads the Messenger channel (botbuilder-adapter-facebook, botkit) from its own chunk when configured', async () => {
    const child = serve({
      MESSENGER_APP_SECRET: 'bundle-app-secret',
      MESSENGER_VERIFY_TOKEN: 'bundle-verify-token',
      MESSENGER_PAGE_TOKEN: 'bundle-page-token',
    });
    const { port } = await logged(child, 'http.listening');
    const query = 'hub.mode=subscribe&hub.verify_token=bundle-verify-token&hub.challenge=4242';
    const answer = await fetch(`http://127.0.0.1:${String(port)}/api/messenger?${query}`);
    assert.equal(answer.status, 200);
    assert.equal(await answer.text(), '4242');
  });

  it('leaves Messenger and botkit out of the files a server without Messenger loads', () => {
    const entry = readFileSync('dist/bundle/main.js', 'utf8');
    assert.ok(
      entry.length < 1_000_000,
      `main.js is ${String(entry.length)} bytes: the bundle is no longer split`,
    );
    const statics = new Set<string>();
    const visit = (file: string): void => {
      if (statics.has(file)) return;
      statics.add(file);
      const text = readFileSync(join('dist/bundle', file), 'utf8');
      for (const [, chunk] of text.matchAll(/^import\s(?:[^;]*?from\s*)?"\.\/([^"]+)";/gm)) visit(chunk!);
    };
    visit('main.js');
    const loaded = [...statics].map((file) => readFileSync(join('dist/bundle', file), 'utf8')).join('\n');
    assert.doesNotMatch(loaded, /^\/\/ node_modules\/botkit\//m);
    assert.doesNotMatch(loaded, /^\/\/ node_modules\/botbuilder-dialogs\/lib\/prompts\//m);
  });

  it('trains the NLU in its worker threads when the model is not cached', async () => {
    const child = serve({ NLU_CACHE_DIR: cache });
    const trained = logged(child, 'nlu.trained');
    await logged(child, 'http.listening');
    assert.ok(Number((await trained).ms) > 0);
    assert.equal(readdirSync(cache).filter((file) => file.endsWith('.model')).length, 1);
  });
});
