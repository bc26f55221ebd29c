import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { extname } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { silentLogger } from '../../bot/logger.js';
import { createPlaygroundRoutes } from '../../bot/playground/playground.routes.js';
import type { ChannelPreviewPort } from '../../bot/ports/preview.port.js';
import { createHttpServer, listen } from '../../bot/server.js';
import { balancesOf, startPlaygroundBot, type PlaygroundBot } from '../support/playground.js';

interface TurnBody {
  conversationId: string;
  channel: string;
  native: unknown;
  view: { channel: string };
  ends: boolean;
  recognition: {
    intent: string;
    confidence: number;
    route: string;
    alternatives: { intent: string; score: number }[];
    entities: { dateRange?: { from: string; to: string }; amounts: { minor: number; currency?: string }[] };
  } | null;
}

const errorOf = async (response: Response): Promise<string> =>
  ((await response.json()) as { error: { code: string } }).error.code;

describe('playground API', () => {
  let bot: PlaygroundBot;
  before(async () => {
    bot = await startPlaygroundBot();
  });
  after(() => bot.close());

  const turn = async (body: Record<string, unknown>): Promise<TurnBody> => {
    const response = await bot.turn({ customer: 'alex', ...body });
    assert.equal(response.status, 200, await response.clone().text());
    return (await response.json()) as TurnBody;
  };

  it('serves the page, its script and style from this server only, under a strict CSP', async () => {
    const types: Record<string, string> = {
      '.html': 'text/html',
      '.js': 'text/javascript',
      '.css': 'text/css',
    };
    const pages = readdirSync('bot/playground/static').map((name): [string, string] => [
      name === 'index.html' ? '/playground' : `/playground/${name}`,
      types[extname(name)] ?? 'none',
    ]);
    assert.ok(pages.length >= 3, 'the page, its scripts and its style');
    for (const [path, type] of pages) {
      const response = await fetch(`${bot.baseUrl}${path}`);
      assert.equal(response.status, 200, path);
      assert.ok(response.headers.get('content-type')?.startsWith(type), path);
      assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      assert.equal(response.headers.get('x-frame-options'), 'DENY');
      const text = await response.text();
      assert.doesNotMatch(text, /https?:\/\/|(src|href)="\/\//, `${path} loads nothing from elsewhere`);
    }
  });

  it('lists the sandbox customers with their first names', async () => {
    const response = await fetch(`${bot.baseUrl}/playground/api/customers`);
    const body = (await response.json()) as { customers: { id: string; firstName?: string }[] };
    assert.deepEqual(
      body.customers.map((customer) => customer.id),
      [...bot.sandbox.customerIds()],
    );
    for (const customer of body.customers) {
      const profile = await bot.sandbox.getProfile({ customerId: customer.id });
      assert.equal(customer.firstName, profile.firstName);
    }
  });

  it('answers a balance question with the native payload, its view and the recognition', async () => {
    const { shown } = await balancesOf(bot.sandbox, 'alex');
    const body = await turn({ channel: 'google', text: "what's my balance" });
    assert.equal(body.view.channel, 'google');
    const native = JSON.stringify(body.native);
    for (const amount of shown) assert.ok(native.includes(amount), `the webhook response holds ${amount}`);
    assert.ok(body.recognition);
    assert.equal(body.recognition.intent, 'balance.check');
    assert.equal(body.recognition.route, 'begin:balance');
    assert.ok(body.recognition.confidence > 0 && body.recognition.confidence <= 1);
    const scores = body.recognition.alternatives.map((alternative) => alternative.score);
    assert.ok(scores.every((score) => score <= body.recognition!.confidence));
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
    );
  });

  it('reports the entities it found', async () => {
    const body = await turn({ channel: 'console', text: 'how much did I spend at tesco last month' });
    assert.ok(body.recognition?.entities.dateRange, JSON.stringify(body.recognition));
    const money = await turn({ channel: 'console', text: 'was this $42.10 charge me' });
    assert.deepEqual(
      money.recognition?.entities.amounts.map(({ minor, currency }) => ({ minor, currency })),
      [{ minor: 4210, currency: 'USD' }],
    );
  });

  it('continues a conversation by its id, and starts a new one without it', async () => {
    const first = await turn({ channel: 'messenger', text: 'freeze my card' });
    const answer = await turn({ channel: 'messenger', text: '1', conversationId: first.conversationId });
    assert.equal(answer.conversationId, first.conversationId);
    assert.equal(answer.recognition?.route, 'continue', 'the card question is answered');
    const fresh = await turn({ channel: 'messenger', text: '1' });
    assert.notEqual(fresh.conversationId, first.conversationId);
    assert.notEqual(fresh.recognition?.route, 'continue');
  });

  it('keeps channels and customers apart even under one conversation id', async () => {
    const first = await turn({ channel: 'messenger', text: 'freeze my card' });
    const otherChannel = await turn({ channel: 'google', text: '1', conversationId: first.conversationId });
    assert.notEqual(otherChannel.recognition?.route, 'continue');
    const otherCustomer = await turn({
      channel: 'messenger',
      customer: 'sam',
      text: '1',
      conversationId: first.conversationId,
    });
    assert.notEqual(otherCustomer.recognition?.route, 'continue');
  });

  it('says the end of an Alexa session', async () => {
    const body = await turn({ channel: 'alexa', text: "what's my balance" });
    assert.equal(body.ends, true);
    const open = await turn({ channel: 'alexa', text: 'freeze my card' });
    assert.equal(open.ends, false);
  });

  it('tells the customer plainly when the bank is down, and keeps serving', async () => {
    bot.sandbox.setFault('down');
    try {
      const body = await turn({ channel: 'console', text: "what's my balance" });
      assert.match(JSON.stringify(body.native), /can't reach your bank/);
    } finally {
      bot.sandbox.setFault('none');
    }
    const again = await turn({ channel: 'console', text: "what's my balance" });
    assert.equal(again.recognition?.intent, 'balance.check');
  });

  it('refuses bad requests with coded errors', async () => {
    const cases: [unknown, Record<string, string>, number, string][] = [
      ['{"channel":', {}, 400, 'HTTP_ERR_BAD_JSON'],
      [{ channel: 'telegram', customer: 'alex', text: 'hi' }, {}, 400, 'HTTP_ERR_BAD_REQUEST'],
      [{ channel: 'console', customer: 'alex' }, {}, 400, 'HTTP_ERR_BAD_REQUEST'],
      [{ channel: 'console', customer: 'alex', text: '   ' }, {}, 400, 'HTTP_ERR_BAD_REQUEST'],
      [{ channel: 'console', customer: 'alex', text: 'x'.repeat(1001) }, {}, 400, 'HTTP_ERR_BAD_REQUEST'],
      [{ channel: 'console', customer: 'alex', text: 'hi', extra: 1 }, {}, 400, 'HTTP_ERR_BAD_REQUEST'],
      [
        { channel: 'console', customer: 'alex', text: 'hi', conversationId: '../x' },
        {},
        400,
        'HTTP_ERR_BAD_REQUEST',
      ],
      [{ channel: 'console', customer: 'mallory', text: 'hi' }, {}, 400, 'PLAYGROUND_ERR_UNKNOWN_CUSTOMER'],
      [
        { channel: 'console', customer: 'alex', text: 'hi' },
        { 'content-type': 'text/plain' },
        415,
        'HTTP_ERR_UNSUPPORTED_TYPE',
      ],
      [
        { channel: 'console', customer: 'alex', text: 'hi' },
        { origin: 'http://evil.example' },
        403,
        'PLAYGROUND_ERR_CROSS_ORIGIN',
      ],
      [
        { channel: 'console', customer: 'alex', text: 'hi' },
        { 'sec-fetch-site': 'cross-site' },
        403,
        'PLAYGROUND_ERR_CROSS_ORIGIN',
      ],
      [
        { channel: 'console', customer: 'alex', text: 'hi', pad: 'x'.repeat(300_000) },
        {},
        413,
        'HTTP_ERR_TOO_LARGE',
      ],
    ];
    for (const [body, headers, status, code] of cases) {
      const response = await bot.turn(body, headers);
      const where = `${JSON.stringify(body).slice(0, 80)} ${JSON.stringify(headers)}`;
      assert.equal(response.status, status, where);
      assert.equal(await errorOf(response), code, where);
    }
    const sameOrigin = await bot.turn(
      { channel: 'console', customer: 'alex', text: 'hi' },
      { origin: bot.baseUrl },
    );
    assert.equal(sameOrigin.status, 200);
    const wrongMethod = await fetch(`${bot.baseUrl}/playground/api/turn`);
    assert.equal(wrongMethod.status, 405);
  });

  it('logs no message text, amount or account number', async () => {
    const { shown } = await balancesOf(bot.sandbox, 'alex');
    const from = bot.logLines.length;
    await turn({ channel: 'messenger', text: "what's my balance at tesco for $42.10" });
    const lines = bot.logLines.slice(from).join('\n');
    assert.ok(lines.length > 0, 'the turn was logged');
    for (const secret of [...shown, 'tesco', '42.10', '6789'])
      assert.ok(!lines.includes(secret), `the logs hold ${secret}`);
  });
});

describe('playground switched off', () => {
  let bot: PlaygroundBot;
  before(async () => {
    bot = await startPlaygroundBot({ env: { PLAYGROUND: 'off' } });
  });
  after(() => bot.close());

  it('serves neither the page nor the API', async () => {
    assert.equal((await fetch(`${bot.baseUrl}/playground`)).status, 404);
    const response = await bot.turn({ channel: 'console', customer: 'alex', text: 'hi' });
    assert.equal(response.status, 404);
    assert.equal(await errorOf(response), 'HTTP_ERR_NOT_FOUND');
  });
});

describe('playground under load', () => {
  let server: Server;
  let base: string;
  let release: () => void = () => undefined;
  const started: string[] = [];
  before(async () => {
    const gate = new Promise<void>((resolve) => (release = resolve));
    const preview: ChannelPreviewPort = {
      render: (channel) => ({
        native: [],
        view: { channel: 'console', lines: [] },
        handoff: false,
        ends: channel === 'alexa',
      }),
    };
    const routes = createPlaygroundRoutes(
      {
        preview,
        customerIds: () => ['alex'],
        profile: async () => ({ id: 'alex', firstName: 'Alex', locale: 'en-US', timeZone: 'UTC' }),
        logger: silentLogger(),
        maxTurnsInFlight: 1,
      },
      async (context) => {
        started.push(context.activity.text ?? '');
        await gate;
      },
    );
    server = createHttpServer({ routes, bodyLimitBytes: 4096, logger: silentLogger() });
    base = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (text: string) =>
    fetch(`${base}/playground/api/turn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'console', customer: 'alex', text }),
    });

  it('answers 429 with Retry-After while the turns in flight are at the limit', async () => {
    const first = post('first');
    while (started.length === 0) await new Promise((resolve) => setImmediate(resolve));
    const second = await post('second');
    assert.equal(second.status, 429);
    assert.equal(second.headers.get('retry-after'), '1');
    assert.equal(await errorOf(second), 'PLAYGROUND_ERR_BUSY');
    release();
    assert.equal((await first).status, 200);
    assert.equal((await post('third')).status, 200);
    assert.deepEqual(started, ['first', 'third']);
  });
});
