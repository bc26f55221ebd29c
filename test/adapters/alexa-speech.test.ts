import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ALEXA_LIMITS,
  CARD_SEPARATOR,
  checkAlexaLimits,
  renderAlexaResponse,
} from '../../adapters/channels/alexa/response-renderer.js';
import { escapeXml, phraseAtoms, spokenMoney, toSsml } from '../../adapters/channels/alexa/speech.js';
import { renderText } from '../../bot/render-text.js';
import { amount, day, reply, say, sensitive } from '../../bot/reply.js';

const US = { locale: 'en-US', timeZone: 'America/New_York' };
const ssmlOf = (phrase: Parameters<typeof phraseAtoms>[0], options = US) =>
  toSsml(phraseAtoms(phrase, options), 8000);

describe('alexa spoken money', () => {
  const cases: [number, string, string][] = [
    [123456, 'USD', '1,234 dollars and 56 cents'],
    [101, 'USD', '1 dollar and 1 cent'],
    [56, 'USD', '56 cents'],
    [10000, 'USD', '100 dollars'],
    [-1587, 'USD', 'minus 15 dollars and 87 cents'],
    [685199, 'GBP', '6,851 pounds and 99 pence'],
    [101, 'GBP', '1 pound and 1 penny'],
    [250, 'EUR', '2 euros and 50 cents'],
  ];
  for (const [minor, currency, words] of cases) {
    it(`says ${minor} ${currency} as "${words}"`, () =>
      assert.equal(spokenMoney({ minor, currency }, 'en-US'), words));
  }

  it('names other currencies the way the locale does', () => {
    assert.equal(spokenMoney({ minor: 1500, currency: 'JPY' }, 'en-US'), '1,500 Japanese yen');
  });
});

describe('alexa SSML', () => {
  it('speaks amounts naturally and dates through say-as', () => {
    assert.equal(
      ssmlOf(say`Paid ${amount({ minor: 123456, currency: 'USD' })} on ${day('2026-11-18')}.`),
      '<speak>Paid 1,234 dollars and 56 cents on <say-as interpret-as="date">????1118</say-as>.</speak>',
    );
  });

  it('reads a masked number as its last digits and parentheses as pauses', () => {
    assert.equal(
      ssmlOf(say`Your Visa debit (${sensitive('••5556', 'accountNumber')}). Was it you?`),
      '<speak>Your Visa debit, ending in <say-as interpret-as="digits">5556</say-as>. Was it you?</speak>',
    );
  });

  it('escapes what the customer or bank wrote', () => {
    assert.equal(escapeXml(`<b> & "Joe's"`), '&lt;b&gt; &amp; &quot;Joe&apos;s&quot;');
    assert.equal(ssmlOf(say`at ${sensitive('AT&T <Store>')}`), '<speak>at AT&amp;T &lt;Store&gt;</speak>');
  });

  it('cuts long speech at a space, inside the limit, keeping the markup whole', () => {
    const ssml = toSsml([{ text: 'word & '.repeat(50) }], 120);
    assert.ok(ssml.length <= 120, `${ssml.length} characters`);
    assert.match(ssml, /^<speak>(word &amp; )+word(?: &amp;)?<\/speak>$/);
  });
});

