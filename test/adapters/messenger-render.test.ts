import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { messageActivity } from '../../adapters/channels/messenger/inbound-activity.js';
import {
  renderReply,
  renderTurn,
  type SendOptions,
} from '../../adapters/channels/messenger/send-api-render.js';
import { cut, splitText } from '../../adapters/channels/messenger/text-limits.js';
import { readWebhook, type TurnEvent } from '../../adapters/channels/messenger/webhook-events.js';
import { parseWebhookBody } from '../../adapters/channels/messenger/webhook-http.js';
import { amount, day, reply, say } from '../../bot/reply.js';

const FIXTURES = 'test/fixtures/channels/messenger';
const fixture = (name: string): unknown => parseWebhookBody(readFileSync(`${FIXTURES}/${name}`));
const OPTIONS: SendOptions = {
  locale: 'en-US',
  timeZone: 'UTC',
  linkUrl: 'https://bank.example/link',
  psid: '{{page-scoped-id}}',
  messagingType: 'RESPONSE',
};

/** The structure of a JSON value: keys and value types, arrays by their first element. */
type Shape = string | Shape[] | { [key: string]: Shape };
function shapeOf(value: unknown): Shape {
  if (Array.isArray(value)) return value.length > 0 ? [shapeOf(value[0])] : [];
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shapeOf(inner)]));
  return typeof value;
}

/**
 * Every key we send exists in Meta's body with the same type (Meta's may have more, e.g. image_url).
 * `skip` names paths compared separately (buttons of another type in the sample).
 */
function assertSubShape(ours: Shape, theirs: Shape, skip: readonly string[] = [], path = '$'): void {
  if (skip.includes(path)) return;
  if (typeof ours === 'string' || typeof theirs === 'string') return assert.equal(ours, theirs, path);
  if (Array.isArray(ours) || Array.isArray(theirs)) {
    assert.ok(Array.isArray(ours) && Array.isArray(theirs), `${path}: both arrays`);
    return ours[0] && theirs[0] ? assertSubShape(ours[0], theirs[0], skip, `${path}[0]`) : undefined;
  }
  for (const key of Object.keys(ours)) {
    assert.ok(key in theirs, `${path}.${key} is in Meta's body`);
    assertSubShape(ours[key]!, theirs[key]!, skip, `${path}.${key}`);
  }
}

/** Our body without what Meta's sample leaves to defaults (`messaging_type`, documented on the Send API). */
function withoutMessagingType(body: object): object {
  return Object.fromEntries(Object.entries(body).filter(([key]) => key !== 'messaging_type'));
}

