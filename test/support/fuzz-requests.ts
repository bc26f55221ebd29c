/**
 * Generated HTTP requests for the hostile-input suite: platform-shaped requests carrying hostile
 * text where the customer's words go (validly signed, so they reach the bot), platform samples
 * with one leaf replaced, and raw garbage. Generated values are plain data; bodies that need a
 * fresh timestamp or id are built when sent.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { sandboxAccessToken } from '../../adapters/banks/sandbox.bank.js';
import { alexaIntentName } from '../../adapters/channels/alexa/intent-names.js';
import { dialogs } from '../../dialogs/index.js';
import { alexaRequest } from './drivers/alexa.driver.js';
import { webhookRequest } from './drivers/google.driver.js';
import { PAGE_ID, webhookBody } from './drivers/messenger.driver.js';
import { hostileText, INJECTIONS } from './hostile-text.js';

const fixture = (path: string): unknown =>
  JSON.parse(readFileSync(`test/fixtures/channels/${path}`, 'utf8').replace(/^\uFEFF/, ''));
const SAMPLES = [
  'messenger/webhook.message.botbuilder-dotnet.json',
  'messenger/webhook.postback.synthesized.json',
  'alexa/launch-request.ask-sdk-express-adapter.json',
  'alexa/intent-request-with-slot.ask-sdk-v1.json',
  'google/dialogflow-v2.webhook-request.generic.json',
  'google/actions-builder.handler-request.text.json',
].map(fixture);
const ACTIONS_SAMPLE = fixture('google/actions-builder.handler-request.text.json') as Record<string, unknown>;

export type Platform = 'messenger' | 'alexa' | 'google' | 'actions';
export type Auth = 'none' | 'garbage' | 'valid';

/** The customer's words in a platform's own request shape. */
export interface ShapedRequest {
  readonly kind: 'shaped';
  readonly platform: Platform;
  readonly text: string;
  /** Picks the event type, intent or slot the text goes into. */
  readonly variant: number;
  /** Which of the linked users sends it (beyond them: an unknown user, or a hostile token). */
  readonly user: number;
  readonly auth: Auth;
  /** Sends the same signed bytes a second time. */
  readonly replay: boolean;
}

/** Any method and path with any body. */
export interface RawRequest {
  readonly kind: 'raw';
  readonly route: { readonly method: string; readonly path: string };
  readonly body: string;
  readonly auth: Auth;
  readonly contentType: string | undefined;
  /** Junk for headers and query strings. */
  readonly junk: string;
}

export type FuzzRequest = ShapedRequest | RawRequest;

export const PLATFORM_PATHS: Readonly<Record<Platform, string>> = {
  messenger: '/api/messenger',
  alexa: '/api/alexa',
  google: '/api/google',
  actions: '/api/google/actions',
};
export const CUSTOMERS = ['alex', 'sam', 'maria'] as const;
export const linkedPsid = (index: number): string => `fuzz-psid-${index}`;
/** Every intent of the skill, so hostile slot values reach every dialog. */
const ALEXA_INTENTS = [
  ...dialogs.flatMap((dialog) => dialog.intents).map(alexaIntentName),
  'SelectIntent',
  'AMAZON.FallbackIntent',
  'AMAZON.YesIntent',
  'AMAZON.NoIntent',
];
const ALEXA_SLOTS = ['merchant', 'amount', 'cents', 'currency', 'date', 'account', 'ordinal', 'number'];

/** A platform sample with one leaf replaced: plausible enough to get past the first checks. */
function mutate(sample: unknown, path: readonly number[], replacement: unknown): unknown {
  if (path.length === 0 || typeof sample !== 'object' || sample === null) return replacement;
  const entries = Object.entries(sample);
  if (entries.length === 0) return replacement;
  const [head = 0, ...rest] = path;
  const [key, value] = entries[head % entries.length]!;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(sample) ? [...sample] : { ...sample };
  (copy as Record<string, unknown>)[key] = mutate(value, rest, replacement);
  return copy;
}

const jsonish = fc.oneof(
  fc.anything({ maxDepth: 6 }),
  fc.json({ maxDepth: 6 }).map((s) => JSON.parse(s) as unknown),
);
const nasty = fc.oneof(
  hostileText,
  fc.constantFrom('\uFEFF{}', '{"__proto__":{"polluted":1}}', ...INJECTIONS),
);
const rawBody = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.constantFrom(...SAMPLES), fc.array(fc.nat(), { maxLength: 6 }), fc.oneof(jsonish, nasty))
      .map(([sample, path, leaf]) => JSON.stringify(mutate(sample, path, leaf)) ?? 'null'),
  },
  { weight: 2, arbitrary: jsonish.map((value) => JSON.stringify(value) ?? 'null') },
  { weight: 1, arbitrary: nasty },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 100, max: 50_000 })
      .map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1, max: 400 }).map((kib) => `{"pad":"${'a'.repeat(kib * 1024)}"}`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('{"object":', '{"request":{"type":"IntentRequest"', 'null', '[]', '{}'),
  },
);
const auth = fc.constantFrom<Auth>('none', 'garbage', 'valid', 'valid');

