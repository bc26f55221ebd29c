import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../bot/config.js';
import { disclosurePolicies, type DisclosurePolicy } from '../../bot/disclosure/policy.js';
import {
  appMessageOf,
  deliverAmounts,
  deliveryOf,
  disclosuresOf,
  shapeForChannel,
} from '../../bot/disclosure/present.js';
import { maskNumber, sentencesOf, withholdSentences } from '../../bot/disclosure/redact.js';
import { money } from '../../bot/money.js';
import { renderPhrase, renderText } from '../../bot/render-text.js';
import { amount, day, reply, say, sensitive, type Reply } from '../../bot/reply.js';

const US = { locale: 'en-US', timeZone: 'America/New_York' };
const policies = disclosurePolicies(loadConfig({}, '/nonexistent'));
const alexa = policies('alexa');
const AMOUNTS = new Set(['balance', 'transaction'] as const);
const NOTE = "I've put the details on a card in your Alexa app.";

const balance = reply(
  say`Your Everyday Checking (${sensitive('4000001234566789', 'accountNumber')}) balance is ${amount(money(696737, 'USD'), 'balance')}. Anything else?`,
  { expectsInput: true },
);
const list = (count: number, extras: { choices?: string[] } = {}): Reply =>
  reply(`Here are your ${count} most recent transactions:`, {
    items: Array.from({ length: count }, (_, i) => ({
      title: say`${sensitive(`Shop ${i + 1}`)} ${amount(money(-100 * (i + 1), 'USD'))}`,
      subtitle: say`${day('2026-11-20')}`,
    })),
    ...extras,
  });
const spoken = (value: Reply) => renderPhrase(value.speech ?? value.text, US);

describe('disclosure policies', () => {
  it('shows everything on the console and playground, masks and caps on Messenger, steps up on voice', () => {
    assert.deepEqual(
      ['console', 'playground'].map((c) => [policies(c).amounts, policies(c).maskDigits]),
      [
        ['show', undefined],
        ['show', undefined],
      ],
    );
    assert.deepEqual([policies('messenger').maskDigits, policies('messenger').maxListItems], [4, 3]);
    assert.deepEqual(
      [alexa.amounts, alexa.fallback, policies('google').amounts],
      ['step-up', 'card', 'step-up'],
    );
    assert.equal(
      policies('some-new-channel'),
      policies('messenger'),
      'an unknown channel gets the text policy',
    );
  });

  it('reads each channel from its settings', () => {
    const set = disclosurePolicies(
      loadConfig(
        {
          ALEXA_AMOUNTS: 'app',
          GOOGLE_AMOUNTS_FALLBACK: 'app',
          MESSENGER_MAX_LIST_ITEMS: '5',
          MASK_DIGITS: '2',
        },
        '/nonexistent',
      ),
    );
    assert.equal(set('alexa').amounts, 'app');
    assert.equal(set('google').fallback, 'app');
    assert.deepEqual([set('messenger').maxListItems, set('messenger').maskDigits], [5, 2]);
    assert.throws(() => loadConfig({ ALEXA_AMOUNTS: 'loud' }, '/nonexistent'), /ALEXA_AMOUNTS/);
    assert.throws(() => loadConfig({ MASK_DIGITS: '6' }, '/nonexistent'), /MASK_DIGITS/);
  });

  it('delivers amounts on step-up channels only with a verified step-up, else as the fallback says', () => {
    assert.equal(deliveryOf(alexa, true), 'show');
    assert.equal(deliveryOf(alexa, false), 'card');
    assert.equal(deliveryOf({ ...alexa, fallback: 'app' }, false), 'app');
    assert.equal(deliveryOf({ ...alexa, amounts: 'card' }, true), 'card');
    assert.equal(deliveryOf(policies('messenger'), false), 'show');
  });
});

describe('masking and list caps', () => {
  it('cuts any account or card number to its last four digits, whatever the bank sent', () => {
    const [masked] = shapeForChannel(balance, policies('messenger'));
    assert.equal(
      renderText(masked ?? balance, US),
      'Your Everyday Checking (••6789) balance is $6,967.37. Anything else?',
    );
    assert.equal(maskNumber('••6789', 2), '••89');
    assert.equal(maskNumber('Visa', 4), 'Visa', 'no digits, nothing to mask');
    const [console] = shapeForChannel(balance, policies('console'));
    assert.equal(console, balance, 'the console shows it as the dialog wrote it');
  });

  it('lists 3 transactions at most on Messenger and counts the rest in a second reply', () => {
    const [first, rest, ...more] = shapeForChannel(list(5), policies('messenger'));
    assert.equal(more.length, 0);
    assert.equal(first?.items?.length, 3);
    assert.equal(first?.expectsInput, false);
    assert.equal(renderText(rest ?? list(0), US), '2 more are in your banking app.');
    const [one, note] = shapeForChannel(list(4), policies('messenger'));
    assert.equal(one?.items?.length, 3);
    assert.equal(renderText(note ?? list(0), US), '1 more is in your banking app.');
  });

  it('never cuts the options of a question', () => {
    const question = list(5, { choices: ['1', '2', '3', '4', '5'] });
    assert.deepEqual(shapeForChannel(question, policies('messenger')), [question]);
  });
});