describe('messenger rendering against Meta send-api bodies', () => {
  it('renders a plain reply like the text message sample', () => {
    const [body] = renderTurn([reply('Hello!')], OPTIONS);
    assert.deepEqual(withoutMessagingType(body!), fixture('send-api.text.request.json'));
    assert.equal(body?.messaging_type, 'RESPONSE');
  });

  it('renders choices as quick replies shaped like the sample, titles cut to 20 and payloads the values', () => {
    const bodies = renderTurn(
      [reply('Pick a color:', { choices: [{ title: "1. Joe's Pizza Nov 18", value: '1' }, 'Red'] })],
      OPTIONS,
    );
    assert.equal(bodies.length, 1);
    assertSubShape(
      shapeOf(withoutMessagingType(bodies[0]!)),
      shapeOf(fixture('send-api.quick-replies.request.json')),
    );
    assert.deepEqual(bodies[0]?.message, {
      text: 'Pick a color:',
      quick_replies: [
        { content_type: 'text', title: "1. Joe's Pizza Nov…", payload: '1' },
        { content_type: 'text', title: 'Red', payload: 'Red' },
      ],
    });
  });

  it('renders list items as a text message followed by a generic template shaped like the sample', () => {
    const items = [
      {
        title: say`Joe's Pizza ${amount({ minor: -4210, currency: 'USD' })}`,
        subtitle: say`${day('2026-11-18')}`,
      },
      { title: ['Shell'] },
    ];
    const bodies = renderTurn([reply('I found 2 charges.', { items })], OPTIONS);
    assert.equal(bodies.length, 2);
    assert.deepEqual(bodies[0]?.message, { text: 'I found 2 charges.' });
    const sample = fixture('send-api.generic-template.request.json');
    assertSubShape(shapeOf(withoutMessagingType(bodies[1]!)), shapeOf(sample));
    assert.deepEqual(bodies[1]?.message, {
      attachment: {
        type: 'template',
        payload: {
          template_type: 'generic',
          elements: [{ title: "Joe's Pizza -$42.10", subtitle: 'Nov 18' }, { title: 'Shell' }],
        },
      },
    });
    const withChoices = renderTurn([reply('I found 2 charges.', { items, choices: ['1', '2'] })], OPTIONS);
    assert.equal(withChoices[0]?.message.quick_replies, undefined);
    assert.equal(withChoices[1]?.message.quick_replies?.length, 2, 'quick replies under the last message');
  });

  it('renders a yes/no question as a button template of postbacks shaped like the samples', () => {
    const choices = [
      { title: 'Yes, it was me', value: 'yes' },
      { title: "No, it wasn't me", value: 'no' },
    ];
    const bodies = renderTurn([reply('Was it you?', { choices })], OPTIONS);
    assert.equal(bodies.length, 1);
    const buttonsPath = '$.message.attachment.payload.buttons';
    assertSubShape(
      shapeOf(withoutMessagingType(bodies[0]!)),
      shapeOf(fixture('send-api.button-template.request.json')),
      [buttonsPath],
    );
    // Meta's button sample has web_url buttons; its generic sample has the postback button we send.
    const generic = fixture('send-api.generic-template.request.json') as {
      message: { attachment: { payload: { elements: { buttons: { type: string }[] }[] } } };
    };
    const postbackSample = generic.message.attachment.payload.elements[0]!.buttons.find(
      (b) => b.type === 'postback',
    );
    const message = bodies[0]!.message;
    assert.ok('attachment' in message && message.attachment.payload.template_type === 'button');
    assert.equal(message.attachment.payload.text, 'Was it you?');
    for (const button of message.attachment.payload.buttons)
      assert.deepEqual(shapeOf(button), shapeOf(postbackSample));
    assert.deepEqual(message.attachment.payload.buttons, [
      { type: 'postback', title: 'Yes, it was me', payload: 'yes' },
      { type: 'postback', title: "No, it wasn't me", payload: 'no' },
    ]);
  });

  it('renders a link request as a button template with an account_link button', () => {
    const [message] = renderReply(reply('Please link your account.', { linkAccount: true }), OPTIONS);
    assert.deepEqual(message, {
      attachment: {
        type: 'template',
        payload: {
          template_type: 'button',
          text: 'Please link your account.',
          buttons: [{ type: 'account_link', url: 'https://bank.example/link' }],
        },
      },
    });
  });

  it('splits long text at sentence ends and carries more than 10 items in several templates', () => {
    const sentence = 'This sentence is about forty characters. ';
    const items = Array.from({ length: 23 }, (_, i) => ({ title: [`Item ${i}`] }));
    const messages = renderReply(reply(sentence.repeat(100), { items }), OPTIONS);
    const texts = messages.flatMap((m) => ('text' in m ? [m.text] : []));
    assert.ok(texts.length >= 3 && texts.every((t) => t.length <= 2000 && t.endsWith('characters.')));
    assert.equal(texts.join(' '), sentence.repeat(100).trim(), 'nothing lost');
    const templates = messages.flatMap((m) =>
      'attachment' in m && m.attachment.payload.template_type === 'generic'
        ? [m.attachment.payload.elements.length]
        : [],
    );
    assert.deepEqual(templates, [10, 10, 3]);
  });
});

describe('messenger text limits', () => {
  it('cuts with an ellipsis and never splits an emoji', () => {
    assert.equal(cut('short', 20), 'short');
    assert.equal(cut('abcdefghijklmnopqrstuvwxyz', 20), 'abcdefghijklmnopqrs…');
    assert.equal(cut('aaaaaaaaaaaaaaaaaa😀b', 20), 'aaaaaaaaaaaaaaaaaa…');
  });

  it('splits without a break point by a hard cut and keeps every character', () => {
    const text = 'x'.repeat(4500);
    const parts = splitText(text, 2000);
    assert.deepEqual(
      parts.map((p) => p.length),
      [2000, 2000, 500],
    );
  });
});

