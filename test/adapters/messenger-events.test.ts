import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sandboxAccessToken } from '../../adapters/banks/sandbox.bank.js';
import {
  PAGE_ID,
  postWebhook,
  signBody,
  textsOf,
  webhookBody,
  startMessengerBot,
  type MessengerTestBot,
} from '../support/drivers/messenger.driver.js';

let clock = 1_763_000_000_000;
const from = (psid: string) => ({
  sender: { id: psid },
  recipient: { id: PAGE_ID },
  timestamp: (clock += 1),
});

describe('messenger events', () => {
  let bot: MessengerTestBot;
  before(async () => {
    bot = await startMessengerBot();
  });
  after(() => bot.close());

  const deliver = async (...events: object[]): Promise<void> => {
    assert.equal((await postWebhook(bot.baseUrl, webhookBody(events))).status, 200);
    await bot.channel.settle();
  };
  const link = (psid: string, customerId = 'alex') =>
    deliver({
      ...from(psid),
      account_linking: { status: 'linked', authorization_code: sandboxAccessToken(customerId) },
    });

  it('maps a postback to a message whose text is the payload', async () => {
    await deliver({
      ...from('psid-postback'),
      postback: { mid: 'm_pb_1', title: 'Yes, it was me', payload: 'yes' },
    });
    const activity = bot.activities.at(-1);
    assert.equal(activity?.type, 'message');
    assert.equal(activity?.channelId, 'messenger');
    assert.equal(activity?.text, 'yes');
    assert.equal(activity?.from?.id, 'psid-postback');
    assert.equal(activity?.conversation?.id, 'psid-postback');
    assert.equal(activity?.recipient?.id, PAGE_ID);
    assert.deepEqual(activity?.value, { source: 'postback', payload: 'yes', title: 'Yes, it was me' });
  });

  it('maps a quick-reply tap to a message with the choice value as text and the title kept', async () => {
    await deliver({
      ...from('psid-quick'),
      message: { mid: 'm_qr_1', text: "1. Joe's Pizza Nov 18", quick_reply: { payload: '1' } },
    });
    const activity = bot.activities.at(-1);
    assert.equal(activity?.text, '1');
    assert.equal(activity?.id, 'm_qr_1');
    assert.deepEqual(activity?.value, {
      source: 'quick_reply',
      payload: '1',
      title: "1. Joe's Pizza Nov 18",
    });
  });

  it('runs one turn for a message delivered twice, in separate requests or in one', async () => {
    const event = { ...from('psid-dup'), message: { mid: 'm_dup_1', text: 'hello' } };
    const turns = bot.turns();
    await deliver(event);
    // A redelivery is a new request with its own bytes (entry time differs) and signature.
    await deliver(event);
    await deliver(event, event);
    assert.equal(bot.turns(), turns + 1);
    assert.equal(bot.graph.sentTo('psid-dup').length, 1, 'one answer');
    assert.ok(bot.logs.some((log) => log.event === 'messenger.duplicate' && log.psid === 'psid-dup'));
  });

  it('deduplicates a postback without mid by sender and timestamp', async () => {
    const event = { ...from('psid-dup-pb'), postback: { title: 'Get started', payload: 'hello' } };
    const turns = bot.turns();
    await deliver(event);
    await deliver(event);
    assert.equal(bot.turns(), turns + 1);
  });

  it('links the PSID to the customer the account-linking token resolves to, and confirms', async () => {
    await deliver({ ...from('psid-link'), message: { mid: 'm_link_0', text: "what's my balance" } });
    assert.match(
      JSON.stringify(bot.graph.sentTo('psid-link')),
      /account_link/,
      'not linked yet: the log-in button',
    );
    await link('psid-link');
    assert.deepEqual(textsOf(bot.graph.sentTo('psid-link').slice(-1)), [
      "You're all set: your bank account is linked. What can I help you with?",
    ]);
    const mark = bot.graph.calls.length;
    await deliver({ ...from('psid-link'), message: { mid: 'm_link_1', text: "what's my balance" } });
    assert.match(textsOf(bot.graph.sentTo('psid-link', mark))[0] ?? '', /^Here are your balances/);
    const linked = bot.logs.find((log) => log.event === 'messenger.account_linked');
    assert.equal(linked?.psid, 'psid-link');
    assert.equal(linked?.customerId, 'alex');
  });

  it('refuses an authorization code the bank does not know, and offers the log-in button again', async () => {
    await deliver({
      ...from('psid-bad-code'),
      account_linking: { status: 'linked', authorization_code: 'forged' },
    });
    const [confirmation] = bot.graph.sentTo('psid-bad-code');
    assert.equal(confirmation?.message.attachment?.payload.buttons?.[0]?.type, 'account_link');
    assert.ok(
      bot.logs.some(
        (log) => log.event === 'messenger.account_link_refused' && log.code === 'BANK_ERR_UNAUTHORIZED',
      ),
    );
    const mark = bot.graph.calls.length;
    await deliver({ ...from('psid-bad-code'), message: { mid: 'm_bad_1', text: "what's my balance" } });
    assert.match(JSON.stringify(bot.graph.sentTo('psid-bad-code', mark)), /account_link/, 'still not linked');
  });

  it('tells the customer when the bank cannot answer during linking, and offers the button again', async () => {
    bot.sandbox.setFault('down');
    try {
      await link('psid-bank-down');
    } finally {
      bot.sandbox.setFault('none');
    }
    const [confirmation] = bot.graph.sentTo('psid-bank-down');
    assert.equal(
      confirmation?.message.attachment?.payload.text,
      "I can't reach your bank right now. Please try again in a few minutes.",
    );
    assert.equal(confirmation?.message.attachment?.payload.buttons?.[0]?.type, 'account_link');
    assert.ok(
      bot.logs.some(
        (log) => log.event === 'messenger.account_link_failed' && log.code === 'BANK_ERR_UNAVAILABLE',
      ),
    );
  });

  it('forgets the link on unlinked and confirms', async () => {
    await link('psid-unlink');
    await deliver({ ...from('psid-unlink'), account_linking: { status: 'unlinked' } });
    assert.match(textsOf(bot.graph.sentTo('psid-unlink')).at(-1) ?? '', /no longer linked/);
    assert.ok(
      bot.logs.some((log) => log.event === 'messenger.account_unlinked' && log.psid === 'psid-unlink'),
    );
    const mark = bot.graph.calls.length;
    await deliver({ ...from('psid-unlink'), message: { mid: 'm_unlink_1', text: "what's my balance" } });
    assert.match(JSON.stringify(bot.graph.sentTo('psid-unlink', mark)), /account_link/);
  });

  it('skips changes entries, unknown entries and events it does not handle, and still runs the message beside them', async () => {
    const psid = 'psid-mixed';
    const body = Buffer.from(
      JSON.stringify({
        object: 'page',
        entry: [
          { id: PAGE_ID, time: 1, changes: [{ field: 'feed', value: { item: 'post', verb: 'add' } }] },
          { id: PAGE_ID, time: 1, something_new: [{ a: 1 }] },
          'not an entry',
          {
            id: PAGE_ID,
            time: 1,
            messaging: [
              { ...from(psid), message: { mid: 'm_echo', text: 'echo', is_echo: true } },
              { ...from(psid), delivery: { mids: ['m_1'], watermark: 1 } },
              { ...from(psid), read: { watermark: 1 } },
              { ...from(psid), reaction: { reaction: 'love', mid: 'm_1', action: 'react' } },
              { recipient: { id: PAGE_ID }, optin: { ref: 'x', user_ref: 'u' } },
              { ...from(psid), message: { mid: 'm_mixed_1', text: 'hello' } },
            ],
          },
        ],
      }),
    );
    const turns = bot.turns();
    const result = await postWebhook(bot.baseUrl, body, signBody(body));
    await bot.channel.settle();
    assert.equal(result.status, 200);
    assert.equal(bot.turns(), turns + 1, 'only the message ran');
    const skipped = bot.logs.filter((log) => log.event === 'messenger.skipped').at(-1)?.reasons;
    assert.deepEqual(skipped, [
      'changes',
      'unknown_entry',
      'bad_entry',
      'echo',
      'unhandled_event',
      'unhandled_event',
      'unhandled_event',
      'bad_event',
    ]);
  });

  // The timeout only turns a regression (webhook waiting for the held send: a deadlock) into a failure.
  it('acknowledges before the reply is sent', { timeout: 30_000 }, async () => {
    let release = (): void => undefined;
    bot.graph.script({
      status: 200,
      body: { message_id: 'm_held' },
      hold: new Promise<void>((resolve) => (release = resolve)),
    });
    const mark = bot.graph.calls.length;
    const result = await postWebhook(
      bot.baseUrl,
      webhookBody([{ ...from('psid-fast'), message: { mid: 'm_fast', text: 'hello' } }]),
    );
    // The Graph server has not answered yet: a webhook that waited for the turn could not have returned.
    assert.equal(result.status, 200);
    assert.equal(result.text, 'EVENT_RECEIVED');
    release();
    await bot.channel.settle();
    assert.equal(bot.graph.sentTo('psid-fast', mark).length, 1);
  });
});