describe('amounts on voice', () => {
  it('splits a phrase into sentences only at plain-text boundaries', () => {
    const phrase = say`That's ${amount(money(4210, 'USD'))} at ${sensitive('Joe. Pizza')}. It is still pending. Was it you?`;
    assert.deepEqual(
      sentencesOf(phrase).map((s) => renderPhrase(s, US)),
      ["That's $42.10 at Joe. Pizza.", 'It is still pending.', 'Was it you?'],
    );
    const joined = [...say`Done. Your card is ${amount(money(100, 'USD'))}.`, ' Say "unfreeze".'];
    assert.deepEqual(
      sentencesOf(joined).map((s) => renderPhrase(s, US)),
      ['Done.', 'Your card is $1.00.', 'Say "unfreeze".'],
    );
  });

  it('keeps the sentences with amounts off the speech, the note in their place, the card unchanged', () => {
    const card = deliverAmounts(balance, alexa, 'card');
    assert.equal(spoken(card), `I've put the amounts on a card in your Alexa app. Anything else?`);
    assert.deepEqual(card.text, balance.text);
    const question = reply(
      say`That's ${amount(money(4210, 'USD'))} at ${sensitive("Joe's Pizza")}. It is still pending. Was it you?`,
    );
    assert.equal(spoken(deliverAmounts(question, alexa, 'card')), `${NOTE} It is still pending. Was it you?`);
  });

  it('reads no list items with amounts, and ends the introduction with a full stop', () => {
    const card = deliverAmounts(list(5), alexa, 'card');
    assert.equal(spoken(card), `Here are your 5 most recent transactions. ${NOTE}`);
    assert.equal(card.items?.length, 5, 'the card lists them all');
  });

  it('on Google says the details are on the screen', () => {
    assert.equal(
      spoken(deliverAmounts(list(2), policies('google'), 'card')),
      "Here are your 2 most recent transactions. I've put the details on your screen.",
    );
  });

  it('sent to the app: neither said nor shown, the app message holding them', () => {
    const app = deliverAmounts(balance, alexa, 'app');
    assert.equal(renderText(app, US), "I've sent the amounts to your banking app. Anything else?");
    assert.equal(app.speech, undefined);
    const listed = deliverAmounts(list(3), alexa, 'app');
    assert.equal(
      renderText(listed, US),
      "Here are your 3 most recent transactions. I've sent the details to your banking app.",
    );
    assert.equal(listed.items, undefined);
    assert.deepEqual(appMessageOf(list(1), US), {
      title: 'Your transactions',
      body: 'Here are your 1 most recent transactions:\n• Shop 1 -$1.00 (Nov 20)',
    });
  });

  it('leaves replies without amounts alone', () => {
    const plain = reply(say`Hi ${sensitive('Alex', 'personal')}!`);
    assert.equal(deliverAmounts(plain, alexa, 'card'), plain);
    assert.equal(deliverAmounts(plain, alexa, 'app'), plain);
    assert.deepEqual(withholdSentences(plain.text, AMOUNTS, NOTE), plain.text);
  });
});

describe('what is audited', () => {
  const voice: DisclosurePolicy = alexa;
  it('records each class once per reply, by how it reached the customer, never the value', () => {
    assert.deepEqual(disclosuresOf(balance, policies('messenger')), [
      { category: 'accountNumber', via: 'text' },
      { category: 'balance', via: 'text' },
    ]);
    assert.deepEqual(disclosuresOf(balance, voice), [
      { category: 'accountNumber', via: 'voice' },
      { category: 'balance', via: 'voice' },
    ]);
    assert.deepEqual(disclosuresOf(deliverAmounts(balance, voice, 'card'), voice), [
      { category: 'accountNumber', via: 'screen' },
      { category: 'balance', via: 'screen' },
    ]);
    assert.deepEqual(disclosuresOf(reply('Goodbye!'), voice), []);
  });
});
