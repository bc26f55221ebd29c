import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryStorage, type Activity } from 'botbuilder-core';
import { z } from 'zod';
import {
  createSandboxBank,
  sandboxAccessToken,
  type SandboxBank,
} from '../../../adapters/banks/sandbox.bank.js';
import {
  createMessengerChannel,
  type MessengerChannelOptions,
  type MessengerChannelPort,
} from '../../../adapters/channels/messenger.channel.js';
import { loadConfig } from '../../../bot/config.js';
import { createBankbot, type Bankbot } from '../../../bot/index.js';
import type { ChannelPort } from '../../../bot/ports/channel.port.js';
import { listen } from '../../../bot/server.js';
import type { ChannelHarness } from '../channel-driver.js';
import { TEST_NOW, testRecognizer, TEST_BANK_TIMEOUT_MS } from '../test-bot.js';
import { captureLogs } from '../log-capture.js';

/** Test secrets (never real ones) and the test Page. */
export const MESSENGER_TEST_ENV = {
  MESSENGER_APP_SECRET: 'test-app-secret-8f3a',
  MESSENGER_VERIFY_TOKEN: 'test-verify-token-42',
  MESSENGER_PAGE_TOKEN: 'test-page-token-EAAB',
} as const;
export const PAGE_ID = '100200300400500';
/** Backoff short enough for tests; the policy's shape is what is exercised. */
export const FAST_RETRY = { baseDelayMs: 1, maxDelayMs: 5 } as const;

/** Signs a body as Meta does: X-Hub-Signature-256 over the exact bytes. */
export function signBody(
  body: Buffer,
  secret: string = MESSENGER_TEST_ENV.MESSENGER_APP_SECRET,
): Record<string, string> {
  return { 'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}` };
}

/** A page webhook delivery with one entry holding `events`. */
export function webhookBody(events: readonly object[]): Buffer {
  return Buffer.from(
    JSON.stringify({ object: 'page', entry: [{ id: PAGE_ID, time: Date.now(), messaging: events }] }),
  );
}

export async function postWebhook(
  baseUrl: string,
  body: Buffer,
  headers: Record<string, string> = signBody(body),
): Promise<{ status: number; text: string }> {
  const response = await fetch(`${baseUrl}/api/messenger`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: response.status, text: await response.text() };
}

export interface GraphCall {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly authorization: string | undefined;
  readonly body: unknown;
}

export interface ScriptedResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** The answer waits for this (to prove the webhook was acknowledged before the send finished). */
  readonly hold?: Promise<void>;
}

/** A local Graph API: records every call and answers from a script, then with Send API successes. */
export interface GraphRecorder {
  readonly url: string;
  readonly calls: GraphCall[];
  script(...responses: ScriptedResponse[]): void;
  /** User Profile lookups (`GET /<psid>?fields=locale`), kept apart from the Send API calls. */
  readonly lookups: GraphCall[];
  /** The locale the User Profile API gives a PSID; without one it answers as Graph does without permission. */
  setLocale(psid: string, locale: string): void;
  /** Send API bodies received for one PSID since `from` (an index into `calls`), as read by the driver. */
  sentTo(psid: string, from?: number): SendBody[];
  /** The same bodies exactly as received. */
  rawSentTo(psid: string, from?: number): unknown[];
  close(): Promise<void>;
}

