import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

/** A redis-server owned by one test, which it may pause or stop to simulate an outage. */
export interface PrivateRedis {
  readonly url: string;
  readonly port: number;
  /** SIGSTOP: connections stay open but nothing is answered, so commands time out. */
  pause(): void;
  resume(): void;
  /** Kills the server abruptly, like a crash; the port is free again once this resolves. */
  stop(): Promise<void>;
}

const INSTALL_HINT = 'apt-get update && apt-get install -y redis-server';
const STARTUP_LIMIT_MS = 10_000;
const PORT_ATTEMPTS = 3;
/** Live servers and their scratch directories. */
const running = new Map<ChildProcess, string>();
let shared: Promise<PrivateRedis> | undefined;

// Servers must not outlive the test process, however it ends; only synchronous work runs on 'exit'.
const killAll = (): void =>
  running.forEach((dir, child) => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    process.kill(process.pid, signal);
  });
}

/** `TEST_REDIS_URL` when set, otherwise one private server started on first use by this process. */
export function testRedisUrl(): Promise<string> {
  const fromEnv = process.env.TEST_REDIS_URL;
  if (fromEnv) return Promise.resolve(fromEnv);
  shared ??= startPrivateRedis();
  return shared.then((server) => server.url);
}

// Stop the shared server once the file's tests are done, so it is reaped rather than orphaned.
after(async () => {
  await shared?.then((server) => server.stop()).catch(() => undefined);
});

/** A key prefix no other test shares, so suites can use one server without colliding. */
export function uniquePrefix(label: string): string {
  return `bankbot-test:${label.replace(/[{}\s]/g, '_')}:${randomUUID().slice(0, 8)}:`;
}

/**
 * Starts a redis-server of the test's own, on `port` if given (to restart one), else on a free
 * port; with `cluster`, as a Redis Cluster node not yet joined to any cluster.
 */
export async function startPrivateRedis(
  options: { port?: number; cluster?: boolean } = {},
): Promise<PrivateRedis> {
  for (let attempt = 1; ; attempt += 1) {
    const port = options.port ?? (await freePort());
    try {
      return await launch(port, options.cluster === true);
    } catch (error) {
      // Another process may have taken the free port between probe and bind; a missing binary is final.
      if (options.port !== undefined || attempt >= PORT_ATTEMPTS || isMissingBinary(error)) throw error;
    }
  }
}

async function launch(port: number, cluster: boolean): Promise<PrivateRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'bankbot-redis-'));
  const logfile = join(dir, 'redis.log');
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  if (cluster) args.push('--cluster-enabled', 'yes', '--cluster-config-file', join(dir, 'nodes.conf'));
  const child = spawn('redis-server', [...args, '--dir', dir, '--logfile', logfile], { stdio: 'ignore' });
  child.unref();
  running.set(child, dir);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const failedToStart = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(isMissingBinary(error) ? missingBinaryError() : error));
    void exited.then(async () => reject(new Error(`redis-server exited on start: ${await tail(logfile)}`)));
  });
  failedToStart.catch(() => undefined);
  const stop = async (): Promise<void> => {
    // The child is unref'd so idle servers never hold the test process open; waiting on it needs a ref.
    child.ref();
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    running.delete(child);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await Promise.race([waitForPong(port), failedToStart]);
  } catch (error) {
    if (child.pid !== undefined) {
      await stop();
    } else {
      running.delete(child);
      await rm(dir, { recursive: true, force: true });
    }
    throw error;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pause: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
    stop,
  };
}

function missingBinaryError(): Error {
  return new Error(
    `redis-server is not installed; the Redis tests need it. Install it with: ${INSTALL_HINT}`,
  );
}

function isMissingBinary(error: unknown): boolean {
  return (
    error instanceof Error &&
    (('code' in error && error.code === 'ENOENT') || error.message.includes(INSTALL_HINT))
  );
}

async function tail(file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '(no log)');
  return text.trim().split('\n').slice(-3).join(' | ');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitForPong(port: number): Promise<void> {
  const deadline = Date.now() + STARTUP_LIMIT_MS;
  while (!(await ping(port))) {
    if (Date.now() > deadline) throw new Error(`redis-server did not answer PING on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    let reply = '';
    const settle = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => settle(false));
    socket.once('error', () => settle(false));
    socket.once('close', () => settle(reply.startsWith('+PONG')));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) settle(reply.startsWith('+PONG'));
    });
  });
}
