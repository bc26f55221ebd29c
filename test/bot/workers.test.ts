import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { after, describe, it } from 'node:test';
import { dropKeys } from '../support/redis-keys.js';
import { testRedisUrl, uniquePrefix } from '../support/redis-server.js';

/** Generous: two workers each load the NLU model, and CI machines can be busy. */
const LIMIT_MS = 120_000;

interface LogLine {
  readonly event?: string;
  readonly port?: number;
  readonly pid?: number;
}

/** `npm run serve` with WORKERS=2, and the log lines of its primary and workers, awaited by event. */
function startServe(env: NodeJS.ProcessEnv): {
  readonly child: ChildProcessWithoutNullStreams;
  next: (event: string) => Promise<LogLine>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], { env });
  const seen: LogLine[] = [];
  const waiting: { event: string; resolve: (line: LogLine) => void }[] = [];
  createInterface({ input: child.stderr }).on('line', (text) => {
    let line: LogLine;
    try {
      line = JSON.parse(text) as LogLine;
    } catch {
      return; // not a log line
    }
    const index = waiting.findIndex((waiter) => waiter.event === line.event);
    if (index >= 0) waiting.splice(index, 1)[0]!.resolve(line);
    else seen.push(line);
  });
  const next = (event: string): Promise<LogLine> => {
    const index = seen.findIndex((line) => line.event === event);
    if (index >= 0) return Promise.resolve(seen.splice(index, 1)[0]!);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${event} in time`)), LIMIT_MS);
      waiting.push({
        event,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      });
    });
  };
  return { child, next };
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function turn(
  port: number,
  conversationId?: string,
): Promise<{ conversationId: string; text: string }> {
  const response = await fetch(`http://127.0.0.1:${port}/playground/api/turn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    signal: AbortSignal.timeout(LIMIT_MS),
    body: JSON.stringify({ channel: 'console', customer: 'alex', text: 'help', conversationId }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  const body = (await response.json()) as { conversationId: string; native: unknown };
  return { conversationId: body.conversationId, text: JSON.stringify(body.native) };
}

describe('npm run serve with WORKERS', () => {
  const prefix = uniquePrefix('workers');
  let url = '';
  let serve: ReturnType<typeof startServe> | undefined;

  after(async () => {
    if (serve && serve.child.exitCode === null) serve.child.kill('SIGKILL');
    if (url) await dropKeys(url, prefix);
  });

  it('serves from two worker processes on one port, replaces one that dies, and stops them all on SIGTERM', async () => {
    url = await testRedisUrl();
    serve = startServe({
      ...process.env,
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      REDIS_URL: url,
      REDIS_PREFIX: prefix,
      PLAYGROUND: 'on',
      LOG_LEVEL: 'info',
      WORKERS: '2',
    });
    const [first, second] = [await serve.next('http.listening'), await serve.next('http.listening')];
    assert.notEqual(first.pid, second.pid, 'two worker processes');
    assert.ok(
      first.pid !== serve.child.pid && second.pid !== serve.child.pid,
      'the primary serves nothing itself',
    );
    assert.equal(first.port, second.port, 'one shared port');

    const { conversationId } = await turn(Number(first.port));
    process.kill(first.pid!, 'SIGKILL');
    // Connections the primary hands a worker in the instant it dies are lost with it (as with any
    // instance crash behind a load balancer); once the primary has seen the exit, none go there.
    await serve.next('worker.exit');
    // The surviving worker keeps answering the same conversation (its state is in Redis) ...
    for (let i = 0; i < 4; i += 1)
      assert.match((await turn(Number(first.port), conversationId)).text, /balances/);
    // ... and the primary starts a replacement.
    const replacement = await serve.next('http.listening');
    assert.ok(replacement.pid !== first.pid && replacement.pid !== second.pid, 'a new worker');
    assert.equal(replacement.port, first.port);

    serve.child.kill('SIGTERM');
    const [code] = (await once(serve.child, 'exit')) as [number | null];
    assert.equal(code, 0);
    assert.ok(
      !alive(Number(second.pid)) && !alive(Number(replacement.pid)),
      'no worker outlives the primary',
    );
  });

  it('refuses WORKERS above 1 without REDIS_URL, naming the setting', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
      env: { ...process.env, NODE_ENV: 'production', PORT: '0', WORKERS: '2', REDIS_URL: '' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 1);
    assert.match(stderr, /WORKERS.*REDIS_URL/);
  });
});