describe('alexa response rendering', () => {
  const items = ['Chipotle', 'Sweetgreen', 'Starbucks', 'Verizon', 'Shell'].map((name, i) => ({
    title: say`${sensitive(name)} ${amount({ minor: -(i + 1) * 100, currency: 'USD' })}`,
    subtitle: say`${day(`2026-11-${String(20 - i)}`)}`,
  }));

  it('ends an item whose masked number closes it with a full stop, not ",."', () => {
    const cards = reply('Your cards:', {
      items: [{ title: say`Visa debit (${sensitive('••5556', 'accountNumber')})` }],
    });
    const ssml = renderAlexaResponse([cards], US).response.outputSpeech?.ssml ?? '';
    assert.match(ssml, /Visa debit, ending in <say-as interpret-as="digits">5556<\/say-as>\.<\/speak>$/);
    assert.doesNotMatch(ssml, /,\s*\./);
  });

  it('reads three list items as sentences and points to the app for the rest; the card shows all', () => {
    const listed = reply('Here are your 5 most recent transactions:', { items });
    const { response } = renderAlexaResponse([listed], US);
    const ssml = response.outputSpeech?.ssml ?? '';
    assert.match(ssml, /Chipotle minus 1 dollar, <say-as interpret-as="date">\?\?\?\?1120<\/say-as>\./);
    assert.match(ssml, /Starbucks minus 3 dollars/);
    assert.doesNotMatch(ssml, /Verizon/);
    assert.match(ssml, /And 2 more in the Alexa app\.<\/speak>$/);
    assert.deepEqual(response.card, { type: 'Simple', title: 'Your bank', content: renderText(listed, US) });
    assert.equal(response.shouldEndSession, true);
    assert.equal(response.reprompt, undefined);
  });

  it('offers choices as "You can say", reprompts and keeps the session open when input is expected', () => {
    const greeting = reply('Hi Alex! What would you like to do?', {
      choices: ["What's my balance?", 'Freeze my card'],
    });
    const { response } = renderAlexaResponse([greeting], US);
    assert.equal(
      response.outputSpeech?.ssml,
      '<speak>Hi Alex! What would you like to do? You can say What&apos;s my balance or Freeze my card.</speak>',
    );
    assert.deepEqual(response.reprompt, { outputSpeech: response.outputSpeech });
    assert.equal(response.shouldEndSession, false);
  });

  it('merges a turn: speech joined by breaks, the question reprompted, one card paragraph per message', () => {
    const help = reply('I can help with balances.', { choices: ['Balance'], expectsInput: true });
    const again = reply('Which card do you want to freeze?', { choices: ['Visa debit', 'Rewards Visa'] });
    const { response } = renderAlexaResponse([help, again], US);
    assert.equal(
      response.outputSpeech?.ssml,
      '<speak>I can help with balances.<break strength="strong"/>Which card do you want to freeze? You can say Visa debit or Rewards Visa.</speak>',
    );
    assert.equal(
      response.reprompt?.outputSpeech.ssml,
      '<speak>Which card do you want to freeze? You can say Visa debit or Rewards Visa.</speak>',
    );
    assert.equal(
      response.card?.type === 'Simple' && response.card.content,
      ['I can help with balances.', 'Which card do you want to freeze?'].join(CARD_SEPARATOR),
    );
  });

  it('ends the session after a goodbye or a handoff sentence', () => {
    const { response } = renderAlexaResponse(
      [reply('Goodbye! Come back any time.', { expectsInput: false })],
      US,
    );
    assert.equal(response.shouldEndSession, true);
  });

  it('shows the LinkAccount card when the reply asks to link the account', () => {
    const link = reply('Please link your bank account in the Alexa app.', {
      linkAccount: true,
      expectsInput: false,
    });
    const { response } = renderAlexaResponse([link], US);
    assert.deepEqual(response.card, { type: 'LinkAccount' });
    assert.equal(
      response.outputSpeech?.ssml,
      '<speak>Please link your bank account in the Alexa app.</speak>',
    );
  });

  it('stays within Alexa limits for huge replies', () => {
    const huge = reply('é'.repeat(9000), { items: [...items, ...items, ...items] });
    const envelope = renderAlexaResponse([huge, huge, huge, huge], US);
    checkAlexaLimits(envelope);
    assert.ok((envelope.response.outputSpeech?.ssml.length ?? 0) <= ALEXA_LIMITS.speechChars);
    assert.ok(Buffer.byteLength(JSON.stringify(envelope)) <= ALEXA_LIMITS.responseBytes);
    assert.throws(() =>
      checkAlexaLimits({
        version: '1.0',
        response: { outputSpeech: { type: 'SSML', ssml: `<speak>${'a'.repeat(8000)}</speak>` } },
      }),
    );
  });
});
