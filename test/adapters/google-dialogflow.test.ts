import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  conversationIdOf,
  dialogflowTurn,
  webhookRequestSchema,
} from '../../adapters/channels/google/dialogflow-request.js';
import { toRedisKey } from '../../adapters/storage/redis.storage.js';
import { renderWebhookResponse } from '../../adapters/channels/google/dialogflow-response.js';
import { RecentKeys } from '../../adapters/channels/google/recent-keys.js';
import { amount, day, reply, say, sensitive, type Reply } from '../../bot/reply.js';
import { keySlot } from '../support/redis-slot.js';

const FIXTURES = 'test/fixtures/channels/google';
const NOW = new Date('2026-11-21T15:00:00Z');
const US = { locale: 'en-US', timeZone: 'America/New_York' };

function inbound(name: string) {
  const raw: unknown = JSON.parse(
    readFileSync(`${FIXTURES}/dialogflow-v2.webhook-request.${name}.json`, 'utf8'),
  );
  return dialogflowTurn(webhookRequestSchema.parse(raw), NOW);
}

/** Every key path of a JSON value, array positions collapsed to []. */
function paths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => paths(item, `${prefix}[]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => [
    `${prefix}.${key}`,
    ...paths(inner, `${prefix}.${key}`),
  ]);
}

/**
 * Fields bankbot fills that the two response fixtures do not show, each documented in the
 * Dialogflow ES v2 / Actions on Google v2 references: Message.text and Message.quickReplies,
 * a custom Message.payload, SimpleResponse.ssml / displayText (the fixtures use textToSpeech),
 * BasicCard.formattedText, and the SIGN_IN systemIntent.
 */
const DOCUMENTED = new Set([
  '.fulfillmentMessages[].text',
  '.fulfillmentMessages[].text.text',
  '.fulfillmentMessages[].quickReplies',
  '.fulfillmentMessages[].quickReplies.quickReplies',
  '.fulfillmentMessages[].payload',
  '.fulfillmentMessages[].payload.liveAgentHandoff',
  '.fulfillmentMessages[].payload.handoff',
  '.fulfillmentMessages[].payload.handoff.reason',
  '.fulfillmentMessages[].payload.handoff.topics',
  '.payload.google.richResponse.items[].simpleResponse.ssml',
  '.payload.google.richResponse.items[].simpleResponse.displayText',
  '.payload.google.richResponse.items[].basicCard',
  '.payload.google.richResponse.items[].basicCard.formattedText',
  '.payload.google.systemIntent',
  '.payload.google.systemIntent.intent',
  '.payload.google.systemIntent.data',
  '.payload.google.systemIntent.data.@type',
  '.payload.google.systemIntent.data.optContext',
]);

const transactions = reply(say`Here are your 2 most recent transactions:`, {
  items: [
    {
      title: say`Chipotle ${amount({ minor: -1587, currency: 'USD' })}`,
      subtitle: say`${day('2026-11-20')}, pending`,
    },
    {
      title: say`Acme payroll ${amount({ minor: 318450, currency: 'USD' })}`,
      subtitle: say`${day('2026-10-31')}`,
    },
  ],
  choices: ['Show more', 'Was this charge me?'],
});

describe('google Dialogflow request mapping (official fixtures)', () => {
  it('maps the generic request: query text for the NLU, session as user and conversation, intent as a hint', () => {
    const { activity, accessToken } = inbound('generic');
    const session = 'projects/your-agents-project-id/agent/sessions/88d13aa8-2999-4f71-b233-39cbf3a824a0';
    assert.equal(activity.text, "user's original query to your agent");
    assert.equal(activity.value, undefined);
    assert.deepEqual([activity.channelId, activity.id], ['google', 'ea3d77e8-ae27-41a4-9e1d-174bd461b68c']);
    assert.deepEqual(
      [activity.from?.id, activity.conversation?.id],
      [session, 'projects:your-agents-project-id:agent:sessions:88d13aa8-2999-4f71-b233-39cbf3a824a0'],
    );
    assert.equal(activity.locale, undefined, 'a bare language leaves formatting to the bank profile');
    assert.deepEqual(activity.channelData, {
      dialogflow: { intent: 'Matched Intent Name', action: undefined, confidence: 1 },
    });
    assert.equal(accessToken, undefined);
  });

  it('maps the Assistant text request: the Assistant user id and a regional locale', () => {
    const { activity } = inbound('aog-text');
    assert.equal(activity.text, 'query from the user');
    assert.equal(activity.from?.id, 'AI_yXq-AtrRh3mJX5D-G0MsVhqun');
    assert.equal(
      activity.conversation?.id,
      'projects:integrationfulfillmenttest:agent:sessions:1522951193000',
    );
    assert.equal(activity.locale, 'en-US');
  });

  it("gives each session a Redis Cluster slot of its own: a path's slashes would tag every conversation 'projects'", () => {
    const project = 'projects/integrationfulfillmenttest/agent/sessions';
    const slots = new Set(
      Array.from({ length: 16 }, (_, i) =>
        keySlot(toRedisKey('bankbot:', `google/conversations/${conversationIdOf(`${project}/s-${i}`)}/`)),
      ),
    );
    assert.ok(slots.size >= 12, `16 sessions over ${slots.size} slots`);
  });

  it('turns the welcome event into a recognised greeting', () => {
    const { activity } = inbound('aog-welcome');
    const value = activity.value as { recognition: { intent: string; score: number } };
    assert.deepEqual([value.recognition.intent, value.recognition.score], ['common.greeting', 1]);
    assert.equal(activity.text, '');
  });

  it('takes the sign-in result token out of the activity and greets', () => {
    const { activity, accessToken } = inbound('aog-sign-in');
    assert.equal(accessToken, 'Your OAuth service access token');
    assert.ok(
      !JSON.stringify(activity).includes('Your OAuth service access token'),
      'the token stays out of the activity',
    );
    assert.equal(
      (activity.value as { recognition: { intent: string } }).recognition.intent,
      'common.greeting',
    );
  });

  it("keeps Dialogflow's intent as a hint only: bankbot's NLU reads the words", () => {
    const raw: unknown = JSON.parse(
      readFileSync(`${FIXTURES}/dialogflow-v2.webhook-request.aog-welcome.json`, 'utf8'),
    );
    const request = webhookRequestSchema.parse(raw);
    const { activity } = dialogflowTurn(
      { ...request, queryResult: { ...request.queryResult, queryText: 'freeze my card' } },
      NOW,
    );
    assert.equal(activity.text, 'freeze my card');
    assert.equal(activity.value, undefined, 'the Default Welcome Intent does not force a greeting');
  });

  it('refuses payloads without the fields every WebhookRequest has', () => {
    for (const shape of [
      {},
      { responseId: 'x', session: 's' },
      { responseId: 1, session: 's', queryResult: {} },
      [],
    ])
      assert.equal(webhookRequestSchema.safeParse(shape).success, false, JSON.stringify(shape));
  });
});

describe('google Dialogflow response rendering', () => {
  const rendered = renderWebhookResponse(
    [transactions, reply('Anything else?', { expectsInput: true, choices: ['Yes', 'No'] })],
    US,
    { reason: 'customer_request', topics: ['balance.check'] },
  );
  const linkPlease = renderWebhookResponse([reply('Link first.', { linkAccount: true })], US);
  const fixtures = ['generic', 'aog-suggestions'].map((name): unknown =>
    JSON.parse(readFileSync(`${FIXTURES}/dialogflow-v2.webhook-response.${name}.json`, 'utf8')),
  );

  it('uses only fields of the official response fixtures or documented alongside them', () => {
    const official = new Set(fixtures.flatMap((fixture) => paths(fixture)));
    const ours = new Set([...paths(rendered), ...paths(linkPlease)]);
    for (const path of ours)
      assert.ok(official.has(path) || DOCUMENTED.has(path), `undocumented field ${path}`);
    for (const shared of [
      '.fulfillmentText',
      '.fulfillmentMessages[].card.title',
      '.payload.google.expectUserResponse',
      '.payload.google.richResponse.items[].simpleResponse',
      '.payload.google.richResponse.suggestions[].title',
    ])
      assert.ok(ours.has(shared) && official.has(shared), shared);
  });

  it('lays out bubbles, the list card after its bubble, and chips from the question', () => {
    const google = rendered.payload?.google;
    assert.deepEqual(
      google?.richResponse.items.map((item) => Object.keys(item)[0]),
      ['simpleResponse', 'basicCard', 'simpleResponse'],
    );
    assert.deepEqual(google?.richResponse.items[1], {
      basicCard: {
        formattedText: '• Chipotle -$15.87 (Nov 20, pending)  \n• Acme payroll $3,184.50 (Oct 31)',
      },
    });
    assert.deepEqual(google?.richResponse.suggestions, [{ title: 'Yes' }, { title: 'No' }]);
    assert.equal(google?.expectUserResponse, true);
  });

  it('speaks amounts and dates naturally', () => {
    const first = rendered.payload?.google.richResponse.items[0];
    assert.ok(first && 'simpleResponse' in first);
    assert.equal(
      first.simpleResponse.ssml,
      '<speak>Here are your 2 most recent transactions: <break time="300ms"/>Chipotle minus <say-as interpret-as="currency" language="en-US">$15.87</say-as>, November 20, pending. <break time="300ms"/>Acme payroll <say-as interpret-as="currency" language="en-US">$3,184.50</say-as>, October 31.</speak>',
    );
  });

  it('writes generic messages for other integrations, and text for text-only clients', () => {
    assert.deepEqual(rendered.fulfillmentMessages?.slice(0, 3), [
      { text: { text: ['Here are your 2 most recent transactions:'] } },
      { card: { title: 'Chipotle -$15.87', subtitle: 'Nov 20, pending' } },
      { card: { title: 'Acme payroll $3,184.50', subtitle: 'Oct 31' } },
    ]);
    assert.equal(
      rendered.fulfillmentText,
      'Here are your 2 most recent transactions:\n• Chipotle -$15.87 (Nov 20, pending)\n• Acme payroll $3,184.50 (Oct 31)\nAnything else?',
    );
  });

  it('closes the microphone and drops chips when no answer is expected', () => {
    const done = renderWebhookResponse([reply('Goodbye!', { choices: ['Hi'], expectsInput: false })], US);
    assert.equal(done.payload?.google.expectUserResponse, false);
    assert.equal(done.payload?.google.richResponse.suggestions, undefined);
  });

  it('gives Dialogflow nothing to say for a turn without replies', () => {
    assert.deepEqual(renderWebhookResponse([], US), {});
  });
});

describe('google SSML', () => {
  const ssmlOf = (value: Reply, options = US): string => {
    const item = renderWebhookResponse([value], options).payload?.google.richResponse.items[0];
    return item && 'simpleResponse' in item ? item.simpleResponse.ssml : '';
  };

  it('escapes markup characters from text and data, so nothing can break or inject SSML', () => {
    const ssml = ssmlOf(reply(say`Paid to ${sensitive(`A&B <break time="9s"/> "Ltd" 'x'`)} & co`));
    assert.equal(
      ssml,
      '<speak>Paid to A&amp;B &lt;break time=&quot;9s&quot;/&gt; &quot;Ltd&quot; &apos;x&apos; &amp; co</speak>',
    );
  });

  it("reads dates in the customer's locale and masked numbers as digits", () => {
    const phrase = say`On ${day('2026-11-18')}, card ${sensitive('••5556', 'accountNumber')} paid ${amount({ minor: 533, currency: 'GBP' })}.`;
    assert.equal(
      ssmlOf(reply(phrase), { locale: 'en-GB', timeZone: 'Europe/London' }),
      '<speak>On 18 November, card ending in <say-as interpret-as="characters">5556</say-as> paid <say-as interpret-as="currency" language="en-GB">£5.33</say-as>.</speak>',
    );
  });

  it("prefers the reply's voice variant", () => {
    assert.equal(ssmlOf(reply('Shown', { speech: ['Spoken'] })), '<speak>Spoken</speak>');
  });
});

describe('google limits', () => {
  it('merges a third message into the second bubble and keeps the first list as the only card', () => {
    const list = (n: number) => Array.from({ length: n }, (_, i) => ({ title: [`Item ${i + 1}`] }));
    const response = renderWebhookResponse(
      [
        reply('One', { items: list(2) }),
        reply('Two', { items: list(1) }),
        reply('Three', { expectsInput: true }),
      ],
      US,
    );
    const items = response.payload?.google.richResponse.items ?? [];
    assert.deepEqual(
      items.map((item) =>
        'simpleResponse' in item ? item.simpleResponse.displayText : item.basicCard.formattedText,
      ),
      ['One', '• Item 1  \n• Item 2', 'Two\n• Item 1\nThree'],
    );
  });

  it('cuts a long list to 15 card lines, saying how many more there are', () => {
    const items = Array.from({ length: 40 }, (_, i) => ({ title: [`Merchant ${i + 1}`] }));
    const card = renderWebhookResponse([reply('Many', { items })], US).payload?.google.richResponse.items[1];
    assert.ok(card && 'basicCard' in card);
    const lines = card.basicCard.formattedText.split('  \n');
    assert.equal(lines.length, 15);
    assert.deepEqual([lines[13], lines[14]], ['• Merchant 14', '+ 26 more']);
  });

  it('cuts chat bubbles at a word before 640 characters and chips at 25, without duplicates', () => {
    const words = Array.from({ length: 200 }, () => 'word').join(' ');
    const choices = ['A choice title that is far too long', 'A choice title that is far too long!', 'Short'];
    const response = renderWebhookResponse([reply(words, { choices })], US);
    const bubble = response.payload?.google.richResponse.items[0];
    assert.ok(bubble && 'simpleResponse' in bubble);
    assert.ok(bubble.simpleResponse.displayText.length <= 640);
    assert.match(bubble.simpleResponse.displayText, /word…$/);
    assert.deepEqual(response.payload?.google.richResponse.suggestions, [
      { title: 'A choice title that is…' },
      { title: 'Short' },
    ]);
  });
});

describe('google replay memory', () => {
  it('remembers keys until they expire, in bounded memory, forgetting the oldest first', () => {
    const keys = new RecentKeys(3);
    assert.deepEqual([keys.add('a', 100, 0), keys.add('a', 100, 50)], [true, false]);
    assert.equal(keys.add('a', 200, 100), true, 'an expired key is new again');
    for (const key of ['b', 'c', 'd']) keys.add(key, 1000, 100);
    assert.equal(keys.size, 3);
    assert.deepEqual([keys.add('d', 1000, 100), keys.add('a', 1000, 100)], [false, true]);
  });
});