describe('messenger inbound golden', () => {
  it('maps the botbuilder-dotnet message payload to a message activity', () => {
    const { events, skipped } = readWebhook(fixture('webhook.message.botbuilder-dotnet.json'));
    assert.deepEqual(skipped, []);
    assert.equal(events.length, 1);
    const activity = messageActivity(events[0] as TurnEvent, 'https://graph.facebook.com');
    assert.equal(activity.type, 'message');
    assert.equal(activity.channelId, 'messenger');
    assert.equal(activity.id, 'AAAA-BBBB-CCCC');
    assert.equal(activity.text, 'text');
    assert.equal(activity.from?.id, '0');
    assert.equal(activity.conversation?.id, '0');
    assert.equal(activity.recipient?.id, '0');
    assert.equal(activity.timestamp?.getTime(), 2222222);
  });

  it('reads the standby payload (with its BOM): the messaging event runs, the standby events are skipped', () => {
    const { events, skipped } = readWebhook(fixture('webhook.standby.botbuilder-dotnet.json'));
    assert.deepEqual(skipped, ['standby', 'standby']);
    assert.deepEqual(
      events.map((e) => [e.kind, e.psid, e.deliveryId]),
      [['turn', '0', 'AAAA-BBBB-CCCC']],
    );
  });

  it('maps the documented quick-reply event: the payload is the text, the title is kept', () => {
    const { events } = readWebhook(fixture('webhook.quick-reply.synthesized.json'));
    const activity = messageActivity(events[0] as TurnEvent, 'https://graph.facebook.com');
    assert.equal(activity.text, '<DEVELOPER_DEFINED_PAYLOAD>');
    assert.equal(activity.id, 'mid.1457764197618:41d102a3e1ae206a38');
    assert.equal(activity.from?.id, '<PSID>');
    assert.deepEqual(activity.value, {
      source: 'quick_reply',
      payload: '<DEVELOPER_DEFINED_PAYLOAD>',
      title: 'hello, world!',
    });
  });

  it('maps the documented postback event to a message whose text is the payload', () => {
    const { events } = readWebhook(fixture('webhook.postback.synthesized.json'));
    const activity = messageActivity(events[0] as TurnEvent, 'https://graph.facebook.com');
    assert.equal(activity.type, 'message');
    assert.equal(activity.text, 'USER-DEFINED-PAYLOAD');
    assert.equal(activity.id, 'm_MESSAGE-ID');
    assert.deepEqual(activity.value, {
      source: 'postback',
      payload: 'USER-DEFINED-PAYLOAD',
      title: 'TITLE-FOR-THE-CTA',
    });
  });

  it('reads the documented account-linking events as a link with its code, then an unlink', () => {
    const { events, skipped } = readWebhook(fixture('webhook.account-linking.synthesized.json'));
    assert.deepEqual(skipped, []);
    assert.deepEqual(events, [
      {
        kind: 'linked',
        psid: 'USER_ID',
        pageId: 'PAGE_ID',
        timestamp: 1234567890,
        deliveryId: 'USER_ID:1234567890:account_linking',
        authorizationCode: 'PASS_THROUGH_AUTHORIZATION_CODE',
      },
      {
        kind: 'unlinked',
        psid: 'USER_ID',
        pageId: 'PAGE_ID',
        timestamp: 1234567891,
        deliveryId: 'USER_ID:1234567891:account_linking',
      },
    ]);
  });

  it('accepts timestamps sent as strings, as Meta documents every property', () => {
    const event = {
      sender: { id: '1' },
      recipient: { id: '2' },
      timestamp: '1527459824',
      message: { text: 'hi' },
    };
    const { events } = readWebhook({ object: 'page', entry: [{ messaging: [event] }] });
    assert.deepEqual(
      events.map((e) => [e.timestamp, e.deliveryId]),
      [[1527459824, '1:1527459824:message']],
    );
  });

  it('refuses bodies that are not a webhook envelope with a coded error', () => {
    for (const body of [[], {}, 'text', { entry: 'nope' }, { object: 'page' }])
      assert.throws(() => readWebhook(body), { code: 'CHANNEL_ERR_BAD_PAYLOAD' });
    assert.deepEqual(readWebhook({ object: 'instagram', entry: [] }), {
      events: [],
      echoes: [],
      skipped: ['not_page'],
    });
  });
});
