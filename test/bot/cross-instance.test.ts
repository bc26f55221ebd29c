import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { dropKeys } from '../support/redis-keys.js';
import { alexJoesPizzaDay } from '../support/sandbox-today.js';
import { testRedisUrl, uniquePrefix } from '../support/redis-server.js';

const INSTANCES = 3;
const START_LIMIT_MS = 60_000;

interface Instance {
  readonly child: ChildProcessWithoutNullStreams;
  readonly port: number;
}

/** Starts bot/main.ts (npm run serve) as its own process and resolves once it logs `http.listening`. */
function startInstance(env: NodeJS.ProcessEnv): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], { env });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('instance did not listen in time')), START_LIMIT_MS);
    createInterface({ input: child.stderr }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { event?: string; port?: number };
        if (entry.event !== 'http.listening') return;
        clearTimeout(timer);
        resolve({ child, port: Number(entry.port) });
      } catch {
        // not a log line
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`instance exited with ${code} before listening`));
    });
  });
}

interface TurnBody {
  readonly conversationId: string;
  readonly native: unknown;
}

describe('several instances sharing one Redis', () => {
  const instances: Instance[] = [];
  let url = '';
  const prefix = uniquePrefix('cross-instance');

  before(async () => {
    url = await testRedisUrl();
    const env = {
      ...process.env,
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      BANK: 'sandbox',
      REDIS_URL: url,
      REDIS_PREFIX: prefix,
      PLAYGROUND: 'on',
      LOG_LEVEL: 'info',
    };
    instances.push(...(await Promise.all(Array.from({ length: INSTANCES }, () => startInstance(env)))));
  });

  after(async () => {
    await Promise.all(
      instances.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    if (url) await dropKeys(url, prefix);
  });

  it('continues one conversation whose consecutive turns reach different instances', async () => {
    assert.equal(new Set(instances.map(({ child }) => child.pid)).size, INSTANCES, 'separate processes');
    let conversationId: string | undefined;
    const turnOn = async (instance: Instance, text: string): Promise<string> => {
      const response = await fetch(`http://127.0.0.1:${instance.port}/playground/api/turn`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'console', customer: 'alex', text, conversationId }),
      });
      assert.equal(response.status, 200, await response.clone().text());
      const body = (await response.json()) as TurnBody;
      conversationId ??= body.conversationId;
      assert.equal(body.conversationId, conversationId, 'the same conversation');
      return JSON.stringify(body.native);
    };
    // Round robin: turn i goes to instance i mod 3. Each later turn only makes sense to the dialog
    // state the previous turn saved, which another process wrote to Redis.
    const steps: [string, RegExp][] = [
      ['what is this $42.10 charge?', /Which one do you mean\?/],
      [
        'the first one',
        new RegExp(`That's \\$42\\.10 at Joe's Pizza on ${await alexJoesPizzaDay()}.*Was it you\\?`),
      ],
      ["no that wasn't me", /Shall I do both\?/],
      ['yes please', /Done\. Your Visa debit \(••5556\) is frozen, and I've opened dispute/],
    ];
    for (const [index, [text, expected]] of steps.entries()) {
      const reply = await turnOn(instances[index % INSTANCES]!, text);
      assert.match(reply, expected, `turn ${index + 1} on instance ${(index % INSTANCES) + 1}`);
    }
  });
});
