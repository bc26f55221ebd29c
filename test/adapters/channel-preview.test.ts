import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createChannelPreview } from '../../adapters/channels/preview/channel-preview.js';
import { speechText } from '../../adapters/channels/preview/speech-text.js';
import { previewLines } from '../../bot/cli/channel-preview.js';
import { amount, reply, say } from '../../bot/reply.js';
import { toActivity } from '../../bot/turn.js';

const FORMAT = { locale: 'en-US', timeZone: 'UTC' };
const preview = createChannelPreview({ defaults: FORMAT, linkUrl: 'https://bank.example/link' });
const linkPlease = toActivity(reply('Please link your account.', { linkAccount: true }), FORMAT);
const handoff = {
  type: 'event',
  name: 'handoff.initiate',
  value: { reason: 'customer_request', topics: [] },
};

describe('channel preview', () => {
  it('reads SSML as the words spoken: pauses as spaces, markup dropped, entities decoded', () => {
    assert.equal(
      speechText(
        '<speak>Tesco &amp; Co<break strength="strong"/>owes <say-as interpret-as="digits">12</say-as> &lt;3&gt;</speak>',
      ),
      'Tesco & Co owes 12 <3>',
    );
  });

  it("shows Messenger's log-in button, Alexa's LinkAccount card and Google's sign-in", () => {
    const messenger = preview.render('messenger', [linkPlease], { recipientId: 'PSID-1' });
    assert.deepEqual(messenger.view, {
      channel: 'messenger',
      bubbles: [
        {
          kind: 'buttons',
          text: 'Please link your account.',
          buttons: [{ title: 'Log in', logIn: true }],
          quickReplies: [],
        },
      ],
    });
    assert.deepEqual((messenger.native as { recipient: { id: string } }[])[0]?.recipient, { id: 'PSID-1' });
    const alexa = preview.render('alexa', [linkPlease], { recipientId: 'x' });
    assert.deepEqual(alexa.view.channel === 'alexa' && alexa.view.card, { kind: 'link-account' });
    const google = preview.render('google', [linkPlease], { recipientId: 'x' });
    assert.ok(google.view.channel === 'google' && google.view.signIn);
  });

  it('renders money in the reply locale and marks a handoff and the end of a voice session', () => {
    const balance = toActivity(
      reply(say`You have ${amount({ minor: 123456, currency: 'GBP' }, 'balance')}.`),
      {
        locale: 'en-GB',
        timeZone: 'Europe/London',
      },
    );
    const alexa = preview.render('alexa', [balance, handoff], { recipientId: 'x' });
    assert.equal(alexa.handoff, true);
    assert.equal(alexa.ends, true);
    assert.ok(
      alexa.view.channel === 'alexa' && alexa.view.speech?.text.includes('1,234 pounds and 56 pence'),
    );
    const printed = preview.render('console', [balance, handoff], { recipientId: 'x' });
    assert.deepEqual(printed.native, ['You have £1,234.56.', '(handing over to a member of the team)']);
    assert.equal(printed.ends, false);
  });

  it('prints a turn for bankbot chat as a summary, or raw as one JSON payload per line', () => {
    const question = toActivity(
      reply('Which card?', { choices: [{ title: 'Visa debit', value: '1' }] }),
      FORMAT,
    );
    const messenger = preview.render('messenger', [question], { recipientId: 'PSID' });
    assert.deepEqual(previewLines(messenger, false), ['💬 Which card?', '   quick replies: (Visa debit)']);
    const raw = previewLines(messenger, true);
    assert.equal(raw.length, 1);
    assert.deepEqual(JSON.parse(raw[0] ?? ''), (messenger.native as unknown[])[0]);
    const google = preview.render('google', [question], { recipientId: 'x' });
    assert.deepEqual(previewLines(google, false), [
      '💬 Which card?',
      '   suggestions: (Visa debit)',
      '   microphone: open',
    ]);
  });
});
