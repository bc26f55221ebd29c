import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';

/** A port nothing listens on: bound by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function doctor(env: NodeJS.ProcessEnv): { status: number | null; lines: string[] } {
  const result = spawnSync(process.execPath, ['bot/cli/bankbot.js', 'doctor', '--timeout', '1000'], {
    encoding: 'utf8',
    env: { ...process.env, BANK: 'sandbox', ...env },
  });
  return { status: result.status, lines: `${result.stdout}${result.stderr}`.split('\n') };
}

describe('bankbot doctor', () => {
  it('says in one line that Redis is unreachable and exits 1 when nothing listens at REDIS_URL', async () => {
    const port = await closedPort();
    const { status, lines } = doctor({ REDIS_URL: `redis://127.0.0.1:${port}` });
    const redis = lines.filter((line) => /redis/i.test(line));
    assert.equal(redis.length, 1, lines.join('\n'));
    assert.match(redis[0] ?? '', new RegExp(`^✖ redis: Redis at 127\\.0\\.0\\.1:${port} is unreachable`));
    assert.equal(status, 1);
  });

  it('passes memory state without REDIS_URL and gives each check one line', () => {
    const { lines } = doctor({ REDIS_URL: '' });
    const verdicts = lines.filter((line) => /^[✔✖] /.test(line));
    assert.deepEqual(
      verdicts.map((line) => line.split(':')[0]),
      ['✔ config', '✔ state', '✔ bank', verdicts[3]?.startsWith('✔') ? '✔ nlu' : '✖ nlu'],
    );
    assert.match(verdicts[1] ?? '', /memory state \(no REDIS_URL\)/);
  });

  it('names a wrong setting and exits 1', () => {
    const { status, lines } = doctor({ PORT: 'abc' });
    assert.match(lines[0] ?? '', /^✖ config: Invalid setting PORT/);
    assert.equal(status, 1);
  });
});
