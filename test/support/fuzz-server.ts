/**
 * The server the hostile-input suites attack: the real bot with every channel configured (test
 * keys, local peers), Messenger users linked, logs captured, and crashes counted while it runs.
 */
import type { Server } from 'node:http';
import { MemoryStorage } from 'botbuilder-core';
import fc from 'fast-check';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';
import { createSandboxBank, sandboxAccessToken } from '../../adapters/banks/sandbox.bank.js';
import { createGoogleChannel } from '../../adapters/channels/google.channel.js';
import type { MessengerChannelPort } from '../../adapters/channels/messenger.channel.js';
import { loadConfig } from '../../bot/config.js';
import { ERRORS } from '../../bot/errors.js';
import { createBankbot, type Bankbot } from '../../bot/index.js';
import type { ChannelDeps } from '../../bot/ports/channel.port.js';
import { listen } from '../../bot/server.js';
import { BANK_EVENTS_TEST_ENV } from './bank-events.js';
import { alexaHarness } from './drivers/alexa.driver.js';
import { GOOGLE_TEST_ENV } from './drivers/google.driver.js';
import { PAGE_ID, messengerHarness, signBody, webhookBody } from './drivers/messenger.driver.js';
import { CUSTOMERS, linkedPsid } from './fuzz-requests.js';
import { TEST_NOW, testRecognizer } from './test-bot.js';
import { captureLogs } from './log-capture.js';

const PROJECT = 'bankbot-fuzz';

export interface FuzzServer {
  readonly bankbot: Bankbot;
  readonly base: string;
  readonly port: number;
  /** A Google-signed Actions Builder token the server accepts. */
  readonly jwt: string;
  readonly logs: readonly Record<string, unknown>[];
  /** Uncaught exceptions and unhandled rejections seen since the start. */
  readonly crashes: readonly unknown[];
  /** Log entries of bugs: error level, or BOT_ERR_INTERNAL. */
  internalErrors(): Record<string, unknown>[];
  /** Waits for Messenger turns acknowledged but still running. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the server; rate limits stay in the path, set to `limit` so they do not refuse the suite. */
export async function startFuzzServer(limit: number): Promise<FuzzServer> {
  const now = () => new Date(TEST_NOW);
  const keys = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'fuzz', alg: 'RS256' };
  const jwt = await new SignJWT({ iss: 'https://accounts.google.com', aud: PROJECT })
    .setProtectedHeader({ alg: 'RS256', kid: 'fuzz' })
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(keys.privateKey);
  const limits = { RATE_LIMIT_PER_IP: String(limit), RATE_LIMIT_PER_CUSTOMER: String(limit) };
  const google = { ...GOOGLE_TEST_ENV, GOOGLE_ACTIONS_PROJECT_ID: PROJECT };
  const env = {
    NODE_ENV: 'test',
    ...messengerHarness.env,
    ...alexaHarness.env,
    ...google,
    ...limits,
    ...BANK_EVENTS_TEST_ENV,
  };
  const config = loadConfig(env, '/nonexistent');
  const { logger, events: logs } = captureLogs('info');
  const bankbot = await createBankbot(config, logger, {
    bank: createSandboxBank({ now }),
    storage: new MemoryStorage(),
    recognizer: await testRecognizer(),
    now,
    channels: (deps: ChannelDeps) => [
      ...[messengerHarness, alexaHarness].flatMap((h) => h.channels?.(deps) ?? []),
      createGoogleChannel(config, deps, { keys: createLocalJWKSet({ keys: [jwk] }) }),
    ],
  });
  const server: Server = bankbot.createServer();
  const port = await listen(server, 0, '127.0.0.1');
  const base = `http://127.0.0.1:${port}`;
  const messenger = bankbot.channels.find(
    (c): c is MessengerChannelPort => c.id === 'messenger' && 'settle' in c,
  );
  await linkMessengerUsers(base);
  await messenger?.settle();
  const crashes: unknown[] = [];
  const onCrash = (error: unknown): void => void crashes.push(error);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  return {
    bankbot,
    base,
    port,
    jwt,
    logs,
    crashes,
    internalErrors: () => logs.filter((log) => Number(log.level) >= 50 || log.code === 'BOT_ERR_INTERNAL'),
    settle: async () => messenger?.settle(),
    close: async () => {
      process.off('uncaughtException', onCrash);
      process.off('unhandledRejection', onCrash);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await bankbot.close();
    },
  };
}

/** Links a PSID per sandbox customer, so generated Messenger text reaches the dialogs. */
async function linkMessengerUsers(base: string): Promise<void> {
  for (const [index, customer] of CUSTOMERS.entries()) {
    const body = webhookBody([
      {
        sender: { id: linkedPsid(index) },
        recipient: { id: PAGE_ID },
        timestamp: Date.now(),
        account_linking: { status: 'linked', authorization_code: sandboxAccessToken(customer) },
      },
    ]);
    const response = await fetch(`${base}/api/messenger`, { method: 'POST', headers: signBody(body), body });
    if (response.status !== 200) throw new Error(`fuzz server: linking answered ${response.status}`);
  }
}

/** Why a response breaks the contract (no 5xx; a rejection is a JSON error with a catalog code of that status). */
export function problemWith(status: number, text: string): string | undefined {
  if (status >= 500) return `${status} ${text.slice(0, 200)}`;
  if (status < 400) return undefined;
  let code: unknown;
  try {
    code = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
  } catch {
    return `${status} without a JSON error: ${text.slice(0, 120)}`;
  }
  if (typeof code !== 'string' || !(code in ERRORS))
    return `${status} with no catalog code: ${text.slice(0, 120)}`;
  const expected = ERRORS[code as keyof typeof ERRORS].status;
  return expected === status ? undefined : `${status} with ${code}, whose status is ${expected}`;
}

/**
 * Checks `property` on `total` generated values, split over `streams` runs side by side (the
 * server works concurrently), each with its own seed; a failing run is shrunk and reported by
 * fast-check with its seed and path.
 */
export async function assertInStreams<T>(
  property: fc.IAsyncPropertyWithHooks<T>,
  options: { readonly total: number; readonly streams: number; readonly seed: number },
): Promise<void> {
  const numRuns = Math.ceil(options.total / options.streams);
  await Promise.all(
    Array.from({ length: options.streams }, (_, stream) =>
      fc.assert(property, { numRuns, seed: options.seed + stream }),
    ),
  );
}