export async function startGraphRecorder(): Promise<GraphRecorder> {
  const calls: GraphCall[] = [];
  const lookups: GraphCall[] = [];
  const locales = new Map<string, string>();
  const scripted: ScriptedResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://graph.test');
      const raw = Buffer.concat(chunks).toString('utf8');
      const call = {
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        authorization: req.headers.authorization,
        body: raw ? (JSON.parse(raw) as unknown) : undefined,
      };
      if (call.method === 'GET' && url.searchParams.get('fields') === 'locale') {
        lookups.push(call);
        const locale = locales.get(decodeURIComponent(url.pathname.split('/').pop() ?? ''));
        res.writeHead(locale ? 200 : 400, { 'content-type': 'application/json', connection: 'close' });
        res.end(
          JSON.stringify(
            locale
              ? { locale }
              : { error: { message: '(#100) Missing permission', type: 'OAuthException', code: 100 } },
          ),
        );
        return;
      }
      calls.push(call);
      const next = scripted.shift() ?? {
        status: 200,
        body: { recipient_id: 'psid', message_id: `m_${calls.length}` },
      };
      await next.hold;
      // connection: close, so no idle keep-alive socket holds the test process open.
      res.writeHead(next.status, {
        'content-type': 'application/json',
        connection: 'close',
        ...next.headers,
      });
      res.end(JSON.stringify(next.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    lookups,
    setLocale: (psid, locale) => void locales.set(psid, locale),
    script: (...responses) => void scripted.push(...responses),
    sentTo: (psid, from = 0) => sentBodies(calls.slice(from), psid).map(({ body }) => body),
    rawSentTo: (psid, from = 0) => sentBodies(calls.slice(from), psid).map(({ raw }) => raw),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const quickReplySchema = z.object({ title: z.string(), payload: z.string() });
const buttonSchema = z.object({
  type: z.string(),
  title: z.string().optional(),
  payload: z.string().optional(),
});
const sendBodySchema = z.object({
  recipient: z.object({ id: z.string() }),
  messaging_type: z.string(),
  message: z.object({
    text: z.string().optional(),
    quick_replies: z.array(quickReplySchema).optional(),
    attachment: z
      .object({
        type: z.literal('template'),
        payload: z.object({
          template_type: z.string(),
          text: z.string().optional(),
          buttons: z.array(buttonSchema).optional(),
          elements: z.array(z.object({ title: z.string(), subtitle: z.string().optional() })).optional(),
        }),
      })
      .optional(),
  }),
});
export type SendBody = z.infer<typeof sendBodySchema>;

function sentBodies(calls: readonly GraphCall[], psid: string): { raw: unknown; body: SendBody }[] {
  return calls.flatMap((call) => {
    const parsed = sendBodySchema.safeParse(call.body);
    return parsed.success && parsed.data.recipient.id === psid ? [{ raw: call.body, body: parsed.data }] : [];
  });
}

/**
 * What the customer reads, one string per bubble: text messages as sent, a button template's text,
 * and generic-template elements as "• title (subtitle)" lines under the preceding text (as the
 * console prints list items). Quick replies are not part of the text.
 */
export function textsOf(bodies: readonly SendBody[]): string[] {
  const texts: string[] = [];
  for (const { message } of bodies) {
    const payload = message.attachment?.payload;
    if (message.text !== undefined) texts.push(message.text);
    else if (payload?.template_type === 'button') texts.push(payload.text ?? '');
    else if (payload?.template_type === 'generic') {
      const lines = (payload.elements ?? []).map(
        (e) => `• ${e.title}${e.subtitle ? ` (${e.subtitle})` : ''}`,
      );
      if (texts.length === 0) texts.push(lines.join('\n'));
      else texts[texts.length - 1] = [texts.at(-1), ...lines].join('\n');
    }
  }
  return texts;
}

/** Taps the customer can make on the last turn: quick replies and postback buttons, by title. */
function tapsOf(
  bodies: readonly SendBody[],
): Map<string, { kind: 'quick_reply' | 'postback'; title: string; payload: string }> {
  const taps = new Map<string, { kind: 'quick_reply' | 'postback'; title: string; payload: string }>();
  for (const button of bodies.flatMap((b) => b.message.attachment?.payload.buttons ?? []))
    if (button.type === 'postback' && button.title && button.payload)
      taps.set(button.title.toLowerCase(), {
        kind: 'postback',
        title: button.title,
        payload: button.payload,
      });
  for (const reply of bodies.at(-1)?.message.quick_replies ?? [])
    taps.set(reply.title.toLowerCase(), { kind: 'quick_reply', ...reply });
  return taps;
}

function isMessenger(channel: ChannelPort): channel is MessengerChannelPort {
  return channel.id === 'messenger' && 'settle' in channel;
}

// One recording Graph server per test process (unref'd: it never keeps the process alive).
const graph = await startGraphRecorder();
const handoffs = new Map<string, number>();
let sequence = 0;
const env = { ...MESSENGER_TEST_ENV, MESSENGER_GRAPH_URL: graph.url };

/**
 * Messenger as Meta drives it: each utterance a signed webhook POST (typed text, or a quick-reply
 * tap / postback when it names a button the bot just offered), replies read back from the local
 * Graph server. The PSID is linked first through a real `account_linking` event.
 */
export const messengerHarness: ChannelHarness = {
  channel: 'messenger',
  env,
  http: true,
  channels: (deps) => [
    createMessengerChannel(loadConfig({ NODE_ENV: 'test', ...env }, '/nonexistent'), deps, {
      retry: FAST_RETRY,
      onHandoff: (psid) => handoffs.set(psid, (handoffs.get(psid) ?? 0) + 1),
    }),
  ],
  driver: async ({ customerId, bankbot, baseUrl }) => {
    const channel = bankbot.channels.find(isMessenger);
    if (!channel) throw new Error('messenger driver: the bot has no messenger channel');
    sequence += 1;
    const psid = `${9000000000000000 + sequence}`;
    let count = 0;
    const next = (): { sender: { id: string }; recipient: { id: string }; timestamp: number } => {
      count += 1;
      return { sender: { id: psid }, recipient: { id: PAGE_ID }, timestamp: Date.now() + count };
    };
    const deliver = async (event: object): Promise<{ bodies: SendBody[]; native: unknown[] }> => {
      const from = graph.calls.length;
      const result = await postWebhook(baseUrl, webhookBody([event]));
      if (result.status !== 200)
        throw new Error(`messenger driver: webhook answered ${result.status} ${result.text}`);
      await channel.settle();
      return { bodies: graph.sentTo(psid, from), native: graph.rawSentTo(psid, from) };
    };
    const linked = await deliver({
      ...next(),
      account_linking: { status: 'linked', authorization_code: sandboxAccessToken(customerId) },
    });
    if (JSON.stringify(linked.native).includes('account_link'))
      throw new Error(`messenger driver: linking ${customerId} refused`);
    let last: SendBody[] = [];
    let seen = graph.calls.length;
    return {
      channel: 'messenger',
      pushed: async () => {
        await channel.settle();
        const from = seen;
        seen = graph.calls.length;
        last = graph.sentTo(psid, from);
        return { texts: textsOf(last), native: graph.rawSentTo(psid, from), handoff: false };
      },
      say: async (text) => {
        const mid = `m_${psid}_${count + 1}`;
        const tap = tapsOf(last).get(text.trim().toLowerCase());
        const handoffsBefore = handoffs.get(psid) ?? 0;
        const turn = await deliver(
          tap?.kind === 'postback'
            ? { ...next(), postback: { mid, title: tap.title, payload: tap.payload } }
            : tap
              ? { ...next(), message: { mid, text: tap.title, quick_reply: { payload: tap.payload } } }
              : { ...next(), message: { mid, text } },
        );
        last = turn.bodies;
        seen = graph.calls.length;
        return {
          texts: textsOf(last),
          native: turn.native,
          handoff: (handoffs.get(psid) ?? 0) > handoffsBefore,
        };
      },
      close: async () => undefined,
    };
  },
};

/** A real bot with the Messenger channel over HTTP, for the channel's own tests. */
export interface MessengerTestBot {
  readonly baseUrl: string;
  readonly graph: GraphRecorder;
  readonly channel: MessengerChannelPort;
  readonly sandbox: SandboxBank;
  readonly bankbot: Bankbot;
  /** What the bot logic was given, one activity per turn. */
  readonly activities: Partial<Activity>[];
  /** Every log line, parsed. */
  readonly logs: Record<string, unknown>[];
  turns(): number;
  close(): Promise<void>;
}

export async function startMessengerBot(
  settings: { env?: NodeJS.ProcessEnv; options?: MessengerChannelOptions; now?: () => Date } = {},
): Promise<MessengerTestBot> {
  const graph = await startGraphRecorder();
  const { logger, events: logs } = captureLogs('debug');
  const env = { ...MESSENGER_TEST_ENV, MESSENGER_GRAPH_URL: graph.url, ...settings.env };
  const config = loadConfig(
    { NODE_ENV: 'test', BANK_TIMEOUT_MS: TEST_BANK_TIMEOUT_MS, ...env },
    '/nonexistent',
  );
  const now = settings.now ?? (() => new Date(TEST_NOW));
  const sandbox = createSandboxBank({ now });
  const activities: Partial<Activity>[] = [];
  let channel: MessengerChannelPort | undefined;
  const bankbot = await createBankbot(config, logger, {
    bank: sandbox,
    storage: new MemoryStorage(),
    recognizer: await testRecognizer(),
    now,
    channels: (deps) => {
      const inner = createMessengerChannel(config, deps, { retry: FAST_RETRY, ...settings.options });
      channel = inner;
      // Counts what reaches the bot logic, to prove rejected requests never do.
      const counted: MessengerChannelPort = {
        ...inner,
        routes: (logic) =>
          inner.routes((context) => {
            activities.push({ ...context.activity });
            return logic(context);
          }),
      };
      return [counted];
    },
  });
  const server = bankbot.createServer();
  const baseUrl = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  if (!channel) throw new Error('messenger channel not built');
  return {
    baseUrl,
    graph,
    channel,
    sandbox,
    bankbot,
    activities,
    logs,
    turns: () => activities.length,
    close: async () => {
      await channel?.settle();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await graph.close();
      await bankbot.close();
    },
  };
}