/** Requests over the given routes (the server's own plus unknown paths). */
export function fuzzRequests(routes: readonly { method: string; path: string }[]): fc.Arbitrary<FuzzRequest> {
  const shaped: fc.Arbitrary<ShapedRequest> = fc.record({
    kind: fc.constant('shaped' as const),
    platform: fc.constantFrom<Platform>('messenger', 'alexa', 'google', 'actions'),
    text: hostileText,
    variant: fc.nat(),
    user: fc.nat(CUSTOMERS.length + 1),
    auth: fc.constantFrom<Auth>('valid', 'valid', 'valid', 'garbage'),
    replay: fc.boolean(),
  });
  const paths = [
    ...routes.map((r) => r.path),
    '/api/nope',
    '/',
    '/api/alexa/',
    '/API/ALEXA',
    '/%2e%2e/etc/passwd',
  ];
  const raw: fc.Arbitrary<RawRequest> = fc.record({
    kind: fc.constant('raw' as const),
    route: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...routes) },
      {
        weight: 1,
        arbitrary: fc.record({
          method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
          path: fc.constantFrom(...paths),
        }),
      },
    ),
    body: rawBody,
    auth,
    contentType: fc.constantFrom(
      'application/json',
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/json; charset=utf-16',
      undefined,
    ),
    junk: fc.string({ maxLength: 200 }),
  });
  return fc.oneof({ weight: 1, arbitrary: shaped }, { weight: 3, arbitrary: raw });
}

/** A shaped request's body, with fresh ids and timestamps so a signed request is accepted once. */
export function shapedBody(item: ShapedRequest): string {
  const linked = item.user < CUSTOMERS.length;
  const customer = CUSTOMERS[item.user % CUSTOMERS.length] ?? 'alex';
  const token = linked ? sandboxAccessToken(customer) : item.text.slice(0, 200) || 'x';
  switch (item.platform) {
    case 'messenger': {
      const psid = linked ? linkedPsid(item.user) : `fuzz-stranger-${item.variant % 97}`;
      const mid = `m_fuzz_${randomUUID()}`;
      const events = [
        { message: { mid, text: item.text } },
        { message: { mid, text: item.text.slice(0, 20), quick_reply: { payload: item.text } } },
        { postback: { mid, title: item.text.slice(0, 20), payload: item.text } },
      ];
      const event = events[item.variant % events.length];
      return webhookBody([
        { sender: { id: psid }, recipient: { id: PAGE_ID }, timestamp: Date.now(), ...event },
      ]).toString();
    }
    case 'alexa': {
      const name = ALEXA_INTENTS[item.variant % ALEXA_INTENTS.length] ?? 'AMAZON.FallbackIntent';
      const slot = ALEXA_SLOTS[item.variant % ALEXA_SLOTS.length] ?? 'merchant';
      const intent = {
        name,
        confirmationStatus: 'NONE',
        slots: { [slot]: { name: slot, value: item.text } },
      };
      const session = {
        sessionId: `amzn1.echo-api.session.fuzz-${item.user}`,
        userId: `amzn1.ask.account.fuzz-${item.user}`,
        accessToken: token,
      };
      return JSON.stringify(alexaRequest({ type: 'IntentRequest', intent }, session));
    }
    case 'google': {
      const session = `projects/bankbot-fuzz/agent/sessions/fuzz-${item.user}`;
      return JSON.stringify(
        webhookRequest(item.text, session, { userId: `google-fuzz-${item.user}`, accessToken: token }),
      );
    }
    case 'actions':
      return JSON.stringify({
        ...ACTIONS_SAMPLE,
        intent: { name: 'bankbot_query', params: {}, query: item.text },
        session: { id: `fuzz-${randomUUID()}`, params: {}, typeOverrides: [], languageCode: '' },
      });
  }
}

/** The Alexa body of a raw request, refreshed so a valid signature gets it past the replay checks. */
export function freshAlexa(body: string): string {
  try {
    const envelope = JSON.parse(body) as { request?: unknown };
    if (typeof envelope?.request !== 'object' || envelope.request === null) return body;
    Object.assign(envelope.request, {
      timestamp: new Date().toISOString(),
      requestId: `amzn1.echo-api.request.fuzz-${randomUUID()}`,
    });
    return JSON.stringify(envelope);
  } catch {
    return body;
  }
}
