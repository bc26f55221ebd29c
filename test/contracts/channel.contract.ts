import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { amount, reply, say, type Reply } from '../../bot/reply.js';

/** A request as the platform would send it. */
export interface SignedRequest {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/**
 * What a channel provides to run the shared contract: a real bankbot HTTP server with the channel
 * configured (test keys), a way to sign like the platform, and its pure renderer.
 */
export interface ChannelContractSubject {
  /** Base URL of the running server, e.g. http://127.0.0.1:PORT. */
  readonly baseUrl: string;
  /** The channel's inbound POST route. */
  readonly path: string;
  /** The platform's own sample payloads (test/fixtures), ready to sign (fresh ids/timestamps applied). */
  readonly samples: readonly Buffer[];
  /** Signs a body as the platform would, now. */
  sign(body: Buffer): Promise<SignedRequest>;
  /** Signs a body as if sent too long ago; omit when the protocol carries no timestamp. */
  signExpired?(body: Buffer): Promise<SignedRequest>;
  /** A replayed request is either refused (4xx) or acknowledged without a second turn. */
  readonly replay: 'rejected' | 'deduplicated';
  /** Turns the bot has run so far (to prove rejected requests never reached it). */
  turns(): number;
  /** Waits until work acknowledged before processing (Messenger) is done. */
  settle(): Promise<void>;
  /** The channel's pure renderer: neutral replies of one turn to its native payload(s). */
  render(replies: readonly Reply[]): unknown;
  /** Throws when a native payload breaks a platform limit (lengths, counts). */
  checkLimits(native: unknown): void;
  close(): Promise<void>;
}

async function send(
  subject: ChannelContractSubject,
  request: SignedRequest,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${subject.baseUrl}${subject.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...request.headers },
    body: request.body,
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Plain-text bodies are fine for successes; errors are checked to be JSON below.
  }
  return { status: response.status, body };
}

function assertCodedError(
  result: { status: number; body: unknown },
  status: number | readonly number[],
  what: string,
): void {
  const statuses = Array.isArray(status) ? status : [status];
  assert.ok(
    statuses.includes(result.status),
    `${what}: status ${result.status}, expected ${statuses.join(' or ')}`,
  );
  const code = (result.body as { error?: { code?: unknown } } | undefined)?.error?.code;
  assert.equal(typeof code, 'string', `${what}: a JSON body with error.code`);
}

function tamper(body: Buffer): Buffer {
  const copy = Buffer.from(body);
  const quote = copy.indexOf('"', Math.floor(copy.length / 2));
  const at = quote > 0 ? quote - 1 : Math.max(0, copy.length - 2);
  copy.writeUInt8((copy.readUInt8(at) ^ 1) & 0xff, at);
  return copy;
}

const HUGE = 'x'.repeat(5000);
const STRESS: readonly Reply[] = [
  reply(`${HUGE} end`, {
    choices: Array.from({ length: 20 }, (_, i) => `A very long choice title number ${i + 1}`),
    items: Array.from({ length: 30 }, (_, i) => ({
      title: say`Merchant ${i} ${amount({ minor: -i * 101, currency: 'USD' })}`,
      subtitle: ['Nov 19'],
    })),
  }),
  reply('Second message', { expectsInput: true }),
];

/** The contract every channel runs unchanged, through real HTTP. */
export function runChannelContract(name: string, setup: () => Promise<ChannelContractSubject>): void {
  describe(`${name} channel contract`, () => {
    let subject: ChannelContractSubject;
    before(async () => {
      subject = await setup();
    });
    after(() => subject.close());

    it('accepts every official sample payload when signed, and runs a turn', async () => {
      assert.ok(subject.samples.length > 0, 'at least one sample payload');
      for (const sample of subject.samples) {
        const before = subject.turns();
        const result = await send(subject, await subject.sign(sample));
        await subject.settle();
        assert.ok(
          result.status >= 200 && result.status < 300,
          `status ${result.status} ${JSON.stringify(result.body)}`,
        );
        assert.ok(subject.turns() > before, 'the bot ran');
      }
    });

    it('rejects a forged body (one bit changed after signing) before the bot sees it', async () => {
      const signed = await subject.sign(subject.samples[0]!);
      const before = subject.turns();
      assertCodedError(
        await send(subject, { headers: signed.headers, body: tamper(signed.body) }),
        [400, 401],
        'forged',
      );
      await subject.settle();
      assert.equal(subject.turns(), before, 'the bot never ran');
    });

    it('rejects an unsigned request', async () => {
      const before = subject.turns();
      const result = await send(subject, { headers: {}, body: subject.samples[0]! });
      assertCodedError(result, 401, 'unsigned');
      await subject.settle();
      assert.equal(subject.turns(), before);
    });

    it('rejects an expired request when the protocol is timestamped', async (t) => {
      if (!subject.signExpired) {
        t.diagnostic(`${name}: the protocol carries no timestamp; replays are covered by the replay test`);
        assert.equal(subject.replay, 'deduplicated', 'an untimestamped protocol must deduplicate replays');
        return;
      }
      const before = subject.turns();
      assertCodedError(
        await send(subject, await subject.signExpired(subject.samples[0]!)),
        [400, 401],
        'expired',
      );
      assert.equal(subject.turns(), before);
    });

    it('never runs a replayed request twice', async () => {
      const signed = await subject.sign(subject.samples[0]!);
      const first = await send(subject, signed);
      await subject.settle();
      assert.ok(first.status < 300, `first delivery accepted (${first.status})`);
      const before = subject.turns();
      const second = await send(subject, signed);
      await subject.settle();
      if (subject.replay === 'rejected') assertCodedError(second, [400, 401, 409], 'replay');
      else assert.ok(second.status < 300, 'a duplicate delivery is acknowledged');
      assert.equal(subject.turns(), before, 'no second turn');
    });

    it('answers signed malformed JSON with 400 and signed wrong shapes with a coded 4xx', async () => {
      assertCodedError(await send(subject, await subject.sign(Buffer.from('{"object":'))), 400, 'malformed');
      for (const shape of ['[]', '{}', '"text"', '{"entry":"nope","request":7,"queryResult":[]}']) {
        const result = await send(subject, await subject.sign(Buffer.from(shape)));
        assert.ok(result.status < 500, `${shape}: never a 5xx (${result.status})`);
        if (result.status >= 400) assertCodedError(result, result.status, shape);
      }
    });

    it('answers an oversized body with 413', async () => {
      const big = Buffer.from(JSON.stringify({ padding: 'x'.repeat(2 * 1024 * 1024) }));
      assertCodedError(await send(subject, await subject.sign(big)), 413, 'oversized');
    });

    it('renders purely and within the platform limits', () => {
      const input = structuredClone(STRESS);
      const first = subject.render(input);
      assert.deepEqual(input, STRESS, 'the renderer does not mutate its input');
      assert.deepEqual(subject.render(input), first, 'same input, same output');
      subject.checkLimits(first);
    });
  });
}
